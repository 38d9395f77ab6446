"""Fixtures for the offers tests: an SSE company with its admin and a member, other organisations,
CPV codes below the divisions, and make_offer() to store an offer directly."""
import pytest

from matchfair.extensions import db
from matchfair.offers.models import Offer, OfferArea, OfferCpv, OfferReference
from matchfair.organisations.models import OrganisationArea
from matchfair.reference.models import CpvCode
from matchfair.reference.services import cpv_search_text

from .. import factories

# Real rows of the CPV 2008 list: (code8, check digit, level, French label, English label).
CPV_ROWS = [
    ("90910000", "9", 4, "Services de nettoyage", "Cleaning services"),
    ("90911200", "8", 6, "Services de nettoyage de bâtiments", "Building-cleaning services"),
    ("90911300", "9", 6, "Services de nettoyage de vitres", "Window-cleaning services"),
    ("77310000", "6", 4, "Réalisation et entretien d'espaces verts", "Planting and maintenance services of green areas"),
]


def org_of(user):
    """The (first) organisation of a factory-made user."""
    return user.memberships[0].organisation


@pytest.fixture
def cpv_codes():
    """The codes of CPV_ROWS (the divisions are always there)."""
    for code8, check, level, label_fr, label_en in CPV_ROWS:
        db.session.add(CpvCode(code8=code8, code=f"{code8}-{check}", level=level, type="services", parent8=None,
                               label_fr=label_fr, label_en=label_en,
                               search_text=cpv_search_text(code8, label_fr, label_en)))
    db.session.commit()
    return [row[0] for row in CPV_ROWS]


@pytest.fixture
def sse_org(sse_admin):
    """The SSE company of `sse_admin`, working in Haute-Garonne and the Tarn."""
    org = org_of(sse_admin)
    org.areas = [OrganisationArea(kind="department", code="31"), OrganisationArea(kind="department", code="81")]
    org.capacity_eur = 150_000
    db.session.commit()
    return org


@pytest.fixture
def sse_member(sse_org):
    """A confirmed user, member (not admin) of `sse_org`."""
    return factories.MembershipFactory(organisation=sse_org, role="member").user


@pytest.fixture
def outsider():
    """A confirmed user, admin of another SSE company."""
    return factories.MembershipFactory(organisation=factories.OrganisationFactory(name="Autre structure")).user


@pytest.fixture
def make_offer(cpv_codes):
    """make_offer(org, title=..., codes=[...], departments=[...], references=[(client, desc, year, amount)], ...)."""

    def _make(org, title="Nettoyage de bureaux", codes=("90911200",), departments=(), regions=(),
              references=(), **columns):
        columns.setdefault("is_published", True)
        columns.setdefault("national", False)
        offer = Offer(organisation=org, title=title, **columns)
        offer.cpv_links = [OfferCpv(code8=c, cpv=db.session.get(CpvCode, c)) for c in codes]
        offer.areas = ([OfferArea(kind="department", code=c) for c in departments]
                       + [OfferArea(kind="region", code=c) for c in regions])
        offer.references = [OfferReference(client=c, description=d, year=y, amount_eur=a) for c, d, y, a in references]
        db.session.add(offer)
        db.session.commit()
        return offer

    return _make
