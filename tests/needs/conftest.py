"""Needs fixtures: CPV codes of each type, buyers, SSE companies and a need maker."""
import pytest

from matchfair.extensions import db
from matchfair.needs import services
from matchfair.needs.models import NeedStatus
from matchfair.reference.models import CpvCode
from matchfair.reference.services import cpv_search_text

from .. import factories

# (code8, check digit, type, French label, English label), as in the CPV 2008 list.
CPV_ROWS = [
    ("90910000", "9", "services", "Services de nettoyage", "Cleaning services"),
    ("90911200", "8", "services", "Services de nettoyage de bâtiments", "Building-cleaning services"),
    ("77310000", "6", "services", "Services de plantation et d'entretien d'espaces verts",
     "Planting and maintenance services of green areas"),
    ("45400000", "1", "works", "Travaux de parachèvement de bâtiment", "Building completion work"),
    ("45440000", "3", "works", "Travaux de peinture et de vitrerie", "Painting and glazing work"),
    ("39160000", "1", "supplies", "Mobilier scolaire", "School furniture"),
]
CLEANING, BUILDING_CLEANING, GREEN, WORKS, PAINTING, FURNITURE = (row[0] for row in CPV_ROWS)


@pytest.fixture(autouse=True)
def cpv_codes():
    for code8, check, type_, label_fr, label_en in CPV_ROWS:
        level = len(code8.rstrip("0"))
        db.session.add(CpvCode(
            code8=code8, code=f"{code8}-{check}", level=level, type=type_, parent8=code8[:2].ljust(8, "0"),
            label_fr=label_fr, label_en=label_en, search_text=cpv_search_text(code8, label_fr, label_en),
        ))
    db.session.commit()
    return [row[0] for row in CPV_ROWS]


def org_of(user):
    return user.memberships[0].organisation


@pytest.fixture
def buyer(buyer_admin):
    """The buyer organisation of `buyer_admin`."""
    return org_of(buyer_admin)


@pytest.fixture
def other_buyer_admin():
    return factories.MembershipFactory(organisation=factories.BuyerFactory(name="Autre acheteur")).user


@pytest.fixture
def organiser_admin():
    return factories.MembershipFactory(organisation=factories.OrganisationFactory(kind="organiser",
                                                                                 name="CRESS de test")).user


def need_data(**overrides) -> dict:
    """Valid need data, as NeedForm.need_data() gives it."""
    data = {
        "title": "Nettoyage des locaux", "description": "Nettoyage quotidien de 3 000 m² de bureaux.",
        "department_code": "31", "estimated_amount_eur": 45_000, "expected_publication_date": None,
        "contract_start_date": None, "duration_months": 24, "is_renewal": False,
        "current_contract_end_date": None, "procedure": "undecided", "reservation": "none",
        "social_clause": "none", "insertion_hours": None, "environmental_clause": False, "innovative": False,
        "contact_name": "Camille Achat", "contact_email": "camille@acheteur.fr", "contact_phone": None,
        "cpv_codes": [BUILDING_CLEANING], "lots": [],
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_need(buyer_admin):
    """make_need(status="draft", actor=buyer_admin, **data overrides): a committed need."""

    def _make(status: str = NeedStatus.DRAFT.value, actor=None, **overrides):
        actor = actor or buyer_admin
        need = services.create_need(actor, org_of(actor), need_data(**overrides))
        if status != NeedStatus.DRAFT:
            services.publish_need(actor, need)
        if status == NeedStatus.CLOSED:
            services.close_need(actor, need)
        if status == NeedStatus.AWARDED:
            services.award_need(actor, need, outside_name="Entreprise Dupont", amount_eur=40_000)
        db.session.commit()
        return need

    return _make


@pytest.fixture
def sse_company():
    return factories.OrganisationFactory(name="Éclat Propreté Insertion", search_text="eclat proprete insertion")



def form_data(**overrides) -> dict:
    """What the need form posts, valid (no lot rows), with `overrides` (None removes a key)."""
    data = {
        "title": "Nettoyage des locaux", "description": "Nettoyage quotidien de 3 000 m² de bureaux.",
        "cpv_codes": BUILDING_CLEANING, "department_code": "31", "estimated_amount_eur": "45 000",
        "expected_publication_date": "", "contract_start_date": "", "duration_months": "24",
        "current_contract_end_date": "", "procedure": "undecided", "reservation": "none", "social_clause": "none",
        "insertion_hours": "", "contact_name": "Camille Achat", "contact_email": "camille@acheteur.fr",
        "contact_phone": "", "action": "save",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
