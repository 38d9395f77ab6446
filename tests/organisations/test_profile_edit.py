"""/organisation/<id>/modifier: every field saved, bad input refused next to the field, nothing saved."""
import html

import pytest
from sqlalchemy import select

from matchfair.extensions import db
from matchfair.organisations import services
from matchfair.organisations.models import Organisation

from .. import factories
from .conftest import org_of


def _valid_sse(org, **overrides):
    data = {
        "name": "Les Jardins de Cocagne", "siret": org.siret, "legal_form": "association",
        "address": "12 rue des Jardins", "postcode": "31000", "city": "Toulouse", "department_code": "31",
        "website": "www.jardins-cocagne.fr", "contact_email": "contact@cocagne.fr", "phone": "05 61 00 00 00",
        "description": "Maraîchage biologique d'insertion.", "is_listed": "y", "publish_address": "y",
        "statuses": ["ess", "siae"], "siae_kind": "ACI", "area_departments": ["31", "81"],
        "area_regions": ["76"], "cpv_codes": "90911200, 77310000-6", "headcount": "40",
        "insertion_employees": "28", "capacity_eur": "150 000", "labels": "Qualiopi\n\nEcocert\nQualiopi",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _post(client, org, data):
    return client.post(f"/organisation/{org.id}/modifier", data=data)


def _page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _error(page: str, field: str) -> str:
    marker = f'id="{field}-error"'
    assert marker in page, f"no error shown next to {field}"
    return page.split(marker)[1].split("</small>")[0]


def test_page_shows_the_profile(client, login, sse_admin, sse_org):
    login(sse_admin)
    page = _page(client.get(f"/organisation/{sse_org.id}/modifier"))
    assert f'value="{sse_org.name}"' in page
    assert "Région : <strong data-region-name>Occitanie</strong>" in page
    assert 'class="cpv-picker"' in page
    assert "/static/js/organisations.js" in page


def test_saves_every_field_of_an_sse_company(client, login, sse_admin, sse_org, cpv_codes):
    login(sse_admin)
    response = _post(client, sse_org, _valid_sse(sse_org))
    assert response.status_code == 302
    assert "Profil enregistré." in _page(client.get(response.headers["Location"]))
    db.session.expire_all()
    org = db.session.get(Organisation, sse_org.id)
    assert org.name == "Les Jardins de Cocagne" and org.legal_form == "association"
    assert (org.address, org.postcode, org.city, org.department_code) == ("12 rue des Jardins", "31000", "Toulouse", "31")
    assert org.website == "https://www.jardins-cocagne.fr"
    assert org.contact_email == "contact@cocagne.fr" and org.phone == "05 61 00 00 00"
    assert org.is_listed and org.publish_address and not org.publish_contact and not org.publish_figures
    assert org.status_values == {"ess", "siae"} and org.siae_kind == "ACI"
    assert sorted((a.kind, a.code) for a in org.areas) == [("department", "31"), ("department", "81"), ("region", "76")]
    assert not org.national
    assert org.cpv_codes == ["77310000", "90911200"]
    assert (org.headcount, org.insertion_employees, org.capacity_eur) == (40, 28, 150000)
    assert org.labels == "Qualiopi\nEcocert"
    assert "nettoyage" in org.search_text and "cocagne" in org.search_text


def test_saving_again_replaces_statuses_areas_and_codes(client, login, sse_admin, sse_org, cpv_codes):
    login(sse_admin)
    _post(client, sse_org, _valid_sse(sse_org))
    response = _post(client, sse_org, _valid_sse(
        sse_org, statuses=["ea"], siae_kind="", area_departments=[], area_regions=[], national="y",
        cpv_codes="90911200", insertion_employees=""))
    assert response.status_code == 302
    db.session.expire_all()
    org = db.session.get(Organisation, sse_org.id)
    assert org.status_values == {"ea"} and org.siae_kind is None
    assert org.national and org.areas == []
    assert org.cpv_codes == ["90911200"]
    assert org.insertion_employees is None
    assert "espaces verts" not in org.search_text


def test_a_member_who_is_not_admin_may_edit(client, login, sse_member, sse_org, cpv_codes):
    login(sse_member)
    assert _post(client, sse_org, _valid_sse(sse_org, name="Nom changé par un membre")).status_code == 302
    db.session.expire_all()
    assert db.session.get(Organisation, sse_org.id).name == "Nom changé par un membre"


def test_buyer_profile(client, login, buyer_admin):
    org = org_of(buyer_admin)
    login(buyer_admin)
    page = _page(client.get(f"/organisation/{org.id}/modifier"))
    assert "SPASER est obligatoire" in page and "statuses" not in page
    data = {"name": "Région Occitanie", "siret": org.siret, "department_code": "31", "buyer_type": "region",
            "purchasing_band": "gt100m", "spaser_adopted": "y", "legal_form": "collectivite"}
    assert _post(client, org, data).status_code == 302
    db.session.expire_all()
    org = db.session.get(Organisation, org.id)
    assert (org.buyer_type, org.purchasing_band, org.spaser_adopted) == ("region", "gt100m", True)
    assert org.statuses == [] and org.headcount is None


def test_buyer_bad_choices(client, login, buyer_admin):
    org = org_of(buyer_admin)
    login(buyer_admin)
    page = _page(_post(client, org, {"name": "X", "siret": org.siret, "department_code": "31",
                                     "buyer_type": "pirate", "purchasing_band": "1000m"}))
    assert _error(page, "buyer_type") and _error(page, "purchasing_band")


# (overrides of the valid form, field that must show an error, words of the message)
BAD_INPUT = [
    ({"siret": "12345678901234"}, "siret", "SIRET n'est pas valide"),
    ({"siret": ""}, "siret", "Indiquez le numéro SIRET"),
    ({"department_code": "99"}, "department_code", "Ce département n'existe pas"),
    ({"department_code": ""}, "department_code", "Choisissez un département"),
    ({"cpv_codes": "12345678"}, "cpv_codes", "Code CPV inconnu : 12345678"),
    ({"cpv_codes": "9091x200 abc"}, "cpv_codes", "mal formé"),
    ({"name": "x" * 201}, "name", "200 caractères"),
    ({"name": "  "}, "name", "Indiquez le nom"),
    ({"description": "x" * 5001}, "description", "5000 caractères"),
    ({"address": "x" * 201}, "address", "200 caractères"),
    ({"city": "x" * 101}, "city", "100 caractères"),
    ({"phone": "appelez-moi"}, "phone", "numéro de téléphone"),
    ({"contact_email": "pas-un-email"}, "contact_email", "n'est pas valide"),
    ({"postcode": "3100"}, "postcode", "5 chiffres"),
    ({"postcode": "2A000"}, "postcode", "5 chiffres"),
    ({"legal_form": "sarl-pirate"}, "legal_form", "Choisissez une valeur"),
    ({"statuses": ["ess"], "siae_kind": "ACI"}, "siae_kind", "que si le statut SIAE est coché"),
    ({"statuses": ["siae"], "siae_kind": ""}, "siae_kind", "Précisez le type de SIAE"),
    ({"statuses": ["ess", "mafia"]}, "statuses", "Choisissez une valeur"),
    ({"siae_kind": "XYZ"}, "siae_kind", "Choisissez une valeur"),
    ({"headcount": "10", "insertion_employees": "11"}, "insertion_employees", "dépasser l'effectif"),
    ({"headcount": "-1"}, "headcount", "entre 0 et"),
    ({"headcount": "dix"}, "headcount", "nombre entier"),
    ({"headcount": "2.5"}, "headcount", "nombre entier"),
    ({"capacity_eur": "-5"}, "capacity_eur", "entre 0 et 2 000 000 000"),
    ({"capacity_eur": "3000000000"}, "capacity_eur", "entre 0 et 2 000 000 000"),
    ({"website": "javascript:alert(1)"}, "website", "http:// ou https://"),
    ({"website": "ftp://exemple.fr"}, "website", "http:// ou https://"),
    ({"website": "pas un site"}, "website", "http:// ou https://"),
    ({"website": "https://localhost"}, "website", "http:// ou https://"),
    ({"website": "https://" + "a" * 300 + ".fr"}, "website", "300 caractères"),
    ({"area_departments": [], "area_regions": []}, "area_departments", "au moins un département"),
    ({"area_departments": ["99"]}, "area_departments", "départements de la liste"),
    ({"area_regions": ["00"]}, "area_regions", "régions de la liste"),
    ({"labels": "x" * 101}, "labels", "100 caractères"),
    ({"labels": "x\n" * 1001}, "labels", "2000 caractères"),
]


@pytest.mark.parametrize("overrides,field,message", BAD_INPUT)
def test_bad_input_is_refused_next_to_the_field(client, login, sse_admin, sse_org, cpv_codes, overrides, field, message):
    login(sse_admin)
    before = (sse_org.name, sse_org.siret, sse_org.description)
    response = _post(client, sse_org, _valid_sse(sse_org, **overrides))
    assert response.status_code == 200
    page = _page(response)
    assert message in _error(page, field)
    assert 'id="form-errors"' in page
    # What was typed is shown back, and nothing was saved.
    assert 'value="Les Jardins de Cocagne"' in page or field == "name"
    db.session.expire_all()
    org = db.session.get(Organisation, sse_org.id)
    assert (org.name, org.siret, org.description) == before
    assert org.statuses == [] and org.cpv_links == [] and org.areas == []


def test_duplicate_siret(client, login, sse_admin, sse_org, outsider, cpv_codes):
    login(sse_admin)
    taken = org_of(outsider).siret
    page = _page(_post(client, sse_org, _valid_sse(sse_org, siret=taken)))
    assert "Une organisation avec ce SIRET existe déjà : demandez à son administrateur de vous inviter." in _error(page, "siret")
    db.session.expire_all()
    assert db.session.get(Organisation, sse_org.id).name != "Les Jardins de Cocagne"


def test_duplicate_siret_caught_by_the_database_constraint(client, login, sse_admin, sse_org, outsider, cpv_codes,
                                                           monkeypatch):
    login(sse_admin)
    monkeypatch.setattr(services, "siret_taken", lambda *a, **k: False)
    taken = org_of(outsider).siret
    response = _post(client, sse_org, _valid_sse(sse_org, siret=taken))
    assert response.status_code == 200
    page = _page(response)
    assert "Une organisation avec ce SIRET existe déjà" in _error(page, "siret")
    assert 'value="Les Jardins de Cocagne"' in page
    db.session.expire_all()
    org = db.session.get(Organisation, sse_org.id)
    assert org.name != "Les Jardins de Cocagne" and org.statuses == []


def test_keeping_its_own_siret_is_fine(client, login, sse_admin, sse_org, cpv_codes):
    login(sse_admin)
    spaced = sse_org.siret[:3] + " " + sse_org.siret[3:]
    assert _post(client, sse_org, _valid_sse(sse_org, siret=spaced)).status_code == 302


def test_overseas_and_corsica_departments(client, login, sse_admin, sse_org, cpv_codes):
    login(sse_admin)
    assert _post(client, sse_org, _valid_sse(sse_org, department_code="2A", postcode="20000",
                                             area_departments=["2B", "974"])).status_code == 302
    db.session.expire_all()
    org = db.session.get(Organisation, sse_org.id)
    assert org.department_code == "2A"
    assert "Région : <strong data-region-name>Corse</strong>" in _page(client.get(f"/organisation/{org.id}/modifier"))


def test_organiser_profile_has_no_sse_or_buyer_parts(client, login):
    org = factories.OrganisationFactory(kind="organiser", siret=None, name="CRESS Occitanie")
    user = factories.MembershipFactory(organisation=org).user
    login(user)
    page = _page(client.get(f"/organisation/{org.id}/modifier"))
    assert "section-statuses" not in page and "section-buyer" not in page
    response = _post(client, org, {"name": "CRESS Occitanie", "siret": "", "department_code": "34"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Organisation.department_code).where(Organisation.id == org.id)) == "34"
