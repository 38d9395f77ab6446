"""What the matching pages rank: SSE suppliers for a buyer's need, published needs for a company.

Both read the cached index (cache.py), so they answer in a few milliseconds, and both are fresh
after any edit (the cache follows the matching versions). Buyers are never shown SSE companies
that chose not to be listed in the directory; those companies still see their own matches.
"""
from dataclasses import dataclass
from datetime import date
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..engine.matching import Match, explain, rank_needs_for_supplier
from ..engine.matching_input import Need as EngineNeed
from ..engine.matching_input import Supplier
from ..extensions import db
from ..needs.direct_award import direct_award_clause
from ..needs.models import Need, NeedStatus
from ..organisations.models import Organisation
from . import adapters
from .cache import NeedsEntry, SupplierEntry, needs_entry, supplier_entry
from .reasons import Sentence, level_label, write_reasons

SUPPLIERS_SHOWN = 50
INSERTION = frozenset({"siae", "geiq"})
EA_ESAT = frozenset({"ea", "esat"})


@dataclass(frozen=True)
class SupplierFilters:
    """Narrow a need's suppliers: insertion structures, EA/ESAT (either one when both), covering the department."""

    insertion: bool = False
    ea_esat: bool = False
    in_department: bool = False

    @property
    def active(self) -> bool:
        return self.insertion or self.ea_esat or self.in_department


@dataclass
class ShownMatch:
    """A match as a page shows it: the other side's row, the score, its level and its sentences."""

    match: Match
    row: object  # an Organisation (buyer pages) or a Need (company pages)
    level: str
    sentences: list[Sentence]

    @property
    def score(self) -> float:
        return self.match.score


@dataclass
class RankedSuppliers:
    """A need's best suppliers for a buyer (at most SUPPLIERS_SHOWN), and what explains them."""

    need: EngineNeed
    entry: SupplierEntry
    matches: list[Match]

    def supplier(self, org_id: int) -> Supplier | None:
        return self.entry.supplier(org_id)


def rank_suppliers(need: Need, filters: SupplierFilters = SupplierFilters(),
                   limit: int = SUPPLIERS_SHOWN) -> RankedSuppliers:
    """The best listed SSE suppliers for `need` (any status: a buyer looks before publishing)."""
    entry = supplier_entry()
    engine_need = adapters.need_to_engine(db.session, need)
    keep = _supplier_filter(entry, filters)
    hint = 3 * limit if filters.active else min(entry.unlisted_count, 4 * limit)
    return RankedSuppliers(engine_need, entry, _rank_kept(entry, engine_need, keep, limit, hint))


def _supplier_filter(entry: SupplierEntry, filters: SupplierFilters) -> Callable[[Match], bool]:
    listed, index = entry.listed, entry.index
    wanted = (INSERTION if filters.insertion else frozenset()) | (EA_ESAT if filters.ea_esat else frozenset())

    def keep(m: Match) -> bool:
        if m.supplier not in listed:
            return False
        if filters.in_department and "area:not-covered" in m.reasons:
            return False
        if wanted and wanted.isdisjoint(index.suppliers[index.position[m.supplier]].statuses):
            return False
        return True
    return keep


def _rank_kept(entry: SupplierEntry, need: EngineNeed, keep, limit: int, hint: int) -> list[Match]:
    """The best `limit` matches that `keep` accepts: rank a few more than needed, more if too few pass."""
    index = entry.index
    profile = index.need_profile(need)
    top = limit + hint
    while True:
        found = index.rank(profile, top)
        kept = [m for m in found if keep(m)]
        if len(kept) >= limit or len(found) < top:
            return kept[:limit]
        top *= 4


def show_suppliers(ranked: RankedSuppliers, matches: list[Match]) -> list[ShownMatch]:
    """`matches` (a page of ranked.matches) with their organisations and sentences (a few queries)."""
    ids = [int(m.supplier) for m in matches]
    orgs = {o.id: o for o in db.session.scalars(
        select(Organisation).where(Organisation.id.in_(ids)).options(selectinload(Organisation.statuses)))}
    kept = [m for m in matches if int(m.supplier) in orgs]
    sentences = write_reasons([(m.reasons, ranked.need, ranked.supplier(int(m.supplier))) for m in kept])
    return [ShownMatch(m, orgs[int(m.supplier)], level_label(m.score), s)
            for m, s in zip(kept, sentences, strict=True)]


def explain_suppliers(ranked: RankedSuppliers,
                      orgs: list[Organisation]) -> list[tuple[Organisation, ShownMatch | None]]:
    """Each organisation with its current match for the need (None: it no longer matches)."""
    index = ranked.entry.index
    found: list[tuple[Organisation, Match | None]] = []
    for org in orgs:
        supplier = ranked.supplier(org.id)
        found.append((org, explain(index, ranked.need, supplier) if supplier is not None else None))
    sentences = iter(write_reasons([(m.reasons, ranked.need, ranked.supplier(o.id)) for o, m in found if m]))
    return [(o, ShownMatch(m, o, level_label(m.score), next(sentences)) if m else None) for o, m in found]


@dataclass(frozen=True)
class NeedFilters:
    """Narrow a company's needs: may be awarded directly, reserved (to a status it has), place of execution."""

    direct_only: bool = False
    reserved_only: bool = False
    department: str | None = None

    @property
    def active(self) -> bool:
        return self.direct_only or self.reserved_only or bool(self.department)


@dataclass
class RankedNeeds:
    """The published needs that fit a company, best first."""

    supplier: Supplier | None
    entry: NeedsEntry | None
    matches: list[Match]

    @property
    def profile_incomplete(self) -> bool:
        return profile_incomplete(self.supplier)


def profile_incomplete(supplier: Supplier | None) -> bool:
    """True when the company has no CPV code (profile or offers) or no area at all: nothing to match on."""
    if supplier is None or not supplier.cpv:
        return True
    return supplier.department is None and supplier.area is None


def rank_needs(org: Organisation, filters: NeedFilters = NeedFilters(), today: date | None = None) -> RankedNeeds:
    """Every published need that matches `org` (filtered), best first."""
    entry, needs = needs_entry()
    supplier = entry.supplier(org.id)
    if supplier is None or profile_incomplete(supplier):
        return RankedNeeds(supplier, needs, [])
    profiles = needs.profiles
    if filters.department:
        profiles = [p for p in profiles if p.department == filters.department]
    if filters.reserved_only:
        profiles = [p for p in profiles if p.reserved is not None]
    if filters.direct_only:
        direct = {adapters.need_key(i) for i in db.session.scalars(
            select(Need.id).where(Need.status == NeedStatus.PUBLISHED.value, direct_award_clause(today)))}
        profiles = [p for p in profiles if p.id in direct]
    matches = rank_needs_for_supplier(entry.index, supplier, profiles, top=max(1, len(profiles)))
    return RankedNeeds(supplier, needs, matches)


def show_needs(ranked: RankedNeeds, matches: list[Match]) -> list[ShownMatch]:
    """`matches` (a page of ranked.matches) with their needs (buyer loaded) and sentences."""
    ids = [int(m.need) for m in matches]
    rows = {n.id: n for n in db.session.scalars(
        select(Need).where(Need.id.in_(ids)).options(joinedload(Need.organisation)))}
    kept = [m for m in matches if int(m.need) in rows]
    sentences = write_reasons([(m.reasons, ranked.entry.needs[m.need], ranked.supplier) for m in kept])
    return [ShownMatch(m, rows[int(m.need)], level_label(m.score), s) for m, s in zip(kept, sentences, strict=True)]
