"""The matching engine's plain data (Supplier, Need, Area) and the checked reading of its JSON input.

The input format is ../shared/formats/matching.md. Every field is checked; the first problem
raises MatchingInputError with a message that names the item: "needs[3] (need-12): unknown CPV
code '1234'". Unknown extra fields are ignored, so callers may pass richer records.
"""
import math
import re
from dataclasses import dataclass, field
from typing import Any, NoReturn

from .cpv_divisions import DIVISIONS
from .territory import DEPARTMENTS, REGIONS

STATUSES = frozenset({"ess", "esus", "siae", "ea", "esat", "geiq"})
RESERVATIONS = ("L2113-12", "L2113-13", "L2113-14", "L2113-15")

_CPV = re.compile(r"^(\d{8})(?:-\d)?$")
_DIVISION_DIGITS = frozenset(code[:2] for code, *_ in DIVISIONS)


class MatchingInputError(ValueError):
    """Input the engine refuses; the message names the item and the problem."""


@dataclass(frozen=True)
class Area:
    """Where a supplier works, besides its own department: departments, regions, or all France."""

    departments: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    national: bool = False


@dataclass(frozen=True)
class Supplier:
    """An SSE supplier: CPV codes (8 digits), home department, area, statuses, capacity, free text.

    `area` None means the supplier covers its own department only.
    """

    id: str
    cpv: tuple[str, ...]
    department: str | None
    area: Area | None = None
    statuses: frozenset[str] = field(default_factory=frozenset)
    capacity_eur: float | None = None
    text: str = ""


@dataclass(frozen=True)
class Need:
    """A buyer's need: CPV codes (8 digits), place of execution, amount, reservation, social clause, text."""

    id: str
    cpv: tuple[str, ...]
    department: str | None
    amount_eur: float | None = None
    reserved: str | None = None
    social_clause: bool = False
    text: str = ""


def parse_cpv(value: Any) -> str | None:
    """The eight digits of a CPV code as the format writes it ("90911200" or "90911200-8"), or None.

    The check digit is ignored; the first two digits must be one of the 45 CPV divisions.
    """
    if not isinstance(value, str):
        return None
    match = _CPV.match(value.strip())
    if not match or match.group(1)[:2] not in _DIVISION_DIGITS:
        return None
    return match.group(1)


def parse_input(data: Any) -> tuple[list[Supplier], list[Need]]:
    """Check a decoded input document and return its (suppliers, needs); raise MatchingInputError."""
    if not isinstance(data, dict):
        raise MatchingInputError("the input must be a JSON object with 'suppliers' and 'needs' lists")
    for key in ("suppliers", "needs"):
        if not isinstance(data.get(key), list):
            raise MatchingInputError(f"the input must have a '{key}' list")
    suppliers = [parse_supplier(item, f"suppliers[{i}]") for i, item in enumerate(data["suppliers"])]
    needs = [parse_need(item, f"needs[{i}]") for i, item in enumerate(data["needs"])]
    for kind, items in (("suppliers", suppliers), ("needs", needs)):
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                raise MatchingInputError(f"{kind}[{i}] ({item.id}): duplicate id '{item.id}'")
            seen.add(item.id)
    return suppliers, needs


def parse_supplier(item: Any, where: str = "supplier") -> Supplier:
    """A Supplier from its JSON object; `where` names it in errors ("suppliers[0]")."""
    r = _Reader(item, where)
    statuses = r.list_of("statuses", required=False)
    for status in statuses:
        if not isinstance(status, str) or status not in STATUSES:
            r.fail(f"unknown status {_show(status)}")
    return Supplier(
        id=r.id, cpv=r.cpv(), department=r.department(r.get("department"), "department"),
        area=r.area(), statuses=frozenset(statuses), capacity_eur=r.amount("capacity_eur"),
        text=r.text(),
    )


def parse_need(item: Any, where: str = "need") -> Need:
    """A Need from its JSON object; `where` names it in errors ("needs[3]")."""
    r = _Reader(item, where)
    reserved = r.get("reserved")
    if reserved is not None and reserved not in RESERVATIONS:
        r.fail(f"unknown reservation {_show(reserved)}")
    social = r.get("social_clause")
    if social is not None and not isinstance(social, bool):
        r.fail("'social_clause' must be true or false")
    return Need(
        id=r.id, cpv=r.cpv(), department=r.department(r.get("department"), "department"),
        amount_eur=r.amount("amount_eur"), reserved=reserved, social_clause=bool(social),
        text=r.text(),
    )


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


class _Reader:
    """Reads the fields of one JSON object, failing with the item's name."""

    def __init__(self, item: Any, where: str) -> None:
        self.where = where
        if not isinstance(item, dict):
            raise MatchingInputError(f"{where}: must be an object")
        self.item = item
        ident = item.get("id")
        if not isinstance(ident, str) or not ident.strip():
            self.fail("'id' must be a non-empty string")
        self.where = f"{where} ({ident})"
        self.id = ident

    def fail(self, message: str) -> NoReturn:
        raise MatchingInputError(f"{self.where}: {message}")

    def get(self, key: str) -> Any:
        return self.item.get(key)

    def list_of(self, key: str, required: bool = True, item=None) -> list:
        item = self.item if item is None else item
        if key not in item or item[key] is None:
            if required:
                self.fail(f"missing '{key}'")
            return []
        value = item[key]
        if not isinstance(value, list):
            self.fail(f"'{key}' must be a list")
        return value

    def cpv(self) -> tuple[str, ...]:
        codes = []
        for value in self.list_of("cpv"):
            code = parse_cpv(value)
            if code is None:
                self.fail(f"unknown CPV code {_show(value)}")
            if code not in codes:
                codes.append(code)
        return tuple(codes)

    def department(self, value: Any, key: str) -> str:
        if value is None:
            self.fail(f"missing '{key}'")
        if not isinstance(value, str) or value not in DEPARTMENTS:
            self.fail(f"unknown department code {_show(value)}")
        return value

    def area(self) -> Area | None:
        area = self.item.get("area")
        if area is None:
            return None
        if not isinstance(area, dict):
            self.fail("'area' must be an object")
        departments = tuple(self.department(d, "area.departments")
                            for d in self.list_of("departments", required=False, item=area))
        regions = self.list_of("regions", required=False, item=area)
        for region in regions:
            if not isinstance(region, str) or region not in REGIONS:
                self.fail(f"unknown region code {_show(region)}")
        national = area.get("national", False)
        if national is None:
            national = False
        if not isinstance(national, bool):
            self.fail("'area.national' must be true or false")
        return Area(departments, tuple(regions), national)

    def amount(self, key: str) -> float | None:
        value = self.item.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or (isinstance(value, float) and not math.isfinite(value)) or value < 0:
            self.fail(f"'{key}' must be a number of euros, zero or more")
        return value

    def text(self) -> str:
        value = self.item.get("text")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail("'text' must be a string")
        return value
