"""services.search_board and feed_needs: each filter, their combinations, ordering and pagination."""
from datetime import date, timedelta

import pytest

from matchfair.board import bands
from matchfair.board.services import (
    BoardFilters,
    feed_needs,
    published_need_count,
    search_board,
)
from matchfair.needs.direct_award import may_be_awarded_directly

TODAY = date(2026, 6, 15)


def found(filters=None, page=1, per_page=50, today=TODAY) -> list[str]:
    return [need.title for need in search_board(filters or BoardFilters(), page, per_page, today).items]


def test_only_published_needs_unless_closed_ones_are_asked(make_need):
    make_need(title="Publié")
    make_need(title="Brouillon", status="draft", published_at=None)
    make_need(title="Clos", status="closed")
    make_need(title="Attribué", status="awarded")
    assert found() == ["Publié"]
    assert sorted(found(BoardFilters(include_closed=True))) == ["Attribué", "Clos", "Publié"]
    assert published_need_count() == 1
    assert [n.title for n in feed_needs(BoardFilters(include_closed=True), TODAY)].count("Brouillon") == 0


def test_sorted_by_expected_date_unknown_last_then_id(make_need):
    make_need(title="Sans date A")
    make_need(title="Plus tard", expected_publication_date=date(2026, 12, 1))
    make_need(title="Bientôt", expected_publication_date=date(2026, 7, 1))
    make_need(title="Sans date B")
    make_need(title="Bientôt aussi", expected_publication_date=date(2026, 7, 1))
    assert found() == ["Bientôt", "Bientôt aussi", "Plus tard", "Sans date A", "Sans date B"]


def test_words_must_all_appear_folded(make_need, cpv_codes):
    make_need(title="Nettoyage des lycées", description="Dans les établissements de la Région", cpv=["90911200"])
    make_need(title="Entretien des espaces verts", cpv=["77310000"])
    assert found(BoardFilters(words=("lycees",))) == ["Nettoyage des lycées"]
    assert found(BoardFilters(words=("nettoyage", "region"))) == ["Nettoyage des lycées"]
    assert found(BoardFilters(words=("nettoyage", "verts"))) == []
    # CPV labels, in both languages.
    assert found(BoardFilters(words=("planting",))) == ["Entretien des espaces verts"]


@pytest.fixture
def cpv_needs(make_need, cpv_codes):
    make_need(title="A finer 90911200", cpv=["90911200"])
    make_need(title="B category 90919000", cpv=["90919000"])
    make_need(title="C class 90920000", cpv=["90920000"])
    make_need(title="D lot 77310000", cpv=["55500000"], lots=[{"cpv": ["55500000"]}, {"cpv": ["77310000"]}])
    make_need(title="E division 90000000", cpv=["90000000"])
    make_need(title="F draft 90911200", cpv=["90911200"], status="draft")


@pytest.mark.parametrize("code, expected", [
    ("90000000", ["A finer 90911200", "B category 90919000", "C class 90920000", "E division 90000000"]),
    ("90900000", ["A finer 90911200", "B category 90919000", "C class 90920000"]),
    ("90910000", ["A finer 90911200", "B category 90919000"]),
    ("90911000", ["A finer 90911200"]),
    ("90911200", ["A finer 90911200"]),
    ("90920000", ["C class 90920000"]),
    # A lot's code counts, at any level.
    ("77000000", ["D lot 77310000"]),
    ("77310000", ["D lot 77310000"]),
    ("55500000", ["D lot 77310000"]),
    ("45000000", []),
])
def test_cpv_at_any_level_on_the_need_or_its_lots(cpv_needs, code, expected):
    assert found(BoardFilters(cpv8=code)) == expected


def test_a_need_matching_twice_is_listed_once(make_need, cpv_codes):
    make_need(title="Deux fois", cpv=["90911200"], lots=[{"cpv": ["90919000"]}, {"cpv": ["90911200"]}])
    assert found(BoardFilters(cpv8="90000000")) == ["Deux fois"]
    assert search_board(BoardFilters(cpv8="90000000"), 1, 20, TODAY).total == 1


def test_department_and_region_of_the_place_of_execution(make_need):
    make_need(title="Toulouse", department_code="31")
    make_need(title="Albi", department_code="81")
    make_need(title="Paris", department_code="75")
    make_need(title="Ajaccio", department_code="2A")
    assert found(BoardFilters(department="31")) == ["Toulouse"]
    assert found(BoardFilters(region="76")) == ["Toulouse", "Albi"]
    assert found(BoardFilters(region="94")) == ["Ajaccio"]
    assert found(BoardFilters(region="76", department="75")) == []


@pytest.fixture
def reserved_needs(make_need):
    for value in ("none", "L2113-12", "L2113-13", "L2113-14", "L2113-15"):
        make_need(title=value, reservation=value)


@pytest.mark.parametrize("value, expected", [
    (None, ["none", "L2113-12", "L2113-13", "L2113-14", "L2113-15"]),
    ("reserved", ["L2113-12", "L2113-13", "L2113-14", "L2113-15"]),
    ("none", ["none"]),
    ("L2113-12", ["L2113-12"]),
    ("L2113-13", ["L2113-13"]),
    ("L2113-14", ["L2113-14"]),
    ("L2113-15", ["L2113-15"]),
])
def test_reservation(reserved_needs, value, expected):
    assert found(BoardFilters(reservation=value)) == expected


@pytest.mark.parametrize("value, expected", [
    (None, ["none", "execution", "award"]),
    ("with", ["execution", "award"]),
    ("execution", ["execution"]),
    ("award", ["award"]),
])
def test_social_clause(make_need, value, expected):
    for clause in ("none", "execution", "award"):
        make_need(title=clause, social_clause=clause)
    assert found(BoardFilters(social=value)) == expected


AMOUNTS = [0, 39_999, 40_000, 59_999, 60_000, 99_999, 100_000, 215_999, 216_000, 999_999, 1_000_000,
           25_000_000, None]


@pytest.mark.parametrize("key, expected", [
    ("lt40k", [0, 39_999]),
    ("40k-60k", [40_000, 59_999]),
    ("60k-100k", [60_000, 99_999]),
    ("100k-216k", [100_000, 215_999]),
    ("216k-1m", [216_000, 999_999]),
    ("1m", [1_000_000, 25_000_000]),
    ("unknown", [None]),
])
def test_amount_bands_hold_their_lower_bound_not_their_upper_one(make_need, key, expected):
    for amount in AMOUNTS:
        make_need(title=str(amount), estimated_amount_eur=amount)
    assert found(BoardFilters(amount_bands=(key,))) == [str(a) for a in expected]
    # The Python side agrees with the SQL.
    assert [a for a in AMOUNTS if bands.band_of(a) == key] == expected


def test_several_bands_mean_any_of_them(make_need):
    for amount in AMOUNTS:
        make_need(title=str(amount), estimated_amount_eur=amount)
    assert found(BoardFilters(amount_bands=("lt40k", "unknown"))) == ["0", "39999", "None"]
    every = tuple(bands.KEYS)
    assert len(found(BoardFilters(amount_bands=every))) == len(AMOUNTS)


def test_expected_date_range_includes_both_days_and_drops_unknown_dates(make_need):
    for day in (1, 10, 20, 30):
        make_need(title=f"juin {day}", expected_publication_date=date(2026, 6, day))
    make_need(title="sans date")
    assert found(BoardFilters(expected_from=date(2026, 6, 10))) == ["juin 10", "juin 20", "juin 30"]
    assert found(BoardFilters(expected_to=date(2026, 6, 20))) == ["juin 1", "juin 10", "juin 20"]
    assert found(BoardFilters(expected_from=date(2026, 6, 10), expected_to=date(2026, 6, 20))) == [
        "juin 10", "juin 20"]


def test_filters_combine(make_need, cpv_codes):
    make_need(title="Le bon", cpv=["90911200"], department_code="81", reservation="L2113-13",
              social_clause="execution", estimated_amount_eur=50_000, expected_publication_date=date(2026, 9, 1))
    make_need(title="Autre département", cpv=["90911200"], department_code="75", reservation="L2113-13",
              social_clause="execution", estimated_amount_eur=50_000, expected_publication_date=date(2026, 9, 1))
    make_need(title="Non réservé", cpv=["90911200"], department_code="81",
              social_clause="execution", estimated_amount_eur=50_000, expected_publication_date=date(2026, 9, 1))
    make_need(title="Trop cher", cpv=["90911200"], department_code="81", reservation="L2113-13",
              social_clause="execution", estimated_amount_eur=500_000, expected_publication_date=date(2026, 9, 1))
    filters = BoardFilters(words=("bon",), cpv8="90900000", region="76", reservation="reserved", social="with",
                           amount_bands=("40k-60k",), expected_from=date(2026, 8, 1),
                           expected_to=date(2026, 9, 30), direct_award=True)
    assert found(filters) == ["Le bon"]
    assert found(BoardFilters(cpv8="90900000", region="76", reservation="reserved")) == ["Le bon", "Trop cher"]


def test_pagination(make_need):
    for i in range(25):
        make_need(title=f"Besoin {i:02d}", expected_publication_date=date(2026, 7, 1) + timedelta(days=i))
    first = search_board(BoardFilters(), 1, 20, TODAY)
    assert first.total == 25 and first.pages == 2 and len(first.items) == 20
    assert [n.title for n in search_board(BoardFilters(), 2, 20, TODAY).items] == [
        f"Besoin {i:02d}" for i in range(20, 25)]
    assert search_board(BoardFilters(), 9, 20, TODAY).items == []


def test_feed_needs_newest_published_first_and_limited(make_need):
    from datetime import datetime

    for i in range(55):
        make_need(title=f"N{i:02d}", published_at=datetime(2026, 1, 1) + timedelta(hours=i))
    make_need(title="Brouillon", status="draft", published_at=None)
    needs = feed_needs(BoardFilters(), TODAY)
    assert len(needs) == 50
    assert [n.title for n in needs[:3]] == ["N54", "N53", "N52"]
    assert "Brouillon" not in [n.title for n in needs]
    assert [n.title for n in feed_needs(BoardFilters(words=("n07",)), TODAY)] == ["N07"]


# (amount, purchase kind, innovative, expected publication date, may be awarded directly)
DIRECT_CASES = [
    (0, "supplies_services", False, date(2026, 5, 1), True),
    (39_999, "supplies_services", False, date(2026, 3, 31), True),
    (40_000, "supplies_services", False, date(2026, 3, 31), False),
    (40_000, "supplies_services", False, date(2026, 4, 1), True),
    (59_999, "supplies_services", False, date(2026, 5, 1), True),
    (60_000, "supplies_services", False, date(2026, 5, 1), False),
    (60_000, "supplies_services", True, date(2026, 5, 1), True),
    (99_999, "supplies_services", True, date(2025, 5, 1), True),
    (100_000, "supplies_services", True, date(2026, 5, 1), False),
    (39_999, "works", False, date(2025, 12, 31), True),
    (99_999, "works", False, date(2025, 12, 31), False),
    (99_999, "works", False, date(2026, 1, 1), True),
    (100_000, "works", False, date(2026, 1, 1), False),
    (150_000, "works", True, date(2026, 1, 1), False),
    (None, "supplies_services", False, date(2026, 5, 1), False),
    (None, "works", True, None, False),
    # No expected date: the thresholds in force on `today`.
    (50_000, "supplies_services", False, None, "today"),
    (80_000, "works", False, None, True),
]


@pytest.mark.parametrize("today", [TODAY, date(2026, 3, 1), date(2025, 6, 1)])
def test_direct_award_filter_agrees_with_the_need_rule(make_need, today):
    for i, (amount, kind, innovative, expected, _possible) in enumerate(DIRECT_CASES):
        make_need(title=f"case {i}", estimated_amount_eur=amount, purchase_kind=kind, innovative=innovative,
                  expected_publication_date=expected)
    needs = search_board(BoardFilters(), 1, 100, today).items
    by_rule = sorted(n.title for n in needs if may_be_awarded_directly(n, today).possible)
    assert sorted(found(BoardFilters(direct_award=True), per_page=100, today=today)) == by_rule
    expected = sorted(f"case {i}" for i, case in enumerate(DIRECT_CASES)
                      if case[4] is True or (case[4] == "today" and today >= date(2026, 4, 1)))
    if today == date(2025, 6, 1):
        expected.remove(f"case {len(DIRECT_CASES) - 1}")  # works under 40,000 only, before 2026
    assert by_rule == expected
