"""Board services: the published needs that match a visitor's filters, for the page and the feed.

Drafts never appear. Closed and awarded needs appear only when the visitor asks for them
(`include_closed`). The queries are plain SQL expressions that run the same on SQLite and
PostgreSQL, and eager-load what the cards and the feed show (no query per need).
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..engine.territory import departments_of
from ..extensions import db
from ..needs.direct_award import direct_award_clause
from ..needs.models import (
    Need,
    NeedCpv,
    NeedLot,
    NeedLotCpv,
    NeedStatus,
    Reservation,
    SocialClause,
)
from ..reference.services import cpv_range
from . import bands
from .labels import RESERVED_ANY, SOCIAL_ANY

# How many entries the Atom feed holds.
FEED_SIZE = 50


@dataclass(frozen=True)
class BoardFilters:
    """What the visitor looks for; empty values mean "any"."""

    words: tuple[str, ...] = ()
    # A CPV code at any level (8 digits): the need's own codes and its lots' codes count.
    cpv8: str | None = None
    department: str | None = None
    region: str | None = None
    # A Reservation value, or RESERVED_ANY for every reserved need.
    reservation: str | None = None
    # SocialClause.EXECUTION or AWARD, or SOCIAL_ANY for either.
    social: str | None = None
    # Keys of bands.BANDS and bands.UNKNOWN: any of them.
    amount_bands: tuple[str, ...] = ()
    # Expected publication date of the consultation, both days included.
    expected_from: date | None = None
    expected_to: date | None = None
    # Only the needs that may be awarded without publicity or competition.
    direct_award: bool = False
    include_closed: bool = False


def visible_statuses(include_closed: bool) -> tuple[str, ...]:
    """The statuses the board shows: published, and closed and awarded when asked."""
    if include_closed:
        return (NeedStatus.PUBLISHED.value, NeedStatus.CLOSED.value, NeedStatus.AWARDED.value)
    return (NeedStatus.PUBLISHED.value,)


def published_need_count() -> int:
    """How many needs are published now (the board's empty state when there are none)."""
    statement = select(func.count()).select_from(Need).where(Need.status == NeedStatus.PUBLISHED.value)
    return db.session.scalar(statement)


def _cpv_condition(code8: str):
    low, high = cpv_range(code8)
    in_need = select(NeedCpv.need_id).where(NeedCpv.code8.between(low, high))
    in_lots = (
        select(NeedLot.need_id)
        .join(NeedLotCpv, NeedLotCpv.lot_id == NeedLot.id)
        .where(NeedLotCpv.code8.between(low, high))
    )
    return or_(Need.id.in_(in_need), Need.id.in_(in_lots))


def _band_condition(keys):
    amount = Need.estimated_amount_eur
    options = []
    for key in keys:
        if key == bands.UNKNOWN:
            options.append(amount.is_(None))
            continue
        band = bands.BANDS_BY_KEY[key]
        bounds = []
        if band.low is not None:
            bounds.append(amount >= band.low)
        if band.high is not None:
            bounds.append(amount < band.high)
        options.append(and_(*bounds))
    return or_(*options)


def _conditions(filters: BoardFilters, today: date) -> list:
    conditions = [Need.status.in_(visible_statuses(filters.include_closed))]
    for word in filters.words:
        # words() leaves only [0-9a-z]: nothing to escape for LIKE.
        conditions.append(Need.search_text.like(f"%{word}%"))
    if filters.cpv8:
        conditions.append(_cpv_condition(filters.cpv8))
    if filters.department:
        conditions.append(Need.department_code == filters.department)
    if filters.region:
        conditions.append(Need.department_code.in_(departments_of(filters.region)))
    if filters.reservation == RESERVED_ANY:
        conditions.append(Need.reservation != Reservation.NONE.value)
    elif filters.reservation:
        conditions.append(Need.reservation == filters.reservation)
    if filters.social == SOCIAL_ANY:
        conditions.append(Need.social_clause != SocialClause.NONE.value)
    elif filters.social:
        conditions.append(Need.social_clause == filters.social)
    if filters.amount_bands:
        conditions.append(_band_condition(filters.amount_bands))
    if filters.expected_from:
        conditions.append(Need.expected_publication_date >= filters.expected_from)
    if filters.expected_to:
        conditions.append(Need.expected_publication_date <= filters.expected_to)
    if filters.direct_award:
        conditions.append(direct_award_clause(today))
    return conditions


def _card_options():
    return (
        joinedload(Need.organisation),
        selectinload(Need.cpv_links),
        selectinload(Need.lots).selectinload(NeedLot.cpv_links),
    )


def search_board(filters: BoardFilters, page: int, per_page: int, today: date):
    """One page of the needs that match `filters` (a Flask-SQLAlchemy Pagination).

    Sorted by expected publication date, soonest first, needs without a date last, then by id.
    Words must all appear in the need's search text; a CPV code finds the needs with that code or
    a code beneath it, on the need or on one of its lots; a region means one of its departments;
    several amount bands mean any of them. `today` is the day the direct-award thresholds are
    read for needs without an expected date. A page past the last one is empty.
    """
    expected = Need.expected_publication_date
    statement = (
        select(Need)
        .where(*_conditions(filters, today))
        .options(*_card_options())
        .order_by(expected.is_(None), expected, Need.id)
    )
    return db.paginate(statement, page=page, per_page=per_page, error_out=False, count=True)


def feed_needs(filters: BoardFilters, today: date, limit: int = FEED_SIZE) -> list[Need]:
    """The `limit` needs matching `filters` published last, newest first (the Atom feed)."""
    statement = (
        select(Need)
        .where(*_conditions(filters, today))
        .options(*_card_options())
        .order_by(Need.published_at.is_(None), Need.published_at.desc(), Need.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(statement).unique())
