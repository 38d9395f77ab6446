"""Fixtures of the QA checks of the social-clause pages (issue 7): a buyer of Haute-Garonne and its
cleaning need, a facilitator covering Haute-Garonne, an insertion company that may win the need, and
helpers writing clause rows directly. Built on tests/conftest.py and tests/factories.py."""
import html
from dataclasses import dataclass
from datetime import timedelta

import pytest

from matchfair.clauses.models import ClauseSupport, InsertionHours, SupportStatus
from matchfair.extensions import db
from matchfair.matching.cache import get_cache
from matchfair.needs import services as need_services
from matchfair.needs.models import NeedStatus
from matchfair.organisations import services as org_services
from matchfair.organisations.models import AreaKind, OrganisationArea, OrgKind
from matchfair.reference.models import CpvCode
from matchfair.reference.services import cpv_search_text
from matchfair.timeutil import utcnow

from .. import factories

BUILDING_CLEANING = "90911200"


@pytest.fixture(autouse=True)
def cpv_codes(app):
    get_cache().clear()
    for code8, check, level, fr, en in [("90910000", "9", 4, "Services de nettoyage", "Cleaning services"),
                                        (BUILDING_CLEANING, "8", 6, "Services de nettoyage de bâtiments",
                                         "Building-cleaning services")]:
        db.session.add(CpvCode(code8=code8, code=f"{code8}-{check}", level=level, type="services",
                               parent8=code8[:2].ljust(8, "0"), label_fr=fr, label_en=en,
                               search_text=cpv_search_text(code8, fr, en)))
    db.session.commit()
    yield
    get_cache().clear()


@dataclass
class Member:
    org: object
    user: object


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True)).replace("\u00a0", " ").replace("\u202f", " ")


def make_facilitator(name: str, departments=("31",)) -> Member:
    org = factories.OrganisationFactory(kind=OrgKind.FACILITATOR, name=name,
                                        department_code=departments[0] if departments else "31")
    org.areas = [OrganisationArea(kind=AreaKind.DEPARTMENT.value, code=c) for c in departments]
    db.session.commit()
    return Member(org, factories.MembershipFactory(organisation=org).user)


@pytest.fixture
def plie():
    return make_facilitator("PLIE Garonne Emploi")


@pytest.fixture
def buyer():
    membership = factories.MembershipFactory(
        organisation=factories.BuyerFactory(name="Région Occitanie", department_code="31"))
    return Member(membership.organisation, membership.user)


@pytest.fixture
def winner():
    membership = factories.MembershipFactory(organisation=factories.OrganisationFactory(
        name="Éclat Propreté Insertion", department_code="31", is_listed=True))
    org_services.save_profile(membership.user, membership.organisation, {
        "statuses": ["ess", "siae"], "siae_kind": "EI", "national": False, "area_departments": ["31"],
        "area_regions": [], "cpv_codes": [BUILDING_CLEANING], "headcount": 20, "insertion_employees": 12,
        "capacity_eur": None, "labels": None, "description": "Entreprise d'insertion de nettoyage."})
    db.session.commit()
    return Member(membership.organisation, membership.user)


@pytest.fixture
def make_need(buyer):
    """make_need(status="published", winner=None) -> the Région's cleaning need of Haute-Garonne."""

    def _make(status: str = NeedStatus.PUBLISHED.value, winner=None, **overrides):
        data = {
            "title": "Nettoyage des lycées de la Haute-Garonne", "description": "Nettoyage de 14 lycées.",
            "department_code": "31", "estimated_amount_eur": 2_400_000, "expected_publication_date": None,
            "contract_start_date": None, "duration_months": 48, "is_renewal": False,
            "current_contract_end_date": None, "procedure": "tender", "reservation": "none",
            "social_clause": "execution", "insertion_hours": None, "environmental_clause": False,
            "innovative": False, "contact_name": "Baptiste Pereira", "contact_email": "achats@region.fr",
            "contact_phone": None, "cpv_codes": [BUILDING_CLEANING], "lots": [], **overrides}
        need = need_services.create_need(buyer.user, buyer.org, data)
        if status != NeedStatus.DRAFT:
            need_services.publish_need(buyer.user, need)
        if status == NeedStatus.AWARDED:
            need_services.award_need(buyer.user, need, organisation=winner, amount_eur=2_300_000)
            need.awarded_at = utcnow() - timedelta(days=93)
        db.session.commit()
        return need

    return _make


def add_support(need, facilitator, status=SupportStatus.ACTIVE) -> ClauseSupport:
    now = utcnow()
    row = ClauseSupport(need_id=need.id, facilitator_id=facilitator.id, status=status, created_at=now,
                        decided_at=None if status == SupportStatus.OFFERED else now)
    db.session.add(row)
    db.session.commit()
    return row


def add_hours(need, facilitator, structure, hours: int) -> InsertionHours:
    row = InsertionHours(need_id=need.id, facilitator_id=facilitator.id, structure_id=structure.id,
                         structure_name=structure.name, period=utcnow().date().replace(day=1), hours=hours)
    db.session.add(row)
    db.session.commit()
    return row
