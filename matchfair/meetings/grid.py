"""The meeting grid of an event: settings, periods cut into slots, tables.

    settings_of(event) -> MeetingSettings | None        (None: the event offers no meetings)
    cut_slots(starts_at, ends_at, slot_minutes, break_minutes) -> list[(start, end)]   (pure)
    rebuild_slots(event) -> SlotChanges                   (after the settings or periods change)
    event_slots(event_id) -> list[MeetingSlot]           (time order)
    pool_tables(event_id) -> list[MeetingTable]          (active tables that are nobody's stand)

Slots follow the periods: a period of 09:00-12:30 with 25 + 5 minutes gives 09:00, 09:30 ... 12:00
(the last slot must end by the period's end; the break after the last one may run past it).
Rebuilding keeps every slot whose times are unchanged (so availabilities and bookings stay), adds
the new ones and deletes the others; a slot that holds a booked meeting is never deleted: the
rebuild is refused with `GridError` naming it, and nothing changes.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from ..extensions import db
from ..programme.models import Event
from ..programme.timezones import to_local
from .models import Meeting, MeetingParticipant, MeetingPeriod, MeetingSettings, MeetingSlot, MeetingTable


class GridError(Exception):
    """A change to the grid that would break a booking; the message says which one."""


@dataclass
class SlotChanges:
    kept: int
    added: int
    removed: int


def settings_of(event: Event | int) -> MeetingSettings | None:
    return db.session.get(MeetingSettings, getattr(event, "id", event))


def cut_slots(starts_at: datetime, ends_at: datetime, slot_minutes: int,
              break_minutes: int) -> list[tuple[datetime, datetime]]:
    """The (start, end) of the slots that fit in [starts_at, ends_at]."""
    length, step = timedelta(minutes=slot_minutes), timedelta(minutes=slot_minutes + break_minutes)
    slots, start = [], starts_at
    while start + length <= ends_at:
        slots.append((start, start + length))
        start += step
    return slots


def event_slots(event_id: int) -> list[MeetingSlot]:
    return list(db.session.scalars(
        select(MeetingSlot).where(MeetingSlot.event_id == event_id).order_by(MeetingSlot.starts_at)))


def event_periods(event_id: int) -> list[MeetingPeriod]:
    return list(db.session.scalars(
        select(MeetingPeriod).where(MeetingPeriod.event_id == event_id).order_by(MeetingPeriod.starts_at)))


def event_tables(event_id: int) -> list[MeetingTable]:
    return list(db.session.scalars(
        select(MeetingTable).where(MeetingTable.event_id == event_id)
        .order_by(MeetingTable.position, MeetingTable.name, MeetingTable.id)))


def pool_tables(event_id: int) -> list[MeetingTable]:
    """Active tables that are not a participant's own stand, in table order."""
    stands = select(MeetingParticipant.stand_table_id).where(
        MeetingParticipant.event_id == event_id, MeetingParticipant.stand_table_id.is_not(None))
    return list(db.session.scalars(
        select(MeetingTable).where(MeetingTable.event_id == event_id, MeetingTable.is_active.is_(True),
                                   MeetingTable.id.not_in(stands))
        .order_by(MeetingTable.position, MeetingTable.name, MeetingTable.id)))


def slot_label(slot: MeetingSlot, event: Event) -> str:
    """"jeu. 11/06 09:00-09:25" in the event's zone (short, for lists and selects)."""
    from flask_babel import format_date

    start, end = to_local(slot.starts_at, event.timezone), to_local(slot.ends_at, event.timezone)
    return f"{format_date(start.date(), 'EEE dd/MM')} {start:%H:%M}-{end:%H:%M}"


def rebuild_slots(event: Event) -> SlotChanges:
    """Make the event's slots follow its periods and settings (see the module docstring)."""
    settings = settings_of(event)
    wanted: dict[datetime, tuple[datetime, int]] = {}
    if settings is not None:
        for period in event_periods(event.id):
            for start, end in cut_slots(period.starts_at, period.ends_at, settings.slot_minutes,
                                        settings.break_minutes):
                wanted[start] = (end, period.id)
    existing = event_slots(event.id)
    stale = [s for s in existing if wanted.get(s.starts_at) != (s.ends_at, s.period_id)]
    if stale:
        booked = db.session.execute(
            select(MeetingSlot, func.count(Meeting.id)).join(Meeting, Meeting.slot_id == MeetingSlot.id)
            .where(MeetingSlot.id.in_([s.id for s in stale])).group_by(MeetingSlot.id)
            .order_by(MeetingSlot.starts_at)).first()
        if booked is not None:
            slot, count = booked
            raise GridError(_("Le créneau %(slot)s porte %(count)d rendez-vous réservé(s) : annulez-les ou "
                              "déplacez-les avant de modifier la grille.", slot=slot_label(slot, event),
                              count=count))
        db.session.execute(delete(MeetingSlot).where(MeetingSlot.id.in_([s.id for s in stale])))
    kept = {s.starts_at for s in existing} - {s.starts_at for s in stale}
    added = 0
    for start, (end, period_id) in sorted(wanted.items()):
        if start not in kept:
            db.session.add(MeetingSlot(event_id=event.id, period_id=period_id, starts_at=start, ends_at=end))
            added += 1
    db.session.flush()
    return SlotChanges(kept=len(kept), added=added, removed=len(stale))
