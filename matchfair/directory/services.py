"""Directory services: search the listed SSE companies and read their public profile.

Only SSE organisations with `is_listed` are ever returned. The queries are plain SQL expressions
that run the same on SQLite and PostgreSQL, and eager-load what the result cards show.
"""
from dataclasses import dataclass

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import selectinload

from ..engine.territory import department_name, departments_of, region_name, region_of
from ..extensions import db
from ..organisations.models import (
    AreaKind, OrgKind, Organisation, OrganisationArea, OrganisationCpv, OrganisationStatus, SseStatus,
)
from ..reference.services import cpv_range


@dataclass(frozen=True)
class DirectoryFilters:
    """What the visitor searches for; empty values mean "any"."""

    words: tuple[str, ...] = ()
    # The searched CPV code, 8 digits without check digit, at any level.
    cpv8: str | None = None
    department: str | None = None
    region: str | None = None
    statuses: tuple[str, ...] = ()
    # SIAE subtypes (EI, ETTI...): narrow the SIAE status to these kinds.
    siae_kinds: tuple[str, ...] = ()
    # Companies intervening in all of France count as covering any department or region.
    include_national: bool = True


def listed_company_count() -> int:
    """How many SSE companies the directory shows in all."""
    return db.session.scalar(select(func.count()).select_from(Organisation).where(_listed()))


def _listed():
    return and_(Organisation.kind == OrgKind.SSE.value, Organisation.is_listed.is_(True))


def _folded_name():
    # search_text starts with the folded name (see organisations.services.refresh_search_text), so
    # its first len(name) characters are the name without accents or capitals, in SQL.
    return func.substr(Organisation.search_text, 1, func.length(Organisation.name))


def _with_areas(*conditions):
    return Organisation.id.in_(select(OrganisationArea.organisation_id).where(or_(*conditions)))


def _area_is(kind: str, codes):
    codes = [codes] if isinstance(codes, str) else list(codes)
    return and_(OrganisationArea.kind == kind, OrganisationArea.code.in_(codes))


def _covers(area_condition, include_national: bool):
    return or_(Organisation.national.is_(True), area_condition) if include_national else area_condition


def _conditions(filters: DirectoryFilters) -> list:
    conditions = [_listed()]
    for word in filters.words:
        # words() leaves only [0-9a-z]: nothing to escape for LIKE.
        conditions.append(Organisation.search_text.like(f"%{word}%"))
    if filters.cpv8:
        conditions.append(Organisation.id.in_(
            select(OrganisationCpv.organisation_id).where(OrganisationCpv.code8.between(*cpv_range(filters.cpv8)))
        ))
    if filters.department:
        areas = [_area_is(AreaKind.DEPARTMENT, filters.department)]
        region = region_of(filters.department)
        if region:
            areas.append(_area_is(AreaKind.REGION, region))
        conditions.append(_covers(_with_areas(*areas), filters.include_national))
    if filters.region:
        areas = [_area_is(AreaKind.REGION, filters.region)]
        departments = departments_of(filters.region)
        if departments:
            areas.append(_area_is(AreaKind.DEPARTMENT, departments))
        conditions.append(_covers(_with_areas(*areas), filters.include_national))
    status_condition = _status_condition(filters)
    if status_condition is not None:
        conditions.append(status_condition)
    return conditions


def _status_condition(filters: DirectoryFilters):
    statuses = set(filters.statuses)
    if filters.siae_kinds:
        statuses.add(SseStatus.SIAE.value)
    if not statuses:
        return None
    options = []
    plain = sorted(statuses - {SseStatus.SIAE.value} if filters.siae_kinds else statuses)
    if plain:
        options.append(Organisation.id.in_(
            select(OrganisationStatus.organisation_id).where(OrganisationStatus.status.in_(plain))
        ))
    if filters.siae_kinds:
        options.append(and_(
            Organisation.siae_kind.in_(sorted(filters.siae_kinds)),
            Organisation.id.in_(select(OrganisationStatus.organisation_id)
                                .where(OrganisationStatus.status == SseStatus.SIAE.value)),
        ))
    return or_(*options)


def _ordering(filters: DirectoryFilters) -> list:
    name = _folded_name()
    order = []
    if filters.words:
        # How many of the searched words the name itself holds: name matches come first.
        in_name = sum(
            (case((name.like(f"%{word}%"), 1), else_=0) for word in filters.words), literal(0)
        )
        order.append(in_name.desc())
    # The folded name sorts "École" with the E's; lower(name) and the id break ties, for stable pages.
    return order + [name, func.lower(Organisation.name), Organisation.id]


def search_directory(filters: DirectoryFilters, page: int, per_page: int):
    """One page of the listed SSE companies that match `filters` (a Flask-SQLAlchemy Pagination).

    Words must all appear in the company's search text; a CPV code finds the companies with that
    code or a code beneath it; a department or region is covered by national companies (unless
    `include_national` is off), by that area, by its region, or (for a region) by one of its
    departments; several statuses mean any of them. A page past the last one is empty.
    """
    statement = (
        select(Organisation)
        .where(*_conditions(filters))
        .options(
            selectinload(Organisation.statuses),
            selectinload(Organisation.areas),
            selectinload(Organisation.cpv_links).joinedload(OrganisationCpv.cpv),
        )
        .order_by(*_ordering(filters))
    )
    return db.paginate(statement, page=page, per_page=per_page, error_out=False, count=True)


def get_public_profile(org_id: int) -> Organisation | None:
    """The listed SSE company `org_id` with what its public profile shows, or None."""
    statement = (
        select(Organisation)
        .where(Organisation.id == org_id, _listed())
        .options(
            selectinload(Organisation.statuses),
            selectinload(Organisation.areas),
            selectinload(Organisation.cpv_links).joinedload(OrganisationCpv.cpv),
        )
    )
    return db.session.scalar(statement)


def area_names(org: Organisation) -> list[str]:
    """Where `org` intervenes, as names: regions first, then departments ("Occitanie", "Tarn")."""
    regions = [region_name(a.code) for a in org.areas if a.kind == AreaKind.REGION]
    departments = [department_name(a.code) for a in org.areas if a.kind == AreaKind.DEPARTMENT]
    return regions + departments
