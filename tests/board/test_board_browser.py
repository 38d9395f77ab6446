"""The board in a real browser: filters by the form, no serious accessibility problem, fits a phone."""
import os
from datetime import date

import pytest

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("MATCHFAIR_SHOTS")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"board-{name}.png"), full_page=True)


@pytest.fixture
def some_needs(make_need, cpv_codes):
    from tests import factories

    region = factories.BuyerFactory(name="Région Occitanie")
    make_need(title="Nettoyage des lycées de la Haute-Garonne", organisation=region, department_code="31",
              cpv=["90911200"], reservation="L2113-13", social_clause="execution", estimated_amount_eur=180_000,
              expected_publication_date=date(2026, 9, 1), description="Entretien quotidien de 12 lycées.",
              lots=[{"cpv": ["90911200"]}, {"cpv": ["90919000"]}])
    make_need(title="Entretien des espaces verts du siège", organisation=region, department_code="31",
              cpv=["77310000"], estimated_amount_eur=45_000, expected_publication_date=date(2026, 7, 15),
              environmental_clause=True)
    make_need(title="Restauration collective", department_code="75", cpv=["55500000"])


def test_filter_with_the_form_then_remove_a_filter(page, some_needs, assert_accessible):
    from playwright.sync_api import expect

    page.goto("/besoins")
    expect(page.get_by_role("heading", level=1)).to_have_text("Besoins des acheteurs")
    expect(page.locator(".need-card h3")).to_have_count(3)
    expect(page.locator(".need-card h3").first).to_have_text("Entretien des espaces verts du siège")
    assert_accessible(page)
    shot(page, "desktop")

    page.get_by_label("Lieu d'exécution : région").select_option("76")
    page.get_by_label("Marché réservé").select_option("reserved")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator(".need-card h3")).to_have_text(["Nettoyage des lycées de la Haute-Garonne"])
    expect(page.locator(".results-count")).to_have_text("1 besoin trouvé")
    feed = page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    assert feed.startswith("/besoins/flux.atom?") and "region=76" in feed and "reservation=reserved" in feed
    assert_accessible(page)

    page.get_by_role("link", name="Retirer le filtre « Réservation : Réservés (tous les types) »").click()
    expect(page.locator(".need-card h3")).to_have_count(2)


def test_fits_a_phone(phone_page, some_needs, assert_accessible):
    phone_page.goto("/besoins?amount=unknown&amount=40k-60k")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone_page)
    shot(phone_page, "phone")
