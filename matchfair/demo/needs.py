"""Demo part: the buyers' needs (data_needs.py), mostly published, a few drafts, one closed and one
awarded to a demo SSE company.

The needs are built as the needs services would save them (same rules, same derived search text
and kind of purchase), but without flushing: the loader must first give a new SIRET to a demo
organisation that clashes with an existing one (loader._avoid_clashes), so no part may flush
the organisations early. For the same reason matching.state.needs_changed() is not called here.
"""
import calendar
import random
from datetime import date, timedelta

from sqlalchemy import delete, select

from ..extensions import db
from ..needs import rules
from ..needs.direct_award import local_today
from ..needs.models import Need, NeedCpv, NeedLot, NeedLotCpv, NeedStatus
from ..needs.services import purchase_kind, refresh_search_text
from ..organisations.models import Organisation, Role
from ..reference.models import CpvCode
from ..timeutil import utcnow
from .context import DemoContext
from .data_needs import AWARDED, NEEDS, DemoNeed
from .identity import slugify

MONTHS_TO_CONTRACT_START = 4


def used_codes() -> set[str]:
    """Every CPV code the demo's needs use (need and lots)."""
    return {c for spec in NEEDS for c in (*spec.cpv, *(c for lot in spec.lots for c in lot.cpv))}


def load(ctx: DemoContext) -> None:
    """Add the demo's needs to the buyers made by the buyers part."""
    rng = ctx.rng_for("needs")
    with db.session.no_autoflush:
        codes = {c.code8: c for c in db.session.scalars(select(CpvCode).where(CpvCode.code8.in_(used_codes())))}
    missing = used_codes() - codes.keys()
    if missing:
        raise LookupError(f"CPV codes missing from the demo's list: {sorted(missing)}")
    today, now = local_today(), utcnow()
    for spec in NEEDS:
        org = ctx.organisations[f"buyer:{slugify(spec.buyer)}"]
        need = _need(spec, org, today, codes)
        _set_status(ctx, rng, need, spec, now)
        db.session.add(need)
        ctx.count("needs")


def reset(org_ids: list[int], _user_ids: list[int]) -> None:
    """Delete the needs of the demo buyers `org_ids` (their lots and codes go with them)."""
    need_ids = select(Need.id).where(Need.organisation_id.in_(org_ids))
    lot_ids = select(NeedLot.id).where(NeedLot.need_id.in_(need_ids))
    for statement in (delete(NeedLotCpv).where(NeedLotCpv.lot_id.in_(lot_ids)),
                      delete(NeedLot).where(NeedLot.need_id.in_(need_ids)),
                      delete(NeedCpv).where(NeedCpv.need_id.in_(need_ids)),
                      delete(Need).where(Need.organisation_id.in_(org_ids))):
        db.session.execute(statement.execution_options(synchronize_session=False))


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), on the month's last day when it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def need_data(spec: DemoNeed, org: Organisation, today: date) -> dict:
    """The need's data as NeedForm.need_data() would give it."""
    publication = add_months(today.replace(day=1), spec.publish_in) + timedelta(days=(len(spec.title) * 7) % 27)
    start = add_months(publication.replace(day=1), MONTHS_TO_CONTRACT_START) if spec.duration else None
    admin = next((m.user for m in org.memberships if m.role == Role.ADMIN), None)
    return {
        "title": spec.title, "description": spec.description, "department_code": spec.department or org.department_code,
        "estimated_amount_eur": spec.amount, "expected_publication_date": publication if spec.publish_in is not None else None,
        "contract_start_date": start, "duration_months": spec.duration, "is_renewal": spec.renews,
        "current_contract_end_date": start - timedelta(days=1) if spec.renews and start else None,
        "procedure": spec.procedure, "reservation": spec.reservation, "social_clause": spec.social,
        "insertion_hours": spec.hours, "environmental_clause": spec.environmental, "innovative": spec.innovative,
        "contact_name": admin.full_name if admin else None, "contact_email": org.contact_email,
        "contact_phone": org.phone,
        "cpv_codes": list(spec.cpv),
        "lots": [{"title": lot.title, "cpv_codes": list(lot.cpv), "estimated_amount_eur": lot.amount}
                 for lot in spec.lots],
    }


def _need(spec: DemoNeed, org: Organisation, today: date, codes: dict[str, CpvCode]) -> Need:
    data = need_data(spec, org, today)
    problems = rules.check(data) + (rules.publish_problems(data) if spec.status != NeedStatus.DRAFT else [])
    if problems:
        raise ValueError(f"demo need {spec.title!r}: {problems}")
    need = Need(organisation=org, status=NeedStatus.DRAFT.value, search_text="",
                **{name: data[name] for name in rules.SCALAR_FIELDS})
    need.cpv_links = [NeedCpv(code8=c, cpv=codes[c]) for c in spec.cpv]
    need.lots = [NeedLot(number=i, title=lot.title, estimated_amount_eur=lot.amount,
                         cpv_links=[NeedLotCpv(code8=c, cpv=codes[c]) for c in lot.cpv])
                 for i, lot in enumerate(spec.lots, start=1)]
    need.purchase_kind = purchase_kind([codes[c].type for c in {*spec.cpv, *(c for lot in spec.lots for c in lot.cpv)}])
    refresh_search_text(need, codes)
    return need


def _set_status(ctx: DemoContext, rng: random.Random, need: Need, spec: DemoNeed, now) -> None:
    created = now - timedelta(days=rng.randint(20, 90), hours=rng.randint(0, 8))
    need.created_at = need.updated_at = created
    if spec.status == NeedStatus.DRAFT:
        return
    need.status = NeedStatus.PUBLISHED.value
    need.published_at = created + timedelta(days=rng.randint(1, 10))
    if spec.status == NeedStatus.CLOSED:
        need.status = NeedStatus.CLOSED.value
        need.closed_at = need.published_at + timedelta(days=rng.randint(5, 15))
    title, company, amount = AWARDED
    if spec.title == title:
        need.status = NeedStatus.AWARDED.value
        need.awarded_at = need.published_at + timedelta(days=rng.randint(5, 15))
        need.awarded_organisation = ctx.organisations[f"sse:{slugify(company)}"]
        need.awarded_to_name = company
        need.awarded_amount_eur = amount
