"""QA: the "Demander un rendez-vous" entry points (directory profile, need page, matches) link to the
meeting the two organisations already have instead of offering a request that is then refused."""
from html import unescape

from matchfair.extensions import db
from matchfair.meetings.models import Meeting, MeetingStatus


def _profile(client, participant) -> str:
    return unescape(client.get(f"/annuaire/{participant.organisation_id}").get_data(as_text=True))


def test_accepted_meeting_shows_its_link(client, login, event, meeting_grid, sse_participant, buyer_participant,
                                         make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant)
    login(buyer_participant.user)
    page = _profile(client, sse_participant)
    assert "Demander un rendez-vous" not in page
    assert f'href="/rendez-vous/{meeting.id}"' in page and "Voir le rendez-vous" in page


def test_request_sent_shows_its_link_request_received_keeps_the_button(
        client, login, event, meeting_grid, sse_participant, buyer_participant, make_meeting):
    meeting = make_meeting(buyer_participant, sse_participant, status=MeetingStatus.REQUESTED)
    login(buyer_participant.user)  # it asked: it sees its request
    page = _profile(client, sse_participant)
    assert "Demander un rendez-vous" not in page and "Voir la demande" in page
    assert f'href="/rendez-vous/{meeting.id}"' in page
    # The other way round: asking back accepts the request, so the button stays.
    row = db.session.get(Meeting, meeting.id)
    row.requester_id, row.recipient_id = sse_participant.id, buyer_participant.id
    db.session.commit()
    assert "Demander un rendez-vous" in _profile(client, sse_participant)


def test_finished_meeting_offers_a_new_request(client, login, event, meeting_grid, sse_participant,
                                               buyer_participant, make_meeting):
    make_meeting(sse_participant, buyer_participant, status=MeetingStatus.DECLINED)
    login(buyer_participant.user)
    assert "Demander un rendez-vous" in _profile(client, sse_participant)
