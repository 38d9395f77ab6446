"""The pages of sign-up, log-in, profile and directory on a phone (360 px): no sideways scrolling, even
with error messages and the CPV picker open; the navigation and the skip link within reach; axe-core
finds no serious or critical problem.
"""
import re

import pytest

from tests import factories

from .conftest import PHONE_WIDTH, assert_fits_phone, log_in, shot, submit

pytestmark = pytest.mark.browser


def assert_nav_reachable(page):
    """Every link and button of the main navigation is visible, inside the screen, and big enough to tap."""
    items = page.locator(".main-nav a, .main-nav button")
    assert items.count() >= 2
    for i in range(items.count()):
        item = items.nth(i)
        box = item.bounding_box()
        assert item.is_visible() and box, item.inner_text()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, (item.inner_text(), box)
        assert box["height"] >= 24, (item.inner_text(), box)


def test_sign_up_and_log_in_on_a_phone(phone_page, assert_accessible):
    from playwright.sync_api import expect

    page = phone_page
    page.goto("/")
    assert_nav_reachable(page)
    # The skip link is the first stop of the keyboard and leads to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.get_by_role("navigation", name="Navigation principale").get_by_role("button", name="Créer un compte").click()
    expect(page).to_have_url(re.compile("/inscription$"))
    assert_fits_phone(page)
    assert_accessible(page)
    page.locator("#email").fill("une-adresse-bien-trop-longue-pour-un-petit-ecran@collectivite-territoriale.example")
    submit(page)
    expect(page.locator("#form-errors")).to_be_visible()
    assert_fits_phone(page)
    assert_accessible(page)
    shot(page, "phone-signup-errors")

    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Se connecter").click()
    assert_fits_phone(page)
    assert_accessible(page)
    log_in(page, "personne@exemple.fr", "pas le bon mot de passe")
    expect(page.locator("main .flash-error")).to_be_visible()
    assert_fits_phone(page)
    assert_accessible(page)


def test_profile_and_directory_on_a_phone(phone_page, make_sse, assert_accessible):
    from playwright.sync_api import expect

    page = phone_page
    org = make_sse(name="Coopérative d'activités et d'emploi des Pyrénées ariégeoises et garonnaises",
                   statuses=["ess", "siae"], siae_kind="EI", departments=["09", "31", "11", "65", "32"],
                   cpv=["90911000", "90919200", "77310000", "77311000"],
                   description="Nettoyage de bureaux, entretien d'espaces verts et pelouses d'agrément. " * 3)
    admin = factories.MembershipFactory(organisation=org).user
    page.goto("/connexion")
    log_in(page, admin.email)
    expect(page.locator(".flash-success")).to_be_visible()
    assert_nav_reachable(page)

    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name=re.compile("^Coopérative")).click()
    assert_fits_phone(page)
    page.get_by_role("button", name="Modifier le profil").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Coopérative d'activités")
    expect(page.locator("[data-cpv-chips] li")).to_have_count(4)
    assert_fits_phone(page)
    assert_accessible(page)

    search = page.get_by_role("combobox", name="Rechercher un code CPV par mot ou par code")
    search.fill("nettoyage")
    expect(page.get_by_role("listbox", name="Codes CPV correspondants")).to_be_visible()
    assert_fits_phone(page)
    assert_accessible(page)
    search.press("Escape")

    page.locator("#siret").fill("1234")
    page.locator("#cpv_codes").fill("90911000 99999999")
    page.get_by_role("button", name="Enregistrer le profil").click()
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.locator("#cpv_codes-error")).to_contain_text("Code CPV inconnu : 99999999")
    expect(page.locator("[data-cpv-chips] li[data-code8='99999999']")).to_contain_text("code inconnu")
    assert_fits_phone(page)
    assert_accessible(page)
    shot(page, "phone-edit-errors")

    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Annuaire ESS").click()
    page.locator("#cpv").fill("90900000")
    page.locator("search").get_by_role("button", name="Rechercher").click()
    expect(page.locator(".org-card")).to_have_count(1)
    assert_fits_phone(page)
    page.locator(".org-card").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Coopérative d'activités")
    assert_fits_phone(page)
    assert_accessible(page)
    shot(page, "phone-profile")
