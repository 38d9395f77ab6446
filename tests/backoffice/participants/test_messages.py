"""A message to the group the participants page shows: preview, sending to exactly those people
(one e-mail each, after the commit), the audit entry, an empty group refused, bad input."""
from sqlalchemy import select

from matchfair.backoffice import messages
from matchfair.backoffice.models import AuditEntry
from matchfair.backoffice.participants import ParticipantFilter, recipients
from matchfair.extensions import db
from matchfair.timeutil import utcnow


def message_url(event):
    return f"/evenements/{event.id}/participants/message"


def test_sse_without_meetings_get_the_message_and_nobody_else(client, login, event, organiser_user, slots, tables,
                                                               make_participant, make_meeting, book, outbox):
    buyer = make_participant("buyer")
    booked, alone, other_alone = make_participant(), make_participant(), make_participant()
    book(make_meeting(booked, buyer), slots[0], tables[0])
    login(organiser_user)

    page = client.get(message_url(event), query_string={"sans_rdv": "1"}).get_data(as_text=True)
    assert "2 personnes recevront ce message" in page
    assert alone.user.full_name in page and booked.user.full_name not in page

    response = client.post(message_url(event) + "?sans_rdv=1", data={
        "subject": "Prenez rendez-vous", "body": "Il reste des créneaux libres.", "action": "send"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/evenements/{event.id}/participants?sans_rdv=1")
    assert sorted(m.to[0] for m in outbox) == sorted([alone.user.email, other_alone.user.email])
    mail = outbox[0]
    assert mail.subject == "Prenez rendez-vous"
    assert "Il reste des créneaux libres." in mail.body
    assert organiser_user.full_name in mail.body and event.name in mail.body and "CRESS Occitanie" in mail.body
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "message.sent"))
    assert entry.actor_id == organiser_user.id and entry.event_id == event.id
    assert entry.details == {"subject": "Prenez rendez-vous", "recipients": 2, "filter": {"sans_rdv": "1"}}
    assert "Message envoyé à 2 personne(s)." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_preview_shows_the_message_and_sends_nothing(client, login, event, organiser_user, register, outbox):
    register(event, status="approved", name="Coop A")
    login(organiser_user)
    html = client.post(message_url(event), data={"subject": "Accueil", "body": "Le café est à 8 h 30.",
                                                 "action": "preview"}).get_data(as_text=True)
    assert "Aperçu" in html and "Le café est à 8 h 30." in html and "Envoyer à 1 personne" in html
    assert outbox == []
    assert db.session.scalar(select(AuditEntry)) is None


def test_every_attendee_once_and_the_contact_of_an_organisation_without_attendee(event, register):
    two = register(event, status="approved", people=2)
    register(event, status="approved", people=0, contact_email="contact@coop.fr", name="Coop sans personne")
    # the same person attending for two organisations gets one e-mail
    again = register(event, status="pending", people=0)
    from matchfair.programme.models import Attendee
    db.session.add(Attendee(registration_id=again.id, user_id=two.attendees[0].user_id))
    db.session.commit()
    emails = sorted(r.email for r in recipients(event, ParticipantFilter()))
    assert emails == sorted([two.attendees[0].user.email, two.attendees[1].user.email, "contact@coop.fr"])


def test_presence_and_search_narrow_to_the_people(event, register):
    registration = register(event, status="approved", people=2)
    here, away = registration.attendees
    here.checked_in_at = utcnow()
    db.session.commit()
    present = recipients(event, ParticipantFilter(presence="present"))
    assert [r.email for r in present] == [here.user.email]
    searched = recipients(event, ParticipantFilter(q=away.user.email))
    assert [r.email for r in searched] == [away.user.email]


def test_empty_group_is_refused_clearly(client, login, event, organiser_user, register, outbox):
    register(event, kind="buyer")
    login(organiser_user)
    page = client.get(message_url(event), query_string={"type": "sse"}).get_data(as_text=True)
    assert "Personne ne correspond à ce groupe" in page and "Envoyer à" not in page
    response = client.post(message_url(event) + "?type=sse", data={"subject": "S", "body": "B", "action": "send"},
                           follow_redirects=True)
    assert "Aucune personne ne correspond à ce groupe" in response.get_data(as_text=True)
    assert outbox == [] and db.session.scalar(select(AuditEntry)) is None


def test_bad_input_is_shown_next_to_the_field(client, login, event, organiser_user, register, outbox):
    register(event, status="approved")
    login(organiser_user)
    html = client.post(message_url(event), data={"subject": "", "body": "x" * (messages.BODY_MAX + 1),
                                                 "action": "send"}).get_data(as_text=True)
    assert 'id="subject-error"' in html and "objet du message." in html
    assert 'id="body-error"' in html and f"{messages.BODY_MAX} caractères au plus." in html
    assert outbox == []


def test_service_refuses_non_organisers(event, other_organiser, register):
    import pytest
    from werkzeug.exceptions import Forbidden

    register(event, status="approved")
    with pytest.raises(Forbidden):
        messages.prepare(other_organiser, event, ParticipantFilter(), "Objet", "Texte")
