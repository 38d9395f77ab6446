"""The matching pages in a real browser: a buyer shortlists, a company declares interest, the buyer
sees it; axe-core finds no serious problem, and the pages fit a phone.

Debian's Chromium through Playwright (tests/plugins/browser.py): skipped without it, a failure in CI.
"""
import pytest

from matchfair.extensions import db
from matchfair.matching.models import Interest, Shortlist

from .. import factories

pytestmark = pytest.mark.browser


@pytest.fixture
def open_as(browser, live_server):
    """open_as(user, width=1280) -> a page signed in as `user`."""
    contexts = []

    def _open(user, width=1280):
        context = browser.new_context(base_url=live_server, locale="fr-FR", viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/connexion")
        page.locator("#email").fill(user.email)
        page.locator("#password").fill(factories.PASSWORD)
        page.locator("main form[method=post] button[type=submit]").last.click()
        page.wait_for_url(lambda url: "/connexion" not in url)
        return page

    yield _open
    for context in contexts:
        context.close()


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def test_shortlist_interest_and_answers(open_as, assert_accessible, buyer, make_supplier, make_need):
    from playwright.sync_api import expect

    company = make_supplier("Insertion Propreté")
    make_supplier("Coopérative Brillante", statuses=["ess"], siae_kind=None)
    need = make_need(reservation="L2113-13", title="Nettoyage des lycées de la région")

    page = open_as(buyer.user)
    page.goto(f"/besoins/{need.id}/fournisseurs")
    expect(page.locator("h1")).to_contain_text("Nettoyage des lycées")
    expect(page.locator(".match-card")).to_have_count(1)  # the SIAE only: the need is reserved
    expect(page.locator(".match-card")).to_contain_text("Éligible au marché réservé aux SIAE (L2113-13)")
    assert_accessible(page)
    page.get_by_role("button", name="Présélectionner Insertion Propreté").click()
    expect(page.locator(".flash-success")).to_contain_text("présélection")
    db.session.rollback()
    assert db.session.get(Shortlist, (need.id, company.org.id)) is not None
    page.get_by_role("link", name="Présélection (1)").click()
    expect(page.locator(".match-card")).to_contain_text("Intervient en Haute-Garonne")
    assert_accessible(page)

    sse = open_as(company.user, width=360)
    sse.goto("/correspondances")
    expect(sse.locator(".match-card").first).to_contain_text("Nettoyage des lycées de la région")
    assert_accessible(sse)
    _fits(sse)
    sse.get_by_role("link", name="Message, groupement ou « pas pour nous » pour « Nettoyage des lycées de la région »").click()
    assert_accessible(sse)
    _fits(sse)
    sse.locator("#message").fill("Nous nettoyons déjà douze lycées de la métropole.")
    sse.get_by_role("button", name="Déclarer notre intérêt").click()
    expect(sse.locator(".flash-success")).to_contain_text("Votre intérêt est transmis")
    db.session.rollback()
    assert db.session.get(Interest, (need.id, company.org.id)).kind == "interested"

    page.goto(f"/besoins/{need.id}/fournisseurs?onglet=interets")
    expect(page.locator("main")).to_contain_text("Nous nettoyons déjà douze lycées de la métropole.")
    assert_accessible(page)


def test_settings_and_unsubscribe_pages(open_as, assert_accessible, make_supplier):
    made = make_supplier("Insertion Propreté")
    page = open_as(made.user, width=360)
    page.goto("/notifications")
    assert_accessible(page)
    _fits(page)
    page.get_by_label("Une fois par semaine au plus").check()
    page.get_by_role("button", name="Enregistrer").click()
    db.session.rollback()
    from matchfair.matching.services import digest_frequency

    assert digest_frequency(made.user) == "weekly"
