"""Log-in in a real browser: wrong password, too many attempts, an unconfirmed address, remember me, log-out."""
import re

import pytest

from tests import factories

from .conftest import link_in, log_in, mail_to

pytestmark = pytest.mark.browser


@pytest.fixture
def camille():
    return factories.UserFactory(email="camille@exemple.fr", full_name="Camille Martin")


def session_cookies(page):
    return {c["name"]: c for c in page.context.cookies()}


def forget_session(page):
    """What closing the browser does: the session cookie goes, a remember-me cookie stays."""
    page.context.clear_cookies(name="session")


def test_wrong_password_then_too_many_attempts(page, camille, assert_accessible):
    from playwright.sync_api import expect

    page.goto("/connexion")
    log_in(page, "camille@exemple.fr", "pas le bon mot de passe")
    error = page.locator("main .flash-error[role=alert]")
    expect(error).to_have_text("Adresse e-mail ou mot de passe incorrect.")
    expect(error).to_be_focused()
    # Right above the form, which keeps the address.
    expect(page.locator("main .flash-error + form #email")).to_be_visible()
    expect(page.locator("#email")).to_have_value("camille@exemple.fr")
    expect(page.locator("#password")).to_have_value("")
    assert_accessible(page)

    for _ in range(4):
        log_in(page, "camille@exemple.fr", "encore faux")
        expect(error).to_have_text("Adresse e-mail ou mot de passe incorrect.")
    # Once blocked, even the right password is refused, with the time to wait.
    log_in(page, "camille@exemple.fr", factories.PASSWORD)
    expect(error).to_have_text("Trop de tentatives de connexion. Réessayez dans 15 minutes.")
    expect(page.get_by_role("button", name="Se déconnecter")).to_have_count(0)
    expect(page.locator("#email")).to_have_value("camille@exemple.fr")


def test_remember_me_keeps_the_person_logged_in_after_the_browser_closes(page, camille):
    from playwright.sync_api import expect

    page.goto("/connexion")
    expect(page.locator("#remember-help")).to_contain_text("pendant 30 jours")
    log_in(page, "camille@exemple.fr", remember=True)
    expect(page.locator(".flash-success")).to_have_text("Bonjour Camille Martin, vous êtes connecté.")
    assert "remember_token" in session_cookies(page)

    forget_session(page)
    page.goto("/compte")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()

    # Logging out forgets the device too.
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.locator(".flash-success")).to_have_text("Vous êtes déconnecté. À bientôt !")
    expect(page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Se connecter")).to_be_visible()
    assert "remember_token" not in session_cookies(page)
    forget_session(page)
    page.goto("/compte")
    expect(page).to_have_url(re.compile(r"/connexion\?next=%2Fcompte$"))


def test_without_remember_me_closing_the_browser_logs_out(page, camille):
    from playwright.sync_api import expect

    page.goto("/compte")
    # Sent to the log-in page, and back to where the person was going afterwards.
    expect(page).to_have_url(re.compile(r"/connexion\?next=%2Fcompte$"))
    log_in(page, "camille@exemple.fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    assert "remember_token" not in session_cookies(page)
    forget_session(page)
    page.goto("/compte")
    expect(page).to_have_url(re.compile(r"/connexion\?next=%2Fcompte$"))


def test_unconfirmed_address_gets_a_new_link(page, outbox):
    from playwright.sync_api import expect

    factories.UserFactory(email="dominique@exemple.fr", full_name="Dominique Petit", email_confirmed_at=None)
    page.goto("/connexion")
    log_in(page, "dominique@exemple.fr")
    warning = page.locator("main .flash-warning")
    expect(warning).to_contain_text("Votre adresse e-mail n'est pas encore confirmée")
    warning.get_by_role("button", name="Renvoyer le lien de confirmation").click()
    expect(page.locator(".flash-info")).to_contain_text("un nouveau lien vient d'y être envoyé")
    page.goto(link_in(mail_to(outbox, "dominique@exemple.fr")))
    expect(page.locator(".flash-success")).to_contain_text("Votre adresse e-mail est confirmée")
