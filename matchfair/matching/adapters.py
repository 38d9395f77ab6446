"""Database rows -> the matching engine's plain data (engine.matching_input: Supplier, Need, Area).

A supplier is an SSE organisation together with its published offers:
- CPV codes: the organisation's codes and its offers' codes;
- area: the organisation's departments and regions and its offers' ones, national if either is;
- capacity: the largest of the organisation's and its offers' capacities;
- statuses: the organisation's (ess, esus, siae, ea, esat, geiq);
- text: description, labels, offers' titles and descriptions, references' descriptions.
A need's CPV codes are its own and its lots' codes; its amount the estimated amount, else the sum
of its lots' amounts; its text the title, description and lots' titles.

The loaders read every row with a constant number of plain (Core) queries: building 20,000
suppliers through ORM objects would cost seconds. `conn` is any SQLAlchemy connection or session.
"""
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import select

from ..engine.matching_input import Area, Need, Supplier
from ..needs.models import Need as NeedRow
from ..needs.models import NeedCpv, NeedLot, NeedLotCpv, NeedStatus, Reservation, SocialClause
from ..offers.models import Offer, OfferArea, OfferCpv, OfferReference
from ..organisations.models import (
    AreaKind, OrgKind, Organisation, OrganisationArea, OrganisationCpv, OrganisationStatus,
)


def supplier_key(org_id: int) -> str:
    """The engine's id of an organisation's supplier."""
    return str(org_id)


def need_key(need_id: int) -> str:
    """The engine's id of a need."""
    return str(need_id)


@dataclass
class _SupplierParts:
    department: str | None
    national: bool
    capacity: int | None
    texts: list
    cpv: dict
    departments: dict
    regions: dict
    statuses: set


@dataclass(frozen=True)
class LoadedSuppliers:
    """Every SSE organisation as an engine Supplier, and the ids of those listed in the directory."""

    suppliers: list[Supplier]
    listed: frozenset[str]


def load_suppliers(conn, org_ids: Iterable[int] | None = None) -> LoadedSuppliers:
    """Every SSE organisation (or those of `org_ids`) with its published offers, as engine Suppliers.

    Unlisted organisations are included (they see their own matches); `listed` tells which ones
    buyers may be shown. Eight queries whatever the number of organisations.
    """
    wanted = None if org_ids is None else sorted(set(org_ids))
    org_filter = Organisation.kind == OrgKind.SSE.value
    if wanted is not None:
        org_filter = org_filter & Organisation.id.in_(wanted)
    parts: dict[int, _SupplierParts] = {}
    listed = set()
    rows = conn.execute(select(
        Organisation.id, Organisation.department_code, Organisation.national, Organisation.capacity_eur,
        Organisation.description, Organisation.labels, Organisation.is_listed,
    ).where(org_filter)).all()
    for org_id, department, national, capacity, description, labels, is_listed in rows:
        parts[org_id] = _SupplierParts(department, bool(national), capacity, [description, labels],
                                       {}, {}, {}, set())
        if is_listed:
            listed.add(supplier_key(org_id))
    if not parts:
        return LoadedSuppliers([], frozenset())

    def owned(statement, org_column):
        # The same organisations as above, by a join rather than a list of 20,000 ids.
        statement = statement.join(Organisation, Organisation.id == org_column).where(org_filter)
        return conn.execute(statement).all()  # all(): much faster than fetching row by row

    for org_id, status in owned(select(OrganisationStatus.organisation_id, OrganisationStatus.status),
                                OrganisationStatus.organisation_id):
        parts[org_id].statuses.add(status)
    for org_id, kind, code in owned(select(OrganisationArea.organisation_id, OrganisationArea.kind,
                                           OrganisationArea.code), OrganisationArea.organisation_id):
        _add_area(parts[org_id], kind, code)
    for org_id, code8 in owned(select(OrganisationCpv.organisation_id, OrganisationCpv.code8),
                               OrganisationCpv.organisation_id):
        parts[org_id].cpv[code8] = None

    published = Offer.is_published.is_(True)
    for org_id, title, description, national, capacity in owned(
            select(Offer.organisation_id, Offer.title, Offer.description, Offer.national, Offer.capacity_eur)
            .where(published).order_by(Offer.id), Offer.organisation_id):
        p = parts[org_id]
        p.texts += [title, description]
        p.national = p.national or bool(national)
        if capacity is not None and (p.capacity is None or capacity > p.capacity):
            p.capacity = capacity
    for org_id, code8 in owned(select(Offer.organisation_id, OfferCpv.code8)
                               .join(OfferCpv, OfferCpv.offer_id == Offer.id).where(published),
                               Offer.organisation_id):
        parts[org_id].cpv[code8] = None
    for org_id, kind, code in owned(select(Offer.organisation_id, OfferArea.kind, OfferArea.code)
                                    .join(OfferArea, OfferArea.offer_id == Offer.id).where(published),
                                    Offer.organisation_id):
        _add_area(parts[org_id], kind, code)
    for org_id, description in owned(select(Offer.organisation_id, OfferReference.description)
                                     .join(OfferReference, OfferReference.offer_id == Offer.id)
                                     .where(published).order_by(OfferReference.id), Offer.organisation_id):
        parts[org_id].texts.append(description)

    suppliers = [_supplier(org_id, p) for org_id, p in parts.items()]
    return LoadedSuppliers(suppliers, frozenset(listed))


def _add_area(p: _SupplierParts, kind: str, code: str) -> None:
    if kind == AreaKind.DEPARTMENT:
        p.departments[code] = None
    elif kind == AreaKind.REGION:
        p.regions[code] = None


def _supplier(org_id: int, p: _SupplierParts) -> Supplier:
    area = None
    if p.departments or p.regions or p.national:
        area = Area(tuple(p.departments), tuple(p.regions), p.national)
    return Supplier(
        id=supplier_key(org_id), cpv=tuple(sorted(p.cpv)), department=p.department or None, area=area,
        statuses=frozenset(p.statuses), capacity_eur=p.capacity,
        text="\n".join([t for t in p.texts if t]),
    )


def load_needs(conn, *, need_ids: Iterable[int] | None = None, published_only: bool = False) -> list[Need]:
    """Needs (those of `need_ids`, or all published ones with `published_only`) as engine Needs,
    in id order. Four queries whatever the number of needs."""
    condition = None
    if need_ids is not None:
        condition = NeedRow.id.in_(sorted(set(need_ids)))
    if published_only:
        published = NeedRow.status == NeedStatus.PUBLISHED.value
        condition = published if condition is None else condition & published
    if condition is None:
        raise ValueError("load_needs needs need_ids or published_only")
    rows = conn.execute(select(
        NeedRow.id, NeedRow.title, NeedRow.description, NeedRow.department_code, NeedRow.estimated_amount_eur,
        NeedRow.reservation, NeedRow.social_clause,
    ).where(condition).order_by(NeedRow.id)).all()
    if not rows:
        return []
    codes: dict[int, dict] = defaultdict(dict)
    lots: dict[int, list] = defaultdict(list)
    for need_id, code8 in conn.execute(select(NeedCpv.need_id, NeedCpv.code8)
                                       .join(NeedRow, NeedRow.id == NeedCpv.need_id).where(condition)):
        codes[need_id][code8] = None
    for need_id, title, amount in conn.execute(select(NeedLot.need_id, NeedLot.title, NeedLot.estimated_amount_eur)
                                               .join(NeedRow, NeedRow.id == NeedLot.need_id).where(condition)
                                               .order_by(NeedLot.need_id, NeedLot.number)):
        lots[need_id].append((title, amount))
    for need_id, code8 in conn.execute(select(NeedLot.need_id, NeedLotCpv.code8)
                                       .join(NeedLot, NeedLot.id == NeedLotCpv.lot_id)
                                       .join(NeedRow, NeedRow.id == NeedLot.need_id).where(condition)):
        codes[need_id][code8] = None
    return [_need(row, codes.get(row[0], {}), lots.get(row[0], [])) for row in rows]


def _need(row, codes: dict, lots: list) -> Need:
    need_id, title, description, department, amount, reservation, social_clause = row
    if amount is None:
        lot_amounts = [a for _t, a in lots if a is not None]
        amount = sum(lot_amounts) if lot_amounts else None
    texts = [title, description] + [t for t, _a in lots]
    return Need(
        id=need_key(need_id), cpv=tuple(sorted(codes)), department=department or None, amount_eur=amount,
        reserved=None if reservation in (None, Reservation.NONE) else reservation,
        social_clause=social_clause not in (None, SocialClause.NONE),
        text="\n".join(t for t in texts if t),
    )


def need_to_engine(conn, need: NeedRow) -> Need:
    """The engine Need of one need row (whatever its status), read fresh from the database."""
    found = load_needs(conn, need_ids=[need.id])
    if not found:
        raise LookupError(f"need {need.id} is not in the database")
    return found[0]
