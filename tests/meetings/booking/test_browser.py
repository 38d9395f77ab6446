"""The meeting page and the day-of page in a real browser, on a phone: book a slot, no sideways
scrolling, no serious accessibility problem."""
import os

import pytest

from matchfair.extensions import db
from matchfair.meetings.models import Meeting
from tests import factories

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("MATCHFAIR_SCREENSHOTS")  # a folder: keep screenshots there (for a person to look at)


def _log_in(page, user):
    page.goto("/connexion")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form[method=post]").last.locator("button[type=submit]").last.click()


def _fits(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]


def test_book_a_slot_on_a_phone(phone_page, assert_accessible, pair, slots, sse_participant):
    from playwright.sync_api import expect

    page = phone_page
    _log_in(page, sse_participant.user)
    page.goto(f"/rendez-vous/{pair.id}")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    _fits(page)
    assert_accessible(page)
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "meeting-book.png"), full_page=True)
    page.locator(f"#slot-{slots[2].id}").check()
    page.get_by_role("button", name="Réserver ce créneau").click()
    expect(page.locator(".flash-success")).to_be_visible()
    _fits(page)
    assert_accessible(page)
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "meeting-booked.png"), full_page=True)
    db.session.rollback()  # a fresh read: the server committed in its own session
    assert db.session.get(Meeting, pair.id).slot_id == slots[2].id


def test_day_of_page_on_a_phone(phone_page, assert_accessible, organiser_user, event, slots, pair, book_at,
                                move_slot_to_now):
    book_at(pair, slots[0])
    move_slot_to_now(slots[0], minutes=-3)
    page = phone_page
    _log_in(page, organiser_user)
    page.goto(f"/evenements/{event.id}/rendez-vous/deroule")
    _fits(page)
    assert_accessible(page)
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "dayof.png"), full_page=True)
    page.get_by_role("button", name="Présent·es").first.click()
    from playwright.sync_api import expect

    expect(page.locator(".flash-success")).to_be_visible()
    db.session.rollback()  # a fresh read: the server committed in its own session
    assert db.session.get(Meeting, pair.id).checked_in_at is not None
