"""Read and check a meeting-schedule instance (../shared/formats/meeting-schedule.md) into indexed data.

parse_instance(data) returns an Instance whose slots, tables, participants and meetings are numbered
in input order, with what the solver needs precomputed: the slots that overlap each slot, each
meeting's usable slots and tables, and the fixed assignments (checked against every hard rule).
Anything malformed raises ScheduleInputError with a message naming the offending item.
"""
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

NO_CAP = 1 << 30


class ScheduleInputError(ValueError):
    """A malformed instance; the message names the offending item."""


@dataclass
class Instance:
    """An instance, indexed. Slots are numbered in input order; `order` lists them by start time."""
    slot_ids: list[str]
    starts: list[datetime]
    ends: list[datetime]
    days: list[date]
    day_slots: dict[date, list[int]]       # each day's slots by start time
    day_index: list[int]                    # position of slot s in its day's list
    overlap: list[tuple[int, ...]]          # slots overlapping slot s, s included
    has_overlaps: bool
    table_ids: list[str]
    owners: list[frozenset[int]]            # participants whose own table it is
    pool: list[int]                         # tables owned by no one
    points: list[tuple[int, ...]]           # start instants (numbered) inside slot s, for pool counts
    n_points: int
    participant_ids: list[str]
    own_table: list[int]                    # -1: none
    unavailable: list[frozenset[int]]
    cap: list[int]                          # max_meetings, NO_CAP when absent
    meeting_ids: list[str]
    a: list[int]
    b: list[int]
    weight: list[int]
    usable: list[tuple[int, ...]]           # slots allowed and where both are available, by start
    stands: list[tuple[int, ...] | None]    # None: a pool table; else the own tables it may use
    fixed: dict[int, tuple[int, int]] = field(default_factory=dict)  # meeting -> (slot, table)


def _fail(msg: str):
    raise ScheduleInputError(msg)


def _list(data: dict, key: str, required: bool = True) -> list:
    if key not in data:
        if required:
            _fail(f"missing key {key!r}")
        return []
    value = data[key]
    if not isinstance(value, list):
        _fail(f"{key!r} must be a list")
    return value


def _id(item: Any, where: str, key: str = "id") -> str:
    if not isinstance(item, dict):
        _fail(f"{where}: must be an object")
    value = item.get(key)
    if not isinstance(value, str) or not value:
        _fail(f"{where}: {key!r} must be a non-empty string")
    return value


def _time(item: dict, key: str, where: str) -> datetime:
    text = item.get(key)
    if not isinstance(text, str):
        _fail(f"{where}: {key!r} must be an ISO 8601 date-time string")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        _fail(f"{where}: {key!r} is not a valid ISO 8601 date-time: {text!r}")


def _int(value: Any, where: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        _fail(f"{where} must be an integer >= {minimum}, not {value!r}")
    return value


def _slot_refs(value: Any, index: dict[str, int], where: str) -> list[int]:
    if not isinstance(value, list):
        _fail(f"{where} must be a list of slot ids")
    out = []
    for ref in value:
        if not isinstance(ref, str) or ref not in index:
            _fail(f"{where}: unknown slot {ref!r}")
        out.append(index[ref])
    return out


def _parse_slots(raw: list):
    ids, starts, ends, index = [], [], [], {}
    for i, item in enumerate(raw):
        sid = _id(item, f"slots[{i}]")
        where = f"slot {sid!r}"
        if sid in index:
            _fail(f"{where}: duplicate slot id")
        start, end = _time(item, "start", where), _time(item, "end", where)
        if (start.tzinfo is None) != (end.tzinfo is None) or (
                starts and (start.tzinfo is None) != (starts[0].tzinfo is None)):
            _fail(f"{where}: mixes times with and without a UTC offset")
        if end <= start:
            _fail(f"{where}: 'end' must be after 'start'")
        index[sid] = len(ids)
        ids.append(sid)
        starts.append(start)
        ends.append(end)
    return ids, starts, ends, index


def _overlaps(starts: list[datetime], ends: list[datetime]):
    """Slots overlapping each slot, and the start instants each slot covers (for table counts)."""
    n = len(starts)
    order = sorted(range(n), key=lambda s: (starts[s], ends[s]))
    overlap = [[s] for s in range(n)]
    for i, s in enumerate(order):
        for t in order[i + 1:]:
            if starts[t] >= ends[s]:
                break
            overlap[s].append(t)
            overlap[t].append(s)
    instants = sorted(set(starts))
    number = {t: k for k, t in enumerate(instants)}
    points = []
    for s in range(n):
        points.append(tuple(number[t] for t in instants if starts[s] <= t < ends[s]))
    has = any(len(o) > 1 for o in overlap)
    return [tuple(sorted(o)) for o in overlap], has, points, len(instants), order


def parse_instance(data: Any) -> Instance:
    """Check a decoded instance and index it; ScheduleInputError names the first bad item."""
    if not isinstance(data, dict):
        _fail("the instance must be a JSON object")
    slot_ids, starts, ends, slot_index = _parse_slots(_list(data, "slots"))
    overlap, has_overlaps, points, n_points, order = _overlaps(starts, ends)
    rank = {s: k for k, s in enumerate(order)}

    table_ids, table_index = [], {}
    for i, tid in enumerate(_list(data, "tables")):
        if not isinstance(tid, str) or not tid:
            _fail(f"tables[{i}]: a table id must be a non-empty string")
        if tid in table_index:
            _fail(f"table {tid!r}: duplicate table id")
        table_index[tid] = len(table_ids)
        table_ids.append(tid)

    p_ids, p_index, own, unavailable, cap = [], {}, [], [], []
    owners: list[set[int]] = [set() for _ in table_ids]
    for i, item in enumerate(_list(data, "participants")):
        pid = _id(item, f"participants[{i}]")
        where = f"participant {pid!r}"
        if pid in p_index:
            _fail(f"{where}: duplicate participant id")
        p = p_index[pid] = len(p_ids)
        p_ids.append(pid)
        table = item.get("table")
        if table is None:
            own.append(-1)
        elif not isinstance(table, str) or table not in table_index:
            _fail(f"{where}: unknown table {table!r}")
        else:
            own.append(table_index[table])
            owners[table_index[table]].add(p)
        unavailable.append(frozenset(_slot_refs(item.get("unavailable", []), slot_index,
                                                f"{where}: 'unavailable'")))
        mm = item.get("max_meetings")
        cap.append(NO_CAP if mm is None else _int(mm, f"{where}: 'max_meetings'", 0))
    frozen_owners = [frozenset(o) for o in owners]
    pool = [t for t in range(len(table_ids)) if not owners[t]]

    m_ids, m_index, ma, mb, weight, usable, stands = [], {}, [], [], [], [], []
    all_slots = sorted(range(len(slot_ids)), key=rank.__getitem__)
    for i, item in enumerate(_list(data, "meetings")):
        mid = _id(item, f"meetings[{i}]")
        where = f"meeting {mid!r}"
        if mid in m_index:
            _fail(f"{where}: duplicate meeting id")
        ends_ = []
        for key in ("a", "b"):
            ref = item.get(key)
            if not isinstance(ref, str) or ref not in p_index:
                _fail(f"{where}: {key!r} is not a known participant: {ref!r}")
            ends_.append(p_index[ref])
        a, b = ends_
        if a == b:
            _fail(f"{where}: 'a' and 'b' are the same participant")
        w = item.get("weight", 1)
        w = _int(w, f"{where}: 'weight'", 1)
        allowed = all_slots
        if item.get("slots") is not None:
            chosen = set(_slot_refs(item["slots"], slot_index, f"{where}: 'slots'"))
            allowed = [s for s in all_slots if s in chosen]
        own_tables = {own[p] for p in (a, b) if own[p] >= 0}
        if own_tables:
            st = tuple(sorted(t for t in own_tables if frozen_owners[t] <= {a, b}))
        else:
            st = None
        ok = (bool(st) if st is not None else bool(pool))
        m_index[mid] = len(m_ids)
        m_ids.append(mid)
        ma.append(a)
        mb.append(b)
        weight.append(w)
        stands.append(st)
        usable.append(tuple(s for s in allowed if s not in unavailable[a] and s not in unavailable[b])
                      if ok else ())

    days = [s.date() for s in starts]
    day_slots: dict[date, list[int]] = {}
    for s in order:
        day_slots.setdefault(days[s], []).append(s)
    day_index = [0] * len(slot_ids)
    for slots in day_slots.values():
        for k, s in enumerate(slots):
            day_index[s] = k
    inst = Instance(slot_ids, starts, ends, days, day_slots, day_index, overlap, has_overlaps,
                    table_ids, frozen_owners, pool, points, n_points, p_ids, own, unavailable, cap,
                    m_ids, ma, mb, weight, usable, stands)
    _parse_fixed(inst, _list(data, "fixed", required=False), m_index, slot_index, table_index)
    return inst


def _parse_fixed(inst: Instance, raw: list, m_index, slot_index, table_index) -> None:
    """Check each fixed assignment alone, then together (no double booking, caps)."""
    p_busy: dict[int, list[int]] = {}
    t_busy: dict[int, list[int]] = {}
    count: dict[int, int] = {}
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            _fail(f"fixed[{i}]: must be an object")
        ref = item.get("meeting")
        if not isinstance(ref, str) or ref not in m_index:
            _fail(f"fixed[{i}]: unknown meeting {ref!r}")
        where = f"fixed[{i}] (meeting {ref!r})"
        m = m_index[ref]
        if m in inst.fixed:
            _fail(f"{where}: the meeting is fixed twice")
        s, t = item.get("slot"), item.get("table")
        if not isinstance(s, str) or s not in slot_index:
            _fail(f"{where}: unknown slot {s!r}")
        if not isinstance(t, str) or t not in table_index:
            _fail(f"{where}: unknown table {t!r}")
        s, t = slot_index[s], table_index[t]
        a, b = inst.a[m], inst.b[m]
        if s not in inst.usable[m]:
            _fail(f"{where}: slot {inst.slot_ids[s]!r} is not allowed for the meeting or a participant "
                  "is unavailable then")
        stands = inst.stands[m]
        if (t not in stands) if stands is not None else bool(inst.owners[t]):
            _fail(f"{where}: table {inst.table_ids[t]!r} breaks the rule of participants' own tables")
        for p in (a, b):
            for other in p_busy.get(p, ()):
                if other in inst.overlap[s]:
                    _fail(f"{where}: participant {inst.participant_ids[p]!r} is already in a fixed "
                          f"meeting in slot {inst.slot_ids[other]!r}")
            p_busy.setdefault(p, []).append(s)
            count[p] = count.get(p, 0) + 1
            if count[p] > inst.cap[p]:
                _fail(f"{where}: participant {inst.participant_ids[p]!r} exceeds its max_meetings")
        for other in t_busy.get(t, ()):
            if other in inst.overlap[s]:
                _fail(f"{where}: table {inst.table_ids[t]!r} already holds a fixed meeting in slot "
                      f"{inst.slot_ids[other]!r}")
        t_busy.setdefault(t, []).append(s)
        inst.fixed[m] = (s, t)
