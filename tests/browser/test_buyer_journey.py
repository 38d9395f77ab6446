"""A public buyer's first visit, on a phone (360 px wide): sign up, confirm, create and fill in the
profile, then look for SSE suppliers in the directory. Every page fits the screen without sideways
scrolling, and the navigation stays reachable.
"""
import re

import pytest

from tests.factories import make_siret

from .conftest import assert_fits_phone, assert_invalid, link_in, mail_to, shot, sign_up

pytestmark = pytest.mark.browser


@pytest.fixture
def suppliers(make_sse):
    return [
        make_sse(name="Jardins du Lauragais", statuses=["siae"], siae_kind="ACI", departments=["31", "11"],
                 cpv=["77310000"], description="Entretien d'espaces verts par un chantier d'insertion."),
        make_sse(name="Net'Services Adapté", statuses=["ea"], departments=["31"], cpv=["90911200", "90919200"],
                 description="Entreprise adaptée : nettoyage de bureaux et de bâtiments."),
        make_sse(name="Propreté Solidaire Ariège", statuses=["siae"], siae_kind="EI", departments=["09"],
                 cpv=["90910000"], department_code="09", city="Foix", postcode="09000"),
    ]


def test_buyer_signs_up_on_a_phone_and_finds_suppliers(phone_page, outbox, suppliers, assert_accessible):
    from playwright.sync_api import expect

    page = phone_page
    page.goto("/")
    assert_fits_phone(page)
    shot(page, "phone-buyer-home")
    page.get_by_role("button", name="Inscrire mon organisme").click()

    expect(page).to_have_url(re.compile(r"/inscription\?kind=buyer$"))
    expect(page.locator("main")).to_contain_text("publier vos besoins et trouver des fournisseurs de l'ESS")
    assert_fits_phone(page)
    shot(page, "phone-buyer-signup")
    assert_accessible(page)
    sign_up(page, "Karim Benali", "k.benali@haute-garonne.fr")
    expect(page.locator("main")).to_contain_text("k.benali@haute-garonne.fr")
    assert_fits_phone(page)
    shot(page, "phone-buyer-login")
    assert_accessible(page)

    page.goto(link_in(mail_to(outbox, "k.benali@haute-garonne.fr")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer mon organisation")
    expect(page.get_by_role("radio", name=re.compile("^Un acheteur public ou privé"))).to_be_checked()
    assert_fits_phone(page)
    shot(page, "phone-buyer-create")
    assert_accessible(page)
    page.locator("#name").fill("Département de la Haute-Garonne")
    page.locator("#siret").fill(make_siret())
    page.locator("#department_code").select_option("31")
    page.get_by_role("button", name="Créer l'organisation").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Profil de Département de la Haute-Garonne")
    assert_fits_phone(page)
    shot(page, "phone-buyer-edit")
    page.locator("#buyer_type").select_option(label="Département")
    page.locator("#purchasing_band").select_option(label="Plus de 100 M€")
    page.get_by_role("switch", name=re.compile("^Nous avons adopté un SPASER")).check()
    # A phone number and a postcode mistyped: said next to them, the rest kept.
    page.locator("#phone").fill("appelez le standard")
    page.locator("#postcode").fill("3100")
    page.get_by_role("button", name="Enregistrer le profil").click()
    expect(page.locator("#form-errors")).to_be_focused()
    assert_invalid(page, "phone", "Indiquez un numéro de téléphone, par exemple 05 61 00 00 00.")
    assert_invalid(page, "postcode", "Le code postal s'écrit avec 5 chiffres, par exemple 31000.")
    expect(page.locator("#phone")).to_have_value("appelez le standard")
    expect(page.locator("#buyer_type")).to_have_value("department")
    expect(page.locator("#purchasing_band")).to_have_value("gt100m")
    expect(page.get_by_role("switch", name=re.compile("^Nous avons adopté un SPASER"))).to_be_checked()
    assert_fits_phone(page)
    shot(page, "phone-buyer-edit-errors")
    page.locator("#phone").fill("05 34 33 32 31")
    page.locator("#postcode").fill("31000")
    page.get_by_role("button", name="Enregistrer le profil").click()
    expect(page.locator(".flash-success")).to_have_text("Profil enregistré.")
    expect(page.locator("#buyer_type")).to_have_value("department")
    expect(page.locator("#purchasing_band")).to_have_value("gt100m")
    expect(page.get_by_role("switch", name=re.compile("^Nous avons adopté un SPASER"))).to_be_checked()
    assert_fits_phone(page)
    shot(page, "phone-buyer-edit-saved")
    assert_accessible(page)

    # The dashboard, through the navigation.
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Département de la Haute-Garonne").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Département de la Haute-Garonne")
    assert_fits_phone(page)
    shot(page, "phone-buyer-dashboard")

    # The directory: words, then a status, then a department.
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Annuaire ESS").click()
    expect(page.locator(".results-count")).to_have_text("3 structures trouvées")
    assert_fits_phone(page)
    shot(page, "phone-buyer-directory")
    assert_accessible(page)
    page.locator("#q").fill("nettoyage")
    page.locator("search").get_by_role("button", name="Rechercher").click()
    expect(page.locator(".results-count")).to_have_text("2 structures trouvées")
    page.get_by_role("checkbox", name=re.compile(r"^EA \(entreprise adaptée\)")).check()
    page.locator("search").get_by_role("button", name="Rechercher").click()
    expect(page.locator(".org-card")).to_have_count(1)
    expect(page.locator(".org-card")).to_contain_text("Net'Services Adapté")
    assert_fits_phone(page)
    shot(page, "phone-buyer-directory-filtered")

    # Widening again: the filter's chip takes it away.
    page.get_by_role("link", name="Retirer le filtre « Statut : EA »").click()
    expect(page.locator(".results-count")).to_have_text("2 structures trouvées")
    page.get_by_role("link", name="Effacer tous les filtres").click()
    page.locator("#department").select_option("09")
    page.locator("search").get_by_role("button", name="Rechercher").click()
    expect(page.locator(".org-card")).to_have_count(1)
    page.locator(".org-card").get_by_role("link", name="Propreté Solidaire Ariège").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propreté Solidaire Ariège")
    expect(page.locator("main")).to_contain_text("Services de nettoyage")
    assert_fits_phone(page)
    shot(page, "phone-buyer-profile")
    assert_accessible(page)
