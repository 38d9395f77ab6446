"""A partial schedule under construction: who is busy when, pool-table load, with an undo log.

Tables. A participant's own table only ever holds meetings that include every one of its owners, and a
participant sits in one meeting at a time, so an own table is free whenever one of its owners is: the
solver tracks participants only. The shared pool (tables owned by no one) is a capacity: at every
instant at most len(pool) pool meetings; real pool tables are given at the end (assign_pool_tables).
"""
from .scheduling_input import Instance


class State:
    """Assignments of meetings to slots, kept consistent with every hard rule at all times."""

    def __init__(self, inst: Instance):
        self.inst = inst
        n_m, n_p = len(inst.meeting_ids), len(inst.participant_ids)
        self.slot = [-1] * n_m
        self.busy: list[dict[int, int]] = [{} for _ in range(n_p)]  # participant: slot -> meeting
        self.count = [0] * n_p
        self.pool_load = [0] * inst.n_points
        self.pool_in: list[set[int]] = [set() for _ in inst.slot_ids]
        self.capacity = len(inst.pool)
        self.weight = 0
        self.placed = 0
        self.log: list[tuple[int, int]] = []     # (meeting, slot it had before the change)
        self.fixed = [False] * n_m
        for m in inst.fixed:
            self.fixed[m] = True
        self._single = not inst.has_overlaps

    # ---- queries -------------------------------------------------------------------------------
    def participant_free(self, p: int, s: int) -> bool:
        """True when participant p has no meeting in a slot overlapping s."""
        busy = self.busy[p]
        if self._single:
            return s not in busy
        return all(x not in busy for x in self.inst.overlap[s])

    def pool_free(self, s: int) -> bool:
        """True when one more pool meeting fits in slot s."""
        load, cap = self.pool_load, self.capacity
        return all(load[pt] < cap for pt in self.inst.points[s])

    def fits(self, m: int, s: int) -> bool:
        """True when meeting m (unplaced) can go to slot s now (caps are checked by the caller)."""
        inst = self.inst
        if not (self.participant_free(inst.a[m], s) and self.participant_free(inst.b[m], s)):
            return False
        return inst.stands[m] is not None or self.pool_free(s)

    def under_cap(self, m: int) -> bool:
        """True when both participants of m may take one more meeting."""
        inst = self.inst
        return (self.count[inst.a[m]] < inst.cap[inst.a[m]]
                and self.count[inst.b[m]] < inst.cap[inst.b[m]])

    def conflicts(self, p: int, s: int) -> list[int]:
        """The meetings of p in slots overlapping s."""
        busy = self.busy[p]
        if self._single:
            m = busy.get(s)
            return [] if m is None else [m]
        return [busy[x] for x in self.inst.overlap[s] if x in busy]

    # ---- changes -------------------------------------------------------------------------------
    def place(self, m: int, s: int, log: bool = True) -> None:
        """Put unplaced meeting m in slot s (the caller has checked that it fits)."""
        inst = self.inst
        a, b = inst.a[m], inst.b[m]
        self.slot[m] = s
        self.busy[a][s] = m
        self.busy[b][s] = m
        self.count[a] += 1
        self.count[b] += 1
        if inst.stands[m] is None:
            for pt in inst.points[s]:
                self.pool_load[pt] += 1
            self.pool_in[s].add(m)
        self.weight += inst.weight[m]
        self.placed += 1
        if log:
            self.log.append((m, -1))

    def remove(self, m: int, log: bool = True) -> None:
        """Take placed meeting m out of the schedule."""
        inst = self.inst
        s = self.slot[m]
        a, b = inst.a[m], inst.b[m]
        self.slot[m] = -1
        del self.busy[a][s]
        del self.busy[b][s]
        self.count[a] -= 1
        self.count[b] -= 1
        if inst.stands[m] is None:
            for pt in inst.points[s]:
                self.pool_load[pt] -= 1
            self.pool_in[s].discard(m)
        self.weight -= inst.weight[m]
        self.placed -= 1
        if log:
            self.log.append((m, s))

    def undo(self, mark: int) -> None:
        """Revert every change logged after position `mark`."""
        log = self.log
        while len(log) > mark:
            m, before = log.pop()
            if before < 0:
                self.remove(m, log=False)
            else:
                if self.slot[m] >= 0:
                    self.remove(m, log=False)
                self.place(m, before, log=False)

    # ---- compactness ---------------------------------------------------------------------------
    def holes_on_day(self, p: int, day, skip: int = -1, extra: int = -1) -> int:
        """Holes of p on `day`: gaps between consecutive meetings with an idle available slot between.

        `skip` leaves one of p's slots out and `extra` adds one, to price a move without making it.
        """
        inst = self.inst
        mine = [s for s in self.busy[p] if s != skip and inst.days[s] == day]
        if extra >= 0:
            mine.append(extra)
        if len(mine) < 2:
            return 0
        starts, ends = inst.starts, inst.ends
        mine.sort(key=starts.__getitem__)
        unavailable = inst.unavailable[p]
        holes = 0
        for i in range(len(mine) - 1):
            lo, hi = ends[mine[i]], starts[mine[i + 1]]
            for k in inst.day_slots[day]:
                if starts[k] >= lo and ends[k] <= hi and k not in unavailable:
                    holes += 1
                    break
        return holes


def assign_pool_tables(state: State) -> dict[int, int]:
    """A real pool table for every placed pool meeting (fixed ones keep theirs); meeting -> table.

    Interval colouring by start time: with load <= tables at every instant it never fails on one
    grid; with overlapping grids and fixed tables it might, and such a meeting is then unplaced.
    """
    inst = state.inst
    tables: dict[int, int] = {}
    todo = [m for m in range(len(state.slot))
            if state.slot[m] >= 0 and inst.stands[m] is None and m not in inst.fixed]
    todo.sort(key=lambda m: (inst.starts[state.slot[m]], inst.ends[state.slot[m]], m))
    if not inst.has_overlaps:
        used: dict[int, set[int]] = {}
        for m, (s, t) in inst.fixed.items():
            used.setdefault(s, set()).add(t)
        free: dict[int, list[int]] = {}
        for m in todo:
            s = state.slot[m]
            if s not in free:
                free[s] = [t for t in reversed(inst.pool) if t not in used.get(s, ())]
            if free[s]:
                tables[m] = free[s].pop()
            else:
                state.remove(m, log=False)
        return tables
    taken: dict[int, list[int]] = {t: [] for t in inst.pool}   # table -> slots in use
    for m, (s, t) in inst.fixed.items():
        if t in taken:
            taken[t].append(s)
    for m in todo:
        s = state.slot[m]
        ov = inst.overlap[s]
        for t in inst.pool:
            if all(x not in ov for x in taken[t]):
                taken[t].append(s)
                tables[m] = t
                break
        else:
            state.remove(m, log=False)
    return tables
