"""In a real browser: a scanner types a code and Enter at the entrance; badges print 8 per A4 page."""
import re

import pytest

from matchfair.backoffice import badges
from tests import factories

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _sign_in(page, user):
    from playwright.sync_api import expect

    page.goto("/connexion")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("#password").press("Enter")
    expect(page.locator(".flash-success")).to_be_visible()


def _verdict(page, kind):
    return page.locator(f".check-in-verdict .flash-{kind}")


def test_entrance_scan_with_the_keyboard(page, organiser, event, approved, make_attendee, assert_accessible):
    from playwright.sync_api import expect

    pending = make_attendee(status="pending", name="Chloé Attente")
    _sign_in(page, organiser)
    page.goto(f"/evenements/{event.id}/accueil")
    expect(page.locator("#code")).to_be_focused()
    assert_accessible(page)
    page.keyboard.type(badges.badge_code(approved))
    page.keyboard.press("Enter")
    expect(_verdict(page, "success")).to_have_text("Bienvenue, Awa Diallo (Région Occitanie) : entrée enregistrée.")
    expect(page.locator("#code")).to_be_focused()
    expect(page.locator("#code")).to_have_value("")
    expect(page.locator("main > .flashes")).to_be_hidden()
    size = _verdict(page, "success").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 22
    page.keyboard.type(badges.badge_code(pending))
    page.keyboard.press("Enter")
    expect(_verdict(page, "error")).to_contain_text("Refusé")
    expect(page.locator("#code")).to_be_focused()  # the new page has loaded and focused the field
    page.keyboard.type(badges.badge_code(approved))
    page.keyboard.press("Enter")
    expect(_verdict(page, "warning")).to_contain_text("Déjà entré·e")
    assert_accessible(page)


def test_search_and_undo_on_a_phone(phone_page, organiser, event, approved):
    from playwright.sync_api import expect

    page = phone_page
    _sign_in(page, organiser)
    page.goto(f"/evenements/{event.id}/accueil")
    page.locator("#q").fill("diallo")
    page.locator("#q").press("Enter")
    page.get_by_role("button", name=re.compile("Marquer présent·e")).click()
    expect(_verdict(page, "success")).to_contain_text("entrée enregistrée")
    page.locator("#code").type(badges.badge_code(approved))
    page.locator("#code").press("Enter")
    # on a phone the page scrolls to the focused field: the verdict must still be in sight
    expect(_verdict(page, "warning")).to_be_in_viewport(ratio=1)
    expect(page.locator("#code")).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name=re.compile("Annuler l'entrée")).first.click()
    expect(_verdict(page, "success")).to_contain_text("Entrée annulée pour Awa Diallo")


def test_badges_print_eight_per_a4_page(page, organiser, event, approved, make_attendee, assert_accessible, tmp_path):
    for n in range(9):
        make_attendee(kind="sse" if n % 2 else "buyer")
    # The longest names wrap; the badge must still hold everything.
    make_attendee(kind="sse", name="Marie-Thérèse Delacroix-Montgolfier de Saint-Exupéry-Vauban")
    _sign_in(page, organiser)
    page.goto(f"/evenements/{event.id}/badges")
    assert page.locator("svg.badge-qr").count() == 11
    assert_accessible(page)
    page.emulate_media(media="print")
    boxes = [page.locator(".badge-page").nth(i).locator(".badge-card").count() for i in range(2)]
    assert boxes == [8, 3]
    for card in page.locator(".badge-card").all():
        assert card.evaluate("e => e.scrollHeight <= e.clientHeight + 1"), "a badge overflows its card"
    pdf = tmp_path / "badges.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    assert pdf.read_bytes().count(b"/Type /Page\n") in (0, 2) or b"/Count 2" in pdf.read_bytes()
