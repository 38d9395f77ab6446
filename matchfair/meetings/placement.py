"""Putting an accepted meeting in a slot (and at a table) and taking it out: the one place where
bookings are written, used by direct booking and by the scheduler's publication.

    place(user, meeting, slot, table, *, source) -> None
        Book `meeting` (accepted, not booked) in `slot` at `table` (None when meetings are online:
        the video link is then built from the event's pattern). Writes the meeting's booking and
        its two seats inside a SAVEPOINT; when the database refuses (either side already sits in
        a meeting in that slot, or the table is taken: unique constraints), the savepoint is rolled
        back and `SlotTaken` is raised; the surrounding transaction stays usable. Business rules
        (availability, caps, stands, the slot being in the future) are the caller's to check.
    place_many(user, items, *, source) -> (placed, refused)
        The same for many (meeting, slot, table) at once (the scheduler's publication): items that
        would clash with a booking or with an earlier item are refused up front; the others are
        written in batches, each in a SAVEPOINT; a batch the database refuses (someone booked in
        between) is retried one meeting at a time with place(). Returns the meetings placed and
        the number refused.
    unplace(meeting) -> None
        Take a booked meeting out of its slot (seats deleted, booking cleared, `last_slot_id` kept);
        its status is left to the caller (still accepted: it can be booked again; or cancelled).
    video_link(settings, meeting) -> str | None
"""
import secrets

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..timeutil import utcnow
from .errors import MeetingError, SlotTaken
from .grid import settings_of
from .models import BookingSource, Meeting, MeetingSeat, MeetingSlot, MeetingStatus, MeetingTable


def video_link(settings, meeting: Meeting) -> str | None:
    pattern = settings.video_link_pattern if settings is not None else None
    if not pattern:
        return None
    return (pattern.replace("{event}", meeting.event.slug).replace("{meeting}", str(meeting.id))
            .replace("{code}", secrets.token_urlsafe(9)))


def _check(meeting: Meeting, slot: MeetingSlot, table: MeetingTable | None, source: str) -> None:
    if meeting.status != MeetingStatus.ACCEPTED:
        raise MeetingError(_("Seul un rendez-vous accepté peut être placé dans un créneau."))
    if meeting.slot_id is not None:
        raise MeetingError(_("Ce rendez-vous a déjà un créneau."))
    if slot.event_id != meeting.event_id or (table is not None and table.event_id != meeting.event_id):
        raise MeetingError(_("Ce créneau n'appartient pas à cet événement."))
    if source not in (BookingSource.DIRECT, BookingSource.SCHEDULER):
        raise ValueError(source)


def _write(user, meeting: Meeting, slot: MeetingSlot, table: MeetingTable | None, source: str, settings) -> None:
    meeting.slot_id = slot.id
    meeting.last_slot_id = slot.id
    meeting.table_id = table.id if table is not None else None
    meeting.video_url = video_link(settings, meeting) if table is None else None
    meeting.booking_source = source
    meeting.booked_at = utcnow()
    meeting.booked_by_id = getattr(user, "id", None)
    meeting.checked_in_at = None
    meeting.no_show_id = None
    meeting.sequence = (meeting.sequence or 0) + 1
    db.session.add_all([
        MeetingSeat(meeting_id=meeting.id, participant_id=meeting.requester_id, slot_id=slot.id),
        MeetingSeat(meeting_id=meeting.id, participant_id=meeting.recipient_id, slot_id=slot.id),
    ])


def place(user, meeting: Meeting, slot: MeetingSlot, table: MeetingTable | None, *, source: str) -> None:
    _check(meeting, slot, table, source)
    settings = settings_of(meeting.event_id)
    try:
        with db.session.begin_nested():
            _write(user, meeting, slot, table, source, settings)
            db.session.flush()
    except IntegrityError:
        db.session.expire(meeting)
        raise SlotTaken(_("Ce créneau vient d'être pris : l'un de vous deux, ou la dernière table libre, "
                          "n'est plus disponible. Choisissez un autre créneau.")) from None


BATCH = 500


def _taken(event_id: int) -> tuple[set, set]:
    """The (participant, slot) and (slot, table) pairs already booked at the event."""
    seats = set(db.session.execute(select(MeetingSeat.participant_id, MeetingSeat.slot_id).join(
        Meeting, Meeting.id == MeetingSeat.meeting_id).where(Meeting.event_id == event_id)).tuples())
    tables = set(db.session.execute(select(Meeting.slot_id, Meeting.table_id).where(
        Meeting.event_id == event_id, Meeting.table_id.is_not(None))).tuples())
    return seats, tables


def place_many(user, items, *, source: str) -> tuple[list[Meeting], int]:
    items = list(items)
    if not items:
        return [], 0
    event_id = items[0][0].event_id
    seats, tables = _taken(event_id)
    accepted, refused = [], 0
    for meeting, slot, table in items:
        try:
            _check(meeting, slot, table, source)
        except MeetingError:
            refused += 1
            continue
        wanted = {(meeting.requester_id, slot.id), (meeting.recipient_id, slot.id)}
        spot = (slot.id, table.id) if table is not None else None
        if wanted & seats or (spot is not None and spot in tables):
            refused += 1
            continue
        seats |= wanted
        if spot is not None:
            tables.add(spot)
        accepted.append((meeting, slot, table))
    settings = settings_of(event_id)
    placed: list[Meeting] = []
    for start in range(0, len(accepted), BATCH):
        batch = accepted[start:start + BATCH]
        try:
            with db.session.begin_nested():
                for meeting, slot, table in batch:
                    _write(user, meeting, slot, table, source, settings)
                db.session.flush()
            placed.extend(meeting for meeting, _slot, _table in batch)
        except IntegrityError:  # a booking made meanwhile by someone else: one at a time
            for meeting, slot, table in batch:
                db.session.expire(meeting)
                try:
                    place(user, meeting, slot, table, source=source)
                    placed.append(meeting)
                except MeetingError:
                    refused += 1
    return placed, refused


def unplace(meeting: Meeting) -> None:
    if meeting.slot_id is None:
        return
    db.session.execute(delete(MeetingSeat).where(MeetingSeat.meeting_id == meeting.id))
    db.session.expire(meeting, ["seats"])
    meeting.slot_id = None
    meeting.table_id = None
    meeting.video_url = None
    meeting.booking_source = None
    meeting.booked_at = None
    meeting.booked_by_id = None
    meeting.checked_in_at = None
    meeting.no_show_id = None
    meeting.sequence = (meeting.sequence or 0) + 1
    db.session.flush()
