"""The bounded search of engine/groupings.py: a pool of candidates, then pairs and triples.

Candidates arrive as (id, candidate, score vector in tenths per part, mask of the parts covered).
The pool keeps each part's best candidates and a few of the largest capacities; the search tries
every pair and every triple of the pool that covers all the parts and the amount, keeps the
minimal ones (every member needed) and returns the best `limit`. A triple is skipped early when
its best possible score cannot enter the current top.
"""
import heapq
from bisect import bisect_right
from typing import Any


class Pool:
    """The candidates kept for the search, by position (sorted by id), as plain arrays."""

    def __init__(self, cands: list[Any], vectors: list[tuple[int, ...]], masks: list[int]):
        self.cands = cands
        self.ids = [c.id for c in cands]
        self.vectors = vectors
        self.masks = masks
        self.caps = [float(c.capacity_eur or 0) for c in cands]
        self.local = [bool(c.covers_department) for c in cands]


def select_pool(kept: list, n_parts: int, per_part: int, by_capacity: int, always: str | None = None) -> Pool:
    """The candidates kept for the search: each part's best `per_part`, the `by_capacity` largest
    capacities, and `always` (when it is one of `kept`)."""
    chosen: set[str] = {always} if always is not None else set()
    for bit in range(n_parts):
        best = heapq.nsmallest(per_part, ((-k[2][bit], k[0]) for k in kept if k[3] >> bit & 1))
        chosen.update(ident for _, ident in best)
    if by_capacity > 0:
        chosen.update(ident for _, ident in heapq.nsmallest(
            by_capacity, ((-k[1].capacity_eur, k[0]) for k in kept if k[1].capacity_eur)))
    rows = sorted((k for k in kept if k[0] in chosen), key=lambda k: k[0])
    return Pool([r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows])


def search(pool: Pool, full: int, amount: float | None, limit: int,
           required: int | None = None) -> list[tuple[tuple, tuple[int, ...]]]:
    """The best `limit` (key, member positions) of the pool; key = (-score, size, -local, ids).

    `required`: a position every grouping must include (an SSE company looking for partners).
    """
    if limit == 0:
        return []
    vectors, masks, caps, local, ids = pool.vectors, pool.masks, pool.caps, pool.local, pool.ids
    need_cap = amount if amount is not None else 0.0
    n = len(ids)
    n_parts = len(vectors[0]) if vectors else 0
    best_per_part = [max(v[p] for v in vectors) for p in range(n_parts)]
    # covering(m): the positions whose mask includes m, ascending (for the third member of a triple).
    covering_cache: dict[int, list[int]] = {}

    def covering(m: int) -> list[int]:
        found = covering_cache.get(m)
        if found is None:
            found = covering_cache[m] = [i for i in range(n) if masks[i] & m == m]
        return found

    top: list[tuple[tuple, tuple[int, ...]]] = []

    def offer(members: tuple[int, ...], total: int) -> None:
        if len(top) == limit and -total > top[-1][0][0]:
            return
        key = (-total, len(members), -sum(local[i] for i in members), tuple(ids[i] for i in members))
        if len(top) == limit and key >= top[-1][0]:
            return
        top.append((key, members))
        top.sort()
        del top[limit:]

    def cutoff() -> int | None:
        return -top[-1][0][0] if len(top) == limit else None

    for i in range(n):
        vi, mi, ci = vectors[i], masks[i], caps[i]
        for j in range(i + 1, n):
            m = mi | masks[j]
            cap = ci + caps[j]
            vec = tuple(map(max, vi, vectors[j]))
            total = sum(vec)
            if m == full and cap >= need_cap:
                # A pair is minimal when neither member alone answers, which `alone` ruled out.
                if required is None or required in (i, j):
                    offer((i, j), total)
                continue  # every triple containing a valid pair has a passenger
            low = cutoff()
            if low is not None and total + sum(max(0, b - v) for b, v in zip(best_per_part, vec)) < low:
                continue
            ks = covering(full & ~m)
            ks = ks[bisect_right(ks, j):]
            if required is not None and required not in (i, j):
                ks = [required] if required in ks else []
            for k in ks:
                if cap + caps[k] < need_cap:
                    continue
                mk, ck = masks[k], caps[k]
                # Minimal: neither (i, k) nor (j, k) answers without the third.
                if (mi | mk) == full and ci + ck >= need_cap:
                    continue
                if (masks[j] | mk) == full and caps[j] + ck >= need_cap:
                    continue
                offer((i, j, k), sum(map(max, vec, vectors[k])))
    return top
