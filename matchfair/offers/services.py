"""Offers services: an SSE company's offers, created, changed, published and deleted by its members.

Services take the acting user, check that they may manage the organisation's offers, change the
rows and flush; the view commits. Every change raises the matching suppliers' version
(matching.state.suppliers_changed) in the same transaction, so that matches are fresh.
An offer without areas (and not national) covers the organisation's own area; without a capacity,
the organisation's capacity applies.
"""
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import Forbidden

from ..extensions import db
from ..matching.state import suppliers_changed
from ..organisations import permissions
from ..organisations.models import AreaKind, Organisation, OrgKind
from ..reference.models import CpvCode
from ..timeutil import utcnow
from .models import Offer, OfferArea, OfferCpv, OfferReference

# How many organisation ids go in one IN (...) of supplier_offers.
_CHUNK = 900


@dataclass
class ReferenceData:
    """A past client or contract, as the form cleaned it."""

    client: str
    description: str | None = None
    year: int | None = None
    amount_eur: int | None = None


@dataclass
class OfferData:
    """An offer's values, as the form cleaned them (services.create_offer and update_offer)."""

    title: str
    description: str | None = None
    cpv_codes: list[str] = field(default_factory=list)
    national: bool = False
    departments: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    capacity_eur: int | None = None
    is_published: bool = True
    references: list[ReferenceData] = field(default_factory=list)


def may_have_offers(org: Organisation | None) -> bool:
    """True when `org` is an SSE company: only they present offers."""
    return org is not None and org.kind == OrgKind.SSE


def ensure_can_manage(actor, org: Organisation) -> None:
    """Forbidden unless `actor` is a member (any role) of `org` and `org` is an SSE company."""
    permissions.ensure_member(actor, org)
    if not may_have_offers(org):
        raise Forbidden()


def create_offer(actor, org: Organisation, data: OfferData) -> Offer:
    """Add an offer to `org` from `data`, flush and return it."""
    ensure_can_manage(actor, org)
    offer = Offer(organisation=org, title=data.title, national=False, is_published=True)
    db.session.add(offer)
    _write(offer, data)
    db.session.flush()
    suppliers_changed()
    return offer


def update_offer(actor, offer: Offer, data: OfferData) -> None:
    """Replace the offer's values, codes, areas and references with `data` and flush."""
    ensure_can_manage(actor, offer.organisation)
    _write(offer, data)
    offer.updated_at = utcnow()
    db.session.flush()
    suppliers_changed()


def delete_offer(actor, offer: Offer) -> None:
    """Delete the offer with its codes, areas and references, and flush."""
    ensure_can_manage(actor, offer.organisation)
    db.session.delete(offer)
    db.session.flush()
    suppliers_changed()


def set_published(actor, offer: Offer, published: bool) -> bool:
    """Publish the offer (buyers and matching see it) or take it back; True when that changed it."""
    ensure_can_manage(actor, offer.organisation)
    if offer.is_published == bool(published):
        return False
    offer.is_published = bool(published)
    offer.updated_at = utcnow()
    db.session.flush()
    suppliers_changed()
    return True


def _write(offer: Offer, data: OfferData) -> None:
    offer.title = data.title.strip()
    offer.description = (data.description or "").strip() or None
    offer.national = bool(data.national)
    offer.capacity_eur = data.capacity_eur
    offer.is_published = bool(data.is_published)
    codes = list(dict.fromkeys(data.cpv_codes))
    known = {c.code8: c for c in db.session.scalars(select(CpvCode).where(CpvCode.code8.in_(codes)))} if codes else {}
    _replace_rows(offer.cpv_links, [c for c in codes if c in known], key=lambda r: r.code8,
                  make=lambda c: OfferCpv(code8=c, cpv=known[c]))
    areas = ([(AreaKind.DEPARTMENT.value, c) for c in data.departments]
             + [(AreaKind.REGION.value, c) for c in data.regions])
    _replace_rows(offer.areas, areas, key=lambda r: (r.kind, r.code),
                  make=lambda k: OfferArea(kind=k[0], code=k[1]))
    offer.references = [
        OfferReference(client=r.client.strip(), description=(r.description or "").strip() or None,
                       year=r.year, amount_eur=r.amount_eur)
        for r in data.references if r.client and r.client.strip()
    ]


def _replace_rows(current: list, wanted_keys: list, key, make) -> None:
    # Rows whose key stays are kept: deleting and re-inserting the same primary key in one flush
    # is what this avoids.
    wanted = list(dict.fromkeys(wanted_keys))
    for row in [r for r in current if key(r) not in wanted]:
        current.remove(row)
    present = {key(r) for r in current}
    current.extend(make(k) for k in wanted if k not in present)


def get_offer(offer_id: int) -> Offer | None:
    """The offer `offer_id`, or None."""
    return db.session.get(Offer, offer_id)


def organisation_offers_query(org: Organisation):
    """A select() of all the offers of `org` (published or not), newest first, with their codes,
    areas and references loaded: for the organisation's own list (paginate it)."""
    return (
        select(Offer).where(Offer.organisation_id == org.id)
        .options(selectinload(Offer.cpv_links), selectinload(Offer.areas), selectinload(Offer.references))
        .order_by(Offer.created_at.desc(), Offer.id.desc())
    )


def count_offers(org: Organisation) -> tuple[int, int]:
    """(all offers, published offers) of `org`."""
    rows = db.session.execute(select(Offer.is_published).where(Offer.organisation_id == org.id)).scalars().all()
    return len(rows), sum(1 for published in rows if published)


def public_offers(org_id: int) -> list[Offer]:
    """The published offers of organisation `org_id`, with codes, areas and references loaded,
    newest first: what templates/offers/_public_list.html shows (pass them as `offers`)."""
    return list(db.session.scalars(
        select(Offer).where(Offer.organisation_id == org_id, Offer.is_published.is_(True))
        .options(selectinload(Offer.cpv_links), selectinload(Offer.areas), selectinload(Offer.references))
        .order_by(Offer.created_at.desc(), Offer.id.desc())
    ))


def supplier_offers(org_ids: Iterable[int] | None = None) -> dict[int, list[Offer]]:
    """Published offers by organisation id, with their CPV links (and labels) and areas loaded in
    a fixed number of queries (no query per offer); references are not loaded.

    With `org_ids`, every id asked for is a key (an empty list when it has no published offer);
    with None, the offers of every organisation that has any. Offers come in id order.
    """
    options = (selectinload(Offer.cpv_links), selectinload(Offer.areas))
    base = select(Offer).where(Offer.is_published.is_(True)).options(*options).order_by(Offer.id)
    if org_ids is None:
        result: dict[int, list[Offer]] = {}
        for offer in db.session.scalars(base):
            result.setdefault(offer.organisation_id, []).append(offer)
        return result
    ids = list(dict.fromkeys(org_ids))
    result = {org_id: [] for org_id in ids}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        for offer in db.session.scalars(base.where(Offer.organisation_id.in_(chunk))):
            result[offer.organisation_id].append(offer)
    return result


def effective_area(offer: Offer) -> tuple[bool, list[str], list[str], bool]:
    """(national, department codes, region codes, inherited) of the area the offer covers: its
    own, or the organisation's when it has none (inherited True)."""
    if offer.national or offer.areas:
        return (offer.national, [a.code for a in offer.areas if a.kind == AreaKind.DEPARTMENT],
                [a.code for a in offer.areas if a.kind == AreaKind.REGION], False)
    org = offer.organisation
    return (bool(org.national), [a.code for a in org.areas if a.kind == AreaKind.DEPARTMENT],
            [a.code for a in org.areas if a.kind == AreaKind.REGION], True)
