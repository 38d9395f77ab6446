"""QA: a meeting's page while it is still a request: the recipient can answer there and the requester
can withdraw (the page used to show neither), and a request past its expiry shows as expired."""
from datetime import timedelta
from html import unescape

from matchfair.extensions import db
from matchfair.meetings.models import Meeting, MeetingStatus
from matchfair.timeutil import utcnow


def _page(client, meeting) -> str:
    return unescape(client.get(f"/rendez-vous/{meeting.id}").get_data(as_text=True))


def test_recipient_answers_from_the_meeting_page(client, login, event, meeting_grid, sse_participant,
                                                 buyer_participant, make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant, status=MeetingStatus.REQUESTED)
    login(buyer_participant.user)
    page = _page(client, meeting)
    accept = f"/evenements/{event.id}/rendez-vous/demandes/{meeting.id}/accepter"
    assert f'action="{accept}"' in page
    assert f'href="/evenements/{event.id}/rendez-vous/demandes/{meeting.id}/refuser"' in page
    assert "Demande en attente de réponse" in page
    client.post(accept)
    assert db.session.get(Meeting, meeting.id).status == MeetingStatus.ACCEPTED


def test_requester_withdraws_from_the_meeting_page(client, login, event, meeting_grid, sse_participant,
                                                   buyer_participant, make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant, status=MeetingStatus.REQUESTED)
    login(sse_participant.user)
    page = _page(client, meeting)
    withdraw = f"/evenements/{event.id}/rendez-vous/demandes/{meeting.id}/retirer"
    assert f'action="{withdraw}"' in page and "/accepter" not in page
    client.post(withdraw)
    assert db.session.get(Meeting, meeting.id).status == MeetingStatus.WITHDRAWN


def test_request_past_expiry_shows_as_expired(client, login, event, meeting_grid, sse_participant,
                                              buyer_participant, make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant, status=MeetingStatus.REQUESTED,
                           expires_at=utcnow() - timedelta(hours=1))
    login(buyer_participant.user)
    page = _page(client, meeting)
    assert "Demande expirée" in page and "Demande en attente de réponse" not in page
    assert "/accepter" not in page
