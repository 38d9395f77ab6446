"""The offer form in a real browser: reference rows added and removed by the script, the same
without JavaScript, Enter saves, the page fits a phone and passes axe-core.

Debian's Chromium through Playwright (tests/plugins/browser.py): skipped without it, a failure in CI.
"""
import pytest
from sqlalchemy import select

from matchfair.extensions import db
from matchfair.offers.models import Offer

from .. import factories

pytestmark = pytest.mark.browser


@pytest.fixture
def new_offer_page(browser, live_server, sse_admin, sse_org, cpv_codes):
    """open(javascript=True, width=1280): signed in as the SSE admin, on the new-offer page."""
    contexts = []

    def _open(javascript=True, width=1280):
        context = browser.new_context(base_url=live_server, locale="fr-FR", java_script_enabled=javascript,
                                      viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.errors = []
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto("/connexion")
        page.locator("#email").fill(sse_admin.email)
        page.locator("#password").fill(factories.PASSWORD)
        page.locator("main form[method=post] button[type=submit]").last.click()
        page.wait_for_url(lambda url: "/connexion" not in url)
        page.goto("/offres/nouvelle")
        return page

    yield _open
    for context in contexts:
        context.close()


def _saved_offer():
    # The server saved it in another session: end this one's read transaction to see it.
    db.session.rollback()
    return db.session.scalars(select(Offer)).one()


def _legends(page):
    return page.locator("[data-reference-rows] [data-reference-legend]").all_inner_texts()


def test_add_and_remove_reference_rows_with_the_script(new_offer_page, assert_accessible):
    from playwright.sync_api import expect

    page = new_offer_page()
    assert_accessible(page)
    page.locator("#title").fill("Vitrerie des écoles")
    page.locator("#cpv_codes").fill("90911300")
    assert _legends(page) == ["Référence 1", "Référence 2"]

    add = page.get_by_role("button", name="Ajouter une référence")
    add.click()
    assert _legends(page) == ["Référence 1", "Référence 2", "Référence 3"]
    expect(page.locator("#references-2-client")).to_be_focused()
    expect(page.locator("[data-reference-status]")).to_have_text("Référence 3 ajoutée.")

    page.locator("#references-0-client").fill("Mairie de Muret")
    page.locator("#references-0-year").fill("2024")
    page.locator("#references-2-client").fill("Tarn Habitat")
    page.locator("#references-2-amount_eur").fill("12 000")
    # The switch of each row is replaced by a button; remove the empty second row.
    expect(page.locator("#references-0-remove")).to_be_hidden()
    page.locator("[data-reference-row]").nth(1).get_by_role("button", name="Retirer cette référence").click()
    assert _legends(page) == ["Référence 1", "Référence 2"]
    expect(page.locator("#references-2-client")).to_be_focused()
    expect(page.locator("[data-reference-status]")).to_have_text("Référence retirée.")

    page.get_by_role("button", name="Enregistrer l'offre").click()
    page.wait_for_url("**/offres")
    expect(page.locator(".flash-success")).to_contain_text("Vitrerie des écoles")
    assert_accessible(page)
    offer = _saved_offer()
    assert [(r.client, r.year, r.amount_eur) for r in offer.references] == [
        ("Mairie de Muret", 2024, None), ("Tarn Habitat", None, 12_000)]
    assert page.errors == []


def test_errors_in_a_row_added_by_the_script_are_shown_next_to_it(new_offer_page, assert_accessible):
    from playwright.sync_api import expect

    page = new_offer_page()
    page.locator("#title").fill("Vitrerie")
    page.locator("#cpv_codes").fill("90911300")
    page.get_by_role("button", name="Ajouter une référence").click()
    page.locator("#references-2-amount_eur").fill("5000")
    page.get_by_role("button", name="Enregistrer l'offre").click()
    expect(page.locator("#references-2-client-error")).to_contain_text("Indiquez le client")
    expect(page.locator("#references-2-amount_eur")).to_have_value("5000")
    expect(page.locator("#form-errors")).to_be_focused()
    assert_accessible(page)


def test_without_javascript(new_offer_page):
    from playwright.sync_api import expect

    page = new_offer_page(javascript=False)
    page.locator("#title").fill("Vitrerie")
    page.locator("#cpv_codes").fill("90911300")
    page.locator("#references-0-client").fill("Mairie de Muret")
    page.get_by_role("button", name="Ajouter des références").click()
    expect(page.locator("#references-4-client")).to_be_visible()
    expect(page.locator("#references-0-client")).to_have_value("Mairie de Muret")
    expect(page.locator("#title")).to_have_value("Vitrerie")
    page.locator("#references-4-client").fill("Tarn Habitat")
    page.locator("#references-0-remove").check()
    # Enter in a field saves the offer (not "add references").
    page.locator("#title").press("Enter")
    page.wait_for_url("**/offres")
    assert [r.client for r in _saved_offer().references] == ["Tarn Habitat"]


def test_fits_a_phone(new_offer_page, sse_org, make_offer):
    make_offer(sse_org, title="Nettoyage de locaux et vitrerie en Haute-Garonne, un titre assez long pour un téléphone",
               references=[("Mairie de Muret", "nettoyage de 3 écoles", 2024, 48_000)])
    page = new_offer_page(width=360)
    for url in ("/offres/nouvelle", "/offres", f"/offres/{_saved_offer().id}/supprimer"):
        page.goto(url)
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], url
