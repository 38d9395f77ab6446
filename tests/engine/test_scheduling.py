"""The meeting scheduler against an independent checker of the format's hard rules, and brute force.

The checker reads the raw instance (not the engine's parser) and checks every rule of
shared/formats/meeting-schedule.md; random seeded instances cover overlapping grids, own tables
(shared ones too), unavailability, slot restrictions, caps, fixed meetings and unplaceable meetings.
"""
import itertools
import random
from datetime import datetime, timedelta

import pytest

from matchfair.engine.scheduling import schedule
from matchfair.engine.scheduling_input import parse_instance
from matchfair.engine.scheduling_bound import upper_bound


def check(data: dict, solution: dict) -> int:
    """Assert every hard rule of the format; return the total weight placed."""
    slots = {s["id"]: (datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"]))
             for s in data["slots"]}
    tables = set(data["tables"])
    people = {p["id"]: p for p in data["participants"]}
    owners = {}
    for p in data["participants"]:
        if p.get("table"):
            owners.setdefault(p["table"], set()).add(p["id"])
    meetings = {m["id"]: m for m in data["meetings"]}
    assert set(solution) == {"assignments", "unscheduled"}
    listed = [a["meeting"] for a in solution["assignments"]] + list(solution["unscheduled"])
    assert sorted(listed) == sorted(meetings), "every meeting exactly once"
    fixed = {f["meeting"]: (f["slot"], f["table"]) for f in data.get("fixed", [])}
    placed = {a["meeting"]: (a["slot"], a["table"]) for a in solution["assignments"]}
    for m, where in fixed.items():
        assert placed.get(m) == where, f"fixed {m} kept"

    def overlap(s, t):
        return slots[s][0] < slots[t][1] and slots[t][0] < slots[s][1]

    total, count = 0, {}
    items = list(placed.items())
    for m, (s, t) in items:
        mt = meetings[m]
        assert s in slots and t in tables
        if mt.get("slots") is not None:
            assert s in mt["slots"], f"{m}: slot allowed"
        pair = {mt["a"], mt["b"]}
        own = {people[p]["table"] for p in pair if people[p].get("table")}
        if own:
            assert t in own, f"{m}: at an own table"
        assert owners.get(t, set()) <= pair, f"{m}: at someone else's own table"
        for p in pair:
            assert s not in people[p].get("unavailable", []), f"{m}: {p} available"
            count[p] = count.get(p, 0) + 1
        total += mt.get("weight", 1)
    for p, n in count.items():
        assert n <= people[p].get("max_meetings", n), f"{p}: max_meetings"
    for (m1, (s1, t1)), (m2, (s2, t2)) in itertools.combinations(items, 2):
        if overlap(s1, s2):
            p1 = {meetings[m1]["a"], meetings[m1]["b"]}
            p2 = {meetings[m2]["a"], meetings[m2]["b"]}
            assert not (p1 & p2), f"{m1}, {m2}: a participant twice at once"
            assert t1 != t2, f"{m1}, {m2}: a table twice at once"
    return total


def make_slots(rng, n, overlapping):
    base = datetime(2026, 6, 11, 9, 0)
    out = []
    for k in range(n):
        start = base + timedelta(minutes=30 * k) + (timedelta(days=1) if k >= n // 2 + 1 else timedelta())
        out.append((f"s{k}", start, start + timedelta(minutes=25)))
    if overlapping:  # a second grid shifted by 15 minutes, 45-minute meetings
        for k in range(n // 3):
            start = base + timedelta(minutes=15 + 45 * k)
            out.append((f"g{k}", start, start + timedelta(minutes=40)))
    rng.shuffle(out)
    return [{"id": i, "start": a.isoformat() + "+02:00", "end": b.isoformat() + "+02:00"} for i, a, b in out]


def random_instance(seed, n_people=12, n_meetings=30, n_slots=6, n_tables=4, overlapping=False):
    rng = random.Random(seed)
    slots = make_slots(rng, n_slots, overlapping)
    ids = [s["id"] for s in slots]
    tables = [f"T{k}" for k in range(n_tables)]
    people = []
    for k in range(n_people):
        p = {"id": f"p{k}"}
        if rng.random() < 0.3:
            p["table"] = rng.choice(tables)          # sometimes two people share one
        if rng.random() < 0.5:
            p["unavailable"] = rng.sample(ids, rng.randint(0, len(ids) // 2))
        if rng.random() < 0.2:
            p["max_meetings"] = rng.randint(0, 3)
        people.append(p)
    meetings = []
    for k in range(n_meetings):
        a, b = rng.sample(range(n_people), 2)
        m = {"id": f"m{k}", "a": f"p{a}", "b": f"p{b}"}
        if rng.random() < 0.7:
            m["weight"] = rng.randint(1, 6)
        if rng.random() < 0.3:
            m["slots"] = rng.sample(ids, rng.randint(0, 3))
        meetings.append(m)
    data = {"slots": slots, "tables": tables, "participants": people, "meetings": meetings}
    # fixed: a feasible schedule's first few meetings
    first = schedule(data, time_limit=0.05, seed=seed).solution["assignments"]
    data["fixed"] = [dict(a) for a in first[: rng.randint(0, 3)]]
    return data


@pytest.mark.parametrize("seed", range(60))
def test_random_instances_keep_every_rule(seed):
    data = random_instance(seed, overlapping=seed % 3 == 0)
    result = schedule(data, time_limit=0.1, seed=seed)
    weight = check(data, result.solution)
    assert weight == result.weight
    assert result.upper_bound >= weight


@pytest.mark.parametrize("seed", range(4))
def test_medium_instances_keep_every_rule(seed):
    data = random_instance(100 + seed, n_people=60, n_meetings=300, n_slots=12, n_tables=10,
                           overlapping=seed % 2 == 1)
    result = schedule(data, time_limit=0.3, seed=seed)
    assert check(data, result.solution) == result.weight <= result.upper_bound


def brute_force(data) -> int:
    """The best weight by trying every choice (slot, or none) for every meeting."""
    inst = parse_instance(data)
    n = len(inst.meeting_ids)
    best = 0
    fixed = inst.fixed

    def rec(m, busy, tables_used, count, weight):
        nonlocal best
        if m == n:
            best = max(best, weight)
            return
        rest = sum(inst.weight[k] for k in range(m, n))
        if weight + rest <= best:
            return
        options = [fixed[m]] if m in fixed else [(s, t) for s in inst.usable[m] for t in
                                                  (inst.stands[m] if inst.stands[m] is not None else inst.pool)]
        a, b = inst.a[m], inst.b[m]
        for s, t in options:
            ov = inst.overlap[s]
            if any((p, x) in busy for p in (a, b) for x in ov) or any((t, x) in tables_used for x in ov):
                continue
            if count.get(a, 0) >= inst.cap[a] or count.get(b, 0) >= inst.cap[b]:
                continue
            busy |= {(a, s), (b, s)}
            tables_used.add((t, s))
            count[a] = count.get(a, 0) + 1
            count[b] = count.get(b, 0) + 1
            rec(m + 1, busy, tables_used, count, weight + inst.weight[m])
            busy -= {(a, s), (b, s)}
            tables_used.discard((t, s))
            count[a] -= 1
            count[b] -= 1
        if m not in fixed:
            rec(m + 1, busy, tables_used, count, weight)

    rec(0, set(), set(), {}, 0)
    return best


@pytest.mark.parametrize("seed", range(25))
def test_tiny_instances_reach_the_brute_force_optimum(seed):
    data = random_instance(1000 + seed, n_people=6, n_meetings=9, n_slots=3, n_tables=2,
                           overlapping=seed % 5 == 0)
    result = schedule(data, time_limit=0.5, seed=0)
    best = brute_force(data)
    assert check(data, result.solution) == result.weight == best
    assert upper_bound(parse_instance(data)) >= best


def test_deterministic_for_a_seed():
    data = random_instance(7, n_people=30, n_meetings=80, n_slots=8, n_tables=5)
    runs = [schedule(data, time_limit=5, seed=3).solution for _ in range(2)]
    assert runs[0] == runs[1]


def test_infeasible_meetings_are_left_unscheduled():
    slot = {"id": "s", "start": "2026-06-11T09:00:00+02:00", "end": "2026-06-11T09:25:00+02:00"}
    data = {"slots": [slot], "tables": ["T1", "T2"],
            "participants": [{"id": "a", "unavailable": ["s"]}, {"id": "b"}, {"id": "c", "max_meetings": 0},
                             {"id": "d", "table": "T1"}, {"id": "e", "table": "T1"}, {"id": "f"}],
            "meetings": [{"id": "m1", "a": "a", "b": "b"}, {"id": "m2", "a": "b", "b": "c"},
                         {"id": "m3", "a": "d", "b": "f"},      # T1 is also e's own table
                         {"id": "m4", "a": "b", "b": "f", "slots": []},
                         {"id": "m5", "a": "b", "b": "f", "weight": 2}]}
    result = schedule(data)
    check(data, result.solution)
    assert result.solution["unscheduled"] == ["m1", "m2", "m3", "m4"]
    assert result.solution["assignments"] == [{"meeting": "m5", "slot": "s", "table": "T2"}]
    assert result.upper_bound == 2


def test_holes_are_compacted():
    slots = [{"id": f"s{k}", "start": f"2026-06-11T{9 + k:02d}:00:00+02:00",
              "end": f"2026-06-11T{9 + k:02d}:30:00+02:00"} for k in range(6)]
    data = {"slots": slots, "tables": ["T"], "participants": [{"id": "a", "table": "T"}]
            + [{"id": f"b{k}"} for k in range(3)],
            "meetings": [{"id": f"m{k}", "a": "a", "b": f"b{k}"} for k in range(3)],
            "fixed": [{"meeting": "m0", "slot": "s2", "table": "T"}]}
    result = schedule(data)
    assert result.holes == 0 and result.placed == 3
