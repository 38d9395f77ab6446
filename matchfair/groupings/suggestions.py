"""Grouping suggestions for a need, and how a formed grouping covers its need: the database side.

A need is split into parts (engine.groupings): its lots, else its CPV divisions. Each part stands
for an engine Need: the part's CPV codes (a lot without codes takes the need's), the need's
department, reservation and social clause, the lot's amount, and as text the lot's title and the
need's title (a division: the need's title and description). The cached matching index
(matching.cache) ranks the candidates per part; only companies listed in the directory are
suggested (and the viewing company itself, listed or not); engine.groupings combines them.

Results are kept in the process per (matching versions, need, viewing company): a need page costs
one version query while nothing changed, and is fresh after any edit (the versions move).
"""
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..engine import groupings as engine
from ..engine.matching_input import Need as EngineNeed
from ..extensions import db
from ..matching import cache, state
from ..matching.adapters import supplier_key
from ..needs.models import Need, Reservation, SocialClause
from ..organisations.models import Organisation
from ..reference.services import labels_for
from .models import Grouping, PartnerStatus

CACHE_KEY = "matchfair.groupings.suggestions"
CACHE_SIZE = 512
BUYER_LIMIT = 5
SSE_LIMIT = 3


@dataclass
class Line:
    """One part of the need and the member that covers it best (None: nobody does)."""

    label: str
    org: Organisation | None
    score: float = 0.0


@dataclass
class Suggestion:
    """A suggested grouping, with organisations, ready for the page."""

    lines: list[Line]
    members: list[Organisation]
    capacity_partners: list[Organisation]
    capacity_total: float
    amount: float | None
    unknown_capacity: list[Organisation]
    local: list[Organisation]
    insertion: list[Organisation]
    score: float
    reasons: tuple[str, ...]

    def others(self, org_id: int) -> list[Organisation]:
        """The members but `org_id`."""
        return [o for o in self.members if o.id != org_id]

    def labels_of(self, org_id: int) -> list[str]:
        """The parts member `org_id` covers best."""
        return [line.label for line in self.lines if line.org is not None and line.org.id == org_id]


@dataclass
class Suggestions:
    """What the partial shows: `mode` "buyer" (every suggestion) or "sse" (those with `viewer`)."""

    need: Need
    mode: str
    viewer: Organisation | None
    items: list[Suggestion]
    reasons: tuple[str, ...]
    part_count: int
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def alone_is_viewer(self) -> bool:
        return self.viewer is not None and f"single-supplier:{supplier_key(self.viewer.id)}" in self.reasons

    def reason(self, prefix: str) -> bool:
        """True when a reason starts with `prefix` ("single-supplier", "uncovered"...)."""
        return any(r.startswith(prefix) for r in self.reasons)

    @property
    def uncovered(self) -> list[str]:
        """The labels of the parts nobody covers."""
        return [self.labels.get(r[len("uncovered:"):], r) for r in self.reasons if r.startswith("uncovered:")]


def need_parts(need: Need) -> list[tuple[engine.GroupingPart, EngineNeed, str]]:
    """(part, engine Need, label) for each lot of `need`, else for each CPV division of its codes."""
    reserved = None if need.reservation in (None, Reservation.NONE) else need.reservation
    social = need.social_clause not in (None, SocialClause.NONE)
    codes = need.cpv_codes

    def engine_need(part: engine.GroupingPart, cpv, amount, text: str) -> EngineNeed:
        return EngineNeed(id=f"{need.id}/{part.id}", cpv=tuple(cpv), department=need.department_code,
                          amount_eur=amount, reserved=reserved, social_clause=social, text=text)

    out = []
    if need.lots:
        for lot in need.lots:
            lot_codes = lot.cpv_codes or codes
            [part] = engine.parts_from_lots([(lot.number, lot_codes, lot.estimated_amount_eur)])
            label = _("Lot %(number)d %(title)s", number=lot.number, title=lot.title)
            out.append((part, engine_need(part, lot_codes, lot.estimated_amount_eur, f"{lot.title}\n{need.title}"),
                        label))
        return out
    parts = engine.parts_from_divisions(codes)
    names = labels_for([f"{p.divisions[0]}000000" for p in parts], str(get_locale() or "fr"))
    for part in parts:
        division = part.divisions[0]
        label = names.get(f"{division}000000") or _("Division CPV %(code)s", code=division)
        text = "\n".join(t for t in (need.title, need.description) if t)
        out.append((part, engine_need(part, engine.division_codes(part, codes), None, text), label))
    return out


def grouping_need(need: Need, parts) -> engine.GroupingNeed:
    """The engine's view of `need` for the search."""
    return engine.GroupingNeed(
        id=str(need.id), parts=tuple(p for p, _n, _l in parts), amount_eur=need.estimated_amount_eur,
        reserved=None if need.reservation in (None, Reservation.NONE) else need.reservation,
        social_clause=need.social_clause not in (None, SocialClause.NONE))


class _Results:
    """A small least-recently-used store of engine results, shared by the threads of a process."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.items: OrderedDict = OrderedDict()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > CACHE_SIZE:
                self.items.popitem(last=False)


def _results() -> _Results:
    store = current_app.extensions.get(CACHE_KEY)
    if store is None:
        store = current_app.extensions.setdefault(CACHE_KEY, _Results())
    return store


def suggest(need: Need, viewer: Organisation | None = None, limit: int = BUYER_LIMIT):
    """(engine GroupingResult, parts) for `need`: every suggestion, or with `viewer` those that
    include that SSE company. Kept per matching versions."""
    parts = need_parts(need)
    versions = state.versions()
    include = supplier_key(viewer.id) if viewer is not None else None
    key = (versions, need.id, include, limit)
    result = _results().get(key)
    if result is None:
        entry = cache.get_cache().suppliers(versions)
        candidates = []
        if parts:
            candidates = engine.candidates_from_index(entry.index, [(p, n) for p, n, _l in parts],
                                                      extra=[include] if include else ())
            candidates = [c for c in candidates if c.id in entry.listed or c.id == include]
        result = engine.suggest_groupings(grouping_need(need, parts), candidates, limit=limit, include=include)
        _results().put(key, result)
    return result, parts


def _organisations(ids) -> dict[str, Organisation]:
    wanted = sorted({int(i) for i in ids})
    if not wanted:
        return {}
    rows = db.session.scalars(select(Organisation).where(Organisation.id.in_(wanted))
                              .options(selectinload(Organisation.statuses)))
    return {supplier_key(o.id): o for o in rows}


def suggestions_for(need: Need, viewer: Organisation | None = None) -> Suggestions:
    """The suggestions the partial shows: every one (the buyer), or with `viewer` (an SSE company)
    those that include it."""
    limit = SSE_LIMIT if viewer is not None else BUYER_LIMIT
    result, parts = suggest(need, viewer, limit)
    labels = {p.id: label for p, _n, label in parts}
    orgs = _organisations(m for s in result.suggestions for m in s.members)
    items = []
    for s in result.suggestions:
        if any(m not in orgs for m in s.members):
            continue  # deleted since the index was built
        members = [orgs[m] for m in s.members]
        lines = [Line(labels[part_id], orgs[owner]) for part_id, owner in s.assignment]
        owners = {owner for _p, owner in s.assignment}
        items.append(Suggestion(
            lines=lines, members=members, capacity_partners=[orgs[m] for m in s.members if m not in owners],
            capacity_total=s.capacity_total, amount=s.amount_eur,
            unknown_capacity=[orgs[m] for m in s.unknown_capacity],
            local=[orgs[m] for m in s.members if f"area:department:{m}" in s.reasons],
            insertion=[orgs[m] for m in s.members if f"social-clause:insertion:{m}" in s.reasons],
            score=s.score, reasons=s.reasons))
    return Suggestions(need=need, mode="sse" if viewer is not None else "buyer", viewer=viewer, items=items,
                       reasons=result.reasons, part_count=len(parts), labels=labels)


@dataclass
class Coverage:
    """How a formed grouping covers its need: who covers each part, capacity against the amount."""

    lines: list[Line]
    capacity_total: float
    amount: float | None
    unknown_capacity: list[Organisation]

    @property
    def complete(self) -> bool:
        return all(line.org is not None for line in self.lines)

    @property
    def capacity_ok(self) -> bool:
        return self.amount is None or self.capacity_total >= self.amount


def grouping_coverage(grouping: Grouping) -> Coverage | None:
    """For a grouping linked to a need: each part with its best member (accepted or invited) at or
    above the suggestions' threshold, and the capacity of the accepted members; None without a need."""
    need = grouping.need
    if need is None:
        return None
    parts = need_parts(need)
    members = {supplier_key(m.organisation_id): m for m in grouping.members
               if m.status in (PartnerStatus.ACCEPTED, PartnerStatus.INVITED)}
    entry = cache.supplier_entry()
    scored = {c.id: c for c in engine.score_candidates(entry.index, [(p, n) for p, n, _l in parts], members)}
    lines = []
    for part, _n, label in parts:
        best = max((c for c in scored.values() if c.scores.get(part.id, 0) >= engine.DEFAULT_THRESHOLD),
                   key=lambda c: (c.scores[part.id], -int(c.id)), default=None)
        lines.append(Line(label, members[best.id].organisation if best else None,
                          best.scores[part.id] if best else 0.0))
    accepted = [k for k, m in members.items() if m.status == PartnerStatus.ACCEPTED]
    capacity = sum(float(scored[k].capacity_eur or 0) for k in accepted if k in scored)
    unknown = [members[k].organisation for k in accepted if k not in scored or scored[k].capacity_eur is None]
    amount = engine.need_amount(grouping_need(need, parts)) if parts else need.estimated_amount_eur
    return Coverage(lines, capacity, amount, unknown)
