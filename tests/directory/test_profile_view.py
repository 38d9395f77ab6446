"""GET /annuaire/<id>: the public profile shows only what the company chose to publish."""
from html import unescape

import pytest

from matchfair.extensions import db

from .. import factories


@pytest.fixture
def company(make_sse, cpv_codes):
    return make_sse(
        name="Régie Verte", siret="73282932000074", legal_form="association", statuses=["siae", "ess"],
        siae_kind="ACI", departments=["31", "81"], regions=["76"], cpv=["90911200", "77310000"],
        description="Nettoyage de locaux\net entretien d'espaces verts.", website="https://regie.example.org",
        address="12 rue des Lilas", postcode="31000", city="Toulouse", contact_email="contact@regie.example.org",
        phone="05 61 00 00 00", headcount=42, insertion_employees=30, capacity_eur=250000,
        labels="Qualiopi\nLucie 26000\n", publish_address=True, publish_contact=True, publish_figures=True,
    )


def page_of(client, org) -> str:
    response = client.get(f"/annuaire/{org.id}")
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def test_profile_shows_the_published_profile(client, company):
    page = page_of(client, company)
    assert "<h1>Régie Verte</h1>" in page
    assert "Association loi 1901" in page
    assert "SIAE (ACI)" in page and "ACI : atelier et chantier d'insertion" in page
    assert "Nettoyage de locaux\net entretien" in page
    assert 'href="https://regie.example.org"' in page
    assert "90911200" in page and "Services de nettoyage de bâtiments" in page
    assert "Occitanie" in page and "Haute-Garonne (31)" in page and "Tarn (81)" in page
    assert "Qualiopi" in page and "Lucie 26000" in page
    assert "732 829 320 00074" in page
    assert "annuaire-entreprises.data.gouv.fr/etablissement/73282932000074" in page


def test_address_only_when_published(client, company):
    assert "12 rue des Lilas" in page_of(client, company)
    company.publish_address = False
    db.session.commit()
    page = page_of(client, company)
    assert "12 rue des Lilas" not in page and "Toulouse" not in page and "31000 " not in page


def test_contact_only_when_published(client, company):
    page = page_of(client, company)
    assert "mailto:contact@regie.example.org" in page and "05 61 00 00 00" in page
    company.publish_contact = False
    db.session.commit()
    page = page_of(client, company)
    assert "contact@regie.example.org" not in page and "05 61 00 00 00" not in page
    assert "n'a pas publié d'e-mail" in page


def test_figures_only_when_published(client, company):
    page = page_of(client, company)
    assert "42 salariés" in page and "Salariés en insertion" in page and "250" in page
    company.publish_figures = False
    db.session.commit()
    page = page_of(client, company)
    assert "Chiffres clés" not in page and "42 salariés" not in page and "250" not in page


def test_member_emails_are_never_shown(client, company):
    member = factories.MembershipFactory(organisation=company).user
    assert member.email not in page_of(client, company)


def test_national_company(client, make_sse):
    org = make_sse(name="Partout", national=True)
    assert "Toute la France" in page_of(client, org)


def test_unsafe_website_is_not_a_link(client, make_sse):
    org = make_sse(name="Piège", website="javascript:alert(1)")
    page = page_of(client, org)
    assert 'href="javascript' not in page and "javascript:alert(1)" in page
    org = make_sse(name="Sans schéma", website="www.exemple.fr")
    assert 'href="https://www.exemple.fr"' in page_of(client, org)


@pytest.mark.parametrize("kind", ["unlisted", "buyer", "organiser", "unknown"])
def test_not_found_unless_a_listed_sse_company(client, make_sse, kind):
    if kind == "unlisted":
        org_id = make_sse(name="Cachée", is_listed=False).id
    elif kind == "buyer":
        org_id = factories.BuyerFactory().id
    elif kind == "organiser":
        org_id = factories.OrganisationFactory(kind="organiser").id
    else:
        org_id = 999999
    assert client.get(f"/annuaire/{org_id}").status_code == 404


def test_unlisted_company_is_not_found_even_for_its_members(client, login, make_sse):
    org = make_sse(name="Cachée", is_listed=False)
    login(factories.MembershipFactory(organisation=org).user)
    assert client.get(f"/annuaire/{org.id}").status_code == 404


def test_signed_in_people_see_the_same_profile(client, login, company, buyer_admin, sse_admin):
    for user in (buyer_admin, sse_admin):
        login(user)
        assert "Régie Verte" in page_of(client, company)


def test_back_link_keeps_the_search(client, company):
    response = client.get(f"/annuaire/{company.id}?from=department%3D31%26status%3Dsiae%26page%3D2")
    page = unescape(response.get_data(as_text=True))
    assert 'href="/annuaire?department=31&status=siae&page=2"' in page


@pytest.mark.parametrize("value", ["https://evil.example/x", "//evil.example", "next=%2F%2Fevil", "javascript:alert(1)"])
def test_back_link_never_leaves_the_directory(client, company, value):
    from urllib.parse import quote

    page = client.get(f"/annuaire/{company.id}?from={quote(value)}").get_data(as_text=True)
    assert 'href="/annuaire">' in page or 'href="/annuaire?' in page
    assert "evil" not in page.split("back-link")[1].split("</p>")[0]


def test_profile_in_english(client, company):
    client.get("/langue?lang=en")
    page = page_of(client, company)
    assert "Building-cleaning services" in page
    assert "Services de nettoyage de bâtiments" not in page


def test_back_link_without_a_search_goes_to_the_directory(client, company):
    page = page_of(client, company)
    assert '<a href="/annuaire">← Annuaire des entreprises de l\'ESS</a>' in page
