"""Bugs found by QA on the social-clause pages (issue 7), each checked here so that it stays fixed."""
import re

import pytest
from sqlalchemy import func, select

from matchfair.clauses.models import ClauseProposal, InsertionHours, SupportStatus
from matchfair.extensions import db
from matchfair.needs.models import Need, SocialClause
from tests import factories

from .conftest import add_hours, add_support, make_facilitator, text_of

ISSUE_PROPOSAL = {"amount_eur": "2 400 000", "labour_share_pct": "80", "hourly_cost_cents": "32",
                  "insertion_rate_tenths": "2"}


def _proposals() -> int:
    return db.session.scalar(select(func.count()).select_from(ClauseProposal))


# --- Once awarded, no more proposals -------------------------------------------------------------------

def test_no_proposal_once_the_need_is_awarded(client, login, plie, winner, make_need):
    """Found: after the award the facilitator could still propose; the buyer then saw a new figure
    "waiting for the buyer" that it could never adopt, and the adopted one went to "previous"."""
    need = make_need("awarded", winner=winner.org)
    add_support(need, plie.org)
    login(plie.user)
    page = text_of(client.get(f"/besoins/{need.id}/clause-sociale"))
    assert "Calculer et proposer à l'acheteur" not in page
    assert "Enregistrer les heures" in page  # the hours are still recorded there
    response = client.post(f"/besoins/{need.id}/clause-sociale/proposition", data=ISSUE_PROPOSAL)
    assert response.status_code in (302, 400)
    assert _proposals() == 0


# --- A proposal of no hours ----------------------------------------------------------------------------

@pytest.mark.parametrize("figures", [
    # 1 000 € × 1 % ÷ 500 €/h × 0,1 % = 0 hours
    {"amount_eur": "1000", "labour_share_pct": "1", "hourly_cost_cents": "500", "insertion_rate_tenths": "0,1"},
    # 2 000 000 000 € × 100 % ÷ 10 €/h × 100 % = 200 000 000 hours, more than a need's form takes
    {"amount_eur": "2000000000", "labour_share_pct": "100", "hourly_cost_cents": "10", "insertion_rate_tenths": "100"},
])
def test_a_calibration_outside_1_to_1_000_000_hours_is_refused_next_to_the_rate(client, login, plie, make_need,
                                                                               figures):
    """Found: 1 000 € × 1 % ÷ 500 €/h × 0,1 % gave a proposal of 0 hours, which the buyer could adopt
    (the need then carried an execution clause of no hours)."""
    need = make_need(social_clause="none")
    add_support(need, plie.org)
    login(plie.user)
    response = client.post(f"/besoins/{need.id}/clause-sociale/proposition", data=figures)
    assert response.status_code == 400
    assert 'id="insertion_rate_tenths-error"' in response.get_data(as_text=True)
    assert "un besoin en porte entre 1 et 1 000 000" in text_of(response)
    assert _proposals() == 0
    assert db.session.get(Need, need.id).social_clause == SocialClause.NONE


def test_the_invited_facilitator_on_a_draft_gets_no_dead_link(client, login, buyer, plie, make_need):
    """Found: on a draft the buyer invited it on, the facilitator's clause page linked the title to
    the need's page, which is the buyer's only (404)."""
    draft = make_need("draft")
    add_support(draft, plie.org)
    login(plie.user)
    page = client.get(f"/besoins/{draft.id}/clause-sociale").get_data(as_text=True)
    assert f'href="/besoins/{draft.id}"' not in page
    assert client.get(f"/besoins/{draft.id}").status_code == 404
    login(buyer.user)
    assert f'href="/besoins/{draft.id}"' in client.get(f"/besoins/{draft.id}/clause-sociale").get_data(as_text=True)


# --- Hours: only the facilitator still helping removes them --------------------------------------------

def test_a_facilitator_whose_help_ended_cannot_remove_the_hours(client, login, plie, winner, make_need):
    """Found: once the buyer ended its help, the facilitator could still delete the hours it had
    recorded (by posting the form the page no longer showed)."""
    need = make_need("awarded", winner=winner.org)
    support = add_support(need, plie.org)
    row = add_hours(need, plie.org, winner.org, 140)
    support.status = SupportStatus.ENDED
    db.session.commit()
    login(plie.user)
    assert client.post(f"/clause-sociale/heures/{row.id}/supprimer").status_code == 404
    assert db.session.get(InsertionHours, row.id) is not None


def test_the_helping_facilitator_still_removes_its_hours(client, login, plie, winner, make_need):
    need = make_need("awarded", winner=winner.org)
    add_support(need, plie.org)
    row = add_hours(need, plie.org, winner.org, 140)
    login(plie.user)
    assert client.post(f"/clause-sociale/heures/{row.id}/supprimer").status_code == 302
    assert db.session.get(InsertionHours, row.id) is None


# --- One active facilitator: no accept button that can only be refused ---------------------------------

def test_no_accept_button_while_another_facilitator_helps(client, login, buyer, plie, make_need):
    """Found: with the PLIE helping, the buyer was still offered "Accepter son aide" on a second offer,
    and pressing it only brought an error."""
    need = make_need()
    add_support(need, plie.org)
    other = make_facilitator("Maison de l'emploi du Muretain")
    add_support(need, other.org, SupportStatus.OFFERED)
    login(buyer.user)
    page = text_of(client.get(f"/besoins/{need.id}/clause-sociale"))
    assert "Maison de l'emploi du Muretain propose son aide" in page
    assert "Accepter son aide" not in page
    assert "Décliner" in page


# --- The board before the territory is set --------------------------------------------------------------

def test_the_board_without_territory_says_what_to_do(client, login):
    """Found: "Maison de l'emploi de l'Aude couvre : ." and, under the filters, advice to widen
    filters that could not show anything."""
    org = factories.OrganisationFactory(kind="facilitator", name="Maison de l'emploi de l'Aude",
                                        department_code="11")
    user = factories.MembershipFactory(organisation=org).user
    login(user)
    page = text_of(client.get("/facilitateur"))
    assert "couvre : ." not in page and "couvre :" not in page
    assert "Votre territoire n'est pas encore indiqué" in page
    assert "Aucun besoin ne correspond" not in page
    assert 'name="voir"' not in page


# --- The English pages take the numbers their help texts show --------------------------------------------

def test_an_amount_with_english_thousands_separators(client, login, plie, make_need):
    """Found: the English help says "for example 2,400,000" but "2,400,000" was refused."""
    need = make_need()
    add_support(need, plie.org)
    login(plie.user)
    with client.session_transaction() as session:
        session["lang"] = "en"
    page = text_of(client.get(f"/besoins/{need.id}/clause-sociale"))
    assert "for example 2,400,000" in page
    response = client.post(f"/besoins/{need.id}/clause-sociale/proposition",
                           data=dict(ISSUE_PROPOSAL, amount_eur="2,400,000"))
    assert response.status_code == 302
    assert db.session.scalar(select(ClauseProposal.hours)) == 1200


def test_a_french_decimal_comma_stays_refused(client, login, plie, make_need):
    need = make_need()
    add_support(need, plie.org)
    login(plie.user)
    response = client.post(f"/besoins/{need.id}/clause-sociale/proposition",
                           data=dict(ISSUE_PROPOSAL, amount_eur="2,400"))
    assert response.status_code == 400
    assert _proposals() == 0


# --- 360 px: the hours tables stay in the page, and can be scrolled by keyboard -----------------------

@pytest.mark.browser
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_hours_tables_fit_a_phone_and_pass_axe(phone_page, live_server, plie, buyer, winner, make_need,
                                                   assert_accessible):
    """Found at 360 px: the hidden "Action" header of the hours table made the page 384 px wide, and
    axe flagged the scrolling tables (scrollable-region-focusable) for the buyer and the winner."""
    need = make_need("awarded", winner=winner.org)
    add_support(need, plie.org)
    structure = factories.OrganisationFactory(name="Structure d'insertion au nom particulièrement long")
    from matchfair.organisations.models import OrganisationStatus
    db.session.add(OrganisationStatus(organisation_id=structure.id, status="siae"))
    db.session.commit()
    add_hours(need, plie.org, winner.org, 140)
    add_hours(need, plie.org, structure, 25)
    for user in (plie.user, buyer.user):
        phone_page.context.clear_cookies()
        phone_page.goto("/connexion")
        phone_page.locator("#email").fill(user.email)
        phone_page.locator("#password").fill(factories.PASSWORD)
        phone_page.locator("main form[method=post] button[type=submit]").last.click()
        phone_page.wait_for_url(re.compile(r"^(?!.*/connexion)"))
        phone_page.goto(f"/besoins/{need.id}/clause-sociale")
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(phone_page)
