"""When a participant can meet, and which slots and tables a meeting can take.

    unavailable_slots(participant) -> dict[slot_id, str]
        slots the participant cannot meet in, with the reason shown: declared unavailable on the
        availability page ("Indisponible"), or overlapping a programme session its representative
        holds a place at (the session's title).
    busy_slots(participant) -> dict[slot_id, int]       slot -> the booked meeting's id
    candidate_tables(meeting, slot_id) -> list[MeetingTable]
        where the meeting could sit in that slot, free tables only, best first: the stand of
        either side when one has a stand (the recipient's first), else the free pool tables.
        Online events (settings.video_link_pattern): [] (no table needed).
    free_slots(meeting, *, now=None) -> list[MeetingSlot]
        future slots where both sides are available and free and (in person) a table is free.
"""
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import and_, select

from ..extensions import db
from ..programme.models import ProgrammeSession, SeatStatus, SessionRegistration
from ..timeutil import utcnow
from .grid import event_slots, pool_tables, settings_of
from .models import Meeting, MeetingParticipant, MeetingSeat, MeetingSlot, MeetingTable, MeetingUnavailability


def unavailable_slots(participant: MeetingParticipant) -> dict[int, str]:
    reasons: dict[int, str] = {}
    declared = db.session.scalars(select(MeetingUnavailability.slot_id).where(
        MeetingUnavailability.participant_id == participant.id))
    for slot_id in declared:
        reasons[slot_id] = _("Indisponible")
    overlapping = db.session.execute(
        select(MeetingSlot.id, ProgrammeSession.title)
        .join(ProgrammeSession, and_(ProgrammeSession.event_id == MeetingSlot.event_id,
                                     ProgrammeSession.starts_at < MeetingSlot.ends_at,
                                     ProgrammeSession.ends_at > MeetingSlot.starts_at))
        .join(SessionRegistration, SessionRegistration.session_id == ProgrammeSession.id)
        .where(MeetingSlot.event_id == participant.event_id,
               SessionRegistration.user_id == participant.user_id,
               SessionRegistration.status == SeatStatus.REGISTERED,
               ProgrammeSession.is_cancelled.is_(False), ProgrammeSession.is_published.is_(True)))
    for slot_id, title in overlapping:
        reasons[slot_id] = title
    return reasons


def busy_slots(participant: MeetingParticipant) -> dict[int, int]:
    return dict(db.session.execute(select(MeetingSeat.slot_id, MeetingSeat.meeting_id).where(
        MeetingSeat.participant_id == participant.id)).all())


def _taken_tables(slot_id: int) -> set[int]:
    return set(db.session.scalars(select(Meeting.table_id).where(
        Meeting.slot_id == slot_id, Meeting.table_id.is_not(None))))


def candidate_tables(meeting: Meeting, slot_id: int) -> list[MeetingTable]:
    settings = settings_of(meeting.event_id)
    if settings is not None and settings.is_online:
        return []
    taken = _taken_tables(slot_id)
    stands = [p.stand_table for p in (meeting.recipient, meeting.requester) if p.stand_table is not None]
    if stands:
        return [t for t in stands if t.id not in taken]
    return [t for t in pool_tables(meeting.event_id) if t.id not in taken]


def meeting_cap(participant: MeetingParticipant) -> int | None:
    """The most meetings the participant may have booked (its own cap, else the event's)."""
    if participant.max_meetings is not None:
        return participant.max_meetings
    settings = settings_of(participant.event_id)
    return settings.max_meetings if settings is not None else None


def free_slots(meeting: Meeting, *, now: datetime | None = None) -> list[MeetingSlot]:
    now = now or utcnow()
    sides = (meeting.requester, meeting.recipient)
    blocked: set[int] = set()
    for side in sides:
        blocked |= set(unavailable_slots(side)) | set(busy_slots(side))
    online = (settings_of(meeting.event_id) or None) is not None and settings_of(meeting.event_id).is_online
    return [slot for slot in event_slots(meeting.event_id)
            if slot.starts_at > now and slot.id not in blocked
            and (online or candidate_tables(meeting, slot.id))]


def booked_meeting_between(user_id: int, starts_at: datetime, ends_at: datetime) -> Meeting | None:
    """A booked meeting, in a slot overlapping [starts_at, ends_at), of a participant that `user_id`
    represents (they sit at it), or None: a workshop place at that time would clash with it."""
    return db.session.scalars(
        select(Meeting).join(MeetingSeat, MeetingSeat.meeting_id == Meeting.id)
        .join(MeetingParticipant, MeetingParticipant.id == MeetingSeat.participant_id)
        .join(MeetingSlot, MeetingSlot.id == MeetingSeat.slot_id)
        .where(MeetingParticipant.user_id == user_id, MeetingSlot.starts_at < ends_at,
               MeetingSlot.ends_at > starts_at)
        .order_by(MeetingSlot.starts_at).limit(1)).first()
