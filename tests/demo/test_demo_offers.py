"""The demo's offers: most companies have one to three, consistent with their activities, in French,
with valid codes and believable references; the same every time; removed by --reset."""
from collections import Counter

import pytest
from sqlalchemy import func, select

from matchfair.demo import offers as demo_offers
from matchfair.demo.data_activities import ACTIVITIES
from matchfair.demo.data_companies import COMPANIES, SHOWCASE
from matchfair.demo.data_cpv import CPV_CODES
from matchfair.demo.reference_codes import used_codes
from matchfair.extensions import db
from matchfair.offers.models import Offer, OfferCpv, OfferReference
from matchfair.organisations.models import Organisation, OrgKind
from matchfair.reference.models import CpvCode


def _offers() -> list[Offer]:
    return list(db.session.scalars(select(Offer).order_by(Offer.id)))


def test_templates_use_only_their_activity_codes():
    shipped = {code[:8] for code, *_ in CPV_CODES}
    assert set(demo_offers.OFFERS) == set(ACTIVITIES)
    for key, templates in demo_offers.OFFERS.items():
        assert templates, key
        for template in templates:
            assert template.cpv and set(template.cpv) <= set(ACTIVITIES[key].cpv), (key, template.title)
            assert len(template.refs) >= 2
            for ref in template.refs:
                assert ref.amount[0] <= ref.amount[1]
    for fixed_offers in demo_offers.SHOWCASE_OFFERS.values():
        for fixed in fixed_offers:
            assert set(fixed.cpv) <= used_codes() <= shipped


@pytest.mark.usefixtures("loaded")
def test_most_companies_have_one_to_three_offers():
    per_org = Counter(o.organisation_id for o in _offers())
    sse = db.session.scalar(select(func.count()).select_from(Organisation).where(Organisation.kind == OrgKind.SSE))
    assert sse == len(COMPANIES)
    assert len(per_org) >= 0.75 * sse
    assert all(1 <= n <= 3 for n in per_org.values())
    kinds = set(db.session.scalars(select(Organisation.kind).where(Organisation.id.in_(per_org))))
    assert kinds == {OrgKind.SSE}
    offers = _offers()
    unpublished = [o for o in offers if not o.is_published]
    assert 0 < len(unpublished) < 0.2 * len(offers)


@pytest.mark.usefixtures("loaded")
def test_codes_exist_and_match_the_company_activities():
    known = set(db.session.scalars(select(CpvCode.code8)))
    activity_of = {name: keys for _d, _t, name, _p, _l, keys in COMPANIES}
    for offer in _offers():
        assert offer.cpv_codes and set(offer.cpv_codes) <= known, offer.title
        allowed = {c for key in activity_of[offer.organisation.name] for c in ACTIVITIES[key].cpv}
        assert set(offer.cpv_codes) <= allowed, (offer.organisation.name, offer.title)


@pytest.mark.usefixtures("loaded")
def test_offers_and_references_are_believable():
    for offer in _offers():
        assert 5 <= len(offer.title) <= 200 and "{" not in offer.title, offer.title
        assert offer.description and "{" not in offer.description and len(offer.description) <= 5000
        if offer.areas:
            assert [(a.kind, a.code) for a in offer.areas] == [("department", offer.organisation.department_code)]
        if offer.capacity_eur is not None:
            assert 0 < offer.capacity_eur <= offer.organisation.capacity_eur
        assert offer.references, offer.title
        for ref in offer.references:
            assert ref.client and "{" not in ref.client and " de A" not in ref.client, ref.client
            assert "{" not in (ref.description or "")
            assert 2019 <= ref.year <= 2025 and 0 < ref.amount_eur < 2_000_000_000


@pytest.mark.usefixtures("loaded")
def test_the_showcase_cleaning_company_offer():
    org = db.session.scalars(select(Organisation).where(Organisation.name == "Éclat Propreté Insertion")).one()
    assert "Éclat Propreté Insertion" in SHOWCASE
    offer = db.session.scalars(select(Offer).where(Offer.organisation_id == org.id).order_by(Offer.id)).first()
    assert offer.title == "Nettoyage de locaux et vitrerie en Haute-Garonne" and offer.is_published
    assert [(a.kind, a.code) for a in offer.areas] == [("department", "31")]
    first = offer.references[0]
    assert (first.client, first.description, first.year, first.amount_eur) == (
        "Mairie de Muret", "nettoyage de 3 écoles", 2024, 48_000)


def test_the_demo_offers_are_the_same_every_time(loaded, run_demo):
    def snapshot():
        rows = db.session.execute(
            select(Organisation.name, Offer.title, Offer.description, Offer.is_published, Offer.capacity_eur)
            .join(Organisation, Organisation.id == Offer.organisation_id).order_by(Offer.id))
        refs = db.session.execute(select(OfferReference.client, OfferReference.description, OfferReference.year,
                                         OfferReference.amount_eur).order_by(OfferReference.id))
        return [tuple(r) for r in rows], [tuple(r) for r in refs]

    first = snapshot()
    assert run_demo("--reset").exit_code == 0
    db.session.expire_all()
    assert snapshot() == first


def test_reset_removes_the_demo_offers_only(loaded, run_demo):
    from tests import factories

    mine = factories.OrganisationFactory(name="Pas de la démo")
    db.session.add(Offer(organisation=mine, title="Offre hors démo", national=False, is_published=True))
    db.session.commit()
    count = db.session.scalar(select(func.count()).select_from(Offer))
    assert run_demo("--reset").exit_code == 0
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Offer)) == count
    assert db.session.scalars(select(Offer).where(Offer.title == "Offre hors démo")).one()
    assert db.session.scalar(select(func.count()).select_from(OfferCpv)) > 0
