"""The board's amount bands: estimated amounts (euros excluding VAT) cut where the rules change.

Each band holds its lower bound and not its upper one, as the thresholds do (a need "may be
awarded directly" when its amount is strictly below the threshold):
- under 40,000: no publicity needed for supplies and services before 1 April 2026;
- 40,000 to 60,000: the same, for supplies and services from 1 April 2026;
- 60,000 to 100,000: the same, for works (from 1 January 2026) and innovative purchases;
- 100,000 to 216,000: adapted procedure (MAPA), under the European threshold of local
  authorities' supplies and services for 2026-2027 (216,000);
- 216,000 to 1 million: formalised procedures, still within reach of one SSE company or a
  grouping; 1 million and more.
A need without an amount is in the band "unknown".
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

UNKNOWN = "unknown"


@dataclass(frozen=True)
class AmountBand:
    key: str
    low: int | None  # included
    high: int | None  # excluded
    label: object  # a lazy string


BANDS: tuple[AmountBand, ...] = (
    AmountBand("lt40k", None, 40_000, _l("Moins de 40 000 €")),
    AmountBand("40k-60k", 40_000, 60_000, _l("De 40 000 € à moins de 60 000 €")),
    AmountBand("60k-100k", 60_000, 100_000, _l("De 60 000 € à moins de 100 000 €")),
    AmountBand("100k-216k", 100_000, 216_000, _l("De 100 000 € à moins de 216 000 €")),
    AmountBand("216k-1m", 216_000, 1_000_000, _l("De 216 000 € à moins de 1 million €")),
    AmountBand("1m", 1_000_000, None, _l("1 million € et plus")),
)
BANDS_BY_KEY = {band.key: band for band in BANDS}
KEYS = tuple(BANDS_BY_KEY) + (UNKNOWN,)


def band_choices() -> list[tuple[str, object]]:
    """(key, label) of every band, then "unknown amount", in increasing order."""
    return [(band.key, band.label) for band in BANDS] + [(UNKNOWN, _l("Montant non communiqué"))]


def band_label(key: str) -> str:
    """The label of a band key (the key itself when unknown)."""
    return str(dict(band_choices()).get(key, key))


def band_of(amount_eur: int | None) -> str:
    """The key of the band an amount falls in: 60000 -> "60k-100k", None -> "unknown"."""
    if amount_eur is None:
        return UNKNOWN
    for band in BANDS:
        if (band.low is None or amount_eur >= band.low) and (band.high is None or amount_eur < band.high):
            return band.key
    return UNKNOWN
