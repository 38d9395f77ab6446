"""Insertion hours in the organiser's indicators: the approved buyers' awarded needs with hours due or
recorded, due and done by buyer and done by structure; counted here again from the rows, and shown
on the dashboard, in the CSV and in the report."""
import csv
import io
from datetime import date

from sqlalchemy import event as sa_event
from sqlalchemy import func, select

from matchfair.backoffice.indicators import event_indicators
from matchfair.clauses.models import InsertionHours
from matchfair.extensions import db
from matchfair.needs.models import Need
from matchfair.timeutil import utcnow

from .conftest import _need


def _award(need, winner, hours_due):
    need.status, need.awarded_at, need.awarded_organisation_id = "awarded", utcnow(), winner.id
    need.awarded_to_name, need.awarded_amount_eur, need.insertion_hours = winner.name, 90_000, hours_due
    db.session.commit()


def _hours(need, structure, month, hours):
    db.session.add(InsertionHours(need_id=need.id, structure_id=structure.id, structure_name=structure.name,
                                  period=date(2026, month, 1), hours=hours))
    db.session.commit()


def _followed(fair):
    """Two awarded needs of buyer1 and one of buyer2 with hours; others out of scope."""
    _award(fair.need_a, fair.siae, 1_000)
    _hours(fair.need_a, fair.siae, 9, 120)
    _hours(fair.need_a, fair.esat, 9, 30)
    _hours(fair.need_a, fair.siae, 10, 100)
    _award(fair.need_b, fair.scop, None)  # no hours due, but hours recorded: counted as done
    _hours(fair.need_b, fair.siae, 10, 40)
    _award(fair.need_d, fair.ea, 300)
    _award(fair.need_c, fair.ea, None)  # neither due nor done: not followed
    outsider_need = _need(fair.outsider, title="Hors salon")
    _award(outsider_need, fair.siae, 5_000)
    _hours(outsider_need, fair.siae, 10, 999)


def test_insertion_figures(fair):
    _followed(fair)
    ins = event_indicators(fair.event).insertion
    assert ins.needs == 3 and ins.due == 1_300 and ins.done == 290
    assert ins.by_buyer == [("Région", 1_000, 290), ("Ville de Montpellier", 300, 0)]
    assert ins.by_structure == [("Insertion 31", 260), ("ESAT 31", 30)]


def test_the_figures_agree_with_the_rows(fair):
    """Counted the other way: from the rows, whatever the service does."""
    _followed(fair)
    ins = event_indicators(fair.event).insertion
    buyers = [fair.buyer1.id, fair.buyer2.id]
    awarded = select(Need.id).where(Need.status == "awarded", Need.organisation_id.in_(buyers))
    done = db.session.scalar(select(func.sum(InsertionHours.hours)).where(InsertionHours.need_id.in_(awarded)))
    due = db.session.scalar(select(func.sum(Need.insertion_hours)).where(Need.id.in_(awarded)))
    assert (ins.done, ins.due) == (done, due)


def test_an_event_without_hours(fair):
    ins = event_indicators(fair.event).insertion
    assert (ins.needs, ins.due, ins.done, ins.by_buyer, ins.by_structure) == (0, 0, 0, [], [])


def test_still_a_handful_of_queries(fair):
    _followed(fair)
    statements = []

    def count(*_args):
        statements.append(1)
    sa_event.listen(db.engine, "before_cursor_execute", count)
    try:
        event_indicators(fair.event)
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) <= 24  # about twenty, whatever the size of the event


def test_dashboard_csv_and_report(fair, client, login, organiser):
    _followed(fair)
    login(organiser)
    page = client.get(f"/evenements/{fair.event.id}/indicateurs").get_data(as_text=True)
    assert "insertion-title" in page and "chart-insertion" in page
    assert "1\u202f300" in page or "1\u00a0300" in page
    response = client.get(f"/evenements/{fair.event.id}/indicateurs.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    raw = response.get_data(as_text=True)
    rows = {label: value for _s, label, value in csv.reader(io.StringIO(raw.lstrip("\ufeff")), delimiter=";")}
    assert rows["Heures d'insertion dues"] == "1300" and rows["Heures d'insertion réalisées"] == "290"
    assert rows["Région : heures réalisées"] == "290" and rows["Heures réalisées par ESAT 31"] == "30"
    report = client.get(f"/evenements/{fair.event.id}/indicateurs/rapport").get_data(as_text=True)
    assert "insertion par acheteur" in report


def test_empty_state_says_who_records_hours(fair, client, login, organiser):
    login(organiser)
    page = client.get(f"/evenements/{fair.event.id}/indicateurs").get_data(as_text=True)
    assert "Les facilitateurs de clauses sociales saisissent les heures" in page
