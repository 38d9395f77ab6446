"""/organisation/nouvelle: an SSE company or a buyer, its creator admin and acting for it."""
import pytest
from sqlalchemy import select

from matchfair.extensions import db
from matchfair.organisations import services
from matchfair.organisations.models import Organisation

from .. import factories

SIRET_INVALID = "SIRET n'est pas valide (14 chiffres, clé de contrôle)"
SIRET_TAKEN = "Une organisation avec ce SIRET existe déjà : demandez à son administrateur de vous inviter."


@pytest.fixture
def person(login):
    return login(factories.UserFactory(full_name="Alex Nouveau"))


def _form(**overrides):
    data = {"kind": "sse", "name": "La Recyclerie du Tarn", "siret": "732 829 320 00074", "department_code": "81"}
    data.update(overrides)
    return data


def test_form_preselects_the_kind(client, person):
    page = client.get("/organisation/nouvelle?kind=buyer").get_data(as_text=True)
    assert '<input checked id="kind-1" name="kind" required type="radio" value="buyer">' in page
    assert '<input id="kind-0" name="kind" required type="radio" value="sse">' in page
    assert "Organisateur" not in page.split("<form")[1].split("</form>")[0]


def test_creates_the_organisation_with_its_creator_as_admin(client, person):
    response = client.post("/organisation/nouvelle", data=_form())
    org = db.session.scalar(select(Organisation).where(Organisation.siret == "73282932000074"))
    assert org is not None and org.kind == "sse" and org.department_code == "81"
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/organisation/{org.id}/modifier")
    [membership] = org.memberships
    assert membership.user_id == person.id and membership.role == "admin"
    assert "recyclerie" in org.search_text
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Complétez maintenant son profil" in page
    # It is the current organisation: the dashboard shows it.
    assert "La Recyclerie du Tarn" in client.get("/organisation").get_data(as_text=True)


def test_creates_a_buyer(client, person):
    client.post("/organisation/nouvelle", data=_form(kind="buyer", name="Ville de Albi"))
    org = db.session.scalar(select(Organisation).where(Organisation.name == "Ville de Albi"))
    assert org.kind == "buyer"


def test_new_organisation_becomes_current_for_someone_who_already_has_one(client, login, sse_admin):
    login(sse_admin)
    client.post("/organisation/nouvelle", data=_form(name="Deuxième structure"))
    page = client.get("/organisation").get_data(as_text=True)
    assert "<h1>Deuxième structure</h1>" in page


def test_organiser_is_not_self_service(client, person):
    page = client.post("/organisation/nouvelle", data=_form(kind="organiser")).get_data(as_text=True)
    assert "Choisissez le type d" in page.split('id="kind-error"')[1][:100]
    assert db.session.scalar(select(Organisation)) is None


@pytest.mark.parametrize("siret", ["73282932000075", "1234", "abcdefghijklmn", "7328293200007412"])
def test_invalid_siret(client, person, siret):
    page = client.post("/organisation/nouvelle", data=_form(siret=siret)).get_data(as_text=True)
    assert SIRET_INVALID in page
    assert 'aria-invalid="true"' in page
    assert db.session.scalar(select(Organisation)) is None


def test_siret_is_required(client, person):
    page = client.post("/organisation/nouvelle", data=_form(siret="")).get_data(as_text=True)
    assert "Indiquez le numéro SIRET" in page


def test_duplicate_siret_is_refused_next_to_the_field(client, person, sse_org):
    spaced = " ".join([sse_org.siret[:3], sse_org.siret[3:6], sse_org.siret[6:9], sse_org.siret[9:]])
    page = client.post("/organisation/nouvelle", data=_form(siret=spaced)).get_data(as_text=True)
    assert SIRET_TAKEN in page
    assert 'id="siret-error"' in page
    assert 'value="La Recyclerie du Tarn"' in page  # what was typed is still there
    assert db.session.scalar(select(Organisation).where(Organisation.name == "La Recyclerie du Tarn")) is None


def test_duplicate_siret_caught_by_the_database_constraint(client, person, sse_org, monkeypatch):
    # Two requests at the same time both pass the check: the unique constraint decides.
    monkeypatch.setattr(services, "siret_taken", lambda *a, **k: False)
    response = client.post("/organisation/nouvelle", data=_form(siret=sse_org.siret))
    assert response.status_code == 200
    assert SIRET_TAKEN in response.get_data(as_text=True)
    assert db.session.scalar(select(Organisation).where(Organisation.name == "La Recyclerie du Tarn")) is None


@pytest.mark.parametrize("department", ["", "99", "2C", "<script>"])
def test_unknown_department(client, person, department):
    page = client.post("/organisation/nouvelle", data=_form(department_code=department)).get_data(as_text=True)
    assert "département" in page.split('id="department_code-error"')[1][:200]
    assert db.session.scalar(select(Organisation)) is None


def test_name_too_long(client, person):
    page = client.post("/organisation/nouvelle", data=_form(name="x" * 201)).get_data(as_text=True)
    assert "Le nom ne peut pas dépasser 200 caractères." in page
    assert db.session.scalar(select(Organisation)) is None


def test_unconfirmed_account_must_confirm_first(client, login):
    login(factories.UserFactory(email_confirmed_at=None))
    response = client.get("/organisation/nouvelle")
    assert response.status_code == 302 and response.headers["Location"].endswith("/compte")
    client.post("/organisation/nouvelle", data=_form())
    assert db.session.scalar(select(Organisation)) is None
