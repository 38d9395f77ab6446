"""The organiser's grid pages in a real browser on a phone: readable at 360 px, accessible, and the
main actions work (a period, tables, a stand)."""
import pytest

from tests import factories

pytestmark = pytest.mark.browser


def _sign_in(page, user):
    page.goto("/connexion")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form[method=post]").last.locator("button[type=submit]").last.click()


def _fits(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths


def test_grid_pages_on_a_phone(phone_page, assert_accessible, event, organiser_user, make_participant):
    from playwright.sync_api import expect

    buyer = make_participant("buyer", wants_stand=True)
    make_participant("sse")
    page = phone_page
    _sign_in(page, organiser_user)
    expect(page.locator(".flash-success")).to_be_visible()
    base = f"/evenements/{event.id}/rendez-vous"

    page.goto(f"{base}/grille")
    assert_accessible(page)
    page.get_by_role("button", name="Proposer des rendez-vous d'affaires").click()
    expect(page.locator(".flash-success")).to_contain_text("Rendez-vous d'affaires proposés")
    page.get_by_label("Début (heure locale)").fill("09:00")
    page.get_by_label("Fin (heure locale)").fill("12:30")
    page.get_by_role("button", name="Ajouter la plage").click()
    expect(page.locator(".flash-success")).to_contain_text("7 créneaux")
    page.screenshot(path="/tmp/grid-phone.png", full_page=True)
    _fits(page)
    assert_accessible(page)

    page.goto(f"{base}/tables")
    page.get_by_label("Nombre de tables").fill("5")
    page.get_by_role("button", name="Ajouter les tables").click()
    expect(page.locator(".flash-success")).to_contain_text("Table 1 à Table 5")
    page.get_by_label("Table du stand").select_option(label="Table 2")
    page.get_by_role("button", name=f"Attribuer ce stand à {buyer.organisation.name}").click()
    expect(page.locator(".flash-success")).to_contain_text("stand à la table « Table 2 »")
    page.screenshot(path="/tmp/tables-phone.png", full_page=True)
    _fits(page)
    assert_accessible(page)

    page.goto(f"{base}/participants")
    expect(page.get_by_role("row")).to_have_count(3)
    page.screenshot(path="/tmp/participants-phone.png", full_page=True)
    _fits(page)
    assert_accessible(page)
