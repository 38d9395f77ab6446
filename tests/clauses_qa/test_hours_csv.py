"""The hours of an awarded need as CSV, for the buyer, the winner and the helping facilitator; a 404
for everybody else and before the award."""
import csv
import io
from datetime import date

from matchfair.clauses.models import ClauseSupport, InsertionHours, SupportStatus
from matchfair.extensions import db
from matchfair.needs.models import Need
from matchfair.organisations.models import AreaKind, OrganisationArea, OrgKind
from matchfair.timeutil import utcnow
from tests import factories


def _setup():
    buyer = factories.MembershipFactory(organisation=factories.BuyerFactory(department_code="31")).user
    winner_org = factories.OrganisationFactory(name="Éclat Propreté")
    winner = factories.MembershipFactory(organisation=winner_org).user
    plie_org = factories.OrganisationFactory(kind=OrgKind.FACILITATOR, name="PLIE", siret=None)
    db.session.add(OrganisationArea(organisation_id=plie_org.id, kind=AreaKind.DEPARTMENT, code="31"))
    plie = factories.MembershipFactory(organisation=plie_org).user
    other_plie_org = factories.OrganisationFactory(kind=OrgKind.FACILITATOR, name="Autre PLIE", siret=None)
    db.session.add(OrganisationArea(organisation_id=other_plie_org.id, kind=AreaKind.DEPARTMENT, code="31"))
    other = factories.MembershipFactory(organisation=other_plie_org).user
    need = Need(organisation_id=buyer.memberships[0].organisation_id, title="Nettoyage", department_code="31",
                status="awarded", social_clause="execution", insertion_hours=1200, awarded_at=utcnow(),
                awarded_organisation_id=winner_org.id, awarded_to_name=winner_org.name, awarded_amount_eur=10_000)
    db.session.add(need)
    db.session.flush()
    db.session.add(ClauseSupport(need_id=need.id, facilitator_id=plie_org.id, status=SupportStatus.ACTIVE))
    for month, hours in ((9, 40), (10, 56)):
        db.session.add(InsertionHours(need_id=need.id, facilitator_id=plie_org.id, structure_id=winner_org.id,
                                      structure_name=winner_org.name, period=date(2026, month, 1), hours=hours))
    db.session.commit()
    return need, buyer, winner, plie, other


def test_the_three_sides_download_the_same_figures(client, login):
    need, buyer, winner, plie, _other = _setup()
    for user in (buyer, winner, plie):
        login(user)
        response = client.get(f"/besoins/{need.id}/clause-sociale/heures.csv")
        assert response.status_code == 200 and response.headers["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
        assert rows[1:3] == [["2026-09", "Éclat Propreté", "40", ""], ["2026-10", "Éclat Propreté", "56", ""]]
        assert rows[3][1:3] == ["Total réalisé", "96"] and rows[4][1:3] == ["Heures dues", "1200"]


def test_nobody_else_and_not_before_the_award(client, login):
    need, buyer, _winner, _plie, other = _setup()
    login(other)  # a facilitator of the territory that does not help
    assert client.get(f"/besoins/{need.id}/clause-sociale/heures.csv").status_code == 404
    login(factories.MembershipFactory(organisation=factories.OrganisationFactory()).user)
    assert client.get(f"/besoins/{need.id}/clause-sociale/heures.csv").status_code == 404
    need.status = "published"
    db.session.commit()
    login(buyer)
    assert client.get(f"/besoins/{need.id}/clause-sociale/heures.csv").status_code == 404
