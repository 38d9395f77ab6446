"""Sign-up: the form, its checks, and the confirmation e-mail it sends."""
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from matchfair.accounts.models import User
from matchfair.extensions import db

from .conftest import link_in, text

GOOD = {
    "full_name": "Awa Diallo",
    "email": "Awa.Diallo@Exemple.fr",
    "password": "une phrase assez longue",
    "confirm": "une phrase assez longue",
}


def users_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_signup_page_keeps_kind_and_next(client):
    response = client.get("/inscription?kind=sse&next=/annuaire?q=bois")
    page = text(response)
    assert response.status_code == 200
    assert 'name="kind" type="hidden" value="sse"' in page
    assert 'value="/annuaire?q=bois"' in page
    assert "structure de l'ESS" in page


def test_signup_page_ignores_unknown_kind_and_foreign_next(client):
    page = text(client.get("/inscription?kind=admin&next=https://evil.example/"))
    assert 'name="kind" type="hidden" value=""' in page
    assert 'name="next" type="hidden" value=""' in page


def test_signup_when_logged_in_goes_home(client, user, login):
    login(user)
    response = client.get("/inscription")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_signup_creates_an_unconfirmed_account_and_sends_the_link(client, outbox):
    response = client.post("/inscription", data={**GOOD, "kind": "buyer", "next": "/annuaire"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/inscription/confirmez"
    user = db.session.scalar(select(User))
    assert user.email == "awa.diallo@exemple.fr"
    assert user.full_name == "Awa Diallo"
    assert not user.is_confirmed
    assert user.password_hash != GOOD["password"]
    assert check_password_hash(user.password_hash, GOOD["password"])
    assert len(outbox) == 1
    assert outbox[0].to == ["awa.diallo@exemple.fr"]
    assert link_in(outbox[0]).startswith("/confirmer/")
    page = text(client.get("/inscription/confirmez"))
    assert "cliquez sur le lien que nous venons d'envoyer à awa.diallo@exemple.fr" in page
    assert "journal du serveur" not in page


def test_the_check_email_page_needs_a_sign_up_first(client):
    response = client.get("/inscription/confirmez")
    assert response.status_code == 302
    assert response.headers["Location"] == "/inscription"


def test_signup_tells_about_the_log_when_mail_is_printed(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "console")
    client.post("/inscription", data=GOOD)
    page = text(client.get("/inscription/confirmez"))
    assert "journal du serveur" in page


def test_signup_keeps_the_chosen_language(client):
    client.get("/langue?lang=en")
    client.post("/inscription", data=GOOD)
    assert db.session.scalar(select(User.locale)) == "en"


def test_duplicate_email_in_another_case_is_refused_next_to_the_field(client, user, outbox):
    response = client.post("/inscription", data={**GOOD, "email": "CAMILLE@exemple.FR "})
    page = text(response)
    assert response.status_code == 200
    assert 'id="email-error"' in page
    assert "Un compte existe déjà avec cette adresse" in page
    assert "Mot de passe oublié" in page
    assert users_count() == 1
    assert outbox == []


def test_short_password_is_refused(client):
    page = text(client.post("/inscription", data={**GOOD, "password": "court", "confirm": "court"}))
    assert "Le mot de passe doit faire au moins 10 caractères." in page
    assert users_count() == 0


def test_password_minimum_follows_the_setting(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "PASSWORD_MIN_LENGTH", 30)
    page = text(client.post("/inscription", data=GOOD))
    assert "au moins 30 caractères" in page
    assert users_count() == 0


def test_password_confirmation_must_match(client):
    page = text(client.post("/inscription", data={**GOOD, "confirm": "une autre phrase longue"}))
    assert "Les deux mots de passe ne sont pas identiques." in page
    assert users_count() == 0


def test_over_long_name_is_refused_and_input_kept(client):
    page = text(client.post("/inscription", data={**GOOD, "full_name": "A" * 121}))
    assert "Le nom ne peut pas dépasser 120 caractères." in page
    assert 'value="awa.diallo@exemple.fr"' in page.lower()
    assert users_count() == 0


def test_invalid_email_is_refused(client):
    page = text(client.post("/inscription", data={**GOOD, "email": "awa@"}))
    assert "Cette adresse e-mail n'est pas valide." in page
    assert 'aria-invalid="true"' in page
    assert users_count() == 0


def test_missing_fields_are_listed(client):
    page = text(client.post("/inscription", data={}))
    assert "Le formulaire contient 4 erreurs" in page
    assert users_count() == 0
