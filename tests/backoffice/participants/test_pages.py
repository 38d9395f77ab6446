"""The participants page: access, filters (each one), counts, decision buttons, pagination."""
import pytest

from matchfair.extensions import db
from matchfair.timeutil import utcnow


def url(event, **args):
    return f"/evenements/{event.id}/participants", args


def names(client, event, **args):
    path, query = url(event, **args)
    response = client.get(path, query_string=query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/evenements/{id}/participants", "/evenements/{id}/participants/message"])
def test_access(client, login, event, organiser_user, other_organiser, sse_admin, path):
    target = path.format(id=event.id)
    assert "/connexion" in client.get(target).headers["Location"]
    posts = target.endswith("/message")
    if posts:
        assert "/connexion" in client.post(target).headers["Location"]
    for user in (other_organiser, sse_admin):
        login(user)
        assert client.get(target).status_code == 404
        if posts:
            assert client.post(target, data={"subject": "x", "body": "y", "action": "send"}).status_code == 404
    login(organiser_user)
    assert client.get(target).status_code == 200
    assert client.get(path.format(id=999999)).status_code == 404


def test_lists_every_status_with_counts_and_decision_buttons(client, login, event, organiser_user, register):
    pending = register(event, name="Atelier Pending")
    register(event, status="approved", name="Coop Approved")
    register(event, status="refused", name="Asso Refused")
    register(event, status="cancelled", name="Scop Cancelled")
    login(organiser_user)
    html = names(client, event)
    for name in ("Atelier Pending", "Coop Approved", "Asso Refused", "Scop Cancelled"):
        assert name in html
    assert "Toutes : 4" in html and "En attente de validation : 1" in html
    assert f'action="/evenements/{event.id}/inscriptions/{pending.id}/valider"' in html
    assert f'action="/evenements/{event.id}/inscriptions/{pending.id}/refuser"' in html


def test_filter_by_search_on_name_and_email(client, login, event, organiser_user, register):
    found = register(event, name="Les Jardins de Cocagne")
    register(event, name="Recyclerie du Lauragais")
    login(organiser_user)
    html = names(client, event, q="cocagne")
    assert "Les Jardins de Cocagne" in html and "Recyclerie" not in html
    email = found.attendees[0].user.email
    html = names(client, event, q=email.upper())
    assert "Les Jardins de Cocagne" in html and "Recyclerie" not in html
    assert "Aucune organisation ne correspond" in names(client, event, q="100%_introuvable")


def test_filter_by_kind_status_department(client, login, event, organiser_user, register):
    register(event, name="Coop Toulouse", department_code="31")
    register(event, kind="buyer", name="Ville d'Albi", department_code="81", status="approved")
    login(organiser_user)
    html = names(client, event, type="buyer")
    assert "Ville d&#39;Albi" in html and "Coop Toulouse" not in html
    html = names(client, event, statut="pending")
    assert "Coop Toulouse" in html and "Albi" not in html
    html = names(client, event, departement="81")
    assert "Albi" in html and "Coop Toulouse" not in html
    assert '<option value="81"' in html


def test_filter_sse_without_booked_meeting(client, login, event, organiser_user, slots, tables, make_participant,
                                           make_meeting, book):
    buyer = make_participant("buyer")
    booked, accepted_only, alone = make_participant(), make_participant(), make_participant()
    book(make_meeting(booked, buyer), slots[0], tables[0])
    make_meeting(accepted_only, buyer)  # accepted, not booked: still "sans rendez-vous"
    login(organiser_user)
    html = names(client, event, sans_rdv="1")
    assert booked.organisation.name not in html
    assert accepted_only.organisation.name in html and alone.organisation.name in html
    assert buyer.organisation.name not in html  # only SSE companies


def test_filter_by_presence(client, login, event, organiser_user, register):
    here = register(event, status="approved", name="Arrivée SCIC")
    register(event, status="approved", name="Absente SCOP")
    here.attendees[0].checked_in_at = utcnow()
    db.session.commit()
    login(organiser_user)
    html = names(client, event, presence="present")
    assert "Arrivée SCIC" in html and "Absente SCOP" not in html and "présent·e" in html
    html = names(client, event, presence="absent")
    assert "Absente SCOP" in html and "Arrivée SCIC" not in html


def test_unknown_filter_values_are_ignored_and_pages_follow(client, login, app, event, organiser_user, register):
    for n in range(app.config["PER_PAGE"] + 1):
        register(event, name=f"Structure {n:03d}")
    login(organiser_user)
    first = names(client, event, type="pirate", statut="nope", page="abc")
    assert "Structure 000" in first and f"Structure {app.config['PER_PAGE']:03d}" not in first
    assert f"Structure {app.config['PER_PAGE']:03d}" in names(client, event, page=2)


def test_empty_event_says_what_to_do(client, login, event, organiser_user):
    login(organiser_user)
    assert "encore inscrite. Publiez l" in names(client, event)


def test_approve_from_the_page_uses_the_registration_route(client, login, event, organiser_user, register,
                                                          outbox):
    registration = register(event, name="Coop à valider")
    login(organiser_user)
    response = client.post(f"/evenements/{event.id}/inscriptions/{registration.id}/valider")
    assert response.status_code == 302
    db.session.refresh(registration)
    assert registration.status == "approved"


def test_without_booked_meeting_means_approved_companies_unless_a_status_is_chosen(client, login, event,
                                                                                   organiser_user, register):
    """A pending or refused company cannot book a meeting: "no meeting yet" does not write to it."""
    register(event, status="approved", name="Validée SCIC")
    register(event, status="pending", name="En attente SCOP")
    register(event, status="refused", name="Refusée Asso")
    login(organiser_user)
    html = names(client, event, sans_rdv="1")
    assert "Validée SCIC" in html and "En attente SCOP" not in html and "Refusée Asso" not in html
    html = names(client, event, sans_rdv="1", statut="pending")
    assert "En attente SCOP" in html and "Validée SCIC" not in html
