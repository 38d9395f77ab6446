"""What a scheduling run would do, computed from its stored instance and solution.

    analyse(run) -> Preview

- placed meetings grouped by slot (with the table and both organisations), the ones this run places;
  the already booked meetings it kept are counted per slot;
- every unplaced meeting with the first reason that holds, in this order:
  1. no slot where both sides are available (declared unavailable, a workshop, past slots);
  2. a side has reached its cap (max_meetings used by its booked and placed meetings);
  3. both are free in some common slot but no table is (their stand, or the shared pool, full);
  4. else the common slots are taken by meetings of higher priority;
- per participant: meetings booked before the run (past slots included), placed by it, and its
  holes (runs of idle, available slots between two of its meetings on the same day, as the engine
  counts them); participants with the most holes first;
- the weight placed against the engine's upper bound, as a percentage.
"""
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise

from flask_babel import format_decimal, lazy_gettext
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from ..organisations.models import Organisation
from ..programme.models import Event
from .grid import slot_label
from .models import (
    MeetingParticipant,
    MeetingSeat,
    MeetingSlot,
    MeetingTable,
    SchedulingRun,
)
from .scheduling_instance import ref_id

NO_COMMON_SLOT, CAP_REACHED, NO_TABLE, OUTRANKED = "no_common_slot", "cap_reached", "no_table", "outranked"
REASONS = {
    NO_COMMON_SLOT: lazy_gettext("aucun créneau où les deux sont disponibles"),
    CAP_REACHED: lazy_gettext("plafond de rendez-vous atteint"),
    NO_TABLE: lazy_gettext("aucune table libre quand les deux sont disponibles"),
    OUTRANKED: lazy_gettext("les créneaux communs sont pris par des rendez-vous plus prioritaires"),
}


@dataclass
class PlacedRow:
    meeting_id: int
    a: str
    b: str
    table: str
    weight: int


@dataclass
class SlotGroup:
    ref: str
    label: str
    day: date
    rows: list[PlacedRow] = field(default_factory=list)
    kept: int = 0  # meetings already booked in this slot, kept by the run


@dataclass
class UnplacedRow:
    meeting_id: int
    a: str
    b: str
    weight: int
    reason: str

    @property
    def reason_label(self) -> str:
        return str(REASONS[self.reason])


@dataclass
class ParticipantRow:
    participant_id: int
    name: str
    before: int
    placed: int
    holes: int
    unplaced: int
    cap: int | None

    @property
    def total(self) -> int:
        return self.before + self.placed


@dataclass
class Preview:
    run: SchedulingRun
    groups: list[SlotGroup]
    unplaced: list[UnplacedRow]
    participants: list[ParticipantRow]
    fixed_count: int
    holes_total: int
    percent: float | None  # weight / upper bound, rounded down to 0.1; None without a bound

    @property
    def percent_label(self) -> str:
        """"98,7 % du maximum atteignable" in the current language."""
        return percent_label(self.run)

    @property
    def reason_counts(self) -> list[tuple[str, int]]:
        found = defaultdict(int)
        for row in self.unplaced:
            found[row.reason] += 1
        return [(str(label), found[code]) for code, label in REASONS.items() if found[code]]


def percent_of(run: SchedulingRun) -> float | None:
    """Weight placed / the engine's upper bound, in %, rounded down to 0.1 (None without a bound)."""
    return math.floor(run.weight * 1000 / run.upper_bound) / 10 if run.upper_bound else None


def percent_label(run: SchedulingRun, short: bool = False) -> str:
    """"98,7 %" (short) or "98,7 % du maximum atteignable", in the current language."""
    value = percent_of(run)
    if value is None:
        return "—" if short else _("pas de maximum calculé")
    number = format_decimal(value, format="#,##0.#") + "\u00a0%"
    return number if short else _("%(percent)s du maximum atteignable", percent=number)


def _times(instance: dict):
    starts, ends = {}, {}
    for slot in instance["slots"]:
        starts[slot["id"]] = datetime.fromisoformat(slot["start"])
        ends[slot["id"]] = datetime.fromisoformat(slot["end"])
    return starts, ends


def holes_of(busy: list[str], unavailable: set[str], starts, ends, day_slots) -> int:
    """Holes of one participant: between two consecutive meetings of a day, at least one slot of
    that day fits in the gap and is not unavailable to it (the engine's definition)."""
    by_day = defaultdict(list)
    for ref in busy:
        by_day[starts[ref].date()].append(ref)
    holes = 0
    for day, refs in by_day.items():
        refs.sort(key=starts.__getitem__)
        for x, y in pairwise(refs):
            lo, hi = ends[x], starts[y]
            if any(starts[k] >= lo and ends[k] <= hi and k not in unavailable for k in day_slots[day]):
                holes += 1
    return holes


def _reason(m: dict, info: dict, starts, busy, count, pool_used, pool_size) -> str:
    a, b = info[m["a"]], info[m["b"]]
    allowed = m.get("slots")
    common = [s for s in starts if (allowed is None or s in allowed)
              and s not in a["unavailable"] and s not in b["unavailable"]]
    if not common:
        return NO_COMMON_SLOT
    for side in (m["a"], m["b"]):
        cap = info[side].get("max_meetings")
        if cap is not None and count[side] >= cap:
            return CAP_REACHED
    free = [s for s in common if s not in busy[m["a"]] and s not in busy[m["b"]]]
    has_stand = a.get("table") is not None or b.get("table") is not None
    if free and not has_stand and all(pool_used[s] >= pool_size for s in free):
        return NO_TABLE
    return OUTRANKED


def analyse(run: SchedulingRun) -> Preview:
    """The view-model of a run's preview (see the module docstring)."""
    instance, solution = run.instance, run.solution
    event = db.session.get(Event, run.event_id)
    starts, ends = _times(instance)
    day_slots = defaultdict(list)
    for ref in sorted(starts, key=starts.__getitem__):
        day_slots[starts[ref].date()].append(ref)
    info = {p["id"]: {**p, "unavailable": set(p.get("unavailable", ()))} for p in instance["participants"]}
    meetings = {m["id"]: m for m in instance["meetings"]}
    fixed = {f["meeting"] for f in instance.get("fixed", [])}
    owned = {p["table"] for p in instance["participants"] if p.get("table")}
    pool_size = sum(1 for t in instance["tables"] if t not in owned)

    names = dict(db.session.execute(
        select(MeetingParticipant.id, Organisation.name).join(Organisation, Organisation.id == MeetingParticipant.organisation_id)
        .where(MeetingParticipant.event_id == run.event_id)).all())
    table_names = dict(db.session.execute(select(MeetingTable.id, MeetingTable.name).where(
        MeetingTable.event_id == run.event_id)).all())
    slot_rows = {s.id: s for s in db.session.scalars(select(MeetingSlot).where(MeetingSlot.event_id == run.event_id))}
    past = dict(db.session.execute(
        select(MeetingSeat.participant_id, func.count()).join(MeetingSlot, MeetingSlot.id == MeetingSeat.slot_id)
        .where(MeetingSlot.event_id == run.event_id, MeetingSlot.starts_at <= run.created_at)
        .group_by(MeetingSeat.participant_id)).all())

    def name(pref: str) -> str:
        return names.get(ref_id(pref)) or _("Participant supprimé")

    def table_name(tref: str) -> str:
        if tref.startswith("v-"):
            return _("En ligne")
        return table_names.get(ref_id(tref)) or _("Table supprimée")

    busy, count, fixed_count = defaultdict(list), defaultdict(int), defaultdict(int)
    placed_count, pool_used = defaultdict(int), defaultdict(int)
    groups: dict[str, SlotGroup] = {}
    for item in solution.get("assignments", []):
        m, s = meetings[item["meeting"]], item["slot"]
        for side in (m["a"], m["b"]):
            busy[side].append(s)
            count[side] += 1
            (fixed_count if item["meeting"] in fixed else placed_count)[side] += 1
        if item["table"] not in owned:
            pool_used[s] += 1
        if s not in groups:
            slot = slot_rows.get(ref_id(s))
            groups[s] = SlotGroup(ref=s, day=starts[s].date(),
                                  label=slot_label(slot, event) if slot else f"{starts[s]:%d/%m %H:%M}")
        if item["meeting"] in fixed:
            groups[s].kept += 1
        else:
            groups[s].rows.append(PlacedRow(ref_id(m["id"]), name(m["a"]), name(m["b"]), table_name(item["table"]),
                                            m.get("weight", 1)))
    busy_sets = defaultdict(set, {p: set(v) for p, v in busy.items()})
    unplaced, unplaced_of = [], defaultdict(int)
    for ref in solution.get("unscheduled", []):
        m = meetings[ref]
        reason = _reason(m, info, starts, busy_sets, count, pool_used, pool_size)
        unplaced.append(UnplacedRow(ref_id(ref), name(m["a"]), name(m["b"]), m.get("weight", 1), reason))
        unplaced_of[m["a"]] += 1
        unplaced_of[m["b"]] += 1
    unplaced.sort(key=lambda row: (list(REASONS).index(row.reason), -row.weight, row.a.lower(), row.b.lower()))

    rows, holes_total = [], 0
    for pref, p in info.items():
        holes = holes_of(busy.get(pref, []), p["unavailable"], starts, ends, day_slots)
        holes_total += holes
        pid = ref_id(pref)
        rows.append(ParticipantRow(pid, name(pref), fixed_count[pref] + past.get(pid, 0), placed_count[pref],
                                   holes, unplaced_of[pref], p.get("max_meetings")))
    rows.sort(key=lambda r: (-r.holes, -r.unplaced, r.name.lower()))
    for group in groups.values():
        group.rows.sort(key=lambda r: (r.table, r.a.lower()))
    percent = percent_of(run)
    return Preview(run=run, groups=sorted(groups.values(), key=lambda g: starts[g.ref]), unplaced=unplaced,
                   participants=rows, fixed_count=len(fixed), holes_total=holes_total, percent=percent)
