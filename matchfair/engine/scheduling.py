"""Place accepted B2B meetings in slots and at tables (../shared/formats/meeting-schedule.md).

Pure Python, standard library only. The web app and the command line share this code:

    python -m matchfair.engine.scheduling INSTANCE.json [-o FILE] [--time-limit SECONDS] [--seed N]

prints the SOLUTION ({"assignments": [...], "unscheduled": [...]}, every meeting exactly once, in
instance order) and a one-line summary on standard error (placed meetings and weight, the upper
bound, holes, time). A malformed instance: a message naming the item, exit status 2.

Every output keeps all hard rules of the format (the state never holds a broken assignment, and
fixed meetings keep their slot and table). Objective, in order: the total weight placed (greedy by
weight, then relocation chains and ejections, see scheduling_search), then compact days (single
moves that remove holes, see scheduling_compact). `upper_bound` (scheduling_bound) is a valid bound
on the weight any schedule can place. Deterministic for a seed when the search ends before the time
limit (it stops by itself when it reaches the bound or has made its LNS steps, see scheduling_lns).

API for the web app:
    result = schedule(instance_dict, time_limit=None, seed=0)   # None: by size, <= 8 s
    result.solution          -> the SOLUTION document (dict)
    result.weight, result.upper_bound, result.placed, result.holes, result.seconds
schedule raises ScheduleInputError (a ValueError) on a malformed instance.
"""
import argparse
import json
import sys
import time
from dataclasses import dataclass
from typing import Any, Sequence

from .scheduling_bound import upper_bound
from .scheduling_compact import compact, total_holes
from .scheduling_input import Instance, ScheduleInputError, parse_instance
from .scheduling_lns import lns
from .scheduling_search import Search
from .scheduling_state import State, assign_pool_tables

__all__ = ["ScheduleResult", "ScheduleInputError", "schedule", "solve", "main"]

DEFAULT_TIME_LIMIT = None   # auto: 0.75 s up to 900 meetings, then 1 s per 1,200, at most 8 s
LNS_STEPS = 4000


@dataclass
class ScheduleResult:
    """A solution document and its figures."""
    solution: dict[str, Any]
    weight: int
    upper_bound: int
    placed: int
    meetings: int
    holes: int
    seconds: float


def auto_time_limit(inst: Instance) -> float:
    """The default search time: small instances answer in under a second, a large fair in 8 s."""
    return min(8.0, max(0.75, len(inst.meeting_ids) / 1200))


def solve(inst: Instance, time_limit: float | None = DEFAULT_TIME_LIMIT, seed: int = 0) -> ScheduleResult:
    """Schedule a parsed instance within about `time_limit` seconds (None: auto_time_limit)."""
    t0 = time.perf_counter()
    if time_limit is None:
        time_limit = auto_time_limit(inst)
    deadline = t0 + max(0.0, time_limit) * 0.97
    bound = upper_bound(inst)
    state = State(inst)
    search = Search(state, seed, deadline - 0.1 * max(0.0, time_limit), bound)
    search.greedy()
    search.improve(depths=(1,))
    lns(search, steps=LNS_STEPS)
    compact(state, deadline)
    pool_tables = assign_pool_tables(state)
    assignments, unscheduled = [], []
    for m, mid in enumerate(inst.meeting_ids):
        s = state.slot[m]
        if s < 0:
            unscheduled.append(mid)
            continue
        if m in inst.fixed:
            t = inst.fixed[m][1]
        elif inst.stands[m] is not None:
            t = inst.stands[m][0]
        else:
            t = pool_tables[m]
        assignments.append({"meeting": mid, "slot": inst.slot_ids[s], "table": inst.table_ids[t]})
    return ScheduleResult({"assignments": assignments, "unscheduled": unscheduled},
                          state.weight, bound, state.placed,
                          len(inst.meeting_ids), total_holes(state), time.perf_counter() - t0)


def schedule(data: Any, time_limit: float | None = DEFAULT_TIME_LIMIT, seed: int = 0) -> ScheduleResult:
    """Check a decoded instance (dict) and schedule it; ScheduleInputError when malformed."""
    return solve(parse_instance(data), time_limit, seed)


def _read(path: str) -> Any:
    try:
        if path == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                raw = f.read()
    except OSError as e:
        raise ScheduleInputError(f"{path}: cannot read the file: {e.strerror or e}") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ScheduleInputError(f"{path}: the file is not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise ScheduleInputError(f"{path}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
    except RecursionError:
        raise ScheduleInputError(f"{path}: invalid JSON: nested too deeply") from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text!r}")
    return value


def _format(solution: dict[str, Any]) -> str:
    """One assignment a line: readable and fast at 10,000 meetings."""
    lines = [json.dumps(a, ensure_ascii=False) for a in solution["assignments"]]
    return ('{"assignments": [' + (("\n  " + ",\n  ".join(lines) + "\n ") if lines else "") + "],\n"
            + ' "unscheduled": ' + json.dumps(solution["unscheduled"], ensure_ascii=False) + "}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; exit status 2 on a malformed instance or bad arguments."""
    parser = argparse.ArgumentParser(
        prog="python -m matchfair.engine.scheduling",
        description="Place meetings in slots and tables (format: shared/formats/meeting-schedule.md).")
    parser.add_argument("instance", metavar="INSTANCE.json", help="the instance; - for standard input")
    parser.add_argument("-o", dest="output", metavar="FILE", help="write the solution to FILE")
    parser.add_argument("--time-limit", type=_seconds, default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
                        help="bound on the search time (default: 0.75 s for up to 900 meetings, "
                             "then 1 s per 1,200 meetings, at most 8 s)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the search (default 0)")
    args = parser.parse_args(argv)  # exits with status 2 and a message on bad arguments
    try:
        result = schedule(_read(args.instance), args.time_limit, args.seed)
    except ScheduleInputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    text = _format(result.solution)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            print(f"error: {args.output}: cannot write the file: {e.strerror or e}", file=sys.stderr)
            return 2
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    print(f"placed {result.placed}/{result.meetings} meetings, weight {result.weight} "
          f"(upper bound {result.upper_bound}), {result.holes} holes, {result.seconds:.2f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
