"""Choices of the intervention-area checkboxes (organisation profiles and offers)."""
from ..engine.territory import DEPARTMENTS, region_choices
from ..engine.text import fold


def area_groups() -> list[dict]:
    """The departments grouped by region (regions by name, departments in INSEE order), for checkboxes."""
    return [{"name": name, "choices": [(d.code, f"{d.code} – {d.name}") for d in DEPARTMENTS.values()
                                       if d.region_code == code]}
            for code, name in regions_by_name()]


def regions_by_name() -> list[tuple[str, str]]:
    """(code, name) of the 18 regions sorted by name, accents ignored (Île-de-France with the I's)."""
    return sorted(region_choices(), key=lambda pair: fold(pair[1]))
