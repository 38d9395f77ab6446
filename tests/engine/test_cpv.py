"""engine.cpv: parsing typed codes, levels, ancestry and the checks of an imported CPV file."""
import pytest

from matchfair.engine import cpv


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("90911200-8", "90911200"),
        ("90911200", "90911200"),
        (" 9091 1200 ", "90911200"),
        ("909112008", "90911200"),
        ("90911200-0", "90911200"),  # the check digit is never trusted
        ("03000000-1", "03000000"),
        ("\t45000000-7\n", "45000000"),
        ("9091", None),
        ("9091120", None),
        ("9091120089", None),
        ("90911200-", None),
        ("90911200-88", None),
        ("9091120a", None),
        ("abc", None),
        ("", None),
        (None, None),
        ("-90911200", None),
        ("90911200/8", None),
        ("٩٠٩١١٢٠٠", None),  # other scripts' digits are not CPV digits
    ],
)
def test_parse_code(typed, expected):
    assert cpv.parse_code(typed) == expected


@pytest.mark.parametrize(
    "code8, level, prefix",
    [
        ("90000000", 2, "90"),
        ("03000000", 2, "03"),
        ("10000000", 2, "10"),
        ("90900000", 3, "909"),
        ("90910000", 4, "9091"),
        ("90911000", 5, "90911"),
        ("90911200", 6, "909112"),
        ("45214210", 7, "4521421"),
        ("03111110", 7, "0311111"),
        ("03111111", 8, "03111111"),
        ("90901000", 5, "90901"),
    ],
)
def test_level_and_prefix(code8, level, prefix):
    assert cpv.level(code8) == level
    assert cpv.prefix(code8) == prefix


@pytest.mark.parametrize(
    "code8, expected",
    [
        ("90000000", []),
        ("90900000", ["90000000"]),
        ("90911200", ["90000000", "90900000", "90910000", "90911000"]),
        ("45214210", ["45000000", "45200000", "45210000", "45214000", "45214200"]),
    ],
)
def test_ancestors(code8, expected):
    assert cpv.ancestors(code8) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("90000000", "90911200", True),
        ("90910000", "90911200", True),
        ("90911000", "90911200", True),
        ("90911200", "90911200", False),
        ("90911200", "90910000", False),
        ("90920000", "90911200", False),
        ("45000000", "90911200", False),
        ("90900000", "90910000", True),
        ("03000000", "03111000", True),
        ("30000000", "03111000", False),
    ],
)
def test_is_ancestor(a, b, expected):
    assert cpv.is_ancestor(a, b) is expected


@pytest.mark.parametrize(
    "digits, bounds",
    [("9", ("90000000", "99999999")), ("9091", ("90910000", "90919999")), ("90911200", ("90911200", "90911200"))],
)
def test_prefix_bounds(digits, bounds):
    assert cpv.prefix_bounds(digits) == bounds


# ---- the rows of a CPV file ----

def row(code, level=None, type_="services", parent="", fr="Libellé", en="Label", code8=None):
    code8 = code8 if code8 is not None else code[:8]
    return {"code": code, "code8": code8, "level": str(level if level is not None else cpv.level(code8)),
            "type": type_, "parent": parent, "label_fr": fr, "label_en": en}


GOOD = [
    row("90000000-7", fr="Services d'évacuation", en="Sewage"),
    row("90900000-6", parent="90000000-7", fr="Services de nettoyage et d'hygiène", en="Cleaning and sanitation"),
    row("90910000-9", parent="90900000-6", fr="Services de nettoyage", en="Cleaning services"),
    row("90911000-6", parent="90910000-9", fr="Nettoyage de logements", en="Accommodation cleaning"),
    row("90911200-8", parent="90911000-6", fr="Nettoyage de bâtiments", en="Building-cleaning services"),
    # A finer code may hang under a broader code than the next level up (as in the official list).
    row("90911210-1", parent="90911000-6", fr="Nettoyage fin", en="Fine cleaning"),
    row("45000000-7", type_="works", fr="Travaux de construction", en="Construction work"),
]


def numbered(rows):
    return list(enumerate(rows, start=2))


def test_good_rows_give_records_in_file_order():
    records, errors = cpv.validate_rows(numbered(GOOD))
    assert errors == []
    assert [r.code8 for r in records] == [r["code8"] for r in GOOD]
    first, fifth = records[0], records[4]
    assert (first.level, first.parent8, first.type) == (2, None, "services")
    assert fifth == cpv.CpvRecord("90911200", "90911200-8", 6, "services", "90911000",
                                  "Nettoyage de bâtiments", "Building-cleaning services")


def test_values_are_stripped():
    rows = [dict(row("45000000-7", type_="works"), label_fr="  Travaux  ", code=" 45000000-7 ")]
    records, errors = cpv.validate_rows(numbered(rows))
    assert errors == [] and records[0].label_fr == "Travaux" and records[0].code == "45000000-7"


@pytest.mark.parametrize(
    "index, change, kind",
    [
        (4, {"code": "9091120-8"}, "bad_code"),
        (4, {"code": "90911200"}, "bad_code"),
        (4, {"code": "abcdefgh-1"}, "bad_code"),
        (4, {"code8": "90911300"}, "code8_mismatch"),
        (4, {"level": "5"}, "level_mismatch"),
        (4, {"level": "six"}, "bad_level"),
        (4, {"level": "9"}, "bad_level"),
        (4, {"level": ""}, "bad_level"),
        (4, {"type": "service"}, "bad_type"),
        (4, {"type": ""}, "bad_type"),
        (4, {"label_fr": "  "}, "empty_label_fr"),
        (4, {"label_en": ""}, "empty_label_en"),
        (4, {"label_fr": "x" * 401}, "label_too_long"),
        (4, {"parent": ""}, "missing_parent"),
        (4, {"parent": "9091100-6"}, "bad_parent"),
        (4, {"parent": "90920000-2"}, "parent_not_ancestor"),
        (4, {"parent": "90911200-8"}, "parent_not_ancestor"),
        (4, {"parent": "45000000-7"}, "parent_not_ancestor"),
        (4, {"parent": "90911000-1"}, "parent_code_mismatch"),
        (0, {"parent": "45000000-7"}, "division_with_parent"),
    ],
)
def test_bad_rows(index, change, kind):
    rows = [dict(r) for r in GOOD]
    rows[index].update(change)
    records, errors = cpv.validate_rows(numbered(rows))
    assert records == []
    assert [(e.line, e.kind) for e in errors] == [(index + 2, kind)]


def test_parent_missing_from_the_file():
    rows = [r for r in GOOD if r["code8"] != "90911000"]
    records, errors = cpv.validate_rows(numbered(rows))
    assert records == []
    assert [(e.line, e.kind, e.value) for e in errors] == [
        (5, "parent_not_in_file", "90911000-6"), (6, "parent_not_in_file", "90911000-6"),
    ]


def test_duplicate_names_the_first_line():
    rows = GOOD + [row("90910000-9", parent="90900000-6", fr="Encore", en="Again")]
    records, errors = cpv.validate_rows(numbered(rows))
    assert records == []
    assert errors == [cpv.RowError(len(rows) + 1, "duplicate", "90910000-9", 4)]


def test_every_error_is_reported_in_line_order():
    rows = [dict(r) for r in GOOD]
    rows[6]["type"] = "nope"
    rows[1]["label_en"] = ""
    rows[1]["level"] = "4"
    records, errors = cpv.validate_rows(numbered(rows))
    assert [(e.line, e.kind) for e in errors] == [(3, "level_mismatch"), (3, "empty_label_en"), (8, "bad_type")]


def test_children_of_a_bad_row_are_not_reported_twice():
    rows = [dict(r) for r in GOOD]
    rows[2]["label_fr"] = ""  # 90910000: its children name it as their parent
    _, errors = cpv.validate_rows(numbered(rows))
    assert [(e.line, e.kind) for e in errors] == [(4, "empty_label_fr")]


def test_missing_columns_are_errors_not_crashes():
    records, errors = cpv.validate_rows([(2, {"code": "90000000-7"})])
    assert records == []
    assert {e.kind for e in errors} == {"code8_mismatch", "bad_level", "bad_type", "empty_label_fr", "empty_label_en"}


def test_no_rows():
    assert cpv.validate_rows([]) == ([], [])
