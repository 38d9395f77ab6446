"""Who sees the import pages: organisers of the import's organisation only."""
import io

import pytest

from matchfair.backoffice.models import OrganisationImport
from matchfair.extensions import db
from matchfair.organisations.models import Organisation
from tests import factories
from tests.programme.events.conftest import OrganiserFactory, member_of

from .conftest import make_csv, make_rows

PAGES = ["/organisateur/imports", "/organisateur/imports/nouveau", "/organisateur/imports/{id}",
         "/organisateur/imports/{id}/colonnes"]
POSTS = ["/organisateur/imports/{id}/confirmer", "/organisateur/imports/{id}/annuler",
         "/organisateur/imports/{id}/version-corrigee", "/organisateur/imports/{id}/colonnes"]


@pytest.fixture
def imp():
    org = OrganiserFactory()
    item = OrganisationImport(organiser_organisation_id=org.id, filename="a.csv", kind="sse", status="preview",
                              header=["Nom", "SIRET"], rows=[["A", "1"]], mapping={"name": 0, "siret": 1},
                              report={"lines": [2], "errors": [], "counts": {"rows": 1, "new": 1, "merged": 0, "errors": 0}})
    db.session.add(item)
    db.session.commit()
    return item


def test_anonymous_goes_to_log_in(client, imp):
    for url in PAGES:
        response = client.get(url.format(id=imp.id))
        assert response.status_code == 302 and "/connexion" in response.headers["Location"], url
    for url in POSTS:
        response = client.post(url.format(id=imp.id))
        assert response.status_code == 302 and "/connexion" in response.headers["Location"], url


@pytest.mark.parametrize("make_user", [lambda: factories.MembershipFactory().user,
                                       lambda: factories.MembershipFactory(organisation=factories.BuyerFactory()).user])
def test_sse_and_buyer_members_get_404(client, login, imp, make_user):
    login(make_user())
    for url in PAGES:
        assert client.get(url.format(id=imp.id)).status_code == 404, url
    for url in POSTS:
        assert client.post(url.format(id=imp.id)).status_code == 404, url


def test_another_organiser_gets_404_on_the_import(client, login, imp):
    login(member_of(OrganiserFactory()))
    assert client.get("/organisateur/imports").status_code == 200
    assert "a.csv" not in client.get("/organisateur/imports").get_data(as_text=True)
    for url in PAGES[2:]:
        assert client.get(url.format(id=imp.id)).status_code == 404, url
    for url in POSTS:
        assert client.post(url.format(id=imp.id)).status_code == 404, url
    db.session.refresh(imp)
    assert imp.status == "preview"


def test_the_organiser_sees_every_page(client, login, imp):
    login(factories.MembershipFactory(organisation=db.session.get(Organisation, imp.organiser_organisation_id)).user)
    for url in PAGES:
        assert client.get(url.format(id=imp.id)).status_code == 200, url
    assert "Importer 1 organisation" in client.get(f"/organisateur/imports/{imp.id}").get_data(as_text=True)
    response = client.post(f"/organisateur/imports/{imp.id}/version-corrigee",
                           data={"file": (io.BytesIO(make_csv(make_rows(1))), "b.csv")}, content_type="multipart/form-data")
    assert response.status_code == 302
