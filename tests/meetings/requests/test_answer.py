"""Answering a request (accept, decline with a reason), withdrawing it, and expiry (`flask meetings expire`)."""
from datetime import timedelta

import pytest
from flask import url_for
from werkzeug.routing import BuildError

from matchfair.extensions import db
from matchfair.meetings import requests
from matchfair.meetings.errors import MeetingError
from matchfair.meetings.models import Meeting, MeetingStatus
from matchfair.meetings.request_views import meeting_page_url
from matchfair.timeutil import utcnow

from .conftest import text_of


@pytest.fixture
def pending(sse_participant, buyer_participant, make_meeting):
    """A live request from the SSE company to the buyer."""
    return make_meeting(sse_participant, buyer_participant, status=MeetingStatus.REQUESTED,
                        message="Bonjour, parlons de vos besoins de nettoyage.")


def _url(event, meeting, action):
    return f"/evenements/{event.id}/rendez-vous/demandes/{meeting.id}/{action}"


def test_accept_mails_the_requester_and_links_to_the_meeting(app, client, login, event, meeting_grid, pending,
                                                             buyer_participant, sse_participant, outbox):
    login(buyer_participant.user)
    response = client.post(_url(event, pending, "accepter"), follow_redirects=True)
    page = text_of(response)
    with app.test_request_context():
        href = meeting_page_url(pending)
    assert "Rendez-vous accepté avec" in page and f'href="{href}">Réserver un créneau</a>' in page
    db.session.refresh(pending)
    assert pending.status == MeetingStatus.ACCEPTED and pending.answered_by_id == buyer_participant.user.id
    [mail] = outbox
    assert mail.to == [sse_participant.user.email] and buyer_participant.organisation.name in mail.subject
    assert "a accepté votre demande" in mail.body
    # Accepted: it shows under "Rendez-vous acceptés", to be placed.
    assert "À placer" in text_of(client.get(f"/evenements/{event.id}/rendez-vous"))


def test_meeting_page_url_uses_the_meeting_page_when_there_is_one(app, pending):
    with app.test_request_context():
        try:
            expected = url_for("meetings.show", meeting_id=pending.id)
        except BuildError:  # part C's page not there yet: the meeting on "Mes rendez-vous"
            expected = url_for("meeting_requests.hub", event_id=pending.event_id, _anchor=f"rdv-{pending.id}")
        assert meeting_page_url(pending) == expected


def test_only_the_recipient_answers(client, login, event, meeting_grid, pending, sse_participant):
    login(sse_participant.user)
    response = client.post(_url(event, pending, "accepter"), follow_redirects=True)
    assert "Seule l'organisation qui a reçu la demande peut y répondre" in text_of(response)
    response = client.post(_url(event, pending, "refuser"), data={"reason": "non"}, follow_redirects=True)
    assert "Seule l'organisation qui a reçu la demande" in text_of(response)
    assert db.session.get(Meeting, pending.id).status == MeetingStatus.REQUESTED


def test_decline_with_a_reason(client, login, event, meeting_grid, pending, buyer_participant, sse_participant,
                               outbox):
    login(buyer_participant.user)
    page = text_of(client.post(_url(event, pending, "refuser"), data={"reason": "x" * 501}))
    assert 'id="reason-error"' in page and "500 caractères au plus" in page
    assert db.session.get(Meeting, pending.id).status == MeetingStatus.REQUESTED and outbox == []
    response = client.post(_url(event, pending, "refuser"),
                           data={"reason": "Nous avons déjà un prestataire jusqu'en 2028."}, follow_redirects=True)
    assert "déclinée" in text_of(response)
    db.session.refresh(pending)
    assert pending.status == MeetingStatus.DECLINED and pending.decline_reason.startswith("Nous avons déjà")
    [mail] = outbox
    assert mail.to == [sse_participant.user.email] and "Motif : Nous avons déjà un prestataire" in mail.body
    # The requester sees it in the history with the reason.
    login(sse_participant.user)
    history = text_of(client.get(f"/evenements/{event.id}/rendez-vous"))
    assert "<details" in history and "Déclinée" in history and "Motif : Nous avons déjà" in history


def test_decline_without_reason_and_twice(client, login, event, meeting_grid, pending, buyer_participant):
    login(buyer_participant.user)
    client.post(_url(event, pending, "refuser"), data={"reason": ""})
    assert db.session.get(Meeting, pending.id).decline_reason is None
    response = client.post(_url(event, pending, "accepter"), follow_redirects=True)
    assert "a déjà reçu une réponse" in text_of(response)


def test_withdraw(client, login, event, meeting_grid, pending, buyer_participant, sse_participant, outbox):
    login(buyer_participant.user)
    response = client.post(_url(event, pending, "retirer"), follow_redirects=True)
    assert "Seule l'organisation qui a envoyé la demande peut la retirer" in text_of(response)
    login(sse_participant.user)
    response = client.post(_url(event, pending, "retirer"), follow_redirects=True)
    assert "Demande à" in text_of(response) and "retirée" in text_of(response)
    assert db.session.get(Meeting, pending.id).status == MeetingStatus.WITHDRAWN
    [mail] = outbox
    assert mail.to == [buyer_participant.user.email] and "retiré sa demande" in mail.subject
    response = client.post(_url(event, pending, "retirer"), follow_redirects=True)
    assert "a déjà reçu une réponse ou a été retirée" in text_of(response)


def test_an_expired_request_cannot_be_answered(client, login, event, meeting_grid, pending, buyer_participant):
    pending.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    login(buyer_participant.user)
    for action in ("accepter", "refuser"):
        response = client.post(_url(event, pending, action), follow_redirects=True)
        assert "Cette demande a expiré le" in text_of(response), action
    assert db.session.get(Meeting, pending.id).status == MeetingStatus.REQUESTED
    with pytest.raises(MeetingError, match="expiré"):
        requests.accept(buyer_participant.user, pending)


def test_accept_refused_when_meetings_are_closed(event, meeting_grid, pending, buyer_participant):
    meeting_grid.is_open = False
    db.session.commit()
    with pytest.raises(MeetingError, match="fermé"):
        requests.accept(buyer_participant.user, pending)
    requests.decline(buyer_participant.user, pending, "Plus de place.")  # declining stays possible
    assert pending.status == MeetingStatus.DECLINED


def test_expire_command_marks_due_requests_once(app, event, meeting_grid, sse_participant, make_participant,
                                                make_meeting, outbox):
    buyers = [make_participant("buyer") for _ in range(3)]
    due = make_meeting(sse_participant, buyers[0], status=MeetingStatus.REQUESTED,
                       expires_at=utcnow() - timedelta(hours=2))
    live = make_meeting(sse_participant, buyers[1], status=MeetingStatus.REQUESTED)
    accepted = make_meeting(sse_participant, buyers[2], expires_at=utcnow() - timedelta(days=1))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["meetings", "expire", "--base-url", "https://rencontres.example.org"])
    assert result.exit_code == 0, result.output
    assert "1 demande(s) de rendez-vous expirée(s)." in result.output
    db.session.expire_all()
    assert db.session.get(Meeting, due.id).status == MeetingStatus.EXPIRED
    assert db.session.get(Meeting, live.id).status == MeetingStatus.REQUESTED
    assert db.session.get(Meeting, accepted.id).status == MeetingStatus.ACCEPTED
    [mail] = outbox
    assert mail.to == [sse_participant.user.email] and "a expiré" in mail.subject
    assert f"https://rencontres.example.org/evenements/{event.id}/rendez-vous" in mail.body
    again = runner.invoke(args=["meetings", "expire"])
    assert again.exit_code == 0 and "0 demande(s)" in again.output and len(outbox) == 1
    # A later "now" expires the other request.
    later = (utcnow() + timedelta(days=8)).strftime("%Y-%m-%dT%H:%M")
    assert "1 demande(s)" in runner.invoke(args=["meetings", "expire", "--now", later]).output
    assert "--now" in runner.invoke(args=["meetings", "expire", "--now", "demain"]).output


def test_expire_due_service(event, meeting_grid, sse_participant, buyer_participant, make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant, status=MeetingStatus.REQUESTED)
    assert requests.expire_due(utcnow()) == 0
    assert requests.expire_due(meeting.expires_at) == 1 and meeting.status == MeetingStatus.EXPIRED
