"""In a real browser: every exports page passes axe and fits 360 px; printed, the table cards go two
per A4 page and the schedule per table one page per table."""
import re

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


PAGES = ("", "/rendez-vous-par-table", "/rendez-vous-par-personne", "/chevalets")


def test_pages_are_accessible(page, organiser_user, event, schedule, assert_accessible):
    _sign_in(page, organiser_user)
    for name in PAGES:
        page.goto(f"/evenements/{event.id}/exports{name}")
        assert_accessible(page)


def test_pages_fit_a_phone(phone_page, organiser_user, event, schedule):
    _sign_in(phone_page, organiser_user)
    for name in PAGES:
        phone_page.goto(f"/evenements/{event.id}/exports{name}")
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360, name


def test_print_layout(page, organiser_user, event, schedule):
    _sign_in(page, organiser_user)
    page.emulate_media(media="print")
    page.goto(f"/evenements/{event.id}/exports/chevalets")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".table-card").count() == 4
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 2  # 4 cards, 2 per A4 page
    page.goto(f"/evenements/{event.id}/exports/rendez-vous-par-table")
    assert page.locator(".site-header").is_hidden()
    assert len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4"))) == 2  # T1 and T4
