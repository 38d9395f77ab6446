"""The score of one (need, supplier) pair and its reasons; the weights; the plain all-pairs ranking.

The plain ranking below scores every pair with `score`; the indexed one (matching_index) repeats
its arithmetic step for step on the candidates it keeps, and both give the same numbers. See
matching.py for the rules in words.
"""
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, NamedTuple

from .cpv import prefix as cpv_prefix
from .matching_input import Need, Supplier
from .matching_text import terms
from .territory import region_of

# Points for the deepest CPV agreement of the best pair of codes, by shared significant digits.
CPV_POINTS = {0: 0, 2: 20, 3: 28, 4: 34, 5: 39, 6: 42, 7: 44, 8: 45}
CPV_REASONS = {2: "cpv:division", 3: "cpv:group", 4: "cpv:class", 5: "cpv:category",
               6: "cpv:category", 7: "cpv:category", 8: "cpv:category"}
# Area classes, best first, with their points and reasons.
DEPARTMENT, REGION, NATIONAL, NOT_COVERED = 0, 1, 2, 3
AREA_POINTS = (30, 22, 16, 0)
AREA_REASONS = ("area:department", "area:region", "area:national", "area:not-covered")
TEXT_POINTS = 15
SOCIAL_POINTS = 10
CAPACITY_PENALTY = 10
MAX_TEXT_REASONS = 5

# Statuses that make a supplier eligible for each reservation (a hard rule).
ELIGIBLE_STATUSES = {
    "L2113-12": frozenset({"ea", "esat"}),
    "L2113-13": frozenset({"siae"}),
    "L2113-14": frozenset({"ea", "esat", "siae"}),
    "L2113-15": frozenset({"ess", "esus"}),
}
INSERTION_STATUSES = frozenset({"siae", "geiq"})


class Match(NamedTuple):
    """One ranked pair: the need's id, the supplier's id, the score (0-100, one decimal), the reasons."""

    need: str
    supplier: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SupplierProfile:
    """A supplier read for matching: CPV prefixes (significant digits), coverage, statuses, terms."""

    id: str
    prefixes: tuple[str, ...]
    departments: frozenset[str]
    regions: frozenset[str]
    national: bool
    statuses: frozenset[str]
    insertion: bool
    capacity: float | None
    terms: frozenset[str]


@dataclass(frozen=True, slots=True)
class NeedProfile:
    """A need read for matching, with its terms weighted against a suppliers' corpus."""

    id: str
    prefixes: tuple[str, ...]
    department: str | None
    region: str | None
    eligible: frozenset[str] | None
    reserved: str | None
    social: bool
    amount: float | None
    term_set: frozenset[str]
    weights: dict[str, int]
    surfaces: dict[str, str]
    total: int


@lru_cache(maxsize=20_000)
def _prefix(code8: str) -> str:
    return cpv_prefix(code8)


def supplier_profile(supplier: Supplier) -> SupplierProfile:
    """The profile of a supplier. Its own department is always covered, whatever its area says."""
    area = supplier.area
    departments = set(area.departments) if area else set()
    if supplier.department:
        departments.add(supplier.department)
    statuses = frozenset(supplier.statuses)
    return SupplierProfile(
        id=supplier.id, prefixes=tuple(dict.fromkeys(map(_prefix, supplier.cpv))),
        departments=frozenset(departments), regions=frozenset(area.regions) if area else frozenset(),
        national=bool(area and area.national), statuses=statuses,
        insertion=bool(statuses & INSERTION_STATUSES), capacity=supplier.capacity_eur,
        terms=frozenset(terms(supplier.text)),
    )


def need_profile(need: Need, weight_of: Callable[[str], int | None]) -> NeedProfile:
    """The profile of a need; `weight_of(stem)` gives a term's corpus weight, None when no supplier has it."""
    surfaces = terms(need.text)
    weights = {t: w for t in surfaces if (w := weight_of(t))}
    eligible = None
    if need.reserved is not None:
        eligible = ELIGIBLE_STATUSES.get(need.reserved, frozenset())  # unknown: nobody is eligible
    return NeedProfile(
        id=need.id, prefixes=tuple(dict.fromkeys(map(_prefix, need.cpv))),
        department=need.department, region=region_of(need.department) if need.department else None,
        eligible=eligible, reserved=need.reserved,
        # Under L2113-13 every eligible supplier is an insertion structure: no bonus to add.
        social=bool(need.social_clause) and need.reserved != "L2113-13",
        amount=need.amount_eur, term_set=frozenset(surfaces), weights=weights,
        surfaces=surfaces, total=sum(weights.values()),
    )


def cpv_depth(need_prefixes: Iterable[str], supplier_prefixes: Iterable[str]) -> int:
    """Digits shared by the best pair of codes (2 division ... 8), or 0 when no division is shared."""
    best = 0
    for n in need_prefixes:
        for s in supplier_prefixes:
            if n[:2] != s[:2]:
                continue
            depth = 2
            limit = min(len(n), len(s))
            while depth < limit and n[depth] == s[depth]:
                depth += 1
            best = max(best, depth)
    return best


def area_class(need: NeedProfile, supplier: SupplierProfile) -> int:
    """How the supplier covers the need's department: DEPARTMENT, REGION, NATIONAL or NOT_COVERED."""
    if need.department in supplier.departments:
        return DEPARTMENT
    if need.region in supplier.regions:
        return REGION
    return NATIONAL if supplier.national else NOT_COVERED


def is_eligible(need: NeedProfile, supplier: SupplierProfile) -> bool:
    """False when the need is reserved and the supplier has none of the qualifying statuses."""
    return need.eligible is None or not need.eligible.isdisjoint(supplier.statuses)


def text_points(need: NeedProfile, supplier_terms: frozenset[str]) -> float:
    """TEXT_POINTS times the square root of the share of the need's term weight the supplier has."""
    if not need.total:
        return 0.0
    shared = need.term_set & supplier_terms
    if not shared:
        return 0.0
    weights = need.weights
    matched = sum(weights.get(t, 0) for t in shared)
    return TEXT_POINTS * math.sqrt(matched / need.total)


def upper_bound(need: NeedProfile, depth: int, area: int, text: bool = True) -> float:
    """The best score a supplier at this CPV depth and area class could get for this need.

    `text=False`: the best for a supplier that shares none of the need's words.
    """
    raw = CPV_POINTS[depth] + AREA_POINTS[area]
    raw += SOCIAL_POINTS if need.social else 0
    raw += TEXT_POINTS if need.total and text else 0.0
    return round(min(100.0, max(0.0, raw)), 1)


def score(need: NeedProfile, supplier: SupplierProfile, depth: int, area: int) -> float:
    """The score of an eligible pair, 0-100 rounded to one decimal, from its CPV depth and area class."""
    # matching_index.MatchingIndex._push repeats these steps in this order: keep them in step.
    raw = float(CPV_POINTS[depth] + AREA_POINTS[area])
    if need.social and supplier.insertion:
        raw += SOCIAL_POINTS
    text = text_points(need, supplier.terms)
    if text:
        raw += text
    if need.amount is not None and supplier.capacity is not None and supplier.capacity < need.amount:
        raw -= CAPACITY_PENALTY
    return round(min(100.0, max(0.0, raw)), 1)


def reasons(need: NeedProfile, supplier: SupplierProfile, depth: int, area: int) -> tuple[str, ...]:
    """The reason codes of a pair, in a fixed order: CPV, area, reservation, social clause, capacity, words."""
    out = [CPV_REASONS[depth]] if depth else []
    out.append(AREA_REASONS[area])
    if need.eligible is not None:
        out.append("reserved:eligible")
    if need.social and supplier.insertion:
        out.append("social-clause:insertion")
    if need.amount is not None and supplier.capacity is not None and supplier.capacity < need.amount:
        out.append("capacity:below-amount")
    shared = sorted(need.term_set & supplier.terms,
                    key=lambda t: (-need.weights.get(t, 0), need.surfaces[t]))
    out.extend(f"text:{need.surfaces[t]}" for t in shared[:MAX_TEXT_REASONS])
    return tuple(out)


def evaluate(need: NeedProfile, supplier: SupplierProfile) -> tuple[float, int, int] | None:
    """(score, CPV depth, area class) of a pair, or None when it is not a match.

    Not a match: the need is reserved and the supplier is not eligible, or they share neither a
    CPV division nor a meaningful word.
    """
    if not is_eligible(need, supplier):
        return None
    depth = cpv_depth(need.prefixes, supplier.prefixes)
    if not depth and need.term_set.isdisjoint(supplier.terms):
        return None
    area = area_class(need, supplier)
    return score(need, supplier, depth, area), depth, area


def rank_plain(need: NeedProfile, suppliers: Iterable[SupplierProfile], top: int) -> list[Match]:
    """Every supplier scored against the need, the best `top` kept: the reference for the index."""
    found = []
    for supplier in suppliers:
        result = evaluate(need, supplier)
        if result is not None:
            found.append((-result[0], supplier.id, supplier, result))
    found.sort(key=lambda f: (f[0], f[1]))
    return [Match(need.id, s.id, r[0], reasons(need, s, r[1], r[2])) for _, _, s, r in found[:top]]
