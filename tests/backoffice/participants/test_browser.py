"""The participants, group message and journal pages in a real browser on a phone: readable at 360 px,
accessible, and the main path works (filter, preview, send, the journal entry)."""
import pytest

from tests import factories

pytestmark = pytest.mark.browser


def _sign_in(page, user):
    page.goto("/connexion")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form[method=post]").last.locator("button[type=submit]").last.click()


def _fits(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths


def test_participants_message_and_journal_on_a_phone(phone_page, assert_accessible, event, organiser_user,
                                                     register, make_participant):
    from playwright.sync_api import expect

    register(event, status="approved", name="Coopérative validée")
    register(event, kind="buyer", status="approved", name="Région Occitanie", department_code="34")
    make_participant()
    page = phone_page
    _sign_in(page, organiser_user)
    expect(page.locator(".flash-success")).to_be_visible()

    page.goto(f"/evenements/{event.id}/participants")
    expect(page.locator("tbody tr")).to_have_count(3)
    _fits(page)
    assert_accessible(page)
    page.get_by_label("Structures de l'ESS sans rendez-vous réservé").check()
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("tbody tr")).to_have_count(2)
    page.screenshot(path="/tmp/bo-participants-phone.png", full_page=True)

    page.get_by_role("button", name="Écrire aux personnes de cette liste").click()
    expect(page.locator(".bo-recipient-count")).to_contain_text("2 personnes recevront ce message")
    page.get_by_label("Objet").fill("Des créneaux vous attendent")
    page.get_by_label("Message (texte simple)").fill("Bonjour,\nil reste des créneaux de rendez-vous.")
    page.get_by_role("button", name="Voir l'aperçu").click()
    expect(page.locator(".bo-mail")).to_contain_text("il reste des créneaux")
    _fits(page)
    assert_accessible(page)
    page.screenshot(path="/tmp/bo-message-phone.png", full_page=True)
    page.get_by_role("button", name="Envoyer à 2 personnes").click()
    expect(page.locator(".flash-success")).to_contain_text("Message envoyé à 2 personne(s).")

    page.goto(f"/evenements/{event.id}/journal")
    expect(page.locator(".bo-journal li")).to_contain_text(
        f"{organiser_user.full_name} a envoyé le message « Des créneaux vous attendent » à 2 personne(s)")
    _fits(page)
    assert_accessible(page)
    page.screenshot(path="/tmp/bo-journal-phone.png", full_page=True)
