"""QA: when a side has reached its cap of booked meetings, the meeting's page says so instead of
offering slots that booking then refuses."""
from html import unescape

from matchfair.extensions import db
from matchfair.meetings import placement
from matchfair.meetings.grid import event_tables
from matchfair.meetings.models import MeetingParticipant


def test_capped_side_gets_the_reason_not_the_slots(client, login, event, meeting_grid, slots, sse_participant,
                                                   buyer_participant, make_participant, make_meeting):
    other_buyer = make_participant("buyer")
    booked = make_meeting(sse_participant, other_buyer)
    placement.place(None, booked, slots[0], event_tables(event.id)[0], source="direct")
    db.session.get(MeetingParticipant, sse_participant.id).max_meetings = 1
    db.session.commit()
    waiting = make_meeting(sse_participant, buyer_participant)
    login(buyer_participant.user)
    page = unescape(client.get(f"/rendez-vous/{waiting.id}").get_data(as_text=True))
    assert f"{sse_participant.organisation.name} a atteint son nombre maximal de rendez-vous (1)." in page
    assert 'name="slot_id"' not in page
    # Under the cap again: the slots are offered.
    db.session.get(MeetingParticipant, sse_participant.id).max_meetings = 2
    db.session.commit()
    page = client.get(f"/rendez-vous/{waiting.id}").get_data(as_text=True)
    assert 'name="slot_id"' in page and "nombre maximal" not in page
