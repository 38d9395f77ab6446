"""book / reschedule / cancel: the rules, tables, online links, e-mails."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from matchfair.extensions import db
from matchfair.meetings import booking, notify
from matchfair.meetings.errors import MeetingError, SlotTaken
from matchfair.meetings.models import (
    MeetingSeat,
    MeetingSettings,
    MeetingStatus,
    MeetingTable,
    MeetingUnavailability,
)
from matchfair.programme.models import ProgrammeSession, SeatStatus, SessionRegistration
from matchfair.timeutil import utcnow


def _send():
    db.session.commit()
    notify.send_queued()


def test_a_side_books_a_free_slot_at_the_first_table_and_the_other_side_is_told(
        app, pair, slots, event, outbox, sse_participant, buyer_participant):
    with app.test_request_context():
        booking.book(sse_participant.user, pair, slots[1].id)
        _send()
    assert pair.slot_id == slots[1].id and pair.table.name == "T1" and pair.booking_source == "direct"
    assert pair.booked_by_id == sse_participant.user.id and pair.sequence == 1
    assert [m.to[0] for m in outbox] == [buyer_participant.user.email]
    body = outbox[0].body
    assert "T1" in body and "Parc des expositions" in body and f"/rendez-vous/{pair.id}" in body
    assert sse_participant.organisation.name in outbox[0].subject


def test_the_next_table_is_taken_when_the_first_is(pair, slots, make_participant, make_meeting, book_at,
                                                  sse_participant):
    book_at(make_meeting(make_participant(), make_participant("buyer")), slots[0], 0)
    booking.book(sse_participant.user, pair, slots[0].id)
    assert pair.table.name == "T2"


def test_no_table_left(pair, slots, make_participant, make_meeting, book_at, sse_participant):
    for i in range(4):
        book_at(make_meeting(make_participant(), make_participant("buyer")), slots[0], i)
    with pytest.raises(SlotTaken):
        booking.book(sse_participant.user, pair, slots[0].id)
    assert pair.slot_id is None


def test_organiser_books_and_both_sides_are_told(app, pair, slots, organiser_user, outbox):
    with app.test_request_context():
        booking.book(organiser_user, pair, slots[0].id)
        _send()
    assert len(outbox) == 2


def test_someone_else_cannot_book(pair, slots, outsider):
    with pytest.raises(MeetingError):
        booking.book(outsider, pair, slots[0].id)


@pytest.mark.parametrize("status", [MeetingStatus.REQUESTED, MeetingStatus.DECLINED, MeetingStatus.CANCELLED])
def test_only_accepted_meetings_are_booked(status, sse_participant, buyer_participant, make_meeting, slots):
    meeting = make_meeting(sse_participant, buyer_participant, status=status)
    with pytest.raises(MeetingError):
        booking.book(sse_participant.user, meeting, slots[0].id)


def test_already_booked_is_refused(pair, slots, sse_participant, book_at):
    book_at(pair, slots[0])
    with pytest.raises(MeetingError, match="déjà un créneau"):
        booking.book(sse_participant.user, pair, slots[1].id)


def test_unavailable_side_is_refused(pair, slots, buyer_participant, sse_participant):
    db.session.add(MeetingUnavailability(participant_id=buyer_participant.id, slot_id=slots[2].id))
    db.session.commit()
    with pytest.raises(MeetingError, match="pas disponible"):
        booking.book(sse_participant.user, pair, slots[2].id)


def test_a_session_place_makes_a_side_unavailable(pair, slots, buyer_participant, sse_participant, event):
    session = ProgrammeSession(event_id=event.id, title="Atelier clauses sociales", kind="workshop",
                               starts_at=slots[3].starts_at, ends_at=slots[3].ends_at, is_published=True)
    db.session.add(session)
    db.session.flush()
    db.session.add(SessionRegistration(session_id=session.id, user_id=buyer_participant.user_id,
                                       status=SeatStatus.REGISTERED))
    db.session.commit()
    with pytest.raises(MeetingError, match="Atelier clauses sociales"):
        booking.book(sse_participant.user, pair, slots[3].id)


def test_busy_side_is_refused(pair, slots, buyer_participant, sse_participant, make_participant, make_meeting,
                              book_at):
    book_at(make_meeting(make_participant(), buyer_participant), slots[0], 1)
    with pytest.raises(MeetingError, match="déjà un rendez-vous"):
        booking.book(sse_participant.user, pair, slots[0].id)


def test_caps(pair, slots, buyer_participant, sse_participant, make_participant, make_meeting, book_at, event):
    book_at(make_meeting(make_participant(), buyer_participant), slots[0], 1)
    buyer_participant.max_meetings = 1
    db.session.commit()
    with pytest.raises(MeetingError, match="nombre maximal"):
        booking.book(sse_participant.user, pair, slots[1].id)
    buyer_participant.max_meetings = None
    db.session.get(MeetingSettings, event.id).max_meetings = 1
    db.session.commit()
    with pytest.raises(MeetingError, match="nombre maximal"):
        booking.book(sse_participant.user, pair, slots[1].id)
    db.session.get(MeetingSettings, event.id).max_meetings = 2
    db.session.commit()
    booking.book(sse_participant.user, pair, slots[1].id)


def test_past_and_foreign_slots_are_refused(pair, slots, sse_participant):
    with pytest.raises(MeetingError, match="passé"):
        booking.book(sse_participant.user, pair, slots[0].id, now=slots[0].starts_at + timedelta(minutes=1))
    with pytest.raises(MeetingError, match="n'existe pas"):
        booking.book(sse_participant.user, pair, 999999)
    with pytest.raises(MeetingError, match="n'existe pas"):
        booking.book(sse_participant.user, pair, "1")


def test_direct_booking_off_leaves_it_to_the_organiser(pair, slots, sse_participant, organiser_user, event):
    db.session.get(MeetingSettings, event.id).direct_booking = False
    db.session.commit()
    with pytest.raises(MeetingError, match="placent"):
        booking.book(sse_participant.user, pair, slots[0].id)
    booking.book(organiser_user, pair, slots[0].id)
    assert pair.slot_id == slots[0].id


def test_closed_meetings_only_for_the_organiser(pair, slots, sse_participant, event):
    db.session.get(MeetingSettings, event.id).is_open = False
    db.session.commit()
    with pytest.raises(MeetingError, match="fermés"):
        booking.book(sse_participant.user, pair, slots[0].id)


def test_a_stand_takes_the_meetings_of_its_holder(make_participant, make_meeting, slots, event, book_at):
    stand = MeetingTable(event_id=event.id, name="Stand Région", position=9)
    db.session.add(stand)
    db.session.flush()
    buyer = make_participant("buyer", stand_table_id=stand.id)
    sse1, sse2 = make_participant(), make_participant()
    first, second = make_meeting(sse1, buyer), make_meeting(sse2, buyer)
    booking.book(sse1.user, first, slots[0].id)
    assert first.table_id == stand.id
    # Pool tables are never given to the stand holder's meetings, nor its stand to others.
    other = make_meeting(make_participant(), make_participant("buyer"))
    booking.book(other.requester.user, other, slots[0].id)
    assert other.table.name == "T1"
    booking.book(sse2.user, second, slots[1].id)
    assert second.table_id == stand.id


def test_online_meetings_get_a_video_link_and_no_table(pair, slots, event, sse_participant, app, outbox,
                                                        buyer_participant):
    db.session.get(MeetingSettings, event.id).video_link_pattern = "https://visio.exemple.fr/{event}/{code}"
    db.session.commit()
    with app.test_request_context():
        booking.book(buyer_participant.user, pair, slots[0].id)
        _send()
    assert pair.table_id is None and pair.video_url.startswith("https://visio.exemple.fr/rencontres-2026/")
    assert pair.video_url in outbox[0].body


def test_reschedule_moves_and_raises_the_sequence(pair, slots, sse_participant, book_at, app, outbox,
                                                 buyer_participant):
    book_at(pair, slots[0])
    before = pair.sequence
    with app.test_request_context():
        booking.reschedule(buyer_participant.user, pair, slots[4].id)
        _send()
    assert pair.slot_id == slots[4].id and pair.last_slot_id == slots[4].id and pair.sequence > before
    seats = db.session.scalars(select(MeetingSeat).where(MeetingSeat.meeting_id == pair.id)).all()
    assert {s.slot_id for s in seats} == {slots[4].id} and len(seats) == 2
    assert [m.to[0] for m in outbox] == [sse_participant.user.email] and "déplacé" in outbox[0].subject
    body = outbox[0].body
    assert "Ancien créneau" in body and "Nouveau créneau" in body
    assert body.index("Ancien créneau") < body.index("Nouveau créneau")


def test_a_refused_reschedule_changes_nothing(pair, slots, sse_participant, buyer_participant, book_at,
                                              make_participant, make_meeting):
    book_at(pair, slots[0])
    book_at(make_meeting(make_participant(), buyer_participant), slots[4], 1)
    sequence, table = pair.sequence, pair.table_id
    with pytest.raises(MeetingError):
        booking.reschedule(sse_participant.user, pair, slots[4].id)
    db.session.commit()
    db.session.expire_all()
    assert pair.slot_id == slots[0].id and pair.table_id == table and pair.sequence == sequence
    assert db.session.scalar(select(func.count()).select_from(MeetingSeat).where(
        MeetingSeat.meeting_id == pair.id, MeetingSeat.slot_id == slots[0].id)) == 2


def test_a_reschedule_racing_for_the_last_table_changes_nothing(pair, slots, sse_participant, book_at,
                                                                make_participant, make_meeting):
    book_at(pair, slots[0])
    for i in range(4):
        book_at(make_meeting(make_participant(), make_participant("buyer")), slots[5], i)
    with pytest.raises(SlotTaken):
        booking.reschedule(sse_participant.user, pair, slots[5].id)
    db.session.commit()
    db.session.expire_all()
    assert pair.slot_id == slots[0].id and len(pair.seats) == 2


def test_reschedule_needs_a_booked_meeting(pair, slots, sse_participant):
    with pytest.raises(MeetingError, match="pas encore de créneau"):
        booking.reschedule(sse_participant.user, pair, slots[1].id)


def test_cancel_a_booked_meeting_frees_the_slot_and_offers_it_back(
        app, pair, slots, sse_participant, buyer_participant, book_at, make_participant, make_meeting, outbox):
    book_at(pair, slots[0])
    # Another accepted, unbooked meeting of each side, both free in slots[0].
    sse_other = make_meeting(sse_participant, make_participant("buyer"))
    buyer_other = make_meeting(make_participant(), buyer_participant)
    # One that cannot take it: its other side is unavailable there.
    blocked = make_participant()
    db.session.add(MeetingUnavailability(participant_id=blocked.id, slot_id=slots[0].id))
    db.session.commit()
    make_meeting(blocked, buyer_participant)
    with app.test_request_context():
        booking.cancel(sse_participant.user, pair, "  Empêchement  ")
        _send()
    assert pair.status == MeetingStatus.CANCELLED and pair.slot_id is None and pair.last_slot_id == slots[0].id
    assert pair.cancel_reason == "Empêchement" and pair.cancelled_by_id == sse_participant.user.id
    assert db.session.scalar(select(func.count()).select_from(MeetingSeat)) == 0
    mails = {m.to[0]: m.body for m in outbox}
    assert set(mails) == {buyer_participant.user.email, sse_participant.user.email}
    to_buyer = mails[buyer_participant.user.email]
    assert "Empêchement" in to_buyer and f"/rendez-vous/{buyer_other.id}" in to_buyer
    assert buyer_other.requester.organisation.name in to_buyer and blocked.organisation.name not in to_buyer
    assert f"/rendez-vous/{sse_other.id}" in mails[sse_participant.user.email]


def test_cancel_an_unbooked_meeting_tells_the_other_side_only(app, pair, sse_participant, buyer_participant,
                                                              outbox):
    with app.test_request_context():
        booking.cancel(buyer_participant.user, pair, "")
        _send()
    assert pair.status == MeetingStatus.CANCELLED and pair.cancel_reason is None
    assert [m.to[0] for m in outbox] == [sse_participant.user.email]


def test_cancel_rules(pair, slots, sse_participant, outsider, book_at, make_meeting, make_participant):
    with pytest.raises(MeetingError):
        booking.cancel(outsider, pair, "")
    requested = make_meeting(sse_participant, make_participant("buyer"), status=MeetingStatus.REQUESTED)
    with pytest.raises(MeetingError):
        booking.cancel(sse_participant.user, requested, "")
    book_at(pair, slots[0])
    with pytest.raises(MeetingError, match="déjà eu lieu"):
        booking.cancel(sse_participant.user, pair, "", now=slots[0].ends_at + timedelta(minutes=1))


def test_slot_fits(pair, slots, book_at, make_participant, make_meeting):
    assert booking.slot_fits(pair, slots[0])
    for i in range(4):
        book_at(make_meeting(make_participant(), make_participant("buyer")), slots[0], i)
    assert not booking.slot_fits(pair, slots[0])
    assert utcnow() < slots[0].starts_at
