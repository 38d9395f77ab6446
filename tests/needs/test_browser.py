"""A buyer's first need, in a real browser: the empty list, the form with lots added and removed by
JavaScript, publication, the explanations of the need page; accessible and at phone width."""
import re
from datetime import date, timedelta

import pytest

from matchfair.extensions import db
from matchfair.needs.models import Need
from tests import factories

pytestmark = pytest.mark.browser


def _log_in(page, user):
    page.goto("/connexion")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"^(?!.*/connexion)"))


def test_buyer_publishes_a_need_with_lots(page, buyer_admin, assert_accessible):
    from playwright.sync_api import expect

    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    _log_in(page, buyer_admin)
    page.goto("/besoins/mes-besoins")
    expect(page.get_by_role("heading", name="Publiez votre premier besoin")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Décrire un besoin").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau besoin")
    lots = page.locator("[data-lot]")
    expect(lots.nth(0)).to_be_visible()
    expect(lots.nth(1)).to_be_hidden()
    expect(lots.nth(2)).to_be_hidden()
    assert_accessible(page)

    page.get_by_label("Intitulé du besoin").fill("Nettoyage des gymnases")
    page.locator("#cpv_codes").fill("90911200")
    page.get_by_label("Lieu d'exécution (département)").select_option("31")
    page.locator("#estimated_amount_eur").fill("45 000")
    page.locator("#expected_publication_date").fill((date.today() + timedelta(days=90)).isoformat())
    page.locator("#lots-0-title").fill("Gymnases du centre")
    page.locator("#lots-0-cpv_codes").fill("90911200")
    page.locator("#lots-0-cpv_codes").press("Tab")
    # The picker shows the code's label as a chip once the field is left.
    expect(lots.nth(0).locator("[data-cpv-chips] li")).to_have_count(1)
    page.get_by_role("button", name="Ajouter un lot").click()
    expect(lots.nth(1)).to_be_visible()
    expect(page.locator("#lots-1-title")).to_be_focused()
    page.locator("#lots-1-title").fill("Lot abandonné")
    page.get_by_role("button", name="Retirer le lot 2").click()
    expect(lots.nth(1)).to_be_hidden()
    page.get_by_role("radio", name=re.compile("^Réservé aux structures d'insertion")).check()
    page.get_by_role("button", name="Publier", exact=True).click()

    expect(page.locator(".flash-success")).to_contain_text("Besoin publié")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nettoyage des gymnases")
    expect(page.locator("main")).to_contain_text("sous le seuil de 60")
    expect(page.locator("main")).to_contain_text("1er avril 2026")
    expect(page.locator("main")).to_contain_text("structures d'insertion par l'activité économique")
    assert_accessible(page)
    db.session.rollback()  # end the test's own read transaction, to see what the server committed
    need = db.session.query(Need).one()
    assert need.status == "published" and [lot.title for lot in need.lots] == ["Gymnases du centre"]
    assert not errors, errors


def test_enter_in_a_field_saves_a_draft_and_pages_fit_a_phone(phone_page, buyer_admin, assert_accessible):
    from playwright.sync_api import expect

    page = phone_page
    _log_in(page, buyer_admin)
    page.goto("/besoins/nouveau")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_label("Lieu d'exécution (département)").select_option("34")
    page.get_by_label("Intitulé du besoin").fill("Espaces verts du campus")
    page.get_by_label("Intitulé du besoin").press("Enter")
    expect(page.locator(".flash-success")).to_contain_text("Brouillon enregistré")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
    page.goto("/besoins/mes-besoins")
    expect(page.get_by_role("link", name="Espaces verts du campus")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
