"""`flask clauses remind`: once a month, the facilitator helping on an awarded need whose hours are
not all done, and that recorded nothing last month, gets one e-mail listing those needs."""
from datetime import date, datetime

from matchfair.clauses.models import ClauseSupport, InsertionHours, SupportStatus
from matchfair.clauses.reminders import last_month
from matchfair.extensions import db
from matchfair.needs.models import Need
from matchfair.organisations.models import OrgKind
from tests import factories

NOW = "2026-11-06T08:00"


def _world():
    buyer_org = factories.BuyerFactory(name="Région")
    factories.MembershipFactory(organisation=buyer_org)
    plie_org = factories.OrganisationFactory(kind=OrgKind.FACILITATOR, name="PLIE", siret=None)
    plie = factories.MembershipFactory(organisation=plie_org).user
    winner = factories.OrganisationFactory(name="Éclat")

    def need(title, due, status="awarded", awarded=datetime(2026, 9, 3), support=SupportStatus.ACTIVE):
        made = Need(organisation_id=buyer_org.id, title=title, department_code="31", status=status,
                    social_clause="execution", insertion_hours=due, awarded_at=awarded if status == "awarded" else None,
                    awarded_organisation_id=winner.id, awarded_to_name=winner.name, awarded_amount_eur=1000)
        db.session.add(made)
        db.session.flush()
        db.session.add(ClauseSupport(need_id=made.id, facilitator_id=plie_org.id, status=support))
        return made

    late = need("Nettoyage des lycées", 1200)
    recorded = need("Espaces verts", 300)
    db.session.add(InsertionHours(need_id=recorded.id, facilitator_id=plie_org.id, structure_id=winner.id,
                                  structure_name=winner.name, period=date(2026, 10, 1), hours=20))
    complete = need("Blanchisserie", 50)
    db.session.add(InsertionHours(need_id=complete.id, facilitator_id=plie_org.id, structure_id=winner.id,
                                  structure_name=winner.name, period=date(2026, 9, 1), hours=50))
    need("Awarded this month", 100, awarded=datetime(2026, 11, 2))
    need("Not awarded", 100, status="published")
    need("Help ended", 100, support=SupportStatus.ENDED)
    db.session.commit()
    return plie, late


def test_last_month():
    assert last_month(date(2026, 11, 6)) == date(2026, 10, 1) and last_month(date(2027, 1, 1)) == date(2026, 12, 1)


def test_one_email_listing_the_late_needs_once_a_month(app, outbox):
    plie, late = _world()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["clauses", "remind", "--now", NOW, "--base-url", "https://salon.example.org"])
    assert result.exit_code == 0, result.output
    assert "1 marché(s) rappelé(s)" in result.output
    assert [m.to for m in outbox] == [[plie.email]]
    body = outbox[0].body
    assert "Nettoyage des lycées" in body and "octobre 2026" in body
    assert f"https://salon.example.org/besoins/{late.id}/clause-sociale#heures" in body
    for other in ("Espaces verts", "Blanchisserie", "Awarded this month", "Not awarded", "Help ended"):
        assert other not in body
    again = runner.invoke(args=["clauses", "remind", "--now", NOW, "--base-url", "https://salon.example.org"])
    assert "0 marché(s) rappelé(s)" in again.output and len(outbox) == 1
    next_month = runner.invoke(args=["clauses", "remind", "--now", "2026-12-06T08:00",
                                     "--base-url", "https://salon.example.org"])
    assert "marché(s) rappelé(s)" in next_month.output and len(outbox) == 2  # November: nothing for any
