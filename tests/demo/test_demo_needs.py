"""The demo's needs: believable, valid by the needs rules, mostly published, one closed, one awarded."""
from collections import Counter

from sqlalchemy import func, select

from matchfair.demo.data_needs import AWARDED, HIGH_SCHOOLS, NEEDS
from matchfair.demo.needs import add_months
from matchfair.extensions import db
from matchfair.needs import rules
from matchfair.needs.direct_award import may_be_awarded_directly
from matchfair.needs.models import Need
from matchfair.needs.services import direct_award_clause


def _needs() -> list[Need]:
    return db.session.scalars(select(Need).order_by(Need.id)).all()


def test_about_forty_needs_mostly_published(loaded):
    needs = _needs()
    assert len(needs) == len(NEEDS) >= 40
    statuses = Counter(n.status for n in needs)
    assert statuses["published"] >= 30
    assert statuses["draft"] >= 3 and statuses["closed"] == 1 and statuses["awarded"] == 1
    assert len({n.organisation_id for n in needs}) >= 25


def test_every_demo_need_follows_the_rules(loaded):
    for need in _needs():
        data = rules.need_as_data(need)
        assert rules.check(data) == [], need.title
        if need.status != "draft":
            assert rules.publish_problems(data) == [], need.title
        assert need.search_text and need.cpv_codes
        assert need.organisation.kind == "buyer"


def test_the_high_schools_need(loaded):
    need = db.session.scalars(select(Need).where(Need.title == HIGH_SCHOOLS)).one()
    assert need.organisation.name == "Région Occitanie" and need.department_code == "31"
    assert need.status == "published" and need.reservation == "L2113-13"
    assert need.social_clause == "execution" and need.insertion_hours is None
    assert len(need.lots) >= 3 and all(lot.cpv_codes for lot in need.lots)
    assert "nettoyage" in need.search_text and "lycees" in need.search_text


def test_the_awarded_need(loaded):
    title, company, amount = AWARDED
    need = db.session.scalars(select(Need).where(Need.title == title)).one()
    assert need.status == "awarded" and need.awarded_amount_eur == amount
    assert need.awarded_organisation.name == company and need.awarded_organisation.kind == "sse"


def test_a_city_green_spaces_need_may_be_awarded_directly(loaded):
    need = db.session.scalars(select(Need).where(Need.title == "Entretien des espaces verts des cimetières")).one()
    assert need.reservation == "L2113-12" and need.estimated_amount_eur < 60_000
    assert may_be_awarded_directly(need).possible
    direct = set(db.session.scalars(select(Need.id).where(direct_award_clause())))
    assert need.id in direct
    assert direct == {n.id for n in _needs() if may_be_awarded_directly(n).possible}


def test_works_needs_have_the_works_kind(loaded):
    kinds = {n.title: n.purchase_kind for n in _needs()}
    assert kinds["Remise en peinture des halls d'immeubles"] == "works"
    assert kinds[HIGH_SCHOOLS] == "supplies_services"


def test_demo_need_pages_render(loaded, client):
    for need in _needs()[:12]:
        expected = 404 if need.status == "draft" else 200
        assert client.get(f"/besoins/{need.id}").status_code == expected, need.title


def test_reset_deletes_the_needs(loaded, run_demo):
    result = run_demo("--reset")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(Need)) == len(NEEDS)


def test_add_months():
    from datetime import date

    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2026, 3, 1), -4) == date(2025, 11, 1)
