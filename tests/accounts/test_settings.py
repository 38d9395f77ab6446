"""The account pages: name and language, organisations, password change, e-mail change."""
from werkzeug.security import check_password_hash

from matchfair.accounts import tokens
from matchfair.extensions import db

from .. import factories
from .conftest import link_in, log_in, text

NEW = {"current_password": factories.PASSWORD, "password": "un nouveau mot de passe",
       "confirm": "un nouveau mot de passe"}


def is_logged_in(client) -> bool:
    return client.get("/compte").status_code == 200


def test_account_pages_need_a_log_in(client):
    for path in ("/compte", "/compte/mot-de-passe", "/compte/e-mail"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/connexion?next=")
    assert client.post("/compte", data={"full_name": "X"}).headers["Location"].startswith("/connexion")


def test_settings_page_without_organisation(client, user, login):
    login(user)
    page = text(client.get("/compte"))
    assert "camille@exemple.fr" in page
    assert "Vous ne faites encore partie d'aucune organisation." in page
    assert 'href="/compte/mot-de-passe"' in page and 'href="/compte/e-mail"' in page


def test_settings_page_lists_organisations_and_roles(client, login):
    membership = factories.MembershipFactory(organisation=factories.BuyerFactory(name="Ville de Rodez"))
    factories.MembershipFactory(user=membership.user, role="member",
                                organisation=factories.OrganisationFactory(name="Atelier Solidaire"))
    login(membership.user)
    page = text(client.get("/compte")).split('id="orgs-heading"')[1]
    assert page.index("Atelier Solidaire") < page.index("Ville de Rodez")
    assert "Rôle : Administrateur" in page and "Rôle : Membre" in page
    assert "Acheteur" in page and "Structure de l'ESS" in page


def test_settings_change_name_and_language(client, user, login):
    login(user)
    response = client.post("/compte", data={"full_name": "  Camille Martin-Roux ", "locale": "en"})
    assert response.headers["Location"] == "/compte"
    db.session.refresh(user)
    assert (user.full_name, user.locale) == ("Camille Martin-Roux", "en")
    with client.session_transaction() as session:
        assert session["lang"] == "en"
    assert '<html lang="en">' in text(client.get("/compte"))
    client.post("/compte", data={"full_name": "Camille Martin-Roux", "locale": ""})
    db.session.refresh(user)
    assert user.locale is None
    with client.session_transaction() as session:
        assert "lang" not in session


def test_settings_refuse_bad_input(client, user, login):
    login(user)
    page = text(client.post("/compte", data={"full_name": "A" * 121, "locale": "de"}))
    assert "Le nom ne peut pas dépasser 120 caractères." in page
    assert "Not a valid choice" in page or "choix" in page.lower()
    db.session.refresh(user)
    assert user.full_name == "Camille Martin"


def test_change_password_logs_out_other_sessions(client, app, user, outbox):
    log_in(client, user.email)
    other = app.test_client()
    log_in(other, user.email, remember="y")
    assert is_logged_in(other)

    response = client.post("/compte/mot-de-passe", data=NEW)
    assert response.headers["Location"] == "/compte"
    assert "Vos autres sessions ont été déconnectées." in text(client.get("/compte"))
    assert is_logged_in(client)
    assert not is_logged_in(other)
    other.delete_cookie("session")
    assert not is_logged_in(other)
    db.session.refresh(user)
    assert check_password_hash(user.password_hash, NEW["password"])
    assert [m.subject for m in outbox] == ["Votre mot de passe a été modifié"]


def test_change_password_keeps_this_devices_remember_me(client, user):
    log_in(client, user.email, remember="y")
    old_cookie = client.get_cookie("remember_token").value
    client.post("/compte/mot-de-passe", data=NEW)
    assert client.get_cookie("remember_token").value != old_cookie
    client.delete_cookie("session")
    assert is_logged_in(client)


def test_change_password_checks(client, user, login):
    login(user)
    page = text(client.post("/compte/mot-de-passe", data={**NEW, "current_password": "pas le bon"}))
    assert "Ce n'est pas votre mot de passe actuel." in page
    page = text(client.post("/compte/mot-de-passe", data={**NEW, "password": "court", "confirm": "court"}))
    assert "au moins 10 caractères" in page
    page = text(client.post("/compte/mot-de-passe", data={**NEW, "confirm": "autre chose encore"}))
    assert "Les deux mots de passe ne sont pas identiques." in page
    db.session.refresh(user)
    assert check_password_hash(user.password_hash, factories.PASSWORD)
    assert user.session_version == 1


def test_guessing_the_current_password_is_limited(client, user, login):
    login(user)
    for _ in range(5):
        client.post("/compte/mot-de-passe", data={**NEW, "current_password": "pas le bon"})
    response = client.post("/compte/mot-de-passe", data=NEW)
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in text(response)


def test_change_email_flow(client, user, login, outbox):
    login(user)
    response = client.post("/compte/e-mail", data={"email": "Camille.Nouvelle@Exemple.fr",
                                                   "current_password": factories.PASSWORD})
    assert response.headers["Location"] == "/compte"
    assert "Un lien de confirmation a été envoyé à camille.nouvelle@exemple.fr" in text(client.get("/compte"))
    db.session.refresh(user)
    assert user.email == "camille@exemple.fr"  # unchanged until the link is followed
    assert outbox[0].to == ["camille.nouvelle@exemple.fr"]

    path = link_in(outbox[0])
    response = client.get(path)
    assert response.headers["Location"] == "/compte"
    db.session.refresh(user)
    assert user.email == "camille.nouvelle@exemple.fr"
    assert outbox[1].to == ["camille@exemple.fr"]
    assert "camille.nouvelle@exemple.fr" in outbox[1].body
    assert client.get(path).status_code == 400  # used once
    client.post("/deconnexion")
    assert log_in(client, "camille.nouvelle@exemple.fr").status_code == 302


def test_change_email_link_works_without_being_logged_in(client, user, login, outbox):
    login(user)
    client.post("/compte/e-mail", data={"email": "neuve@exemple.fr", "current_password": factories.PASSWORD})
    client.post("/deconnexion")
    response = client.get(link_in(outbox[0]))
    assert response.headers["Location"] == "/connexion"
    db.session.refresh(user)
    assert user.email == "neuve@exemple.fr"


def test_change_email_checks(client, user, login, outbox):
    factories.UserFactory(email="prise@exemple.fr")
    login(user)
    page = text(client.post("/compte/e-mail", data={"email": "neuve@exemple.fr", "current_password": "faux"}))
    assert "Ce n'est pas votre mot de passe actuel." in page
    page = text(client.post("/compte/e-mail", data={"email": "CAMILLE@exemple.fr",
                                                    "current_password": factories.PASSWORD}))
    assert "C'est déjà l'adresse de votre compte." in page
    page = text(client.post("/compte/e-mail", data={"email": "Prise@exemple.fr",
                                                    "current_password": factories.PASSWORD}))
    assert "Un compte existe déjà avec cette adresse." in page
    page = text(client.post("/compte/e-mail", data={"email": "pas-une-adresse",
                                                    "current_password": factories.PASSWORD}))
    assert "Cette adresse e-mail n'est pas valide." in page
    assert outbox == []


def test_change_email_when_the_address_was_taken_meanwhile(client, user, login, outbox):
    login(user)
    client.post("/compte/e-mail", data={"email": "neuve@exemple.fr", "current_password": factories.PASSWORD})
    factories.UserFactory(email="neuve@exemple.fr")
    response = client.get(link_in(outbox[0]))
    assert response.headers["Location"] == "/compte"
    assert "votre adresse n'a pas changé" in text(client.get("/compte"))
    db.session.refresh(user)
    assert user.email == "camille@exemple.fr"


def test_expired_or_tampered_email_change_link(client, app, user, login, monkeypatch):
    with app.test_request_context():
        token = tokens.make_token(tokens.CHANGE_EMAIL, {"uid": user.id, "email": "n@exemple.fr", "old": user.email})
    assert client.get(f"/compte/e-mail/confirmer/{token}x").status_code == 400
    monkeypatch.setitem(app.config, "CONFIRM_TOKEN_MAX_AGE", -1)
    response = client.get(f"/compte/e-mail/confirmer/{token}")
    assert response.status_code == 400
    assert "Ce lien a expiré" in text(response)
    db.session.refresh(user)
    assert user.email == "camille@exemple.fr"
