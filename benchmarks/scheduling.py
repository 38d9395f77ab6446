"""Quality and speed of the meeting scheduler (issue 5), on seeded instances.

    .venv/bin/pip install ortools        # for the exact optimum of the small instances; benchmark only,
                                         # never in requirements*.txt
    .venv/bin/python benchmarks/scheduling.py [--small 10] [--large 3] [--seed 1] [--cpsat-time 60]

Small instances (100 participants, 400 meetings, 16 slots over one day, 25 buyers of whom 10 hold a
stand, 8 pool tables, weights 1-5, 15 % of slots unavailable, a third of meetings limited to the
morning or the afternoon, some max_meetings): the engine's weight against the exact optimum of
OR-Tools CP-SAT (target: at least 99.5 % in under 1 s). Without ortools, the engine's own bound is
used instead and said so.
Large fair (2,000 participants: 250 buyers, 200 with a stand; 10,000 accepted meetings; 36 slots over
2 days; 300 tables; 20 % of slots unavailable per participant): time of the command line with its
peak memory, weight against the engine's upper bound (target: under 10 s, 99 %, under 500 MB).
Brokerage events (about 70 participants, 150-300 meetings, 14-22 tables, 21 slots, a third of the
participants there only in the morning or only in the afternoon) built around a planted schedule,
so that every meeting fits (tests/engine/brokerage.py): how many of them the engine places (target:
all).
Every solution is checked against the format's hard rules (exit status 1 if one breaks).
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matchfair.engine.scheduling import schedule  # noqa: E402
from matchfair.engine.scheduling_input import parse_instance  # noqa: E402
from tests.engine.brokerage import brokerage_instance  # noqa: E402

CLI_WITH_PEAK = """
import runpy, sys
sys.argv = ["scheduling"] + sys.argv[1:]
try:
    runpy.run_module("matchfair.engine.scheduling", run_name="__main__")
finally:
    hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
    print("peak", int(hwm) // 1024, "MB", file=sys.stderr)
"""


def grid(days: int, per_day: int) -> list[dict]:
    """Slots of 25 minutes every 30, in two sessions a day (morning, afternoon)."""
    slots = []
    for d in range(days):
        for k in range(per_day):
            half = per_day // 2
            t0 = datetime(2026, 6, 11 + d, 9, 0) if k < half else datetime(2026, 6, 11 + d, 14, 0)
            start = t0 + timedelta(minutes=30 * (k % half))
            slots.append({"id": f"d{d + 1}-{start:%H%M}",
                          "start": start.isoformat() + "+02:00",
                          "end": (start + timedelta(minutes=25)).isoformat() + "+02:00"})
    return slots


def instance(rng: random.Random, *, buyers: int, stands: int, sse: int, meetings: int, days: int,
             per_day: int, pool: int, unavailable: float, max_weight: int, restricted: float,
             capped: float) -> dict:
    """A seeded fair: buyers (some with stands) meet SSE companies; a few SSE-SSE meetings."""
    slots = grid(days, per_day)
    ids = [s["id"] for s in slots]
    half = per_day // 2
    halves = [[ids[d * per_day + k] for k in range(h * half, (h + 1) * half)]
              for d in range(days) for h in (0, 1)]
    tables = [f"S{i}" for i in range(stands)] + [f"P{i}" for i in range(pool)]
    participants = []
    for i in range(buyers + sse):
        p = {"id": f"buyer-{i}" if i < buyers else f"sse-{i}"}
        if i < stands:
            p["table"] = f"S{i}"
        p["unavailable"] = [s for s in ids if rng.random() < unavailable]
        if rng.random() < capped:
            p["max_meetings"] = rng.randint(len(ids) // 4, len(ids) // 2)
        participants.append(p)
    pairs = []
    for k in range(meetings):
        a = rng.randrange(buyers)
        b = buyers + rng.randrange(sse)
        if rng.random() < 0.05:
            a = buyers + rng.randrange(sse)
            while a == b:
                a = buyers + rng.randrange(sse)
        m = {"id": f"m-{k}", "a": participants[a]["id"], "b": participants[b]["id"],
             "weight": rng.randint(1, max_weight)}
        if rng.random() < restricted:
            m["slots"] = rng.choice(halves)
        pairs.append(m)
    return {"slots": slots, "tables": tables, "participants": participants, "meetings": pairs}


def small(rng):
    return instance(rng, buyers=25, stands=10, sse=75, meetings=400, days=1, per_day=16, pool=8,
                    unavailable=0.15, max_weight=5, restricted=0.33, capped=0.1)


def large(rng):
    return instance(rng, buyers=250, stands=200, sse=1750, meetings=10000, days=2, per_day=18,
                    pool=100, unavailable=0.2, max_weight=3, restricted=0.2, capped=0.05)


def check(data: dict, solution: dict) -> int:
    """The total weight of the solution, after checking every hard rule (AssertionError if not)."""
    inst = parse_instance(data)
    slot = {s: i for i, s in enumerate(inst.slot_ids)}
    table = {t: i for i, t in enumerate(inst.table_ids)}
    meeting = {m: i for i, m in enumerate(inst.meeting_ids)}
    seen_p, seen_t, count, total = set(), set(), {}, 0
    listed = [a["meeting"] for a in solution["assignments"]] + solution["unscheduled"]
    assert sorted(listed) == sorted(inst.meeting_ids), "every meeting exactly once"
    for a in solution["assignments"]:
        m, s, t = meeting[a["meeting"]], slot[a["slot"]], table[a["table"]]
        assert s in inst.usable[m], a
        ps = {inst.a[m], inst.b[m]}
        assert (t in inst.stands[m]) if inst.stands[m] is not None else not inst.owners[t], a
        assert inst.owners[t] <= ps, a
        for p in ps:
            assert (p, s) not in seen_p, a
            seen_p.add((p, s))
            count[p] = count.get(p, 0) + 1
            assert count[p] <= inst.cap[p], a
        assert (t, s) not in seen_t, a
        seen_t.add((t, s))
        if m in inst.fixed:
            assert inst.fixed[m] == (s, t), a
        total += inst.weight[m]
    return total


def optimum(data: dict, seconds: float):
    """The exact optimum by CP-SAT (None without ortools), and whether it is proven."""
    try:
        from ortools.sat.python import cp_model
    except ImportError:
        return None, False
    inst = parse_instance(data)
    model = cp_model.CpModel()
    x, by_ps, by_pool = {}, {}, {}
    for m in range(len(inst.meeting_ids)):
        for s in inst.usable[m]:
            v = x[m, s] = model.NewBoolVar(f"x{m}_{s}")
            for p in (inst.a[m], inst.b[m]):
                by_ps.setdefault((p, s), []).append(v)
            if inst.stands[m] is None:
                by_pool.setdefault(s, []).append(v)
        if inst.usable[m]:
            model.Add(sum(x[m, s] for s in inst.usable[m]) <= 1)
    for vs in by_ps.values():
        model.Add(sum(vs) <= 1)
    for vs in by_pool.values():
        model.Add(sum(vs) <= len(inst.pool))
    for p in range(len(inst.participant_ids)):
        if inst.cap[p] < len(inst.slot_ids):
            mine = [v for (q, _s), vs in by_ps.items() if q == p for v in vs]
            model.Add(sum(mine) <= inst.cap[p])
    model.Maximize(sum(inst.weight[m] * v for (m, _s), v in x.items()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 2
    status = solver.Solve(model)
    return int(round(solver.ObjectiveValue())), status == cp_model.OPTIMAL


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=3)
    parser.add_argument("--brokerage", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cpsat-time", type=float, default=60.0)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    ratios, times = [], []
    for k in range(args.small):
        data = small(random.Random(args.seed * 1000 + k))
        t0 = time.perf_counter()
        result = schedule(data)   # the default time limit, as the command line
        elapsed = time.perf_counter() - t0
        got = check(data, result.solution)
        best, proven = optimum(data, args.cpsat_time)
        ref = best if best is not None else result.upper_bound
        ratios.append(got / ref)
        times.append(elapsed)
        print(f"small #{k}: weight {got}, {'optimum' if proven else 'CP-SAT best' if best else 'bound'}"
              f" {ref}, bound {result.upper_bound}, {100 * got / ref:.2f} %, {elapsed * 1000:.0f} ms,"
              f" holes {result.holes}")
    if ratios:
        print(f"small: median {100 * statistics.median(ratios):.2f} %, worst {100 * min(ratios):.2f} %;"
              f" time median {1000 * statistics.median(times):.0f} ms, max {1000 * max(times):.0f} ms")
    complete, btimes = 0, []
    for k in range(args.brokerage):
        data = brokerage_instance(random.Random(args.seed * 31 + k))
        t0 = time.perf_counter()
        result = schedule(data)
        btimes.append(time.perf_counter() - t0)
        check(data, result.solution)
        complete += not result.solution["unscheduled"]
        if result.solution["unscheduled"]:
            print(f"brokerage #{k}: {len(result.solution['unscheduled'])} of {len(data['meetings'])} left out")
    if args.brokerage:
        print(f"brokerage: {complete} of {args.brokerage} instances fully placed;"
              f" time median {1000 * statistics.median(btimes):.0f} ms, max {1000 * max(btimes):.0f} ms")
    for k in range(args.large):
        data = large(random.Random(args.seed * 7919 + k))
        with tempfile.TemporaryDirectory() as tmp:
            src, out = Path(tmp) / "fair.json", Path(tmp) / "solution.json"
            src.write_text(json.dumps(data), encoding="utf-8")
            t0 = time.perf_counter()
            run = subprocess.run([sys.executable, "-c", CLI_WITH_PEAK, str(src), "-o", str(out)],
                                 cwd=ROOT, capture_output=True, text=True)
            elapsed = time.perf_counter() - t0
            if run.returncode:
                print(run.stderr)
                return 1
            got = check(data, json.loads(out.read_text(encoding="utf-8")))
        print(f"large #{k}: {elapsed:.2f} s (command line, Python start and JSON included), weight {got};"
              f" {run.stderr.strip()}".replace("\n", "; "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
