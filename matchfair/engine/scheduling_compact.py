"""Compact days once the weight is settled: move meetings to free slots that leave fewer holes.

A hole is a run of idle slots (slots the participant could meet in but does not) between two of its
meetings on the same day. Moves never change which meetings are placed, so the weight stays.
"""
import time

from .scheduling_state import State


def participant_holes(state: State, p: int) -> int:
    """All holes of participant p, over its days."""
    days = {state.inst.days[s] for s in state.busy[p]}
    return sum(state.holes_on_day(p, d) for d in days)


def total_holes(state: State) -> int:
    """Holes summed over all participants."""
    return sum(participant_holes(state, p) for p in range(len(state.busy)))


def _increment(state: State, m: int, x: int) -> int:
    """Holes added for m's participants by putting (removed) m in slot x."""
    inst = state.inst
    day = inst.days[x]
    return sum(state.holes_on_day(p, day, extra=x) - state.holes_on_day(p, day)
               for p in (inst.a[m], inst.b[m]))


def compact(state: State, deadline: float, max_passes: int = 8) -> None:
    """Hill-climb on holes by single moves until none helps, `max_passes` or the deadline."""
    inst = state.inst
    for _ in range(max_passes):
        holes = [participant_holes(state, p) for p in range(len(state.busy))]
        moved = False
        for m in range(len(inst.meeting_ids)):
            s = state.slot[m]
            if s < 0 or state.fixed[m] or not (holes[inst.a[m]] or holes[inst.b[m]]):
                continue
            if time.perf_counter() >= deadline:
                return
            state.remove(m, log=False)
            best, best_cost = s, _increment(state, m, s)
            for x in inst.usable[m]:
                if x != s and best_cost > -2 and state.fits(m, x):
                    cost = _increment(state, m, x)
                    if cost < best_cost:
                        best, best_cost = x, cost
            state.place(m, best, log=False)
            if best != s:
                moved = True
                for p in (inst.a[m], inst.b[m]):
                    holes[p] = participant_holes(state, p)
        if not moved:
            return
