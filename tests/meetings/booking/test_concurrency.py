"""Booking under concurrency: many people book the same slot at once with fewer tables than meetings;
two meetings of the same participant race for one slot. Runs on SQLite, and on PostgreSQL when
MATCHFAIR_TEST_DATABASE_URL points at one.

Each worker thread pushes its own POST request context, hence its own database session, as a real
request would (on SQLite a POST begins with BEGIN IMMEDIATE; on PostgreSQL the unique constraints
decide). The outcome is asserted, never a timing.
"""
from sqlalchemy import func, select

from matchfair.accounts.models import User
from matchfair.extensions import db
from matchfair.meetings import booking
from matchfair.meetings.errors import MeetingError, SlotTaken
from matchfair.meetings.models import Meeting, MeetingSeat

from ..races import at_once

MEETINGS = 12
TABLES = 4  # the fixture's grid has four pool tables



def _book(user_id, meeting_id, slot_id) -> str:
    user, meeting = db.session.get(User, user_id), db.session.get(Meeting, meeting_id)
    try:
        booking.book(user, meeting, slot_id)
        db.session.commit()
        return "booked"
    except SlotTaken:
        db.session.rollback()
        return "taken"
    except MeetingError:  # served after the winner committed: refused by the checks
        db.session.rollback()
        return "refused"


def _race_each(app, jobs):
    """Run every (user_id, meeting_id, slot_id) booking at once, each in its own request; returns
    the outcomes in job order ("booked" | "taken" | "refused") and the unexpected errors."""
    return at_once(app, _book, jobs)


def _race(app, jobs):
    """_race_each for jobs of different meetings: {meeting_id: outcome} and the unexpected errors."""
    results, errors = _race_each(app, jobs)
    return {meeting_id: outcome for (_user, meeting_id, _slot), outcome in zip(jobs, results)}, errors


def test_more_meetings_than_tables_in_one_slot(app, slots, make_participant, make_meeting, patient_sqlite):
    meetings = [make_meeting(make_participant(), make_participant("buyer")) for _ in range(MEETINGS)]
    jobs = [(m.requester.user_id, m.id, slots[0].id) for m in meetings]
    slot_id = slots[0].id
    db.session.commit()
    db.session.close()  # the main thread holds no transaction while the workers run

    results, errors = _race(app, jobs)
    assert errors == []
    assert len(results) == MEETINGS
    assert sorted(results.values()) == ["booked"] * TABLES + ["taken"] * (MEETINGS - TABLES)
    db.session.expire_all()
    booked = db.session.scalars(select(Meeting).where(Meeting.slot_id == slot_id)).all()
    assert len(booked) == TABLES and {m.id for m in booked} == {k for k, v in results.items() if v == "booked"}
    assert len({m.table_id for m in booked}) == TABLES and None not in {m.table_id for m in booked}
    assert db.session.scalar(select(func.count()).select_from(MeetingSeat)) == 2 * TABLES
    unbooked = db.session.scalars(select(Meeting).where(Meeting.slot_id.is_(None))).all()
    assert len(unbooked) == MEETINGS - TABLES and all(m.sequence == 0 for m in unbooked)


def test_two_meetings_of_one_participant_race_for_a_slot(app, slots, make_participant, make_meeting,
                                                        patient_sqlite):
    buyer = make_participant("buyer")
    first, second = make_meeting(make_participant(), buyer), make_meeting(make_participant(), buyer)
    slot_id = slots[1].id
    jobs = [(first.requester.user_id, first.id, slot_id), (second.requester.user_id, second.id, slot_id)]
    buyer_id = buyer.id
    db.session.commit()
    db.session.close()

    for _round in range(3):  # a few rounds: the interleavings differ
        results, errors = _race(app, jobs)
        assert errors == []
        # The loser is refused: by the database (SlotTaken) when both read the slot free, or by the
        # busy check when it was served after the winner's commit.
        assert sorted(results.values()) in (["booked", "taken"], ["booked", "refused"])
        db.session.expire_all()
        seats = db.session.scalars(select(MeetingSeat).where(MeetingSeat.participant_id == buyer_id)).all()
        assert len(seats) == 1 and seats[0].slot_id == slot_id
        # Free the slot again for the next round.
        winner = db.session.get(Meeting, seats[0].meeting_id)
        from matchfair.meetings import placement

        placement.unplace(winner)
        db.session.commit()
        db.session.close()


def test_a_cap_of_one_holds_when_two_bookings_race(app, slots, make_participant, make_meeting, patient_sqlite):
    buyer = make_participant("buyer", max_meetings=1)
    first, second = make_meeting(make_participant(), buyer), make_meeting(make_participant(), buyer)
    jobs = [(first.requester.user_id, first.id, slots[2].id), (second.requester.user_id, second.id, slots[3].id)]
    buyer_id = buyer.id
    db.session.commit()
    db.session.close()

    results, errors = _race(app, jobs)
    assert errors == []
    assert sorted(results.values()) == ["booked", "refused"]  # the second sees the first's booking
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(MeetingSeat).where(
        MeetingSeat.participant_id == buyer_id)) == 1


def test_both_sides_book_the_same_meeting_at_once(app, slots, sse_participant, buyer_participant, make_meeting,
                                                 patient_sqlite):
    meeting = make_meeting(sse_participant, buyer_participant)
    jobs = [(sse_participant.user_id, meeting.id, slots[4].id), (buyer_participant.user_id, meeting.id, slots[5].id)]
    meeting_id = meeting.id
    db.session.commit()
    db.session.close()

    results, errors = _race_each(app, jobs)
    assert errors == []
    assert sorted(results) == ["booked", "refused"]  # the second finds it booked already
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(MeetingSeat).where(
        MeetingSeat.meeting_id == meeting_id)) == 2
