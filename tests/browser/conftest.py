"""Helpers of the browser tests: real CPV codes, links read from the e-mails, the steps a new user takes.

The fixtures page, phone_page, live_server and assert_accessible come from tests/plugins/browser.py.
"""
import csv
import io
import os
import re

import pytest

from matchfair.extensions import db
from matchfair.organisations.models import (
    OrganisationArea,
    OrganisationCpv,
    OrganisationStatus,
)
from matchfair.organisations.services import refresh_search_text
from matchfair.reference.models import CpvCode
from matchfair.reference.services import cpv_search_text

from .. import factories

@pytest.fixture(autouse=True)
def _patient_expectations():
    """Assertions wait as long as actions (10 s, not 5): a busy CI machine must not fail a right page."""
    from playwright.sync_api import expect

    expect.set_options(timeout=10_000)


# The password of the accounts made by the tests' factories; the sign-ups use it too.
PASSWORD = factories.PASSWORD
PHONE_WIDTH = 360

# Rows copied from the CPV 2008 list (../shared/data/cpv_2008.csv), under divisions the app ships.
CPV_ROWS = """\
90900000-6,90900000,3,services,90000000-7,Services de nettoyage et d'hygiène,Cleaning and sanitation services
90910000-9,90910000,4,services,90900000-6,Services de nettoyage,Cleaning services
90911000-6,90911000,5,services,90910000-9,"Services de nettoyage de logements, de bâtiments et de vitres","Accommodation, building and window cleaning services"
90911200-8,90911200,6,services,90911000-6,Services de nettoyage de bâtiments,Building-cleaning services
90919000-2,90919000,5,services,90910000-9,"Services de nettoyage de matériel de bureau, de bureaux, des écoles","Office, school and office equipment cleaning services"
90919200-4,90919200,6,services,90919000-2,Services de nettoyage de bureaux,Office cleaning services
77300000-3,77300000,3,services,77000000-0,Services horticoles,Horticultural services
77310000-6,77310000,4,services,77300000-3,Réalisation et entretien d'espaces verts,Planting and maintenance services of green areas
77311000-3,77311000,5,services,77310000-6,Entretien de pelouses décoratives ou d'agrément,Ornamental and pleasure gardens maintenance services
"""

# What the picker lists for "nettoyage": broader codes first, then by code (39000000 is a division
# whose label ends with "produits de nettoyage").
NETTOYAGE_RESULTS = ["39000000", "90900000", "90910000", "90911000", "90919000", "90911200", "90919200"]


@pytest.fixture
def cpv_codes(app):
    """A few real CPV groups, classes and categories (the 45 divisions are always there)."""
    codes = {}
    for code, code8, level, type_, parent, label_fr, label_en in csv.reader(io.StringIO(CPV_ROWS)):
        db.session.add(CpvCode(
            code8=code8, code=code, level=int(level), type=type_, parent8=parent[:8] or None,
            label_fr=label_fr, label_en=label_en, search_text=cpv_search_text(code8, label_fr, label_en),
        ))
        codes[code8] = (label_fr, label_en)
    db.session.commit()
    return codes


@pytest.fixture
def make_sse(cpv_codes):
    """make_sse(name=..., statuses=[...], departments=[...], cpv=[...], siae_kind=..., **columns): a listed
    SSE company, as if its members had filled in its profile."""

    def _make(statuses=(), departments=(), regions=(), cpv=(), **columns):
        org = factories.OrganisationFactory(**columns)
        org.statuses = [OrganisationStatus(status=s) for s in statuses]
        org.areas = [OrganisationArea(kind="department", code=c) for c in departments] + [
            OrganisationArea(kind="region", code=c) for c in regions
        ]
        org.cpv_links = [OrganisationCpv(code8=c) for c in cpv]
        db.session.flush()
        for link in org.cpv_links:
            db.session.refresh(link)
        refresh_search_text(org)
        db.session.commit()
        return org

    return _make


_LINK = re.compile(r"https?://\S+")


def link_in(message) -> str:
    """The first link of an e-mail's body (an absolute URL to the live server)."""
    match = _LINK.search(message.body)
    assert match, message.body
    return match.group(0)


def mail_to(outbox, address):
    """The last e-mail sent to `address`."""
    sent = [m for m in outbox if address in m.to]
    assert sent, f"no e-mail to {address} in {[m.to for m in outbox]}"
    return sent[-1]


def shot(page, name):
    """With MATCHFAIR_TEST_SCREENSHOTS=folder, a full-page screenshot there (to look at the pages)."""
    folder = os.environ.get("MATCHFAIR_TEST_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def assert_fits_phone(page):
    """No horizontal scrolling: the page is no wider than the window."""
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths[0]}px wide for {widths[1]}px"


def field_error(page, field_id):
    """The error message shown under a field (the field macro's <small id="...-error">)."""
    return page.locator(f"#{field_id}-error")


def assert_invalid(page, field_id, message):
    """The field carries aria-invalid, points at its message, and the message says `message`."""
    from playwright.sync_api import expect

    field = page.locator(f"#{field_id}")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", re.compile(rf"\b{field_id}-error\b"))
    expect(field_error(page, field_id)).to_contain_text(message)


def submit(page, form_selector="main form[method=post]"):
    """Click the submit button of the page's form (by position: the same in French and English)."""
    page.locator(form_selector).last.locator("button[type=submit]").last.click()


def sign_up(page, name, email, password=PASSWORD):
    """Fill the sign-up form (already open) and send it."""
    page.locator("#full_name").fill(name)
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("#confirm").fill(password)
    submit(page)


def log_in(page, email, password=PASSWORD, remember=False):
    """Fill the log-in form (already open) and send it."""
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    if remember:
        page.locator("#remember").check()
    submit(page)


@pytest.fixture
def signed_in(live_server):
    """signed_in(page, user): log `user` in through the log-in form; the page is then on the home page."""

    def _sign_in(page, user, password=PASSWORD):
        from playwright.sync_api import expect

        page.goto("/connexion")
        log_in(page, user.email, password)
        expect(page.locator(".flash-success")).to_be_visible()
        return page

    return _sign_in
