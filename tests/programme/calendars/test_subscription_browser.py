"""The subscription page in a real browser, on a phone: readable, accessible, and the reset works;
the address it gives opens the feed."""
import pytest

from matchfair.extensions import db
from matchfair.programme.models import CalendarToken
from tests import factories

from .conftest import make_session, seat

pytestmark = pytest.mark.browser


def test_subscribe_and_reset_on_a_phone(phone_page, assert_accessible, paris, awa):
    from playwright.sync_api import expect

    seat(make_session(paris), awa)
    page = phone_page
    page.goto("/connexion")
    page.locator("#email").fill(awa.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form[method=post]").last.locator("button[type=submit]").last.click()
    expect(page.locator(".flash-success")).to_be_visible()

    page.goto("/agenda/abonnement")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    address = page.get_by_label("Adresse du flux (à copier)")
    old = address.input_value()
    assert old.endswith(".ics") and "/agenda/flux/" in old
    webcal = page.get_by_role("button", name="S'abonner avec mon application d'agenda").get_attribute("href")
    assert webcal.startswith("webcal://") and webcal.split("://", 1)[1] == old.split("://", 1)[1]
    page.locator("summary", has_text="Thunderbird").click()  # opens its instructions
    expect(page.get_by_text("Sur le réseau")).to_be_visible()
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]
    assert_accessible(page)

    feed = page.request.get(old)
    assert feed.status == 200 and feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert b"BEGIN:VEVENT" in feed.body()

    page.get_by_role("button", name="Réinitialiser l'adresse").click()
    expect(page.locator(".flash-success")).to_contain_text("L'ancienne ne fonctionne plus")
    new = page.get_by_label("Adresse du flux (à copier)").input_value()
    assert new != old
    assert page.request.get(old).status == 404
    assert page.request.get(new).status == 200
    db.session.rollback()  # end the test's read transaction: see the server's commits
    assert new.endswith(db.session.get(CalendarToken, awa.id).token + ".ics")
