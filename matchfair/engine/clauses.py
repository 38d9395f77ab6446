"""Calibrating a social clause: how many insertion hours a contract can carry.

    calibrate(amount_eur, labour_share_pct, hourly_cost_cents, insertion_rate_tenths) -> Calibration
        The usual reckoning of social-clause facilitators: the labour part of the estimated amount
        (amount × labour share), turned into hours of work at the loaded hourly cost, of which the
        insertion rate is reserved to people on an integration path. Each step is kept, so that the
        page can show the working. The hours are rounded to the nearest hour (half up).

No Flask or SQLAlchemy here: plain integers in, a plain record out (amounts in euros, the hourly
cost in cents, the rate in tenths of a percent, so that no float is stored).
"""
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Calibration:
    amount_eur: int
    labour_share_pct: int
    hourly_cost_cents: int
    insertion_rate_tenths: int
    labour_eur: Fraction  # amount × share
    work_hours: Fraction  # labour ÷ hourly cost
    hours: int  # work hours × insertion rate, rounded


def _round_half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


def calibrate(amount_eur: int, labour_share_pct: int, hourly_cost_cents: int,
              insertion_rate_tenths: int) -> Calibration:
    """The insertion hours of a contract of `amount_eur` (see the module's docstring)."""
    if amount_eur <= 0 or hourly_cost_cents <= 0:
        raise ValueError("the amount and the hourly cost must be positive")
    if not 1 <= labour_share_pct <= 100 or not 1 <= insertion_rate_tenths <= 1000:
        raise ValueError("the shares must be percentages")
    labour = Fraction(amount_eur * labour_share_pct, 100)
    work_hours = labour * 100 / hourly_cost_cents
    hours = _round_half_up(work_hours * insertion_rate_tenths / 1000)
    return Calibration(amount_eur, labour_share_pct, hourly_cost_cents, insertion_rate_tenths, labour, work_hours,
                       hours)
