"""BoardSearchForm.filters: what the query arguments become, with a fixed today."""
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from matchfair.board.forms import BoardSearchForm, add_months
from matchfair.board.services import BoardFilters

TODAY = date(2026, 1, 31)


def filters_of(app, query: dict, today=TODAY) -> BoardFilters:
    with app.test_request_context():
        form = BoardSearchForm(MultiDict(query))
        form.validate()
        return form.filters(today)


def test_nothing_chosen_is_no_filter(app):
    assert filters_of(app, {}) == BoardFilters()


def test_values_are_normalised(app):
    filters = filters_of(app, [("q", "  Nettoyage, ÉCOLES "), ("department", "9"), ("amount", "unknown"),
                               ("amount", "lt40k"), ("amount", "lt40k"), ("direct", "y"), ("closed", "y")])
    assert filters.words == ("nettoyage", "ecoles")
    assert filters.department == "09"
    assert filters.amount_bands == ("lt40k", "unknown")
    assert filters.direct_award and filters.include_closed


@pytest.mark.parametrize("query, expected", [
    ({"within": "3"}, (date(2026, 1, 31), date(2026, 4, 30))),
    ({"within": "6"}, (date(2026, 1, 31), date(2026, 7, 31))),
    ({"within": "3", "date_from": "2025-12-01"}, (date(2026, 1, 31), date(2026, 4, 30))),
    ({"within": "3", "date_from": "2026-03-01", "date_to": "2026-12-31"}, (date(2026, 3, 1), date(2026, 4, 30))),
    ({"within": "6", "date_to": "2026-02-15"}, (date(2026, 1, 31), date(2026, 2, 15))),
    ({"date_from": "2026-03-01", "date_to": "2026-03-01"}, (date(2026, 3, 1), date(2026, 3, 1))),
    ({"date_from": "15/03/2026"}, (date(2026, 3, 15), None)),
    ({"date_from": "2026-03-10", "date_to": "2026-03-01"}, (date(2026, 3, 10), None)),
    ({"date_from": "n'importe", "date_to": "2026-03-01"}, (None, date(2026, 3, 1))),
])
def test_dates_and_quick_periods(app, query, expected):
    filters = filters_of(app, query)
    assert (filters.expected_from, filters.expected_to) == expected


def test_add_months_keeps_the_day_or_takes_the_last_one():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
