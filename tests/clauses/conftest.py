"""Social-clause fixtures: CPV codes; a buyer (Région Occitanie, Haute-Garonne) whose needs are made
through the needs services; SSE companies and insertion structures saved through the profile service
(so that the matching engine sees them); facilitators with their territory; and helpers writing the
clause rows (help relations, proposals, notes, hours) directly, so that no e-mail is queued by a
fixture. Every helper commits."""
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from matchfair.clauses.models import ClauseProposal, ClauseSupport, FacilitatorNote, InsertionHours, SupportStatus
from matchfair.engine.clauses import calibrate
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

# (code8, check digit, level, type, French label, English label), as in the CPV 2008 list.
CPV_ROWS = [
    ("90910000", "9", 4, "services", "Services de nettoyage", "Cleaning services"),
    ("90911200", "8", 6, "services", "Services de nettoyage de bâtiments", "Building-cleaning services"),
    ("77310000", "6", 4, "services", "Réalisation et entretien d'espaces verts",
     "Planting and maintenance services of green areas"),
    ("45400000", "1", 3, "works", "Travaux de parachèvement de bâtiment", "Building completion work"),
    ("45440000", "3", 4, "works", "Travaux de peinture et de vitrerie", "Painting and glazing work"),
    ("39160000", "1", 4, "supplies", "Mobilier scolaire", "School furniture"),
    ("72212000", "4", 5, "services", "Services de programmation de logiciels d'application",
     "Programming services of application software"),
]
CLEANING, BUILDING_CLEANING, GREEN, WORKS, PAINTING, FURNITURE, SOFTWARE = (row[0] for row in CPV_ROWS)

# The issue's example: 2 400 000 € × 80 % ÷ 32 €/h × 2 % = 1 200 hours.
ISSUE_PROPOSAL = {"amount_eur": "2 400 000", "labour_share_pct": "80", "hourly_cost_cents": "32",
                  "insertion_rate_tenths": "2"}


@pytest.fixture(autouse=True)
def cpv_codes(app):
    get_cache().clear()  # the app outlives each test's rows: start from a new matching index
    for code8, check, level, type_, fr, en in CPV_ROWS:
        db.session.add(CpvCode(code8=code8, code=f"{code8}-{check}", level=level, type=type_,
                               parent8=code8[:2].ljust(8, "0"), label_fr=fr, label_en=en,
                               search_text=cpv_search_text(code8, fr, en)))
    db.session.commit()
    yield [row[0] for row in CPV_ROWS]
    get_cache().clear()


@dataclass
class Member:
    """An organisation and one of its users (an admin unless said otherwise)."""

    org: object
    user: object


def text_of(response) -> str:
    """The response's text, entities decoded and the no-break spaces of French numbers made plain."""
    import html

    return html.unescape(response.get_data(as_text=True)).replace("\u00a0", " ").replace("\u202f", " ")


def this_month() -> date:
    return utcnow().date().replace(day=1)


def months_ago(n: int) -> date:
    month = this_month()
    for _ in range(n):
        month = (month - timedelta(days=1)).replace(day=1)
    return month


def need_data(**overrides) -> dict:
    """Valid need data, as NeedForm.need_data() gives it: a labour-heavy cleaning need in Haute-Garonne."""
    data = {
        "title": "Nettoyage des lycées de la Haute-Garonne",
        "description": "Nettoyage quotidien des locaux de 14 lycées de la Haute-Garonne.",
        "department_code": "31", "estimated_amount_eur": 2_400_000, "expected_publication_date": None,
        "contract_start_date": None, "duration_months": 48, "is_renewal": False,
        "current_contract_end_date": None, "procedure": "tender", "reservation": "none",
        "social_clause": "execution", "insertion_hours": None, "environmental_clause": False,
        "innovative": False, "contact_name": "Camille Achat", "contact_email": "camille@region.fr",
        "contact_phone": None, "cpv_codes": [BUILDING_CLEANING], "lots": [],
    }
    data.update(overrides)
    return data


def make_facilitator_org(name: str, departments=("31",), department_code: str | None = None):
    org = factories.OrganisationFactory(kind=OrgKind.FACILITATOR, name=name,
                                        department_code=department_code or (departments[0] if departments else "31"))
    org.areas = [OrganisationArea(kind=AreaKind.DEPARTMENT.value, code=c) for c in departments]
    db.session.commit()
    return org


@pytest.fixture
def make_facilitator():
    """make_facilitator(name, departments=("31",)) -> Member(facilitator organisation, its admin)."""

    def _make(name: str, departments=("31",), **kwargs) -> Member:
        org = make_facilitator_org(name, departments, **kwargs)
        return Member(org, factories.MembershipFactory(organisation=org).user)

    return _make


@pytest.fixture
def plie(make_facilitator):
    """The facilitator that helps the buyer (once a support makes it so): covers Haute-Garonne."""
    return make_facilitator("PLIE Garonne Emploi", ("31",))


@pytest.fixture
def neighbour(make_facilitator):
    """Another facilitator whose territory includes Haute-Garonne (and Tarn-et-Garonne)."""
    return make_facilitator("Maison de l'emploi du Grand Toulouse", ("31", "82"))


@pytest.fixture
def tarn(make_facilitator):
    """A facilitator outside the need's territory: it covers the Tarn only."""
    return make_facilitator("Maison de l'emploi du Tarn", ("81",))


@pytest.fixture
def buyer():
    membership = factories.MembershipFactory(
        organisation=factories.BuyerFactory(name="Région Occitanie", department_code="31"),
        user=factories.UserFactory(full_name="Camille Achat"))
    return Member(membership.organisation, membership.user)


@pytest.fixture
def other_buyer():
    membership = factories.MembershipFactory(organisation=factories.BuyerFactory(name="Ville de Muret"))
    return Member(membership.organisation, membership.user)


def sse_profile(**overrides) -> dict:
    """Profile data of an SSE company, as SseProfileForm.profile_data() gives it."""
    data = {"statuses": ["ess", "siae"], "siae_kind": "EI", "national": False, "area_departments": ["31"],
            "area_regions": [], "cpv_codes": [BUILDING_CLEANING], "headcount": 20, "insertion_employees": 12,
            "capacity_eur": None, "labels": None,
            "description": "Entreprise d'insertion : nettoyage de bâtiments publics, lycées et bureaux."}
    data.update(overrides)
    return data


@pytest.fixture
def make_company():
    """make_company(name, department="31", listed=True, **profile overrides) -> Member(SSE company, admin),
    its profile saved through the service (so the matching index sees it)."""

    def _make(name: str, department: str = "31", listed: bool = True, **overrides) -> Member:
        membership = factories.MembershipFactory(organisation=factories.OrganisationFactory(
            name=name, department_code=department, is_listed=listed))
        org_services.save_profile(membership.user, membership.organisation, sse_profile(**overrides))
        db.session.commit()
        return Member(membership.organisation, membership.user)

    return _make


@pytest.fixture
def winner(make_company):
    """The SSE company the need is awarded to (an insertion company of Haute-Garonne)."""
    return make_company("Éclat Propreté Insertion")


@pytest.fixture
def sse(make_company):
    """Another SSE company, not the winner."""
    return make_company("Les Jardins du Comminges", statuses=["ess"], siae_kind=None, cpv_codes=[GREEN])


@pytest.fixture
def geiq(make_company):
    """A GEIQ of Haute-Garonne: a structure hours may be recorded for, besides the winner."""
    return make_company("GEIQ Propreté Occitanie", statuses=["ess", "geiq"], siae_kind=None)


@pytest.fixture
def make_need(buyer):
    """make_need(status="published", actor=buyer.user, winner=None, **data overrides) -> a committed need.
    "awarded" awards it to `winner` (an Organisation) or, without one, to an outside company."""

    def _make(status: str = NeedStatus.PUBLISHED.value, actor=None, winner=None, **overrides):
        actor = actor or buyer.user
        need = need_services.create_need(actor, actor.memberships[0].organisation, need_data(**overrides))
        if status != NeedStatus.DRAFT:
            need_services.publish_need(actor, need)
        if status == NeedStatus.CLOSED:
            need_services.close_need(actor, need)
        if status == NeedStatus.AWARDED:
            if winner is not None:
                need_services.award_need(actor, need, organisation=winner, amount_eur=2_300_000)
            else:
                need_services.award_need(actor, need, outside_name="Entreprise Dupont", amount_eur=2_300_000)
        db.session.commit()
        return need

    return _make


@pytest.fixture
def need(make_need):
    """The Région's published cleaning need in Haute-Garonne, with an execution clause and no hours yet."""
    return make_need()


def add_support(need, facilitator, status=SupportStatus.ACTIVE, by=None, message=None) -> ClauseSupport:
    now = utcnow()
    row = ClauseSupport(need_id=need.id, facilitator_id=facilitator.id, status=status, message=message,
                        created_by_id=by.id if by else None, created_at=now,
                        decided_at=now if status != SupportStatus.OFFERED else None)
    db.session.add(row)
    db.session.commit()
    return row


def add_proposal(support, amount=2_400_000, share=80, cost_cents=3200, rate_tenths=20, comment=None,
                 adopted_by=None) -> ClauseProposal:
    result = calibrate(amount, share, cost_cents, rate_tenths)
    row = ClauseProposal(support_id=support.id, need_id=support.need_id, amount_eur=amount, labour_share_pct=share,
                         hourly_cost_cents=cost_cents, insertion_rate_tenths=rate_tenths, hours=result.hours,
                         comment=comment, adopted_at=utcnow() if adopted_by else None,
                         adopted_by_id=adopted_by.id if adopted_by else None)
    db.session.add(row)
    db.session.commit()
    return row


def add_note(need, facilitator, author, body) -> FacilitatorNote:
    row = FacilitatorNote(need_id=need.id, facilitator_id=facilitator.id, author_id=author.id, body=body)
    db.session.add(row)
    db.session.commit()
    return row


def add_hours(need, facilitator, structure, period: date, hours: int) -> InsertionHours:
    row = InsertionHours(need_id=need.id, facilitator_id=facilitator.id, structure_id=structure.id,
                         structure_name=structure.name, period=period, hours=hours)
    db.session.add(row)
    db.session.commit()
    return row


def award_earlier(need, months: int = 3) -> None:
    """Move a need's award date `months` months back (about), so that past months can be recorded."""
    need.awarded_at = utcnow() - timedelta(days=31 * months)
    db.session.commit()
