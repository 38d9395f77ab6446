"""may_be_awarded_directly (Python) and direct_award_clause (SQL) agree, around every threshold date."""
from datetime import date

import pytest
from sqlalchemy import func, not_, select

from matchfair.extensions import db
from matchfair.needs.direct_award import (
    configured_thresholds,
    direct_award_clause,
    may_be_awarded_directly,
)
from matchfair.needs.models import Need

from .conftest import org_of

SS, WORKS = "supplies_services", "works"
TODAY = date(2026, 6, 15)

# (kind, amount, expected publication date, innovative, expected answer)
CASES = [
    (SS, 59_999, date(2026, 4, 1), False, True),
    (SS, 60_000, date(2026, 4, 1), False, False),
    (SS, 59_999, date(2026, 3, 31), False, False),
    (SS, 39_999, date(2026, 3, 31), False, True),
    (SS, 40_000, date(2026, 3, 31), False, False),
    (WORKS, 99_999, date(2026, 1, 1), False, True),
    (WORKS, 100_000, date(2026, 1, 1), False, False),
    (WORKS, 99_999, date(2025, 12, 31), False, False),
    (WORKS, 39_999, date(2025, 12, 31), False, True),
    (SS, 99_999, date(2026, 3, 31), True, True),
    (SS, 100_000, date(2026, 3, 31), True, False),
    (WORKS, 99_999, date(2025, 6, 1), True, True),
    (SS, 10, date(2018, 6, 1), False, False),  # before any configured threshold
    (SS, 10, date(2018, 6, 1), True, False),  # before the innovative threshold too
    (SS, None, date(2026, 6, 1), False, False),  # an unknown amount never qualifies
    (SS, None, date(2026, 6, 1), True, False),
    (SS, 0, date(2026, 6, 1), False, True),
    (SS, 59_999, None, False, True),  # no date: today (2026-06-15)
    (SS, 60_000, None, False, False),
    (WORKS, 99_999, None, False, True),
]


def _add(buyer, kind, amount, on, innovative) -> Need:
    need = Need(organisation=buyer, title="Besoin", department_code="31", status="published",
                purchase_kind=kind, estimated_amount_eur=amount, expected_publication_date=on,
                innovative=innovative, search_text="")
    db.session.add(need)
    return need


def test_clause_and_python_agree_on_every_case(buyer_admin):
    buyer = org_of(buyer_admin)
    needs = [(_add(buyer, *case[:4]), case[4]) for case in CASES]
    db.session.commit()
    yes = set(db.session.scalars(select(Need.id).where(direct_award_clause(TODAY))))
    no = set(db.session.scalars(select(Need.id).where(not_(direct_award_clause(TODAY)))))
    # Never NULL: every need is on exactly one side.
    assert len(yes) + len(no) == len(CASES)
    assert yes.isdisjoint(no)
    for need, expected in needs:
        python = may_be_awarded_directly(need, today=TODAY).possible
        assert python is expected, (need.purchase_kind, need.estimated_amount_eur, need.expected_publication_date)
        assert (need.id in yes) is expected, (need.purchase_kind, need.estimated_amount_eur,
                                              need.expected_publication_date, need.innovative)
    assert db.session.scalar(select(func.count()).select_from(Need).where(direct_award_clause(TODAY))) == sum(
        1 for case in CASES if case[4])


def test_clause_today_defaults_to_the_local_date(buyer_admin, app):
    buyer = org_of(buyer_admin)
    _add(buyer, SS, 59_999, None, False)
    db.session.commit()
    # The machine's today is after 1 April 2026 or not: both functions agree either way.
    need = db.session.scalars(select(Need)).one()
    in_sql = db.session.scalar(select(func.count()).select_from(Need).where(direct_award_clause())) == 1
    assert in_sql is may_be_awarded_directly(need).possible


def test_thresholds_come_from_the_settings(app, buyer_admin):
    buyer = org_of(buyer_admin)
    need = _add(buyer, SS, 59_999, date(2026, 6, 1), False)
    db.session.commit()
    saved = app.config["THRESHOLDS"]
    app.config["THRESHOLDS"] = (("supplies_services", 50_000, "2026-01-01"),)
    try:
        assert configured_thresholds()[0].amount_eur == 50_000
        assert may_be_awarded_directly(need).possible is False
        assert db.session.scalar(select(func.count()).select_from(Need).where(direct_award_clause())) == 0
    finally:
        app.config["THRESHOLDS"] = saved


@pytest.mark.parametrize("on, threshold", [(date(2026, 3, 31), 40_000), (date(2026, 4, 1), 60_000)])
def test_direct_award_says_which_threshold(buyer_admin, on, threshold):
    need = _add(org_of(buyer_admin), SS, 45_000, on, False)
    result = may_be_awarded_directly(need)
    assert result.threshold.amount_eur == threshold
    assert result.on == on and result.on_expected_date
    assert result.possible is (45_000 < threshold)
