"""Maximise the weight placed: greedy by weight, then ejection chains until no gain or time is up.

- Greedy: meetings by weight (heaviest first), then fewest usable slots; each takes the free slot
  that sits best beside its participants' other meetings (fewer holes), earliest on ties.
- Relocation chains (no loss): an unplaced meeting takes a slot whose occupants (the participants'
  meetings there, or one pool meeting when the pool is full) are moved elsewhere, recursively, up to
  a depth, under a budget of search nodes.
- Ejection (gain): an unplaced meeting takes a slot by evicting lighter meetings (and, for a
  participant at its max_meetings, its lightest meeting); the evicted try relocation chains and
  those that find no place are dropped. Accepted only when the weight placed strictly grows.
The passes are deterministic for a seed; the time limit only cuts them short.
"""
import random
import time

from .scheduling_state import State

MAX_BLOCKERS = 3


class Search:
    """Weight maximisation over a State (fixed meetings are placed first and never move)."""

    def __init__(self, state: State, seed: int, deadline: float, bound: int):
        self.st = state
        self.inst = state.inst
        self.rng = random.Random(seed)
        self.deadline = deadline
        self.bound = bound
        self.nodes = 0

    def out_of_time(self) -> bool:
        return time.perf_counter() >= self.deadline

    # ---- greedy --------------------------------------------------------------------------------
    def greedy(self) -> None:
        """Place fixed meetings, then every other meeting by weight where it fits best."""
        st, inst = self.st, self.inst
        for m, (s, _t) in inst.fixed.items():
            st.place(m, s, log=False)
        todo = [m for m in range(len(inst.meeting_ids)) if m not in inst.fixed and inst.usable[m]]
        tie = {m: self.rng.random() for m in todo}
        todo.sort(key=lambda m: (-inst.weight[m], len(inst.usable[m]), tie[m]))
        for m in todo:
            if not st.under_cap(m):
                continue
            best, best_score = -1, None
            for s in inst.usable[m]:
                if st.fits(m, s):
                    score = self._neighbours(m, s)
                    if best_score is None or score > best_score:
                        best, best_score = s, score
            if best >= 0:
                st.place(m, best, log=False)

    def _neighbours(self, m: int, s: int) -> int:
        """How many of m's participants' meetings sit in the slots just before and after s."""
        inst, st = self.inst, self.st
        day = inst.day_slots[inst.days[s]]
        i = inst.day_index[s]
        around = [day[j] for j in (i - 1, i + 1) if 0 <= j < len(day)]
        busy_a, busy_b = st.busy[inst.a[m]], st.busy[inst.b[m]]
        return sum((x in busy_a) + (x in busy_b) for x in around)

    # ---- relocation chains -----------------------------------------------------------------------
    def _blockers(self, m: int, s: int, locked: set[int]) -> list[int] | None:
        """The meetings to move for m to take s, or None when one of them may not move."""
        st, inst = self.st, self.inst
        out = []
        for p in (inst.a[m], inst.b[m]):
            for x in st.conflicts(p, s):
                if x in locked or st.fixed[x]:
                    return None
                if x not in out:
                    out.append(x)
        return out if len(out) <= MAX_BLOCKERS else None

    def _free_pool(self, m: int, s: int, locked: set[int], out: list[int]) -> bool:
        """When the pool is full at s, evict one movable pool meeting of s (appended to out)."""
        st, inst = self.st, self.inst
        if inst.stands[m] is not None or st.pool_free(s):
            return True
        if len(out) >= MAX_BLOCKERS:
            return False
        candidates = [x for x in st.pool_in[s] if x not in locked and not st.fixed[x]]
        if not candidates:
            return False
        x = min(candidates, key=lambda x: (len(inst.usable[x]) == 1, inst.weight[x], x))
        st.remove(x)
        out.append(x)
        return st.pool_free(s)

    def relocate(self, m: int, depth: int, locked: set[int]) -> bool:
        """Place unplaced m, moving others along a chain (none lost); state unchanged on failure."""
        st, inst = self.st, self.inst
        self.nodes -= 1
        if self.nodes < 0 or not st.under_cap(m):
            return False
        slots = inst.usable[m]
        for s in slots:
            if st.fits(m, s):
                st.place(m, s)
                return True
        if depth == 0:
            return False
        locked.add(m)
        start = self.rng.randrange(len(slots))
        for k in range(len(slots)):
            s = slots[(start + k) % len(slots)]
            out = self._blockers(m, s, locked)
            if out is None:
                continue
            mark = len(st.log)
            for x in out:
                st.remove(x)
            if not self._free_pool(m, s, locked, out) or not st.fits(m, s):
                st.undo(mark)
                continue
            st.place(m, s)
            if all(self.relocate(x, depth - 1, locked) for x in out):
                locked.discard(m)
                return True
            st.undo(mark)
            if self.nodes < 0:
                break
        locked.discard(m)
        return False

    # ---- ejection with gain ----------------------------------------------------------------------
    def _cap_victim(self, p: int, m: int, out: list[int]) -> bool:
        """For p at its cap, evict its lightest movable meeting unless one is already evicted."""
        st, inst = self.st, self.inst
        if st.count[p] < inst.cap[p]:
            return True
        if any(p in (inst.a[x], inst.b[x]) for x in out):
            return True
        mine = [x for x in st.busy[p].values() if not st.fixed[x]]
        if not mine or len(out) >= MAX_BLOCKERS:
            return False
        x = min(mine, key=lambda x: (inst.weight[x], x))
        if inst.weight[x] >= inst.weight[m]:
            return False
        st.remove(x)
        out.append(x)
        return True

    def eject(self, m: int, depth: int, budget: int) -> bool:
        """Place unplaced m by evicting lighter meetings when the weight placed strictly grows."""
        st, inst = self.st, self.inst
        w = inst.weight[m]
        for s in inst.usable[m]:
            out = self._blockers(m, s, {m})
            if out is None or sum(inst.weight[x] for x in out) >= w:
                continue
            mark = len(st.log)
            for x in out:
                st.remove(x)
            ok = (self._cap_victim(inst.a[m], m, out) and self._cap_victim(inst.b[m], m, out)
                  and self._free_pool(m, s, {m}, out) and st.fits(m, s) and st.under_cap(m))
            lost = sum(inst.weight[x] for x in out)
            if not ok or lost >= w:
                st.undo(mark)
                continue
            st.place(m, s)
            locked = {m}
            for x in sorted(out, key=lambda x: -inst.weight[x]):
                self.nodes = budget
                if self.relocate(x, depth, locked):
                    lost -= inst.weight[x]
            if lost < w:
                return True
            st.undo(mark)
        return False

    # ---- driver ----------------------------------------------------------------------------------
    def improve(self, depths=(1, 2, 3), budget: int = 300) -> None:
        """Passes over the unplaced meetings until a pass at the deepest level gains nothing."""
        st, inst = self.st, self.inst
        for depth in depths:
            gained = True
            while gained and st.weight < self.bound:
                gained = False
                unplaced = [m for m in range(len(inst.meeting_ids))
                            if st.slot[m] < 0 and inst.usable[m]]
                unplaced.sort(key=lambda m: (-inst.weight[m], len(inst.usable[m]), m))
                for m in unplaced:
                    if self.out_of_time():
                        return
                    if st.slot[m] >= 0 or st.weight >= self.bound:
                        continue
                    self.nodes = budget
                    mark = len(st.log)
                    if self.relocate(m, depth, set()) or self.eject(m, depth, budget):
                        gained = True
                    del st.log[mark:]   # committed
