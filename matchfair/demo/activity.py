"""An activity of the demo's SSE companies: its CPV codes, labels and description sentences."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Activity:
    # The first code is always used; the others are drawn (class and category level, 8 digits).
    cpv: tuple[str, ...]
    # "Nous assurons aussi {also}." when this is a company's second activity.
    also: str
    openings: tuple[str, ...]
    details: tuple[str, ...]
    labels: tuple[str, ...] = ()
    # Turnover a company can take on per person employed, in euros excluding VAT (low, high).
    per_head_eur: tuple[int, int] = (20_000, 40_000)
