"""The journal pages: who may read them, what they show, their filters."""
from datetime import timedelta

import pytest

from matchfair.backoffice import audit
from matchfair.backoffice.models import AuditEntry
from matchfair.extensions import db
from matchfair.programme import events_registrations
from matchfair.timeutil import utcnow
from tests import factories


@pytest.fixture
def decided(event, organiser_user, register):
    registration = register(event, name="Région Occitanie", kind="buyer")
    events_registrations.decide(organiser_user, registration, True)
    db.session.commit()
    return registration


def test_event_journal_access(client, login, event, organiser_user, other_organiser, sse_admin):
    url = f"/evenements/{event.id}/journal"
    response = client.get(url)
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    for user in (other_organiser, sse_admin):
        login(user)
        assert client.get(url).status_code == 404
    login(organiser_user)
    assert client.get(url).status_code == 200
    assert client.get("/evenements/999999/journal").status_code == 404


def test_event_journal_reads_as_sentences_newest_first(client, login, event, organiser_user, decided):
    entry = db.session.query(AuditEntry).one()
    entry.created_at = entry.created_at.replace(month=1, day=12, hour=9, minute=32)  # 10:32 in Paris (winter)
    audit.record(organiser_user, "something.unknown", event=event)
    db.session.commit()
    login(organiser_user)
    html = client.get(f"/evenements/{event.id}/journal").get_data(as_text=True)
    expected = f"12/01 10:32</time>\n    <span> – {organiser_user.full_name} a validé l&#39;inscription de Région Occitanie"
    assert expected in html
    assert "action « something.unknown »" in html
    assert html.index("something.unknown") < html.index("Région Occitanie")


def test_event_journal_filters_by_family_and_person(client, login, event, organiser_user, decided):
    colleague = factories.MembershipFactory(organisation=organiser_user.memberships[0].organisation).user
    audit.record(colleague, "message.sent", event=event, subject="Bienvenue", recipients=3, filter={})
    db.session.commit()
    login(organiser_user)
    url = f"/evenements/{event.id}/journal"
    html = client.get(url, query_string={"famille": "messages"}).get_data(as_text=True)
    assert "Bienvenue" in html and "Région Occitanie" not in html
    html = client.get(url, query_string={"personne": organiser_user.id}).get_data(as_text=True)
    assert "Bienvenue" not in html and "Région Occitanie" in html
    html = client.get(url, query_string={"famille": "besoins"}).get_data(as_text=True)
    assert "Aucune action ne correspond" in html


def test_event_journal_paginates(client, login, app, event, organiser_user):
    per_page = app.config["PER_PAGE"]
    for n in range(per_page + 2):
        entry = audit.record(organiser_user, "session.created", event=event, title=f"Séance n°{n:03d}")
        entry.created_at = utcnow() - timedelta(minutes=1000 - n)
    db.session.commit()
    login(organiser_user)
    first = client.get(f"/evenements/{event.id}/journal").get_data(as_text=True)
    second = client.get(f"/evenements/{event.id}/journal?page=2").get_data(as_text=True)
    assert f"n°{per_page + 1:03d}" in first and "n°000" not in first
    assert "n°000" in second


def test_empty_journal_says_what_will_appear(client, login, event, organiser_user):
    login(organiser_user)
    assert "Aucune action enregistrée" in client.get(f"/evenements/{event.id}/journal").get_data(as_text=True)


def test_organiser_journal_access(client, login, organiser_user, sse_admin, buyer_admin):
    assert "/connexion" in client.get("/journal").headers["Location"]
    for user in (sse_admin, buyer_admin):
        login(user)
        assert client.get("/journal").status_code == 404
    login(organiser_user)
    assert client.get("/journal").status_code == 200


def test_organiser_journal_shows_its_events_and_need_publications(client, login, event, organiser_user,
                                                                 other_organiser, decided, make_need, buyer_admin):
    make_need(status="published", title="Nettoyage des écoles")
    audit.record(other_organiser, "event.created", organisation=other_organiser.memberships[0].organisation,
                 name="Salon d'ailleurs")
    db.session.commit()
    login(organiser_user)
    html = client.get("/journal").get_data(as_text=True)
    assert "Région Occitanie" in html and "Rencontres ESS &amp; achat public" in html
    assert "a publié le besoin « Nettoyage des écoles »" in html
    assert "Salon d&#39;ailleurs" not in html
    login(other_organiser)
    html = client.get("/journal").get_data(as_text=True)
    assert "Région Occitanie" not in html and "Nettoyage des écoles" in html and "Salon d&#39;ailleurs" in html
