"""Booking accepted meetings in slots, moving and cancelling them, and the day itself (check-in,
no-show). Services take the acting user first, flush only, and raise MeetingError with the reason.
Bookings are written only through placement.place / placement.unplace.

    book(user, meeting, slot_id) -> Meeting            a side (or the event's organiser) books a slot
    reschedule(user, meeting, slot_id) -> Meeting      move a booked meeting (all or nothing)
    cancel(user, meeting, reason) -> Meeting           call off an accepted meeting (booked or not)
    check_in(user, meeting) -> Meeting                 both sides are at the table
    mark_no_show(user, meeting, participant_id)        one side did not come
    undo_no_show(user, meeting)
    slot_fits(meeting, slot) -> bool                   both sides free there and a table free
    actor(user, meeting) -> (side | None, is_organiser)

E-mails (booking_mail.py) leave only after the request's commit.
"""
from datetime import datetime, timedelta

from flask import has_request_context
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from ..programme.access import is_event_organiser
from ..timeutil import utcnow
from . import booking_mail, placement
from .access import acts_for, side_of
from .availability import busy_slots, candidate_tables, meeting_cap, unavailable_slots
from .errors import MeetingError, SlotTaken
from .grid import settings_of
from .models import (
    BookingSource,
    Meeting,
    MeetingParticipant,
    MeetingSeat,
    MeetingSlot,
    MeetingStatus,
)

CHECK_IN_OPENS = timedelta(minutes=30)  # before the slot's start
CHECK_IN_GRACE = timedelta(hours=2)  # after the slot's end


def side_for(user, meeting: Meeting) -> MeetingParticipant | None:
    """access.side_of, also outside a request (commands, tests): then the first side `user` is a member of."""
    if has_request_context():
        return side_of(user, meeting)
    return next((p for p in meeting.participants if acts_for(user, p)), None)


def actor(user, meeting: Meeting) -> tuple[MeetingParticipant | None, bool]:
    """The side `user` acts for (or None) and whether they organise the meeting's event."""
    return side_for(user, meeting), is_event_organiser(user, meeting.event)


def _require_actor(user, meeting: Meeting) -> tuple[MeetingParticipant | None, bool]:
    side, organiser = actor(user, meeting)
    if side is None and not organiser:
        raise MeetingError(_("Seules les deux organisations du rendez-vous et les organisateurs peuvent faire cela."))
    return side, organiser


def booked_count(participant: MeetingParticipant) -> int:
    """How many booked meetings the participant has (one seat per booked meeting)."""
    return db.session.scalar(select(func.count()).select_from(MeetingSeat).where(
        MeetingSeat.participant_id == participant.id)) or 0


def _slot_of(meeting: Meeting, slot_id, now: datetime) -> MeetingSlot:
    slot = db.session.get(MeetingSlot, slot_id) if isinstance(slot_id, int) else None
    if slot is None or slot.event_id != meeting.event_id:
        raise MeetingError(_("Ce créneau n'existe pas pour cet événement. Choisissez un créneau dans la liste."))
    if slot.starts_at <= now:
        raise MeetingError(_("Ce créneau est déjà passé ou commencé. Choisissez un créneau à venir."))
    return slot


def _check_sides(meeting: Meeting, slot: MeetingSlot) -> None:
    for side in meeting.participants:
        name = side.organisation.name
        reason = unavailable_slots(side).get(slot.id)
        if reason is not None:
            raise MeetingError(_("%(org)s n'est pas disponible sur ce créneau (%(reason)s).", org=name, reason=reason))
        busy = busy_slots(side).get(slot.id)
        if busy is not None and busy != meeting.id:
            raise MeetingError(_("%(org)s a déjà un rendez-vous sur ce créneau.", org=name))
        cap = meeting_cap(side)
        if cap is not None and booked_count(side) >= cap:
            raise MeetingError(_("%(org)s a atteint son nombre maximal de rendez-vous (%(cap)d).", org=name, cap=cap))


def slot_fits(meeting: Meeting, slot: MeetingSlot) -> bool:
    """True when the (unbooked) meeting could take `slot` now: both sides available and free there,
    and a table free (in person)."""
    for side in meeting.participants:
        if slot.id in unavailable_slots(side) or slot.id in busy_slots(side):
            return False
    settings = settings_of(meeting.event_id)
    return bool(settings is not None and (settings.is_online or candidate_tables(meeting, slot.id)))


def _place(user, meeting: Meeting, slot: MeetingSlot) -> None:
    _try_tables(user, meeting, slot)
    # placement writes the ids: let the relationships follow them.
    db.session.expire(meeting, ["slot", "table", "last_slot", "seats"])


def _try_tables(user, meeting: Meeting, slot: MeetingSlot) -> None:
    settings = settings_of(meeting.event_id)
    if settings.is_online:
        placement.place(user, meeting, slot, None, source=BookingSource.DIRECT)
        return
    tables = candidate_tables(meeting, slot.id)
    if not tables:
        raise SlotTaken(_("Plus aucune table n'est libre sur ce créneau. Choisissez un autre créneau."))
    error = None
    for table in tables:
        try:
            placement.place(user, meeting, slot, table, source=BookingSource.DIRECT)
            return
        except SlotTaken as taken:  # another booking won this table (or one side) meanwhile: next table
            error = taken
    raise error


def _check_bookable(user, meeting: Meeting) -> tuple[MeetingParticipant | None, bool]:
    side, organiser = _require_actor(user, meeting)
    settings = settings_of(meeting.event_id)
    if settings is None:
        raise MeetingError(_("Cet événement ne propose pas de rendez-vous d'affaires."))
    if meeting.status != MeetingStatus.ACCEPTED:
        raise MeetingError(_("Seul un rendez-vous accepté peut être placé dans un créneau."))
    if not organiser and not settings.direct_booking:
        raise MeetingError(_("Les organisateurs placent eux-mêmes les rendez-vous de cet événement : "
                             "vous recevrez un e-mail avec le créneau."))
    if not organiser and not settings.is_open:
        raise MeetingError(_("Les rendez-vous de cet événement sont fermés : seuls les organisateurs peuvent "
                             "réserver un créneau."))
    return side, organiser


def lock(meeting: Meeting) -> None:
    """Serialise the changes to this meeting and to its two sides' bookings (a double click, both
    sides booking at once, two bookings racing for a side's last allowed meeting): row locks on
    PostgreSQL, always in the same order (the meeting, then the participants by id), then the
    meeting is read again as committed. On SQLite the request's write lock already does this."""
    db.session.execute(select(Meeting.id).where(Meeting.id == meeting.id).with_for_update())
    db.session.execute(select(MeetingParticipant.id).where(
        MeetingParticipant.id.in_([meeting.requester_id, meeting.recipient_id]))
        .order_by(MeetingParticipant.id).with_for_update())
    db.session.refresh(meeting)


def book(user, meeting: Meeting, slot_id: int, *, now: datetime | None = None) -> Meeting:
    """Book the accepted, unbooked meeting in `slot_id` at the best free table (or online), after
    checking the rules (the module docstring); e-mails the other side (both, for an organiser)."""
    lock(meeting)
    side, _organiser = _check_bookable(user, meeting)
    if meeting.slot_id is not None:
        raise MeetingError(_("Ce rendez-vous a déjà un créneau : déplacez-le plutôt."))
    slot = _slot_of(meeting, slot_id, now or utcnow())
    _check_sides(meeting, slot)
    _place(user, meeting, slot)
    booking_mail.queue_booked(meeting, side, moved=False)
    return meeting


def reschedule(user, meeting: Meeting, slot_id: int, *, now: datetime | None = None) -> Meeting:
    """Move the booked meeting to `slot_id`: taken out and booked again in one savepoint, so that
    when the new slot is refused nothing has changed."""
    now = now or utcnow()
    lock(meeting)
    side, _organiser = _check_bookable(user, meeting)
    if meeting.slot_id is None:
        raise MeetingError(_("Ce rendez-vous n'a pas encore de créneau : réservez-en un."))
    if meeting.slot_id == slot_id:
        raise MeetingError(_("Le rendez-vous est déjà sur ce créneau. Choisissez-en un autre."))
    if meeting.slot.starts_at <= now and not _organiser:
        raise MeetingError(_("Ce rendez-vous a déjà commencé : il ne peut plus être déplacé."))
    slot = _slot_of(meeting, slot_id, now)
    previous = (meeting.slot.starts_at, meeting.slot.ends_at)
    savepoint = db.session.begin_nested()
    try:
        placement.unplace(meeting)
        _check_sides(meeting, slot)
        _place(user, meeting, slot)
    except MeetingError:
        savepoint.rollback()
        db.session.expire(meeting)
        raise
    savepoint.commit()
    booking_mail.queue_booked(meeting, side, moved=True, previous=previous)
    return meeting


def cancel(user, meeting: Meeting, reason: str | None, *, now: datetime | None = None) -> Meeting:
    """Call off an accepted meeting (booked or not); the freed slot is offered back by e-mail."""
    now = now or utcnow()
    lock(meeting)
    side, _organiser = _require_actor(user, meeting)
    if meeting.status != MeetingStatus.ACCEPTED:
        raise MeetingError(_("Seul un rendez-vous accepté peut être annulé."))
    slot = meeting.slot
    if slot is not None and slot.ends_at <= now:
        raise MeetingError(_("Ce rendez-vous a déjà eu lieu : indiquez plutôt ses suites (ou une absence)."))
    if slot is not None:
        placement.unplace(meeting)  # raises the sequence: calendars show the cancellation
        db.session.expire(meeting, ["slot", "table", "last_slot"])
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = now
    meeting.cancelled_by_id = user.id
    meeting.cancel_reason = (reason or "").strip()[:500] or None
    db.session.flush()
    freed = slot if slot is not None and slot.starts_at > now else None
    booking_mail.queue_cancelled(meeting, side, freed, _offers(meeting, freed))
    return meeting


def _offers(meeting: Meeting, slot: MeetingSlot | None) -> dict[int, list[Meeting]]:
    """participant id -> their other accepted, unbooked meetings that could take `slot` now."""
    offers: dict[int, list[Meeting]] = {}
    if slot is None:
        return offers
    for side in meeting.participants:
        others = db.session.scalars(select(Meeting).where(
            Meeting.event_id == meeting.event_id, Meeting.id != meeting.id,
            Meeting.status == MeetingStatus.ACCEPTED, Meeting.slot_id.is_(None),
            (Meeting.requester_id == side.id) | (Meeting.recipient_id == side.id)).order_by(
            Meeting.weight.desc(), Meeting.id))
        offers[side.id] = [m for m in others if slot_fits(m, slot)]
    return offers


def check_in_window(meeting: Meeting) -> tuple[datetime, datetime] | None:
    """When the meeting's check-in is open (UTC), or None when it is not booked."""
    if meeting.slot is None:
        return None
    return meeting.slot.starts_at - CHECK_IN_OPENS, meeting.slot.ends_at + CHECK_IN_GRACE


def can_check_in(meeting: Meeting, now: datetime | None = None) -> bool:
    window = check_in_window(meeting)
    return (meeting.status == MeetingStatus.ACCEPTED and window is not None
            and window[0] <= (now or utcnow()) <= window[1])


def check_in(user, meeting: Meeting, *, now: datetime | None = None) -> Meeting:
    """Both sides are at the table (from 30 minutes before the slot to 2 hours after its end)."""
    now = now or utcnow()
    _require_actor(user, meeting)
    if meeting.status != MeetingStatus.ACCEPTED or meeting.slot is None:
        raise MeetingError(_("Seul un rendez-vous réservé peut être marqué présent."))
    opens, closes = check_in_window(meeting)
    if now < opens:
        raise MeetingError(_("La présence se note à partir de 30 minutes avant le rendez-vous."))
    if now > closes:
        raise MeetingError(_("Il est trop tard pour noter la présence à ce rendez-vous."))
    meeting.checked_in_at = now
    meeting.no_show_id = None
    db.session.flush()
    return meeting


def mark_no_show(user, meeting: Meeting, participant_id: int, *, now: datetime | None = None) -> Meeting:
    """After the slot's start, a side marks the OTHER side absent; the organiser either side."""
    now = now or utcnow()
    side, organiser = _require_actor(user, meeting)
    if meeting.status != MeetingStatus.ACCEPTED or meeting.slot is None:
        raise MeetingError(_("Seul un rendez-vous réservé peut être marqué absent."))
    if meeting.slot.starts_at > now:
        raise MeetingError(_("Une absence se note une fois l'heure du rendez-vous passée."))
    absent = next((p for p in meeting.participants if p.id == participant_id), None)
    if absent is None:
        raise MeetingError(_("Cette organisation ne fait pas partie du rendez-vous."))
    if not organiser and absent.id == side.id:
        raise MeetingError(_("Vous ne pouvez marquer absente que l'autre organisation."))
    meeting.no_show_id = absent.id
    meeting.checked_in_at = None
    db.session.flush()
    return meeting


def can_undo_no_show(meeting: Meeting, side: MeetingParticipant | None, organiser: bool) -> bool:
    # The side who marked is the other one (a side can only mark the other side absent).
    return meeting.no_show_id is not None and (organiser or (side is not None and side.id != meeting.no_show_id))


def undo_no_show(user, meeting: Meeting) -> Meeting:
    """Take back an absence (the organiser, or the side that marked it)."""
    side, organiser = _require_actor(user, meeting)
    if meeting.no_show_id is None:
        raise MeetingError(_("Aucune absence n'est notée pour ce rendez-vous."))
    if not can_undo_no_show(meeting, side, organiser):
        raise MeetingError(_("Seuls l'autre organisation et les organisateurs peuvent retirer cette absence."))
    meeting.no_show_id = None
    db.session.flush()
    return meeting
