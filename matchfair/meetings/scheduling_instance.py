"""The scheduler's instance (../shared/formats/meeting-schedule.md) built from an event's data.

    build_instance(event, *, now=None) -> (instance dict, InstanceMapping)
    bulk_unavailable(event_id, slot_ids) -> dict[participant_id, set[slot_id]]
    ref_id(ref) -> int                       "s-12" -> 12

What goes in (ids are "<kind>-<database id>"):
- slots "s-<id>": the event's meeting slots that start after `now`, times in the event's zone;
- tables "t-<id>": the active tables, but for the stands of participants that are not in the
  instance (an own table nobody of the instance owns would be taken for a pool table). Online events
  (settings.video_link_pattern set) have no table: virtual tables "v-1".."v-N", N = participants // 2
  + 1 (at most that many meetings per slot), placed as table None (the video link is built then);
- participants "p-<id>": those in a meeting of the instance, `table` = their active stand (in
  person), `unavailable` = the slots availability.unavailable_slots gives (declared, or overlapping a
  programme session the representative holds a place at; computed for everyone in two queries),
  `max_meetings` = availability.meeting_cap minus the meetings already booked in past slots
  (omitted when there is no cap);
- meetings "m-<id>": accepted meetings not booked (weight = meeting.weight), and those booked in
  future slots, listed in `fixed` with their slot and table: the engine keeps them as they are.

A booked meeting the format cannot state as fixed (its table was made inactive, or became another
participant's stand) is left out; its slot is then marked unavailable for both sides and it counts
against their caps, so that nothing is placed over it. `InstanceMapping.blocked` lists those.
A participant's unavailability is not stated in slots where it already holds a fixed meeting (it
registered for a workshop after booking, say): the format refuses a fixed meeting in such a slot,
and the slot is taken anyway.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, select

from ..extensions import db
from ..programme.models import Event, ProgrammeSession, SeatStatus, SessionRegistration
from ..programme.timezones import to_local
from ..timeutil import utcnow
from .grid import settings_of
from .models import (
    Meeting,
    MeetingParticipant,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    MeetingUnavailability,
)


@dataclass
class InstanceMapping:
    """The database rows behind the instance's ids."""

    slots: dict[str, int] = field(default_factory=dict)
    tables: dict[str, int | None] = field(default_factory=dict)  # virtual tables -> None
    participants: dict[str, int] = field(default_factory=dict)
    meetings: dict[str, int] = field(default_factory=dict)
    fixed: set[str] = field(default_factory=set)  # meeting ids already booked (future slots)
    blocked: list[int] = field(default_factory=list)  # booked meetings kept out (see the docstring)
    online: bool = False

    @property
    def to_place(self) -> int:
        """Meetings the engine may place (accepted, not booked)."""
        return len(self.meetings) - len(self.fixed)


def ref_id(ref: str) -> int:
    """The database id in an instance id: "s-12" -> 12."""
    return int(ref.split("-", 1)[1])


def bulk_unavailable(event_id: int, slot_ids) -> dict[int, set[int]]:
    """participant id -> the slots among `slot_ids` it cannot meet in, for every participant of the
    event at once: the rules of availability.unavailable_slots in two queries."""
    slot_ids = set(slot_ids)
    out: dict[int, set[int]] = defaultdict(set)
    if not slot_ids:
        return out
    declared = db.session.execute(
        select(MeetingUnavailability.participant_id, MeetingUnavailability.slot_id)
        .join(MeetingParticipant, MeetingParticipant.id == MeetingUnavailability.participant_id)
        .where(MeetingParticipant.event_id == event_id))
    overlapping = db.session.execute(
        select(MeetingParticipant.id, MeetingSlot.id)
        .select_from(MeetingSlot)
        .join(ProgrammeSession, and_(ProgrammeSession.event_id == MeetingSlot.event_id,
                                     ProgrammeSession.starts_at < MeetingSlot.ends_at,
                                     ProgrammeSession.ends_at > MeetingSlot.starts_at))
        .join(SessionRegistration, SessionRegistration.session_id == ProgrammeSession.id)
        .join(MeetingParticipant, and_(MeetingParticipant.user_id == SessionRegistration.user_id,
                                       MeetingParticipant.event_id == MeetingSlot.event_id))
        .where(MeetingSlot.event_id == event_id,
               SessionRegistration.status == SeatStatus.REGISTERED,
               ProgrammeSession.is_cancelled.is_(False), ProgrammeSession.is_published.is_(True)))
    for rows in (declared, overlapping):
        for participant_id, slot_id in rows:
            if slot_id in slot_ids:
                out[participant_id].add(slot_id)
    return out


def _fixed_table_ok(table_id, sides, stand_of: dict[int, int | None], owner_of: dict[int, int],
                    tables: set[int]) -> bool:
    """The format's rule 4 for a booked meeting at `table_id` (in person)."""
    if table_id is None or table_id not in tables:
        return False
    owner = owner_of.get(table_id)
    if any(stand_of.get(p) is not None for p in sides):
        return owner in sides and stand_of.get(owner) == table_id
    return owner is None


def build_instance(event: Event, *, now: datetime | None = None) -> tuple[dict, InstanceMapping]:
    """The instance of the event's meetings to place after `now` (default: the current time), and
    the mapping of its ids to rows. A handful of queries whatever the size of the fair."""
    now = now or utcnow()
    settings = settings_of(event)
    mapping = InstanceMapping(online=bool(settings is not None and settings.is_online))
    tz = event.timezone

    slots = db.session.execute(
        select(MeetingSlot.id, MeetingSlot.starts_at, MeetingSlot.ends_at)
        .where(MeetingSlot.event_id == event.id).order_by(MeetingSlot.starts_at)).all()
    future = {sid for sid, starts, _ in slots if starts > now}
    people = {row.id: row for row in db.session.execute(
        select(MeetingParticipant.id, MeetingParticipant.user_id, MeetingParticipant.stand_table_id,
               MeetingParticipant.max_meetings).where(MeetingParticipant.event_id == event.id))}
    accepted = db.session.execute(
        select(Meeting.id, Meeting.requester_id, Meeting.recipient_id, Meeting.weight, Meeting.slot_id,
               Meeting.table_id)
        .where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.ACCEPTED)
        .order_by(Meeting.id)).all()
    active = set(db.session.scalars(select(MeetingTable.id).where(
        MeetingTable.event_id == event.id, MeetingTable.is_active.is_(True))))

    to_place = [m for m in accepted if m.slot_id is None]
    booked = [m for m in accepted if m.slot_id in future]
    past_count: dict[int, int] = defaultdict(int)
    for m in accepted:
        if m.slot_id is not None and m.slot_id not in future:
            past_count[m.requester_id] += 1
            past_count[m.recipient_id] += 1
    in_instance = {p for m in to_place + booked for p in (m.requester_id, m.recipient_id)}

    stand_of = {p: people[p].stand_table_id for p in in_instance
                if not mapping.online and people[p].stand_table_id in active}
    owner_of = {t: p for p, t in stand_of.items() if t is not None}
    others_stands = {row.stand_table_id for pid, row in people.items() if pid not in in_instance}
    table_ids = sorted(t for t in active if t not in others_stands) if not mapping.online else []

    unavailable = bulk_unavailable(event.id, future)
    fixed, blocked_slots = [], defaultdict(set)
    busy_fixed: dict[int, set[int]] = defaultdict(set)
    for m in booked:
        sides = (m.requester_id, m.recipient_id)
        if mapping.online or _fixed_table_ok(m.table_id, sides, stand_of, owner_of, set(table_ids)):
            fixed.append(m)
            for p in sides:
                busy_fixed[p].add(m.slot_id)
        else:
            mapping.blocked.append(m.id)
            for p in sides:
                blocked_slots[p].add(m.slot_id)
    left_out = set(mapping.blocked)
    kept = [m for m in booked if m.id not in left_out]
    in_instance = {p for m in to_place + kept for p in (m.requester_id, m.recipient_id)}
    # A participant whose every meeting was left out leaves the instance: so does its stand.
    dropped = {t for p, t in stand_of.items() if p not in in_instance}
    table_ids = [t for t in table_ids if t not in dropped]

    default_cap = settings.max_meetings if settings is not None else None
    participants = []
    for pid in sorted(in_instance):
        row = people[pid]
        item = {"id": f"p-{pid}"}
        if stand_of.get(pid) is not None:
            item["table"] = f"t-{stand_of[pid]}"
        off = (unavailable.get(pid, set()) | blocked_slots[pid]) - busy_fixed[pid]
        if off:
            item["unavailable"] = [f"s-{s}" for s in sorted(off)]
        cap = row.max_meetings if row.max_meetings is not None else default_cap
        if cap is not None:
            left = cap - past_count[pid] - len(blocked_slots[pid])
            item["max_meetings"] = max(left, len(busy_fixed[pid]), 0)
        participants.append(item)
        mapping.participants[item["id"]] = pid

    instance_slots = []
    for sid, starts, ends in slots:
        if sid in future:
            ref = f"s-{sid}"
            instance_slots.append({"id": ref, "start": to_local(starts, tz).isoformat(),
                                   "end": to_local(ends, tz).isoformat()})
            mapping.slots[ref] = sid
    if mapping.online:
        tables = [f"v-{k}" for k in range(1, len(participants) // 2 + 2)]
        mapping.tables = {t: None for t in tables}
    else:
        tables = [f"t-{t}" for t in table_ids]
        mapping.tables = {f"t-{t}": t for t in table_ids}

    meetings, fixed_items, virtual_used = [], [], defaultdict(int)
    for m in sorted(to_place + kept, key=lambda m: m.id):
        ref = f"m-{m.id}"
        meetings.append({"id": ref, "a": f"p-{m.requester_id}", "b": f"p-{m.recipient_id}",
                         "weight": m.weight})
        mapping.meetings[ref] = m.id
        if m.slot_id is not None:
            if mapping.online:
                virtual_used[m.slot_id] += 1
                table = f"v-{virtual_used[m.slot_id]}"
            else:
                table = f"t-{m.table_id}"
            fixed_items.append({"meeting": ref, "slot": f"s-{m.slot_id}", "table": table})
            mapping.fixed.add(ref)
    instance = {"slots": instance_slots, "tables": tables, "participants": participants,
                "meetings": meetings, "fixed": fixed_items}
    return instance, mapping
