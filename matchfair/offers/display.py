"""How the pages name an offer's area (its own, or the organisation's it falls back on)."""
from dataclasses import dataclass

from ..engine.territory import DEPARTMENTS, REGIONS, department_name, region_name
from ..organisations.models import AreaKind, Organisation
from .models import Offer
from .services import effective_area


@dataclass(frozen=True)
class AreaText:
    national: bool
    regions: list[str]
    departments: list[str]
    # True: the offer has no area of its own and covers the organisation's.
    inherited: bool

    @property
    def empty(self) -> bool:
        return not (self.national or self.regions or self.departments)


def _names(departments: list[str], regions: list[str]) -> tuple[list[str], list[str]]:
    return ([region_name(c) for c in regions if c in REGIONS],
            [f"{department_name(c)} ({c})" for c in departments if c in DEPARTMENTS])


def offer_area(offer: Offer) -> AreaText:
    """The area the offer covers, with names: "Haute-Garonne (31)", "Occitanie"."""
    national, departments, regions, inherited = effective_area(offer)
    region_names, department_names = _names(departments, regions)
    return AreaText(national, region_names, department_names, inherited)


def organisation_area(org: Organisation) -> AreaText:
    """The organisation's own area (what an offer without area covers)."""
    region_names, department_names = _names(
        [a.code for a in org.areas if a.kind == AreaKind.DEPARTMENT],
        [a.code for a in org.areas if a.kind == AreaKind.REGION])
    return AreaText(bool(org.national), region_names, department_names, False)
