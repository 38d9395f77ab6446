"""The low-level booking: the database refuses a second meeting for a side or a table in a slot."""
import pytest

from matchfair.extensions import db
from matchfair.meetings import placement
from matchfair.meetings.errors import MeetingError, SlotTaken
from matchfair.meetings.grid import event_tables
from matchfair.meetings.models import MeetingSeat, MeetingSettings, MeetingStatus


def test_place_writes_booking_and_two_seats(slots, sse_participant, buyer_participant, make_meeting, event):
    meeting = make_meeting(sse_participant, buyer_participant)
    table = event_tables(event.id)[0]
    placement.place(None, meeting, slots[0], table, source="direct")
    db.session.commit()
    assert meeting.slot_id == slots[0].id and meeting.table_id == table.id
    assert {s.participant_id for s in db.session.scalars(db.select(MeetingSeat))} == {
        sse_participant.id, buyer_participant.id}
    assert meeting.sequence == 1


def test_same_person_twice_in_a_slot_is_refused(slots, make_participant, make_meeting, event):
    buyer, sse1, sse2 = make_participant("buyer"), make_participant(), make_participant()
    tables = event_tables(event.id)
    first, second = make_meeting(sse1, buyer), make_meeting(sse2, buyer)
    placement.place(None, first, slots[0], tables[0], source="direct")
    with pytest.raises(SlotTaken):
        placement.place(None, second, slots[0], tables[1], source="direct")
    db.session.commit()  # the outer transaction is still usable
    db.session.refresh(second)
    assert second.slot_id is None and first.slot_id == slots[0].id


def test_same_table_twice_in_a_slot_is_refused(slots, make_participant, make_meeting, event):
    table = event_tables(event.id)[0]
    first = make_meeting(make_participant(), make_participant("buyer"))
    second = make_meeting(make_participant(), make_participant("buyer"))
    placement.place(None, first, slots[0], table, source="direct")
    with pytest.raises(SlotTaken):
        placement.place(None, second, slots[0], table, source="direct")


def test_only_accepted_unbooked_meetings_are_placed(slots, sse_participant, buyer_participant, make_meeting, event):
    table = event_tables(event.id)[0]
    pending = make_meeting(sse_participant, buyer_participant, status=MeetingStatus.REQUESTED)
    with pytest.raises(MeetingError):
        placement.place(None, pending, slots[0], table, source="direct")


def test_online_meetings_get_a_link_and_unplace_clears(slots, sse_participant, buyer_participant, make_meeting,
                                                      event):
    db.session.get(MeetingSettings, event.id).video_link_pattern = "https://visio.exemple.fr/{event}-{meeting}-{code}"
    db.session.commit()
    meeting = make_meeting(sse_participant, buyer_participant)
    placement.place(None, meeting, slots[2], None, source="scheduler")
    assert meeting.video_url.startswith(f"https://visio.exemple.fr/{event.slug}-{meeting.id}-")
    placement.unplace(meeting)
    db.session.commit()
    assert meeting.slot_id is None and meeting.video_url is None and meeting.status == MeetingStatus.ACCEPTED
    assert db.session.scalar(db.select(db.func.count()).select_from(MeetingSeat)) == 0


def test_place_many_refuses_clashes_up_front(slots, make_participant, make_meeting, event):
    buyer = make_participant("buyer")
    sse1, sse2, sse3 = make_participant(), make_participant(), make_participant()
    t1, t2, *_ = event_tables(event.id)
    booked = make_meeting(sse1, buyer)
    placement.place(None, booked, slots[0], t1, source="direct")
    clash_person, clash_table, fine = make_meeting(sse2, buyer), make_meeting(sse3, make_participant("buyer")), \
        make_meeting(sse2, make_participant("buyer"))
    placed, refused = placement.place_many(
        None, [(clash_person, slots[0], t2), (clash_table, slots[0], t1), (fine, slots[1], t1)], source="scheduler")
    db.session.commit()
    assert placed == [fine] and refused == 2
    assert fine.slot_id == slots[1].id and clash_person.slot_id is None and clash_table.slot_id is None


def test_place_many_falls_back_one_by_one_when_the_database_refuses(slots, make_participant, make_meeting, event,
                                                                   monkeypatch):
    t1, t2, *_ = event_tables(event.id)
    buyer = make_participant("buyer")
    booked = make_meeting(make_participant(), buyer)
    placement.place(None, booked, slots[0], t1, source="direct")
    db.session.commit()
    # As if the booking had been made by someone else after the up-front check.
    monkeypatch.setattr(placement, "_taken", lambda event_id: (set(), set()))
    late, other = make_meeting(make_participant(), buyer), make_meeting(make_participant(), make_participant("buyer"))
    t3 = event_tables(event.id)[2]
    placed, refused = placement.place_many(None, [(late, slots[0], t2), (other, slots[0], t3)], source="scheduler")
    db.session.commit()
    assert placed == [other] and refused == 1 and late.slot_id is None
