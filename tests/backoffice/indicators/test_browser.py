"""In a real browser: the dashboard passes axe, its charts have names, the figures table opens, 360 px fits."""
import pytest

from tests import factories

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _sign_in(page, user):
    from playwright.sync_api import expect

    page.goto("/connexion")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("#password").press("Enter")
    expect(page.locator(".flash-success")).to_be_visible()


def test_dashboard_in_a_browser(page, organiser, fair, assert_accessible):
    from playwright.sync_api import expect

    _sign_in(page, organiser)
    page.goto(f"/evenements/{fair.event.id}/indicateurs")
    assert_accessible(page)
    expect(page.get_by_role("img", name="Des demandes aux rendez-vous tenus")).to_be_visible()
    page.locator("#chart-meetings").locator("xpath=..").get_by_text("Voir les chiffres").click()
    expect(page.get_by_role("table", name="Rendez-vous, de la demande aux suites")).to_be_visible()
    page.goto(f"/evenements/{fair.event.id}/indicateurs/rapport")
    assert_accessible(page)


def test_dashboard_fits_a_phone(phone_page, organiser, fair):
    _sign_in(phone_page, organiser)
    phone_page.goto(f"/evenements/{fair.event.id}/indicateurs")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
