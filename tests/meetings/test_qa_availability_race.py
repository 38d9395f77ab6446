"""QA: saving one's availability and a booking in the same slot, at the same moment: never a meeting
booked in a slot its participant has just marked unavailable (either the booking is refused, or the
slot stays available because it now holds the meeting). Meaningful on PostgreSQL
(MATCHFAIR_TEST_DATABASE_URL); on SQLite POSTs are serialised anyway."""
import threading
import time

from sqlalchemy import select

from matchfair.accounts.models import User
from matchfair.extensions import db
from matchfair.meetings import booking, participation, placement
from matchfair.meetings.errors import MeetingError
from matchfair.meetings.models import Meeting, MeetingParticipant, MeetingUnavailability

JOIN_TIMEOUT = 60


def _run_together(app, works):
    barrier = threading.Barrier(len(works))
    errors = []

    def run(work):
        try:
            with app.test_request_context(method="POST"):
                try:
                    barrier.wait(timeout=JOIN_TIMEOUT)
                    try:
                        work()
                        db.session.commit()
                    except MeetingError:
                        db.session.rollback()
                finally:
                    db.session.remove()
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(w,), daemon=True) for w in works]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + JOIN_TIMEOUT
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0))
    assert not any(t.is_alive() for t in threads), "a worker is stuck"
    return errors


def test_no_booking_in_a_slot_just_marked_unavailable(app, event, meeting_grid, slots, sse_participant,
                                                       buyer_participant, make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant)
    # Plain ids only: the workers must not touch the test's own session.
    sse_user_id, buyer_user_id = sse_participant.user_id, buyer_participant.user_id
    slot_id, meeting_id, sse_id = slots[0].id, meeting.id, sse_participant.id

    def book():
        booking.book(db.session.get(User, buyer_user_id), db.session.get(Meeting, meeting_id), slot_id)

    def none_available():  # the SSE company unticks every slot
        participation.set_availability(db.session.get(User, sse_user_id),
                                       db.session.get(MeetingParticipant, sse_id), [])

    for _round in range(8):
        db.session.commit()  # no open transaction (nor SQLite snapshot) across the race
        errors = _run_together(app, [book, none_available])
        assert not errors, errors
        db.session.rollback()
        row = db.session.get(Meeting, meeting_id)
        off = set(db.session.scalars(select(MeetingUnavailability.slot_id).where(
            MeetingUnavailability.participant_id == sse_id)))
        assert row.slot_id is None or row.slot_id not in off, (row.slot_id, off)
        # Start again: nothing booked, every slot available.
        if row.slot_id is not None:
            placement.unplace(row)
        db.session.query(MeetingUnavailability).filter_by(participant_id=sse_id).delete()
        db.session.commit()
