"""Brokerage-event instances shaped like the published research ones (about 70 participants,
150-300 meetings, 14-22 tables, 21 slots in one day, participants present only in the morning or
only in the afternoon), built around a planted schedule so that every meeting is known to fit.

Used by tests/engine/test_scheduling_brokerage.py and benchmarks/scheduling.py.
"""
import random
from datetime import datetime, timedelta

MORNING, AFTERNOON = 11, 10


def brokerage_instance(rng: random.Random) -> dict:
    starts = ([datetime(2026, 6, 11, 8, 0) + timedelta(minutes=30 * k) for k in range(MORNING)]
              + [datetime(2026, 6, 11, 14, 0) + timedelta(minutes=30 * k) for k in range(AFTERNOON)])
    slots = [{"id": f"s{k:02d}", "start": s.isoformat() + "+02:00",
              "end": (s + timedelta(minutes=25)).isoformat() + "+02:00"} for k, s in enumerate(starts)]
    ids = [s["id"] for s in slots]
    people = rng.randint(60, 80)
    tables = [f"T{i}" for i in range(rng.randint(14, 22))]
    presence = {}
    participants = []
    for i in range(people):
        pid = f"p{i}"
        roll = rng.random()
        if roll < 0.2:
            presence[pid] = set(ids[:MORNING])
        elif roll < 0.35:
            presence[pid] = set(ids[MORNING:])
        else:
            presence[pid] = set(ids)
        participant = {"id": pid}
        if len(presence[pid]) < len(ids):
            participant["unavailable"] = [s for s in ids if s not in presence[pid]]
        participants.append(participant)
    # A planted schedule: in each slot, as many pairs of present people as there are tables,
    # never the same pair twice; the instance asks for a random subset of those meetings.
    planted, used = [], set()
    for slot in ids:
        here = [p["id"] for p in participants if slot in presence[p["id"]]]
        rng.shuffle(here)
        free, count = list(here), 0
        while len(free) >= 2 and count < len(tables):
            a = free.pop()
            partner = next((b for b in free if frozenset((a, b)) not in used), None)
            if partner is None:
                continue
            free.remove(partner)
            used.add(frozenset((a, partner)))
            planted.append((a, partner))
            count += 1
    rng.shuffle(planted)
    wanted = min(len(planted), rng.randint(150, 300))
    meetings = [{"id": f"m{k}", "a": a, "b": b} for k, (a, b) in enumerate(planted[:wanted])]
    return {"slots": slots, "tables": tables, "participants": participants, "meetings": meetings}
