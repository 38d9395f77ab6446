"""Groupings fixtures: CPV codes, SSE companies and a multi-lot need made through the real services,
and groupings in every state."""
from dataclasses import dataclass

import pytest

from matchfair.extensions import db
from matchfair.groupings.models import Grouping, GroupingMember
from matchfair.groupings.suggestions import CACHE_KEY
from matchfair.matching.cache import get_cache
from matchfair.needs import services as need_services
from matchfair.organisations import services as org_services
from matchfair.reference.models import CpvCode
from matchfair.reference.services import cpv_search_text
from matchfair.timeutil import utcnow

from .. import factories

CLEANING, WINDOWS, GREEN, PAINTING = "90911200", "90911300", "77310000", "45440000"
CPV_ROWS = [
    (CLEANING, "8", 6, "services", "Services de nettoyage de bâtiments", "Building-cleaning services"),
    (WINDOWS, "9", 6, "services", "Services de nettoyage de vitres", "Window-cleaning services"),
    (GREEN, "6", 4, "services", "Réalisation et entretien d'espaces verts",
     "Planting and maintenance services of green areas"),
    (PAINTING, "3", 4, "works", "Travaux de peinture et de vitrerie", "Painting and glazing work"),
]


@pytest.fixture(autouse=True)
def cpv_codes(app):
    get_cache().clear()  # the app outlives each test's database: every test starts from a new index
    app.extensions.pop(CACHE_KEY, None)
    for code8, check, level, type_, fr, en in CPV_ROWS:
        db.session.add(CpvCode(code8=code8, code=f"{code8}-{check}", level=level, type=type_,
                               parent8=code8[:2].ljust(8, "0"), label_fr=fr, label_en=en,
                               search_text=cpv_search_text(code8, fr, en)))
    db.session.commit()
    yield
    get_cache().clear()
    app.extensions.pop(CACHE_KEY, None)


@dataclass
class Made:
    org: object
    user: object


def profile(**overrides) -> dict:
    data = {"statuses": ["ess", "siae"], "siae_kind": "EI", "national": False, "area_departments": [],
            "area_regions": [], "cpv_codes": [CLEANING], "headcount": 20, "insertion_employees": 12,
            "capacity_eur": None, "labels": None, "description": "Structure d'insertion."}
    data.update(overrides)
    return data


@pytest.fixture
def make_company():
    """make_company(name, department="31", listed=True, **profile overrides) -> Made(org, admin user)."""

    def _make(name: str, department: str = "31", listed: bool = True, **overrides) -> Made:
        membership = factories.MembershipFactory(organisation=factories.OrganisationFactory(
            name=name, department_code=department, is_listed=listed))
        org_services.save_profile(membership.user, membership.organisation, profile(**overrides))
        db.session.commit()
        return Made(membership.organisation, membership.user)

    return _make


@pytest.fixture
def eclat(make_company):
    """An insertion company that cleans buildings in Haute-Garonne, capacity 500 000 €."""
    return make_company("Éclat Propreté", cpv_codes=[CLEANING], capacity_eur=500_000,
                        description="Nettoyage de bâtiments, bureaux et lycées.")


@pytest.fixture
def jardins(make_company):
    """An insertion company for green spaces, capacity 300 000 €."""
    return make_company("Jardins du Lauragais", cpv_codes=[GREEN], capacity_eur=300_000,
                        description="Entretien d'espaces verts et de parcs.")


@pytest.fixture
def peinture(make_company):
    """An ESS company (not an insertion structure) for green spaces and painting, capacity 900 000 €."""
    return make_company("Couleurs Coopératives", statuses=["ess"], siae_kind=None, cpv_codes=[GREEN, PAINTING],
                        capacity_eur=900_000, description="Peinture et espaces verts, coopérative.")


@pytest.fixture
def buyer():
    membership = factories.MembershipFactory(organisation=factories.BuyerFactory(name="Région Occitanie"))
    return Made(membership.organisation, membership.user)


def need_data(**overrides) -> dict:
    data = {
        "title": "Entretien des lycées", "description": "Nettoyage et espaces verts des lycées de Toulouse.",
        "department_code": "31", "estimated_amount_eur": 750_000, "expected_publication_date": None,
        "contract_start_date": None, "duration_months": 24, "is_renewal": False,
        "current_contract_end_date": None, "procedure": "undecided", "reservation": "none",
        "social_clause": "none", "insertion_hours": None, "environmental_clause": False, "innovative": False,
        "contact_name": "Camille Achat", "contact_email": "camille@acheteur.fr", "contact_phone": None,
        "cpv_codes": [CLEANING, GREEN], "lots": [
            {"title": "Nettoyage", "cpv_codes": [CLEANING], "estimated_amount_eur": 400_000},
            {"title": "Espaces verts", "cpv_codes": [GREEN], "estimated_amount_eur": 350_000},
        ],
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_need(buyer):
    """make_need(publish=True, **data overrides) -> a committed need of `buyer` (two lots by default)."""

    def _make(publish: bool = True, **overrides):
        need = need_services.create_need(buyer.user, buyer.org, need_data(**overrides))
        if publish:
            need_services.publish_need(buyer.user, need)
        db.session.commit()
        return need

    return _make


@pytest.fixture
def make_grouping():
    """make_grouping(lead, partners={org: status}, need=None, name=...) -> a committed Grouping."""

    def _make(lead, partners: dict, need=None, name: str = "Groupement des lycées"):
        now = utcnow()
        grouping = Grouping(name=name, lead_organisation=lead, need=need, created_at=now)
        grouping.members.append(GroupingMember(organisation=lead, status="accepted", invited_at=now,
                                               responded_at=now))
        for org, status in partners.items():
            grouping.members.append(GroupingMember(organisation=org, status=status, invited_at=now,
                                                   responded_at=None if status == "invited" else now))
        db.session.add(grouping)
        db.session.commit()
        return grouping

    return _make


@pytest.fixture
def outsider():
    """A confirmed admin of an SSE company involved in no grouping."""
    return factories.MembershipFactory(organisation=factories.OrganisationFactory(name="Structure étrangère")).user


def page_text(response_or_html) -> str:
    """A page's text: tags removed, entities decoded, every kind of space made one plain space."""
    import html
    import re

    source = response_or_html if isinstance(response_or_html, str) else response_or_html.get_data(as_text=True)
    return re.sub(r"[\s\u00a0\u202f]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", source)))
