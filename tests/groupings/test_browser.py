"""In a real browser: a company forms a grouping from a suggestion, its partner accepts, the lead
declares interest, the buyer sees suggestions and the grouping's interest; accessible, and usable
at 360 px. Fixtures page, phone_page, live_server, assert_accessible: tests/plugins/browser.py."""
import pytest

from .. import factories

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(autouse=True)
def _patient_expectations():
    from playwright.sync_api import expect

    expect.set_options(timeout=10_000)


def sign_in(page, user):
    from playwright.sync_api import expect

    page.goto("/connexion")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form[method=post]").last.locator("button[type=submit]").last.click()
    expect(page.locator(".flash-success")).to_be_visible()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_forming_answering_and_declaring_interest(browser, live_server, page, phone_page, assert_accessible,
                                                  make_need, eclat, jardins, buyer):
    from playwright.sync_api import expect

    need = make_need()
    # The buyer sees the suggested grouping next to its suppliers.
    sign_in(page, buyer.user)
    page.goto(f"/besoins/{need.id}/fournisseurs")
    suggestions = page.locator(".grouping-suggestions")
    expect(suggestions).to_contain_text("Lot 2 Espaces verts : Jardins du Lauragais")
    assert_accessible(page)

    # Éclat forms the grouping the suggestion names (the button's link), on a phone.
    sign_in(phone_page, eclat.user)
    phone_page.goto(f"/groupements/nouveau?besoin={need.id}&partenaires={jardins.org.id}")
    expect(phone_page.get_by_label("Jardins du Lauragais")).to_be_checked()
    assert fits_the_screen(phone_page)
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name="Former le groupement et envoyer les invitations").click()
    expect(phone_page.locator(".flash-success")).to_contain_text("Groupement formé")
    expect(phone_page.locator("h1")).to_have_text("Groupement pour « Entretien des lycées »")
    assert fits_the_screen(phone_page)
    assert_accessible(phone_page)
    grouping_url = phone_page.url

    # Jardins accepts from its groupings page.
    context = browser.new_context(base_url=live_server, locale="fr-FR")
    partner = context.new_page()
    sign_in(partner, jardins.user)
    partner.goto("/groupements")
    expect(partner.locator("main")).to_contain_text("1 invitation à répondre")
    assert_accessible(partner)
    partner.get_by_role("button", name="Accepter l'invitation à Groupement pour « Entretien des lycées »").click()
    expect(partner.locator(".flash-success")).to_contain_text("fait maintenant partie du groupement")
    context.close()

    # Éclat declares the grouping's interest; the buyer sees it among the answers.
    phone_page.goto(grouping_url)
    phone_page.get_by_label("Message à l'acheteur (facultatif)").fill("Nous répondons ensemble aux deux lots.")
    phone_page.get_by_role("button", name="Déclarer l'intérêt du groupement").click()
    expect(phone_page.locator(".flash-success")).to_contain_text("Intérêt déclaré au nom du groupement")
    page.goto(f"/besoins/{need.id}/fournisseurs?onglet=interets")
    expect(page.locator("main")).to_contain_text("En groupement : Groupement pour « Entretien des lycées »")
