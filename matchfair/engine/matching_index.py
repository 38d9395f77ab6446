"""An index over the suppliers, built once, that ranks them for a need without scoring them all.

The index holds, by supplier position (suppliers sorted by id, so position order is id order):
CPV buckets (every prefix of 2 to 8 significant digits -> the suppliers with a code under it),
coverage sets (department -> suppliers based there or listing it; region -> suppliers listing
it; national suppliers), term postings (stem -> suppliers whose text has it) with IDF weights,
and the suppliers eligible for each reservation.

Ranking a need: the candidates are split into groups by (CPV depth, area class); within a group
every supplier has the same CPV and area points, so the group's best possible score is known
before scoring anyone (plus the social-clause bonus and the text points at most). Groups are
visited best bound first and the visit stops as soon as a bound cannot beat the current K-th
score; within a group, the members that share no word are dropped at once when the bound without
text cannot beat it either, and each member is skipped as soon as its own bound cannot. The
members left are scored with the arithmetic of matching_score.score, the function the plain
all-pairs ranking uses: both rank identically (a test checks it on 400 random inputs, the
benchmark at full size).
"""
import gc
import heapq
import math
from collections import defaultdict
from contextlib import contextmanager
from typing import Iterable, Iterator

from .matching_input import RESERVATIONS, Need, Supplier
from .matching_score import (
    AREA_POINTS, CAPACITY_PENALTY, CPV_POINTS, DEPARTMENT, ELIGIBLE_STATUSES, NATIONAL,
    NOT_COVERED, REGION, SOCIAL_POINTS, TEXT_POINTS, Match, NeedProfile, SupplierProfile,
    need_profile, rank_plain, reasons, supplier_profile, upper_bound,
)
from .matching_text import idf_weight

_EMPTY: frozenset[int] = frozenset()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk job.

    Building the index or ranking thousands of needs allocates many short-lived containers, none
    in reference cycles; each automatic full collection would walk every object of the index
    (about 10 ms at 20,000 suppliers) for nothing. Memory is still freed by reference counting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class MatchingIndex:
    """The suppliers, indexed for ranking against needs. Build once, query many times (read-only)."""

    def __init__(self, suppliers: Iterable[Supplier]) -> None:
        """Index `suppliers` (ids must be unique)."""
        with paused_gc():
            self._build(suppliers)

    def _build(self, suppliers: Iterable[Supplier]) -> None:
        self.suppliers: list[Supplier] = sorted(suppliers, key=lambda s: s.id)
        self.profiles: list[SupplierProfile] = [supplier_profile(s) for s in self.suppliers]
        self.position = {s.id: i for i, s in enumerate(self.suppliers)}
        if len(self.position) != len(self.suppliers):
            raise ValueError("supplier ids must be unique")
        buckets, postings = defaultdict(set), defaultdict(set)
        by_department, by_region = defaultdict(set), defaultdict(set)
        national_buckets = defaultdict(set)
        for i, p in enumerate(self.profiles):
            for prefix in p.prefixes:
                for k in range(2, len(prefix) + 1):
                    buckets[prefix[:k]].add(i)
                    if p.national:
                        national_buckets[prefix[:k]].add(i)
            for term in p.terms:
                postings[term].add(i)
            for department in p.departments:
                by_department[department].add(i)
            for region in p.regions:
                by_region[region].add(i)
        self._buckets, self._national_buckets = dict(buckets), dict(national_buckets)
        self._postings = dict(postings)
        self._by_department, self._by_region = dict(by_department), dict(by_region)
        self._national = {i for i, p in enumerate(self.profiles) if p.national}
        self._insertion = {i for i, p in enumerate(self.profiles) if p.insertion}
        self._eligible = {
            r: {i for i, p in enumerate(self.profiles) if not ELIGIBLE_STATUSES[r].isdisjoint(p.statuses)}
            for r in RESERVATIONS
        }
        n = len(self.profiles)
        self.weights = {t: idf_weight(n, len(ids)) for t, ids in self._postings.items()}

    def __len__(self) -> int:
        return len(self.profiles)

    def need_profile(self, need: Need) -> NeedProfile:
        """The need read for matching, its words weighted by this index's corpus."""
        return need_profile(need, self.weights.get)

    def rank_plain(self, need: Need, top: int = 20) -> list[Match]:
        """The best `top` suppliers by scoring every one of them: slow, the reference for tests."""
        return rank_plain(self.need_profile(need), self.profiles, top)

    def rank_many(self, needs: Iterable[Need], top: int = 20) -> dict[str, list[Match]]:
        """Each need's id -> its best `top` suppliers (rank for each), in the order of `needs`."""
        with paused_gc():
            return {need.id: self.rank(need, top) for need in needs}

    def rank(self, need: Need | NeedProfile, top: int = 20) -> list[Match]:
        """The best `top` suppliers for a need, best first, equal scores by supplier id."""
        np = need if isinstance(need, NeedProfile) else self.need_profile(need)
        if top <= 0:
            return []
        heap: list[tuple[float, int, int, int]] = []
        groups = _Groups(self, np)
        for bound, depth, area in groups.specs():
            if len(heap) == top and bound < heap[0][0]:
                break
            members = groups.members(depth, area)
            if members and len(heap) == top and upper_bound(np, depth, area, text=False) < heap[0][0]:
                members = groups.sharing_words(members)  # no other member can enter the top
            if members:
                self._push(heap, top, np, members, depth, area)
        heap.sort(reverse=True)
        profiles = self.profiles
        return [Match(np.id, profiles[-m].id, s, reasons(np, profiles[-m], d, a)) for s, m, d, a in heap]

    def _push(self, heap: list, top: int, np: NeedProfile, members: set[int], depth: int, area: int) -> None:
        """Score `members` into the bounded heap of the best `top` (score, -position, depth, area).

        The arithmetic is matching_score.score's, step for step, so that the floats are the same;
        a member whose best possible score cannot enter the heap is skipped before its words are
        compared.
        """
        profiles, social, amount = self.profiles, np.social, np.amount
        term_set, weights, total = np.term_set, np.weights, np.total
        text_max = TEXT_POINTS if total else 0
        base = float(CPV_POINTS[depth] + AREA_POINTS[area])
        cutoff = _cutoff(heap) if len(heap) == top else -math.inf
        for i in members:
            p = profiles[i]
            raw = base
            if social and p.insertion:
                raw += SOCIAL_POINTS
            below = amount is not None and p.capacity is not None and p.capacity < amount
            if raw + text_max - (CAPACITY_PENALTY if below else 0) < cutoff:
                continue
            if total:
                shared = term_set & p.terms
                if shared:
                    raw += TEXT_POINTS * math.sqrt(sum(weights.get(t, 0) for t in shared) / total)
            if below:
                raw -= CAPACITY_PENALTY
            if raw < cutoff:
                continue
            entry = (round(min(100.0, max(0.0, raw)), 1), -i, depth, area)
            if len(heap) < top:
                heapq.heappush(heap, entry)
                if len(heap) == top:
                    cutoff = _cutoff(heap)
            elif entry > heap[0]:
                heapq.heapreplace(heap, entry)
                cutoff = _cutoff(heap)


class _Groups:
    """The candidate groups of one need: (CPV depth, area class) with their bounds and members.

    Nothing is copied up front: `parts[k]` lists the index's buckets of the suppliers sharing at
    least k digits with one of the need's codes; a group's members are computed when it is
    visited, intersecting with the (small) coverage sets first.
    """

    def __init__(self, index: MatchingIndex, np: NeedProfile) -> None:
        self.index, self.np = index, np
        self.eligible = None
        if np.eligible is not None:
            self.eligible = index._eligible.get(np.reserved, _EMPTY)  # unknown: nobody is eligible
        buckets = index._buckets
        self.parts: dict[int, list[set[int]]] = {}
        self.national_parts: dict[int, list[set[int]]] = {}
        for k in range(8, 1, -1):
            keys = {p[:k] for p in np.prefixes if len(p) >= k and p[:k] in buckets}
            if keys:
                self.parts[k] = [buckets[key] for key in keys]
                self.national_parts[k] = [index._national_buckets.get(key, _EMPTY) for key in keys]
        self.terms = [index._postings[t] for t in np.weights if t in index._postings]
        self.covers = (index._by_department.get(np.department, _EMPTY),
                       index._by_region.get(np.region, _EMPTY), index._national)

    def specs(self) -> list[tuple[float, int, int]]:
        """(bound, depth, area) of every group that may have members, best bound first."""
        depths = list(self.parts) + ([0] if self.terms else [])
        specs = [(upper_bound(self.np, d, a), d, a) for d in depths
                 for a in (DEPARTMENT, REGION, NATIONAL, NOT_COVERED)]
        specs.sort(key=lambda s: (-CPV_POINTS[s[1]] - AREA_POINTS[s[2]], -s[1], s[2]))
        return specs

    def sharing_words(self, members: set[int]) -> set[int]:
        """The `members` whose text has at least one of the need's terms."""
        found: set[int] = set()
        for posting in self.terms:
            found |= posting & members
        return found

    def members(self, depth: int, area: int) -> set[int]:
        """The eligible suppliers whose best CPV depth is `depth` (0: none, words only) and area class `area`."""
        covers = self.covers
        found: set[int] = set()
        if depth and area == NATIONAL:  # the national suppliers have buckets of their own
            for part in self.national_parts[depth]:
                found |= part
        else:
            for part in (self.parts[depth] if depth else self.terms):
                found |= part & covers[area] if area != NOT_COVERED else part
        for better in covers[:area]:  # a supplier belongs to its best area class only
            found = _minus(found, better)
        for deeper in self.parts.get(depth + 1 if depth else 2, ()):  # ... and its deepest CPV agreement
            found = _minus(found, deeper)
        if self.eligible is not None:
            found &= self.eligible
        return found


def _cutoff(heap: list) -> float:
    """A raw score below this rounds under the heap's worst score: 0.06 under it, or none at 0."""
    worst = heap[0][0]
    return worst - 0.06 if worst > 0 else -math.inf


def _minus(found: set[int], other: set[int] | frozenset[int]) -> set[int]:
    """`found` without `other`, iterating over the smaller of the two; may update `found` in place."""
    if len(found) <= len(other):
        return found - other
    found -= other
    return found
