"""The organiser schedules, previews and publishes on a phone (360 px): no sideways scrolling, the
slots' <details> open, and axe-core finds no serious or critical problem on either page."""
import os

import pytest

from tests import factories

pytestmark = pytest.mark.browser


def fits_phone(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths[0]}px wide for {widths[1]}px"


def shot(page, name):
    folder = os.environ.get("MATCHFAIR_TEST_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def test_schedule_preview_and_publish_on_a_phone(phone_page, assert_accessible, event, slots, organiser_user,
                                                 make_participant, make_meeting, unavailable):
    from playwright.sync_api import expect

    buyer = make_participant("buyer")
    unavailable(buyer, *slots[3:])
    for _ in range(4):  # three slots for the buyer: one meeting left unplaced
        make_meeting(make_participant(), buyer)
    page = phone_page
    page.goto("/connexion")
    page.locator("#email").fill(organiser_user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.goto(f"/evenements/{event.id}/rendez-vous/planification")
    fits_phone(page)
    assert_accessible(page)
    shot(page, "scheduling-index")

    page.get_by_role("button", name="Lancer la planification").click()
    expect(page.get_by_text("Planification calculée")).to_be_visible()
    expect(page.get_by_role("heading", name="1 rendez-vous non placé")).to_be_visible()
    expect(page.get_by_role("cell", name="Les créneaux communs sont pris par des rendez-vous plus prioritaires")).to_be_visible()
    fits_phone(page)
    assert_accessible(page)
    shot(page, "scheduling-preview")

    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text("3 rendez-vous réservés.")).to_be_visible()
    fits_phone(page)
