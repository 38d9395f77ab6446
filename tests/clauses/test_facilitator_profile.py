"""A facilitator organisation, created from /organisation/nouvelle (kind "facilitator"), then its
territory chosen in the profile: at least one department (said next to the field), saved as
OrganisationArea rows of kind "department", and read by the board."""
import pytest
from sqlalchemy import select

from matchfair.extensions import db
from matchfair.organisations.models import Organisation, OrganisationArea

from .. import factories
from .conftest import text_of

TERRITORY_REQUIRED = "Choisissez au moins un département : vous y verrez les besoins avec une clause sociale."


@pytest.fixture
def person(login):
    return login(factories.UserFactory(full_name="Nadia Ferhat"))


@pytest.fixture
def siret():
    return factories.make_siret()


def _create(client, siret, **overrides):
    data = {"kind": "facilitator", "name": "PLIE du Comminges", "siret": siret, "department_code": "31"}
    data.update(overrides)
    return client.post("/organisation/nouvelle", data=data)


def _profile(org, **overrides):
    data = {"name": org.name, "siret": org.siret, "department_code": "31", "city": "Saint-Gaudens",
            "postcode": "31800", "description": "Plan local pour l'insertion et l'emploi du Comminges."}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _error(page: str, field: str) -> str:
    marker = f'id="{field}-error"'
    assert marker in page, f"no error shown next to {field}"
    return page.split(marker)[1].split("</small>")[0]


def _territory(org_id: int) -> list[tuple[str, str]]:
    db.session.expire_all()
    return sorted(db.session.execute(select(OrganisationArea.kind, OrganisationArea.code)
                                     .where(OrganisationArea.organisation_id == org_id)).tuples())


def test_the_creation_page_offers_the_facilitator_kind(client, person):
    page = text_of(client.get("/organisation/nouvelle?kind=facilitator"))
    assert 'value="facilitator"' in page
    assert "Un facilitateur de clauses sociales" in page
    form = page.split('value="facilitator"')[0].rsplit("<input", 1)[1]
    assert "checked" in form


def test_a_person_creates_a_facilitator_and_is_sent_to_its_profile(client, person, siret):
    response = _create(client, siret)
    org = db.session.scalar(select(Organisation).where(Organisation.name == "PLIE du Comminges"))
    assert org is not None and org.kind == "facilitator"
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/organisation/{org.id}/modifier")
    [membership] = org.memberships
    assert membership.user_id == person.id and membership.role == "admin"
    assert _territory(org.id) == []
    page = text_of(client.get(response.headers["Location"]))
    assert "Territoire couvert" in page and 'name="area_departments"' in page


def test_the_new_facilitator_is_asked_for_its_territory_on_the_board(client, person, siret):
    _create(client, siret)
    org = db.session.scalar(select(Organisation).where(Organisation.name == "PLIE du Comminges"))
    page = text_of(client.get("/facilitateur"))
    assert "Votre territoire n'est pas encore indiqué" in page
    assert f"/organisation/{org.id}/modifier#section-area" in page
    dashboard = text_of(client.get("/organisation"))
    assert "/facilitateur" in dashboard


def test_the_profile_needs_at_least_one_department(client, person, siret):
    _create(client, siret)
    org = db.session.scalar(select(Organisation).where(Organisation.name == "PLIE du Comminges"))
    response = client.post(f"/organisation/{org.id}/modifier", data=_profile(org))
    page = text_of(response)
    assert TERRITORY_REQUIRED in _error(page, "area_departments")
    assert "Profil enregistré." not in page
    assert _territory(org.id) == []
    db.session.expire_all()
    assert db.session.get(Organisation, org.id).city is None  # nothing saved


def test_the_territory_is_saved_as_department_areas(client, person, siret):
    _create(client, siret)
    org = db.session.scalar(select(Organisation).where(Organisation.name == "PLIE du Comminges"))
    response = client.post(f"/organisation/{org.id}/modifier", data=_profile(org, area_departments=["31", "09"]))
    assert response.status_code == 302
    assert "Profil enregistré." in text_of(client.get(response.headers["Location"]))
    assert _territory(org.id) == [("department", "09"), ("department", "31")]
    page = text_of(client.get(f"/organisation/{org.id}/modifier"))
    assert 'value="09" checked' in page and 'value="31" checked' in page
    board = text_of(client.get("/facilitateur"))
    assert "PLIE du Comminges couvre :" in board and "Ariège (09)" in board and "Haute-Garonne (31)" in board
    assert "Votre territoire n'est pas encore indiqué" not in board


def test_saving_again_replaces_the_territory(client, person, siret):
    _create(client, siret)
    org = db.session.scalar(select(Organisation).where(Organisation.name == "PLIE du Comminges"))
    client.post(f"/organisation/{org.id}/modifier", data=_profile(org, area_departments=["31", "09"]))
    client.post(f"/organisation/{org.id}/modifier", data=_profile(org, area_departments=["65", "31"]))
    assert _territory(org.id) == [("department", "31"), ("department", "65")]


@pytest.mark.parametrize("departments", [["99"], ["31", "2C"], ["100"], ["20"]])
def test_an_unknown_department_is_refused_next_to_the_field(client, person, siret, departments):
    _create(client, siret)
    org = db.session.scalar(select(Organisation).where(Organisation.name == "PLIE du Comminges"))
    page = text_of(client.post(f"/organisation/{org.id}/modifier", data=_profile(org, area_departments=departments)))
    assert "Choisissez des départements de la liste." in _error(page, "area_departments")
    assert _territory(org.id) == []


def test_overseas_and_corsican_departments_can_be_covered(client, person, siret):
    _create(client, siret)
    org = db.session.scalar(select(Organisation).where(Organisation.name == "PLIE du Comminges"))
    response = client.post(f"/organisation/{org.id}/modifier", data=_profile(org, area_departments=["2A", "974"]))
    assert response.status_code == 302
    assert _territory(org.id) == [("department", "2A"), ("department", "974")]


def test_a_member_of_another_organisation_cannot_change_the_territory(client, login, person, siret):
    _create(client, siret)
    org = db.session.scalar(select(Organisation).where(Organisation.name == "PLIE du Comminges"))
    stranger = factories.MembershipFactory(organisation=factories.OrganisationFactory()).user
    login(stranger)
    response = client.post(f"/organisation/{org.id}/modifier", data=_profile(org, area_departments=["81"]))
    assert response.status_code in (403, 404)
    assert _territory(org.id) == []
