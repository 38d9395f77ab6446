"""CPV codes (Common Procurement Vocabulary, CPV 2008): parsing, levels, ancestry, import rows.

Pure Python (no Flask, no SQLAlchemy). A code is written "90911200-8": eight digits, then a check
digit. The application keys every code on its eight digits ("code8"). The check digit is never
trusted: the published digits do not all follow one rule, so a code is validated against the list.

The level is the number of digits left once the trailing zeros are dropped, at least 2:
2 division ("90000000"), 3 group ("90900000"), 4 class ("90910000"), 5 category ("90911000"),
6 to 8 finer codes ("90911200").
"""
import re
from dataclasses import dataclass
from typing import Iterable, Mapping, NamedTuple

# Eight digits, then optionally the check digit, with or without its hyphen.
_CODE_INPUT = re.compile(r"^([0-9]{8})(?:-?[0-9])?$")
# A code as published in a CPV file: always with its hyphen and check digit.
_CODE_PUBLISHED = re.compile(r"^([0-9]{8})-([0-9])$")
_SPACES = re.compile(r"\s+")

TYPES = ("supplies", "works", "services")
COLUMNS = ("code", "code8", "level", "type", "parent", "label_fr", "label_en")
MIN_LEVEL, MAX_LEVEL = 2, 8
# Longest labels the database stores (see reference.models.CpvCode).
MAX_LABEL_LENGTH = 400


def parse_code(text: str | None) -> str | None:
    """The eight digits of a CPV code typed by a person, or None when it is not one.

    Accepts "90911200-8", "90911200", "909112008" and spaces anywhere (" 9091 1200 "); the check
    digit, when given, is dropped without being checked. Rejects anything else ("9091", "abc").
    """
    if not text:
        return None
    match = _CODE_INPUT.match(_SPACES.sub("", text))
    return match.group(1) if match else None


def level(code8: str) -> int:
    """The level of a code: the digits left after dropping trailing zeros, at least 2.

    "90000000" -> 2 (division), "90910000" -> 4 (class), "90911200" -> 6.
    """
    return max(MIN_LEVEL, len(code8.rstrip("0")))


def prefix(code8: str) -> str:
    """The significant digits of a code, as many as its level: "90910000" -> "9091"."""
    return code8[: level(code8)]


def ancestors(code8: str) -> list[str]:
    """The codes above `code8`, from its division down to its immediate parent.

    Built from the digits alone ("90911200" -> ["90000000", "90900000", "90910000", "90911000"]);
    some of them may be missing from the published list.
    """
    return [code8[:n].ljust(8, "0") for n in range(MIN_LEVEL, level(code8))]


def is_ancestor(ancestor8: str, code8: str) -> bool:
    """True when `ancestor8` is strictly broader than `code8` and contains it: ("90900000", "90911200")."""
    return level(ancestor8) < level(code8) and code8.startswith(prefix(ancestor8))


def prefix_bounds(digits: str) -> tuple[str, str]:
    """The smallest and largest eight-digit codes starting with `digits`: "9091" -> ("90910000", "90919999").

    A range on the primary key finds every code under a prefix with an index, on any database.
    """
    digits = digits[:8]
    return digits.ljust(8, "0"), digits.ljust(8, "9")


@dataclass(frozen=True)
class CpvRecord:
    """One clean row of a CPV file."""

    code8: str
    code: str
    level: int
    type: str
    parent8: str | None
    label_fr: str
    label_en: str


class RowError(NamedTuple):
    """A problem on one line of a CPV file: `kind` names it, `value` is the offending text.

    `other_line` is the line of the first occurrence, for a duplicate.
    """

    line: int
    kind: str
    value: str = ""
    other_line: int = 0


# The kinds of RowError, in the order the checks run.
ERROR_KINDS = (
    "bad_code", "code8_mismatch", "bad_level", "level_mismatch", "bad_type", "empty_label_fr",
    "empty_label_en", "label_too_long", "duplicate", "division_with_parent", "missing_parent",
    "bad_parent", "parent_not_in_file", "parent_not_ancestor", "parent_code_mismatch",
)


def validate_rows(rows: Iterable[tuple[int, Mapping[str, str | None]]]) -> tuple[list[CpvRecord], list[RowError]]:
    """Check the rows of a CPV file and return (records, errors).

    `rows` are (line number, row) pairs, each row a mapping of the COLUMNS to their text (as
    csv.DictReader gives them). Every row is checked: the code as published ("90911200-8"),
    code8 equal to its eight digits, level consistent with the code, a known type, both labels,
    no duplicate code, and a parent that is present in the file and is an ancestor of the code
    (the divisions have none). The file is usable only when `errors` is empty; `records` then
    holds one record a row, in file order.
    """
    records: list[CpvRecord] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    # (line, code8, parent as written) checked once every code of the file is known.
    pending_parents: list[tuple[int, str, str]] = []
    # Codes written on a line that has errors: their children are not reported a second time.
    rejected: set[str] = set()

    for line, row in rows:
        record, row_errors, parent_text = _check_row(line, row)
        if record is not None and record.code8 in seen:
            row_errors.append(RowError(line, "duplicate", record.code, seen[record.code8]))
            record = None
        errors.extend(row_errors)
        if record is None:
            rejected.add((row.get("code") or "").strip()[:8])
        else:
            seen[record.code8] = line
            records.append(record)
            if parent_text:
                pending_parents.append((line, record.code8, parent_text))

    published = {r.code8: r.code for r in records}
    for line, code8, parent_text in pending_parents:
        parent8 = parent_text[:8]
        if parent8 not in published:
            if parent8 not in rejected:
                errors.append(RowError(line, "parent_not_in_file", parent_text))
        elif published[parent8] != parent_text:
            errors.append(RowError(line, "parent_code_mismatch", f"{parent_text} ≠ {published[parent8]}"))
    errors.sort(key=lambda e: e.line)
    return (records if not errors else []), errors


def _check_row(line: int, row: Mapping[str, str | None]) -> tuple[CpvRecord | None, list[RowError], str]:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    errors: list[RowError] = []
    code, code8, level_text, type_ = cell("code"), cell("code8"), cell("level"), cell("type")
    parent_text, label_fr, label_en = cell("parent"), cell("label_fr"), cell("label_en")

    match = _CODE_PUBLISHED.match(code)
    if not match:
        errors.append(RowError(line, "bad_code", code))
    elif code8 != match.group(1):
        errors.append(RowError(line, "code8_mismatch", f"{code8} / {code}"))
    code_ok = not errors

    lvl = int(level_text) if re.fullmatch(r"[0-9]", level_text) else None
    if lvl is None or not MIN_LEVEL <= lvl <= MAX_LEVEL:
        errors.append(RowError(line, "bad_level", level_text))
        lvl = None
    elif code_ok and level(code8) != lvl:
        errors.append(RowError(line, "level_mismatch", f"{lvl} ≠ {level(code8)} ({code})"))
    if type_ not in TYPES:
        errors.append(RowError(line, "bad_type", type_))
    if not label_fr:
        errors.append(RowError(line, "empty_label_fr"))
    if not label_en:
        errors.append(RowError(line, "empty_label_en"))
    if max(len(label_fr), len(label_en)) > MAX_LABEL_LENGTH:
        errors.append(RowError(line, "label_too_long", str(max(len(label_fr), len(label_en)))))

    parent8 = None
    if code_ok:
        if level(code8) == MIN_LEVEL:
            if parent_text:
                errors.append(RowError(line, "division_with_parent", parent_text))
        elif not parent_text:
            errors.append(RowError(line, "missing_parent"))
        elif not _CODE_PUBLISHED.match(parent_text):
            errors.append(RowError(line, "bad_parent", parent_text))
        elif not is_ancestor(parent_text[:8], code8):
            errors.append(RowError(line, "parent_not_ancestor", f"{parent_text} / {code}"))
        else:
            parent8 = parent_text[:8]

    if errors:
        return None, errors, ""
    record = CpvRecord(code8, code, lvl, type_, parent8, label_fr, label_en)
    return record, errors, parent_text if parent8 else ""
