"""The printable schedules fit a 360 px phone with the names of a real fair (long organisation, table,
person and need names, as in the demo data), not only with the factories' short ones."""
import pytest

from matchfair.extensions import db

from .test_browser import _sign_in

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def real_names(schedule, make_need):
    names = {schedule.sse1: ("Bigorre Propreté Insertion", "Véronique Nguyen"),
             schedule.sse2: ("Ressourcerie du Touch", "Cédric Tournier"),
             schedule.buyer: ("Département de la Haute-Garonne", "Aurélien Dupuy"),
             schedule.stand: ("Toulouse Métropole Habitat", "Benoît Couderc")}
    for participant, (org, person) in names.items():
        participant.organisation.name = org
        participant.user.full_name = person
    schedule.tables[3].name = "Stand Région Occitanie"
    need = make_need(schedule.buyer.organisation, "Collecte et recyclage des équipements électriques des collèges")
    for meeting in schedule.booked:
        meeting.need_id = need.id
    db.session.commit()
    return schedule


@pytest.mark.parametrize("lang", ["fr", "en"])  # in English the hours are longer: "9:00 AM–9:25 AM"
@pytest.mark.parametrize("name", ["/rendez-vous-par-table", "/rendez-vous-par-personne"])
def test_schedules_fit_a_phone_with_real_names(phone_page, organiser_user, event, real_names, name, lang,
                                                assert_accessible):
    _sign_in(phone_page, organiser_user)
    phone_page.goto(f"/langue?lang={lang}")
    phone_page.goto(f"/evenements/{event.id}/exports{name}")
    assert phone_page.locator(".export-table").first.is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone_page)  # the table that scrolls sideways can be scrolled with the keyboard


WORD_SPLIT = """(name) => {
  const cell = Array.from(document.querySelectorAll('.export-table td')).find(td => td.textContent.trim() === name);
  const text = cell.firstChild, range = document.createRange();
  let from = 0, split = [];
  for (const word of name.split(' ')) {
    const start = text.textContent.indexOf(word, from);
    range.setStart(text, start); range.setEnd(text, start + word.length);
    if (range.getClientRects().length > 1) split.push(word);
    from = start + word.length;
  }
  return split;
}"""


def test_a_table_name_is_not_cut_in_the_middle_of_a_word(phone_page, organiser_user, event, real_names):
    _sign_in(phone_page, organiser_user)
    phone_page.goto(f"/evenements/{event.id}/exports/rendez-vous-par-personne")
    assert phone_page.evaluate(WORD_SPLIT, "Stand Région Occitanie") == []
