"""The organisers' view of the day: the event's slots by day, the booked meetings of a slot table
by table, a table's meetings of a day, and the counts per slot.

    slots_by_day(event) -> list[(date, list[MeetingSlot])]     local days, time order
    pick_day(days, value, now) -> date | None                   ?jour=, else today, else the next day
    pick_slot(slots, value, now) -> MeetingSlot | None          ?creneau=, else the current or next slot
    slot_meetings(slot, table_id=None) -> list[Meeting]         booked, in table order
    table_meetings(table, slots) -> list[Meeting]               one table's, in time order
    slot_counts(slots) -> dict[slot_id, SlotCount]
"""
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..programme.timezones import to_local
from .grid import event_slots
from .models import (
    Meeting,
    MeetingParticipant,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
)


@dataclass
class SlotCount:
    booked: int = 0
    checked_in: int = 0
    no_shows: int = 0

    @property
    def waiting(self) -> int:
        return self.booked - self.checked_in - self.no_shows


def slots_by_day(event) -> list[tuple[date, list[MeetingSlot]]]:
    slots = event_slots(event.id)
    return [(day, list(group)) for day, group in
            groupby(slots, key=lambda s: to_local(s.starts_at, event.timezone).date())]


def pick_day(days: list[date], value: str | None, today: date) -> date | None:
    if not days:
        return None
    try:
        chosen = date.fromisoformat(value) if value else None
    except ValueError:
        chosen = None
    if chosen in days:
        return chosen
    if today in days:
        return today
    return next((d for d in days if d > today), days[-1])


def pick_slot(slots: list[MeetingSlot], value: str | None, now: datetime) -> MeetingSlot | None:
    if not slots:
        return None
    if value and value.isdigit():
        chosen = next((s for s in slots if s.id == int(value)), None)
        if chosen is not None:
            return chosen
    return next((s for s in slots if s.ends_at > now), slots[-1])


def _booked():
    return (select(Meeting).where(Meeting.status == MeetingStatus.ACCEPTED, Meeting.slot_id.is_not(None))
            .options(selectinload(Meeting.requester).selectinload(MeetingParticipant.organisation),
                     selectinload(Meeting.requester).selectinload(MeetingParticipant.user),
                     selectinload(Meeting.recipient).selectinload(MeetingParticipant.organisation),
                     selectinload(Meeting.recipient).selectinload(MeetingParticipant.user),
                     selectinload(Meeting.table), selectinload(Meeting.slot)))


def slot_meetings(slot: MeetingSlot, table_id: int | None = None) -> list[Meeting]:
    query = (_booked().outerjoin(MeetingTable, MeetingTable.id == Meeting.table_id)
             .where(Meeting.slot_id == slot.id)
             .order_by(MeetingTable.position, MeetingTable.name, Meeting.id))
    if table_id is not None:
        query = query.where(Meeting.table_id == table_id)
    return list(db.session.scalars(query))


def table_meetings(table: MeetingTable, slots: list[MeetingSlot]) -> list[Meeting]:
    query = (_booked().join(MeetingSlot, MeetingSlot.id == Meeting.slot_id)
             .where(Meeting.table_id == table.id, Meeting.slot_id.in_([s.id for s in slots]))
             .order_by(MeetingSlot.starts_at))
    return list(db.session.scalars(query))


def slot_counts(slots: list[MeetingSlot]) -> dict[int, SlotCount]:
    counts = {s.id: SlotCount() for s in slots}
    rows = db.session.execute(
        select(Meeting.slot_id, func.count(),
               func.sum(case((Meeting.checked_in_at.is_not(None), 1), else_=0)),
               func.sum(case((Meeting.no_show_id.is_not(None), 1), else_=0)))
        .where(Meeting.slot_id.in_(list(counts)), Meeting.status == MeetingStatus.ACCEPTED)
        .group_by(Meeting.slot_id))
    for slot_id, booked, checked_in, no_shows in rows:
        counts[slot_id] = SlotCount(booked, int(checked_in or 0), int(no_shows or 0))
    return counts
