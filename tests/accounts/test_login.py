"""Log-in, remember me, rate limits, log-out, open redirects and CSRF."""
import re

import pytest

from matchfair.extensions import db

from .. import factories
from .conftest import log_in, text


def is_logged_in(client) -> bool:
    return client.get("/compte").status_code == 200


def test_login_page_for_anonymous(client):
    page = text(client.get("/connexion?next=/annuaire"))
    assert "Se souvenir de moi" in page
    assert 'value="/annuaire"' in page


def test_login_page_when_logged_in_goes_on(client, user, login):
    login(user)
    assert client.get("/connexion").headers["Location"] == "/"
    assert client.get("/connexion?next=/annuaire").headers["Location"] == "/annuaire"


def test_login_ok(client, user):
    response = log_in(client, "Camille@Exemple.fr")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Bonjour Camille Martin, vous êtes connecté." in text(client.get("/"))
    assert is_logged_in(client)
    db.session.refresh(user)
    assert user.last_login_at is not None
    assert client.get_cookie("remember_token") is None


def test_login_follows_a_safe_next(client, user):
    assert log_in(client, user.email, next="/annuaire?q=bois").headers["Location"] == "/annuaire?q=bois"


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "evil.example",
])
def test_login_ignores_open_redirects(client, user, target):
    assert log_in(client, user.email, next=target).headers["Location"] == "/"


def test_login_uses_the_preferred_language(client):
    factories.UserFactory(email="sam@exemple.fr", locale="en")
    log_in(client, "sam@exemple.fr")
    with client.session_transaction() as session:
        assert session["lang"] == "en"


def test_remember_me_sets_the_cookie(client, user):
    log_in(client, user.email, remember="y")
    assert client.get_cookie("remember_token") is not None
    # The session is gone (browser closed) but the cookie logs the person back in.
    client.delete_cookie("session")
    assert is_logged_in(client)


def test_remember_me_brings_back_the_preferred_language(client):
    factories.UserFactory(email="sam@exemple.fr", locale="en")
    log_in(client, "sam@exemple.fr", remember="y")
    client.delete_cookie("session")
    assert '<html lang="en">' in text(client.get("/compte"))
    with client.session_transaction() as session:
        assert session["lang"] == "en"


def test_wrong_password_does_not_say_whether_the_account_exists(client, user):
    wrong = log_in(client, user.email, password="pas le bon mot de passe")
    unknown = log_in(client, "personne@exemple.fr", password="pas le bon mot de passe")
    assert wrong.status_code == unknown.status_code == 200
    message = "Adresse e-mail ou mot de passe incorrect."
    assert message in text(wrong) and message in text(unknown)
    assert not is_logged_in(client)


def test_unconfirmed_account_is_refused_with_a_resend_button(client, unconfirmed_user, outbox):
    response = log_in(client, unconfirmed_user.email)
    page = text(response)
    assert "Votre adresse e-mail n'est pas encore confirmée" in page
    assert 'action="/confirmation/renvoyer"' in page
    assert f'name="email" value="{unconfirmed_user.email}"' in page
    assert not is_logged_in(client)
    client.post("/confirmation/renvoyer", data={"email": unconfirmed_user.email})
    assert len(outbox) == 1


def test_unconfirmed_message_needs_the_right_password(client, unconfirmed_user):
    page = text(log_in(client, unconfirmed_user.email, password="pas le bon mot de passe"))
    assert "pas encore confirmée" not in page
    assert "Adresse e-mail ou mot de passe incorrect." in page


def test_failed_logins_per_account_are_limited(client, user):
    for i in range(5):
        response = log_in(client, user.email, password="faux", environ_base={"REMOTE_ADDR": f"10.0.0.{i}"})
        assert response.status_code == 200
    response = log_in(client, user.email, environ_base={"REMOTE_ADDR": "10.0.1.1"})
    assert response.status_code == 429
    assert "Trop de tentatives de connexion. Réessayez dans 15 minutes." in text(response)
    assert not is_logged_in(client)


def test_failed_logins_per_address_are_limited(client, user):
    for i in range(20):
        assert log_in(client, f"essai{i}@exemple.fr", password="faux").status_code == 200
    response = log_in(client, user.email)
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in text(response)
    assert not is_logged_in(client)
    assert log_in(client, user.email, environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code == 302


def test_limits_follow_the_settings(client, user, app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ATTEMPTS_PER_ACCOUNT", 2)
    monkeypatch.setitem(app.config, "LOGIN_ATTEMPTS_WINDOW_MINUTES", 1)
    log_in(client, user.email, password="faux")
    log_in(client, user.email, password="faux")
    response = log_in(client, user.email)
    assert response.status_code == 429
    assert "Réessayez dans 1 minute." in text(response)


def test_successful_login_clears_the_account_counter(client, user):
    for _ in range(4):
        log_in(client, user.email, password="faux")
    assert log_in(client, user.email).status_code == 302
    client.post("/deconnexion")
    for _ in range(4):
        log_in(client, user.email, password="faux")
    assert log_in(client, user.email).status_code == 302


def test_logout_requires_post(client, user, login):
    login(user)
    assert client.get("/deconnexion").status_code == 405
    assert is_logged_in(client)


def test_logout(client, user):
    log_in(client, user.email, remember="y")
    response = client.post("/deconnexion")
    assert response.headers["Location"] == "/"
    assert "Vous êtes déconnecté" in text(client.get("/"))
    assert client.get_cookie("remember_token") is None or not client.get_cookie("remember_token").value
    assert not is_logged_in(client)


def test_logout_when_anonymous(client):
    assert client.post("/deconnexion").headers["Location"] == "/"


def test_protected_page_sends_to_login_with_next(client):
    response = client.get("/compte")
    assert response.headers["Location"] == "/connexion?next=%2Fcompte"


def test_post_without_csrf_token_is_refused_kindly(csrf_app, user):
    client = csrf_app.test_client()
    response = client.post("/connexion", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 400
    assert "Le formulaire a expiré ou n'est pas valide" in text(response)


def test_post_with_csrf_token_passes(csrf_app, user):
    client = csrf_app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text(client.get("/connexion"))).group(1)
    response = client.post("/connexion", data={"email": user.email, "password": factories.PASSWORD,
                                               "csrf_token": token})
    assert response.status_code == 302
    assert client.get("/compte").status_code == 200
