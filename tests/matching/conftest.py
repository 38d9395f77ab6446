"""Matching fixtures: CPV codes, SSE suppliers and needs made through the real services.

Suppliers are saved with organisations.services.save_profile and needs with the needs services,
so the matching versions move exactly as they do in the application.
"""
from dataclasses import dataclass

import pytest

from matchfair.extensions import db
from matchfair.matching.cache import get_cache
from matchfair.needs import services as need_services
from matchfair.organisations import services as org_services
from matchfair.reference.models import CpvCode
from matchfair.reference.services import cpv_search_text

from .. import factories

# (code8, check digit, level, type, French label, English label), as in the CPV 2008 list.
CPV_ROWS = [
    ("90900000", "6", 3, "services", "Services de nettoyage et d'hygiène", "Cleaning and sanitation services"),
    ("90910000", "9", 4, "services", "Services de nettoyage", "Cleaning services"),
    ("90911000", "6", 5, "services", "Services de nettoyage de logements, de bâtiments et de vitres",
     "Accommodation, building and window cleaning services"),
    ("90911200", "8", 6, "services", "Services de nettoyage de bâtiments", "Building-cleaning services"),
    ("90911300", "9", 6, "services", "Services de nettoyage de vitres", "Window-cleaning services"),
    ("90919200", "4", 6, "services", "Services de nettoyage de bureaux", "Office cleaning services"),
    ("77310000", "6", 4, "services", "Réalisation et entretien d'espaces verts",
     "Planting and maintenance services of green areas"),
    ("55520000", "1", 4, "services", "Services traiteur", "Catering services"),
]


@pytest.fixture(autouse=True)
def cpv_codes(app):
    get_cache().clear()  # the app outlives each test's database: start every test from a new index
    for code8, check, level, type_, fr, en in CPV_ROWS:
        db.session.add(CpvCode(code8=code8, code=f"{code8}-{check}", level=level, type=type_,
                               parent8=code8[:2].ljust(8, "0"), label_fr=fr, label_en=en,
                               search_text=cpv_search_text(code8, fr, en)))
    db.session.commit()
    yield
    get_cache().clear()


def org_of(user):
    return user.memberships[0].organisation


def sse_profile(**overrides) -> dict:
    """Profile data as SseProfileForm.profile_data() gives it."""
    data = {"statuses": ["ess", "siae"], "siae_kind": "EI", "national": False, "area_departments": [],
            "area_regions": [], "cpv_codes": ["90911200"], "headcount": 20, "insertion_employees": 12,
            "capacity_eur": None, "labels": None,
            "description": "Entreprise d'insertion : nettoyage de bâtiments publics, lycées et bureaux."}
    data.update(overrides)
    return data


@dataclass
class Made:
    org: object
    user: object


@pytest.fixture
def make_supplier():
    """make_supplier(name, department="31", listed=True, **profile overrides) -> Made(org, admin user)."""

    def _make(name: str, department: str = "31", listed: bool = True, **overrides) -> Made:
        membership = factories.MembershipFactory(organisation=factories.OrganisationFactory(
            name=name, department_code=department, is_listed=listed))
        org_services.save_profile(membership.user, membership.organisation, sse_profile(**overrides))
        db.session.commit()
        return Made(membership.organisation, membership.user)

    return _make


def need_data(**overrides) -> dict:
    """Valid need data, as NeedForm.need_data() gives it."""
    data = {
        "title": "Nettoyage des lycées de la région", "description": "Nettoyage quotidien des lycées de Toulouse.",
        "department_code": "31", "estimated_amount_eur": 400_000, "expected_publication_date": None,
        "contract_start_date": None, "duration_months": 24, "is_renewal": False,
        "current_contract_end_date": None, "procedure": "undecided", "reservation": "none",
        "social_clause": "none", "insertion_hours": None, "environmental_clause": False, "innovative": False,
        "contact_name": "Camille Achat", "contact_email": "camille@acheteur.fr", "contact_phone": None,
        "cpv_codes": ["90911200"], "lots": [],
    }
    data.update(overrides)
    return data


@pytest.fixture
def buyer():
    """Made(org, admin user) of a buyer."""
    membership = factories.MembershipFactory(organisation=factories.BuyerFactory(name="Région Occitanie"))
    return Made(membership.organisation, membership.user)


@pytest.fixture
def make_need(buyer):
    """make_need(publish=True, actor=buyer.user, **data overrides) -> a committed need."""

    def _make(publish: bool = True, actor=None, **overrides):
        actor = actor or buyer.user
        need = need_services.create_need(actor, org_of(actor), need_data(**overrides))
        if publish:
            need_services.publish_need(actor, need)
        db.session.commit()
        return need

    return _make
