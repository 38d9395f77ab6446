"""The loaded demo is believable and consistent: SIRET, territory, CPV codes, statuses, buyers, texts."""
import re
from collections import Counter

import pytest
from sqlalchemy import select
from stdnum.fr import siret

from matchfair.demo.identity import DEMO_DOMAIN
from matchfair.engine.territory import DEPARTMENTS, REGIONS, departments_of, region_of
from matchfair.extensions import db
from matchfair.organisations.choices import (
    LEGAL_FORM_LABELS, PURCHASING_BAND_LABELS, SPASER_MANDATORY_BANDS,
)
from matchfair.organisations.models import (
    AreaKind, BuyerType, OrgKind, Organisation, OrganisationCpv, OrganisationStatus, SiaeKind, SseStatus,
)
from matchfair.reference.models import CpvCode

pytestmark = pytest.mark.usefixtures("loaded")


def _orgs(kind=None) -> list[Organisation]:
    statement = select(Organisation).order_by(Organisation.id)
    if kind:
        statement = statement.where(Organisation.kind == kind)
    return list(db.session.scalars(statement))


def test_every_siret_is_valid_and_unique():
    sirets = [org.siret for org in _orgs()]
    assert all(s and siret.is_valid(s) for s in sirets)
    assert len(set(sirets)) == len(sirets)


def test_every_place_is_in_the_territory():
    for org in _orgs():
        assert org.department_code in DEPARTMENTS, org.name
        assert org.postcode.startswith(org.department_code), org.name
        for area in org.areas:
            valid = DEPARTMENTS if area.kind == AreaKind.DEPARTMENT else REGIONS
            assert area.code in valid, (org.name, area.code)


def test_companies_are_spread_over_occitanie_with_a_few_from_elsewhere():
    companies = _orgs(OrgKind.SSE)
    by_department = Counter(org.department_code for org in companies)
    occitanie = departments_of("76")
    assert set(occitanie) <= set(by_department)
    assert [code for code, _ in by_department.most_common(2)] == ["31", "34"]
    elsewhere = [org for org in companies if region_of(org.department_code) != "76"]
    national = [org for org in companies if org.national]
    assert 5 <= len(elsewhere) <= 20
    assert 3 <= len(national) <= 10
    assert all(not org.areas for org in national)
    # Every company outside the region still works in at least one Occitanie department.
    for org in elsewhere:
        if not org.national:
            assert any(region_of(a.code) == "76" for a in org.areas), org.name


def test_every_cpv_code_exists_and_companies_have_one_to_five():
    known = set(db.session.scalars(select(CpvCode.code8)))
    links = list(db.session.scalars(select(OrganisationCpv)))
    assert {link.code8 for link in links} <= known
    for org in _orgs(OrgKind.SSE):
        assert 1 <= len(org.cpv_links) <= 5, org.name
    # The inserted codes hang on their parents: the tree is whole.
    for code in db.session.scalars(select(CpvCode).where(CpvCode.level > 2)):
        assert code.parent8 in known, code.code8


def test_statuses_and_figures_are_consistent():
    siae_kinds = {k.value for k in SiaeKind}
    for org in _orgs(OrgKind.SSE):
        statuses = org.status_values
        assert statuses and statuses <= {s.value for s in SseStatus}, org.name
        assert ("siae" in statuses) == (org.siae_kind is not None), org.name
        assert org.siae_kind is None or org.siae_kind in siae_kinds
        assert (org.insertion_employees is not None) == bool(statuses & {"siae", "geiq"}), org.name
        assert 0 < org.headcount
        assert org.insertion_employees is None or 0 < org.insertion_employees <= org.headcount
        assert 20_000 <= org.capacity_eur <= 2_000_000
        assert org.legal_form in LEGAL_FORM_LABELS, org.name
        if statuses & {"ea", "esat"}:
            assert "handicap" in org.description, org.name
        if "esat" in statuses:
            assert org.legal_form in ("association", "etablissement_public"), org.name
        if org.legal_form in ("scop", "scic", "association", "fondation"):
            assert "ess" in statuses, org.name


def test_statuses_come_in_believable_proportions():
    statuses = Counter(db.session.scalars(select(OrganisationStatus.status)))
    companies = len(_orgs(OrgKind.SSE))
    assert 0.3 <= statuses["siae"] / companies <= 0.55
    assert statuses["ea"] >= 8 and statuses["esat"] >= 8
    assert 2 <= statuses["geiq"] <= 10 and 3 <= statuses["esus"] <= 15
    kinds = Counter(org.siae_kind for org in _orgs(OrgKind.SSE) if org.siae_kind)
    assert set(kinds) == {k.value for k in SiaeKind}
    assert kinds["ACI"] > kinds["ETTI"]
    unlisted = [org for org in _orgs(OrgKind.SSE) if not org.is_listed]
    assert 1 <= len(unlisted) <= 10


def test_buyers_are_typed_banded_and_say_they_are_a_demo():
    buyers = _orgs(OrgKind.BUYER)
    types = Counter(org.buyer_type for org in buyers)
    assert set(types) == {t.value for t in BuyerType}
    assert types["hospital"] >= 2 and 2 <= types["private"] <= 3
    for org in buyers:
        assert org.purchasing_band in PURCHASING_BAND_LABELS, org.name
        assert "(démo)" not in org.name
        assert "démonstration" in org.description, org.name
        if org.buyer_type == "private":
            assert org.spaser_adopted is None
        elif org.purchasing_band in SPASER_MANDATORY_BANDS:
            assert org.spaser_adopted is True, org.name
    organiser = _orgs(OrgKind.ORGANISER)[0]
    assert "CRESS" in organiser.name and "démonstration" in organiser.description


def test_descriptions_are_written_texts_all_different():
    companies = _orgs(OrgKind.SSE)
    descriptions = [org.description for org in companies]
    assert len(set(descriptions)) == len(descriptions)
    for text in descriptions:
        assert "{" not in text and "lorem" not in text.lower()
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
        assert 2 <= len(sentences) <= 4, text
    assert len({org.name for org in companies}) == len(companies)


def test_addresses_point_to_the_demo_domain():
    for org in _orgs():
        assert org.website.startswith("https://") and org.website.endswith("." + DEMO_DOMAIN)
        assert org.contact_email.endswith("." + DEMO_DOMAIN)
        assert org.search_text, org.name


def test_the_directory_finds_the_cleaning_insertion_company_in_haute_garonne():
    found = db.session.scalars(
        select(Organisation)
        .join(OrganisationCpv, OrganisationCpv.organisation_id == Organisation.id)
        .join(OrganisationStatus, OrganisationStatus.organisation_id == Organisation.id)
        .where(OrganisationCpv.code8.like("9091%"), Organisation.department_code == "31",
               OrganisationStatus.status == "siae", Organisation.kind == OrgKind.SSE,
               Organisation.is_listed.is_(True))
    ).unique().all()
    names = {org.name for org in found}
    assert "Éclat Propreté Insertion" in names
    eclat = next(org for org in found if org.name == "Éclat Propreté Insertion")
    # The word search looks into the CPV labels too (refresh_search_text ran after the links).
    assert "nettoyage" in eclat.search_text and "cleaning" in eclat.search_text
