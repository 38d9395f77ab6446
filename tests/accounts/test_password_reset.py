"""Forgotten password: asking for a link, choosing a new password, the link working only once."""
from werkzeug.security import check_password_hash

from matchfair.extensions import db

from .. import factories
from .conftest import link_in, log_in, text

NEW = {"password": "un nouveau mot de passe", "confirm": "un nouveau mot de passe"}


def is_logged_in(client) -> bool:
    return client.get("/compte").status_code == 200


def test_forgot_page_for_everyone(client, user, login):
    assert client.get("/mot-de-passe/oublie").status_code == 200
    login(user)
    assert client.get("/mot-de-passe/oublie").status_code == 200


def test_same_answer_whatever_the_address(client, user, outbox):
    answers = []
    for email in ("inconnu@exemple.fr", user.email):
        response = client.post("/mot-de-passe/oublie", data={"email": email})
        assert response.headers["Location"] == "/connexion"
        answers.append(text(client.get("/connexion")).split('<div class="flashes"')[1][:400])
    assert answers[0] == answers[1]
    assert "Si un compte existe avec cette adresse" in answers[0]
    assert "Il est valable 2 heures." in answers[0]
    assert [m.to for m in outbox] == [[user.email]]


def test_reset_end_to_end_and_single_use(client, user, outbox):
    client.post("/mot-de-passe/oublie", data={"email": "CAMILLE@exemple.fr"})
    path = link_in(outbox[0])
    assert path.startswith("/mot-de-passe/nouveau/")
    page = client.get(path)
    assert page.status_code == 200
    assert user.email in text(page)

    response = client.post(path, data=NEW)
    assert response.headers["Location"] == "/"
    assert "Votre mot de passe a été modifié et vous êtes connecté." in text(client.get("/"))
    assert is_logged_in(client)
    db.session.refresh(user)
    assert check_password_hash(user.password_hash, NEW["password"])
    assert outbox[-1].subject == "Votre mot de passe a été modifié"

    again = client.get(path)
    assert again.status_code == 400
    assert 'href="/mot-de-passe/oublie"' in text(again)
    assert client.post(path, data={"password": "encore un autre essai", "confirm": "encore un autre essai"}
                       ).status_code == 400

    client.post("/deconnexion")
    assert log_in(client, user.email).status_code == 200  # the old password no longer works
    assert log_in(client, user.email, password=NEW["password"]).status_code == 302


def test_reset_link_opened_in_someone_elses_session(client, user, login, outbox):
    client.post("/mot-de-passe/oublie", data={"email": user.email})
    login(factories.UserFactory(email="collegue@exemple.fr"))
    path = link_in(outbox[0])
    assert client.get(path).status_code == 200
    client.post(path, data=NEW)
    with client.session_transaction() as session:
        assert session["_user_id"] == user.get_id()


def test_new_password_is_checked(client, user, outbox):
    client.post("/mot-de-passe/oublie", data={"email": user.email})
    path = link_in(outbox[0])
    page = text(client.post(path, data={"password": "court", "confirm": "court"}))
    assert "au moins 10 caractères" in page
    page = text(client.post(path, data={**NEW, "confirm": "autre chose encore"}))
    assert "Les deux mots de passe ne sont pas identiques." in page
    db.session.refresh(user)
    assert check_password_hash(user.password_hash, factories.PASSWORD)


def test_reset_confirms_an_unconfirmed_address(client, unconfirmed_user, outbox):
    client.post("/mot-de-passe/oublie", data={"email": unconfirmed_user.email})
    client.post(link_in(outbox[0]), data=NEW)
    db.session.refresh(unconfirmed_user)
    assert unconfirmed_user.is_confirmed


def test_reset_logs_out_other_sessions(client, app, user, outbox):
    other = app.test_client()
    log_in(other, user.email, remember="y")
    assert is_logged_in(other)
    client.post("/mot-de-passe/oublie", data={"email": user.email})
    client.post(link_in(outbox[0]), data=NEW)
    assert not is_logged_in(other)
    other.delete_cookie("session")
    assert not is_logged_in(other)  # nor does the remember-me cookie work any more


def test_reset_clears_the_failed_logins(client, user, outbox):
    for _ in range(5):
        log_in(client, user.email, password="faux")
    assert log_in(client, user.email).status_code == 429
    client.post("/mot-de-passe/oublie", data={"email": user.email})
    client.post(link_in(outbox[0]), data=NEW)
    client.post("/deconnexion")
    assert log_in(client, user.email, password=NEW["password"]).status_code == 302


def test_expired_reset_link(client, app, user, outbox, monkeypatch):
    client.post("/mot-de-passe/oublie", data={"email": user.email})
    monkeypatch.setitem(app.config, "RESET_TOKEN_MAX_AGE", -1)
    response = client.get(link_in(outbox[0]))
    assert response.status_code == 400
    assert "Ce lien a expiré" in text(response)
    assert 'href="/mot-de-passe/oublie"' in text(response)


def test_tampered_reset_link(client):
    response = client.get("/mot-de-passe/nouveau/eyJ1aWQiOjF9.abc.def")
    assert response.status_code == 400
    assert "Ce lien n'est plus valide" in text(response)


def test_reset_requests_are_rate_limited_per_address(client, outbox):
    for i in range(10):
        client.post("/mot-de-passe/oublie", data={"email": f"x{i}@exemple.fr"})
    response = client.post("/mot-de-passe/oublie", data={"email": "x@exemple.fr"})
    assert response.status_code == 429
    assert "Réessayez dans 15 minutes." in text(response)
