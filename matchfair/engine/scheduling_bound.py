"""An upper bound on the weight any schedule can place (the organiser sees how close a run is).

Relaxation. Keep only two kinds of constraint, each implied by the hard rules:
- participant p is in at most c_p meetings, c_p = min(max_meetings, the largest number of pairwise
  non-overlapping slots among those its meetings could use);
- the pool (tables nobody owns) holds at most C meetings, C = pool tables x the largest number of
  pairwise non-overlapping slots pool meetings could use (each table holds one meeting at a time);
and let each meeting be placed fractionally (0 <= x_m <= 1, only meetings with a usable slot). Every
schedule is a solution of this linear programme, so its optimum bounds the schedule's weight. By
weak LP duality, for any prices y_v >= 0 on those constraints
    bound(y) = sum_v c_v y_v + sum_m max(0, w_m - sum of the prices of m's constraints)
is at least that optimum, for every y. We lower it by exact coordinate descent: with the others
fixed, the best y_v is the (c_v+1)-th largest reduced weight of v's meetings (0 when there are at
most c_v, or it is negative). y = 0 gives the plain total of placeable weights, so the bound never exceeds it. Weights
are integers, so the prices stay integers and the bound is exact integer arithmetic.
"""
from .scheduling_input import Instance


def _disjoint_count(inst: Instance, slots: set[int]) -> int:
    """The largest number of pairwise non-overlapping slots in `slots` (earliest end first)."""
    if not inst.has_overlaps:
        return len(slots)
    count, last_end = 0, None
    for s in sorted(slots, key=lambda s: inst.ends[s]):
        if last_end is None or inst.starts[s] >= last_end:
            count, last_end = count + 1, inst.ends[s]
    return count


def upper_bound(inst: Instance, sweeps: int = 6) -> int:
    """A valid upper bound on the total weight of any feasible schedule of `inst`."""
    n_p = len(inst.participant_ids)
    pool_node = n_p
    meetings = [m for m in range(len(inst.meeting_ids)) if inst.usable[m]]
    incident: list[list[int]] = [[] for _ in range(n_p + 1)]
    slots_of: list[set[int]] = [set() for _ in range(n_p + 1)]
    nodes_of: dict[int, tuple[int, ...]] = {}
    for m in meetings:
        nodes = (inst.a[m], inst.b[m]) + ((pool_node,) if inst.stands[m] is None else ())
        nodes_of[m] = nodes
        for v in nodes:
            incident[v].append(m)
            slots_of[v].update(inst.usable[m])
    cap = [min(inst.cap[p], _disjoint_count(inst, slots_of[p])) for p in range(n_p)]
    cap.append(len(inst.pool) * _disjoint_count(inst, slots_of[pool_node]))
    weight = inst.weight
    y = [0] * (n_p + 1)
    tight = [v for v in range(n_p + 1) if len(incident[v]) > cap[v]]

    def value() -> int:
        return (sum(cap[v] * y[v] for v in tight)
                + sum(max(0, weight[m] - sum(y[v] for v in nodes_of[m])) for m in meetings))

    best = value()
    for _sweep in range(sweeps):
        for v in tight:
            reduced = sorted((weight[m] - sum(y[u] for u in nodes_of[m] if u != v)
                              for m in incident[v]), reverse=True)
            c = cap[v]
            y[v] = max(0, reduced[c]) if c < len(reduced) else 0
        current = value()
        if current >= best:
            break
        best = current
    return best
