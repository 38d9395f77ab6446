"""Putting an accepted meeting in a slot (and at a table) and taking it out: the one place where
bookings are written, used by direct booking and by the scheduler's publication.

    place(user, meeting, slot, table, *, source) -> None
        Book `meeting` (accepted, not booked) in `slot` at `table` (None when meetings are online:
        the video link is then built from the event's pattern). Writes the meeting's booking and
        its two seats inside a SAVEPOINT; when the database refuses (either side already sits in
        a meeting in that slot, or the table is taken: unique constraints), the savepoint is rolled
        back and `SlotTaken` is raised; the surrounding transaction stays usable. Business rules
        (availability, caps, stands, the slot being in the future) are the caller's to check.
    unplace(meeting) -> None
        Take a booked meeting out of its slot (seats deleted, booking cleared, `last_slot_id` kept);
        its status is left to the caller (still accepted: it can be booked again; or cancelled).
    video_link(settings, meeting) -> str | None
"""
import secrets

from flask_babel import gettext as _
from sqlalchemy import delete
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


def place(user, meeting: Meeting, slot: MeetingSlot, table: MeetingTable | None, *, source: str) -> None:
    if meeting.status != MeetingStatus.ACCEPTED:
        raise MeetingError(_("Seul un rendez-vous accepté peut être placé dans un créneau."))
    if meeting.slot_id is not None:
        raise MeetingError(_("Ce rendez-vous a déjà un créneau."))
    if slot.event_id != meeting.event_id or (table is not None and table.event_id != meeting.event_id):
        raise MeetingError(_("Ce créneau n'appartient pas à cet événement."))
    if source not in (BookingSource.DIRECT, BookingSource.SCHEDULER):
        raise ValueError(source)
    settings = settings_of(meeting.event_id)
    try:
        with db.session.begin_nested():
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
            db.session.flush()
    except IntegrityError:
        db.session.expire(meeting)
        raise SlotTaken(_("Ce créneau vient d'être pris : l'un de vous deux, ou la dernière table libre, "
                          "n'est plus disponible. Choisissez un autre créneau.")) from None


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
