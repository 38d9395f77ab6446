"""May a need be awarded without publicity or competition? The configured thresholds (config
THRESHOLDS, parsed once) applied in Python for one need's page, and in SQL for the board's filter;
both give the same answer (tests/needs/test_direct_award.py checks it on a table of cases).

The rule: the need's estimated amount (euros excluding VAT, all lots) is strictly below the
threshold in force, on the expected publication date of the consultation (today when unknown), for
the need's kind of purchase (Need.purchase_kind: works or supplies_services); an innovative
purchase may also use the innovative-purchase threshold. An unknown amount never qualifies.
"""
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Date, and_, false, func, literal, or_
from sqlalchemy.sql.elements import ColumnElement

from ..engine import thresholds as engine
from ..engine.thresholds import Threshold
from .models import Need

WORKS = engine.WORKS
SUPPLIES_SERVICES = engine.SUPPLIES_SERVICES


@lru_cache(maxsize=8)
def _parse(rows: tuple) -> tuple[Threshold, ...]:
    return engine.parse_thresholds(rows)


def configured_thresholds() -> tuple[Threshold, ...]:
    """The thresholds of the application's settings (parsed once per distinct setting)."""
    return _parse(tuple(tuple(row) for row in current_app.config["THRESHOLDS"]))


def local_today() -> date:
    """Today's date where the fair happens (BABEL_DEFAULT_TIMEZONE, Europe/Paris by default)."""
    return datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


@dataclass(frozen=True)
class DirectAward:
    """The answer for one need, with what the page needs to explain it."""

    possible: bool
    threshold: Threshold | None  # the threshold applied (None when none is configured)
    kind: str  # works or supplies_services
    on: date  # the date the threshold was taken on
    on_expected_date: bool  # True: the expected publication date; False: today
    amount_eur: int | None

    @property
    def innovative_threshold(self) -> bool:
        return self.threshold is not None and self.threshold.kind == engine.INNOVATIVE


def may_be_awarded_directly(need: Need, today: date | None = None) -> DirectAward:
    """Whether `need` may be awarded without publicity or competition, and why (see the module)."""
    on = need.expected_publication_date or today or local_today()
    kind = need.purchase_kind or SUPPLIES_SERVICES
    possible, threshold = engine.may_award_directly(
        need.estimated_amount_eur, kind, on, bool(need.innovative), configured_thresholds()
    )
    return DirectAward(possible, threshold, kind, on, need.expected_publication_date is not None,
                       need.estimated_amount_eur)


def _windows(kind: str, thresholds) -> list[tuple[date, date | None, int]]:
    """(first day, first day of the next one or None, amount) of each threshold of `kind`, in date order.

    Of two thresholds with the same first day, the first listed wins, as in engine.threshold_on.
    """
    by_day: dict[date, int] = {}
    for t in thresholds:
        if t.kind == kind and t.effective_from not in by_day:
            by_day[t.effective_from] = t.amount_eur
    days = sorted(by_day)
    return [(day, days[i + 1] if i + 1 < len(days) else None, by_day[day]) for i, day in enumerate(days)]


def _under_threshold(kind: str, on, amount, thresholds) -> ColumnElement[bool]:
    parts = []
    for start, end, euros in _windows(kind, thresholds):
        window = [on >= literal(start, Date)]
        if end is not None:
            window.append(on < literal(end, Date))
        parts.append(and_(*window, amount < euros))
    return or_(*parts) if parts else false()


def direct_award_clause(today: date | None = None) -> ColumnElement[bool]:
    """A SQL boolean over Need: True where may_be_awarded_directly(need).possible would be True.

    `today` stands for the expected publication date when a need has none (default: today's date
    where the fair happens). Never NULL. It says nothing of the status: the caller filters that,
    e.g. select(Need).where(Need.status == "published", direct_award_clause()).
    """
    thresholds = configured_thresholds()
    on = func.coalesce(Need.expected_publication_date, literal(today or local_today(), Date))
    amount = Need.estimated_amount_eur
    by_kind = or_(
        and_(Need.purchase_kind == WORKS, _under_threshold(WORKS, on, amount, thresholds)),
        and_(Need.purchase_kind != WORKS, _under_threshold(SUPPLIES_SERVICES, on, amount, thresholds)),
    )
    innovative = and_(Need.innovative.is_(True), _under_threshold(engine.INNOVATIVE, on, amount, thresholds))
    return and_(amount.is_not(None), or_(by_kind, innovative))
