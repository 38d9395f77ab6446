"""Large-neighbourhood search after the passes: free two busy participants, refill, keep if no worse.

One step: pick an unplaced meeting (heavier ones more often), take out every movable meeting of its
two participants, then refill from the freed meetings, the unplaced meetings of those two, heaviest first (random order among equal weights), each by a short
relocation chain. The step is kept when the weight placed does not drop (equal-weight steps let the
search drift across plateaus) and undone otherwise. Steps run until the bound is reached, the step
budget is spent or the deadline passes; the same seed gives the same steps.
"""
from .scheduling_search import Search


def lns(search: Search, steps: int, budget: int = 60) -> None:
    """Run up to `steps` destroy-and-repair steps on search.st."""
    st, inst, rng = search.st, search.inst, search.rng
    meetings_of: list[list[int]] = [[] for _ in inst.participant_ids]
    for m in range(len(inst.meeting_ids)):
        if inst.usable[m] and m not in inst.fixed:
            meetings_of[inst.a[m]].append(m)
            meetings_of[inst.b[m]].append(m)
    pool = [m for m in range(len(inst.meeting_ids)) if inst.usable[m] and m not in inst.fixed]
    for step in range(steps):
        if st.weight >= search.bound or (step & 15 == 0 and search.out_of_time()):
            return
        unplaced = [m for m in rng.sample(pool, min(len(pool), 8)) if st.slot[m] < 0]
        if not unplaced:
            continue
        seed_m = max(unplaced, key=lambda m: inst.weight[m])
        before = st.weight
        mark = len(st.log)
        hub = (inst.a[seed_m], inst.b[seed_m])
        freed = [m for p in hub for m in st.busy[p].values() if not st.fixed[m]]
        for m in set(freed):
            st.remove(m)
        candidates = set(freed) | {m for p in hub for m in meetings_of[p] if st.slot[m] < 0}
        tie = {m: rng.random() for m in candidates}
        for m in sorted(candidates, key=lambda m: (-inst.weight[m], tie[m])):
            if st.slot[m] < 0:
                search.nodes = budget
                search.relocate(m, 1, set())
        if st.weight < before:
            st.undo(mark)
        else:
            del st.log[mark:]
