"""Procurement thresholds with their dates of effect: may a need be awarded without publicity?

Pure Python. French public procurement lets a buyer award a contract without publicity or
competition when its estimated value (euros excluding VAT) is below a threshold that depends on
the kind of purchase and changes over time (Code de la commande publique, R2122-8 and R2122-9-1).
"""
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

SUPPLIES_SERVICES = "supplies_services"
WORKS = "works"
INNOVATIVE = "innovative"
KINDS = (SUPPLIES_SERVICES, WORKS, INNOVATIVE)


@dataclass(frozen=True)
class Threshold:
    kind: str
    amount_eur: int
    effective_from: date


DEFAULT_THRESHOLDS: tuple[Threshold, ...] = (
    Threshold(SUPPLIES_SERVICES, 40_000, date(2020, 1, 1)),
    Threshold(SUPPLIES_SERVICES, 60_000, date(2026, 4, 1)),
    Threshold(WORKS, 40_000, date(2020, 1, 1)),
    Threshold(WORKS, 100_000, date(2026, 1, 1)),
    Threshold(INNOVATIVE, 100_000, date(2019, 1, 1)),
)


def parse_thresholds(rows: Iterable[Sequence]) -> tuple[Threshold, ...]:
    """Thresholds from settings rows (kind, amount, "YYYY-MM-DD"); ValueError names a bad row."""
    result = []
    for number, row in enumerate(rows, start=1):
        try:
            kind, amount, start = row
            if kind not in KINDS:
                raise ValueError(f"unknown kind {kind!r}")
            result.append(Threshold(kind, int(amount), date.fromisoformat(str(start))))
        except (TypeError, ValueError) as error:
            raise ValueError(f"threshold {number} {row!r}: {error}") from None
    return tuple(result)


def threshold_on(kind: str, on: date, thresholds: Sequence[Threshold] = DEFAULT_THRESHOLDS) -> Threshold | None:
    """The threshold of `kind` in force on day `on` (the latest one already effective), or None."""
    effective = [t for t in thresholds if t.kind == kind and t.effective_from <= on]
    return max(effective, key=lambda t: t.effective_from, default=None)


def direct_award_threshold(
    kind: str, on: date, innovative: bool = False, thresholds: Sequence[Threshold] = DEFAULT_THRESHOLDS
) -> Threshold | None:
    """The highest threshold a purchase of `kind` (supplies_services or works) may use on `on`;
    an innovative purchase may also use the innovative-purchase threshold."""
    candidates = [threshold_on(kind, on, thresholds)]
    if innovative:
        candidates.append(threshold_on(INNOVATIVE, on, thresholds))
    candidates = [t for t in candidates if t is not None]
    return max(candidates, key=lambda t: t.amount_eur, default=None)


def may_award_directly(
    amount_eur: int | None, kind: str, on: date, innovative: bool = False,
    thresholds: Sequence[Threshold] = DEFAULT_THRESHOLDS,
) -> tuple[bool, Threshold | None]:
    """(True, threshold) when `amount_eur` is strictly below the threshold in force on `on`.

    An unknown amount is never "may be awarded directly": (False, threshold).
    """
    threshold = direct_award_threshold(kind, on, innovative, thresholds)
    if amount_eur is None or threshold is None:
        return False, threshold
    return amount_eur < threshold.amount_eur, threshold
