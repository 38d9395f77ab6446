"""E-mail confirmation: the link, its expiry and tampering, and asking for a new one."""
from flask import url_for

from matchfair.accounts import services, tokens
from matchfair.extensions import db

from .. import factories
from .conftest import link_in, text


def signup(client, query=""):
    data = {"full_name": "Awa Diallo", "email": "awa@exemple.fr", "password": "une phrase assez longue",
            "confirm": "une phrase assez longue"}
    if query:
        data.update(dict(part.split("=", 1) for part in query.split("&")))
    return client.post("/inscription", data=data)


def is_logged_in(client) -> bool:
    return client.get("/compte").status_code == 200


def test_confirmation_link_logs_in_and_sends_to_organisation_creation(client, app, outbox):
    signup(client, "kind=sse&next=/annuaire")
    response = client.get(link_in(outbox[0]))
    assert response.status_code == 302
    with app.test_request_context():
        expected = url_for("organisations.create", kind="sse", next="/annuaire")
    assert response.headers["Location"] == expected
    user = services.find_user_by_email("awa@exemple.fr")
    assert user.is_confirmed
    assert user.last_login_at is not None
    assert is_logged_in(client)


def test_confirmation_without_kind(client, app, outbox):
    signup(client)
    response = client.get(link_in(outbox[0]))
    with app.test_request_context():
        assert response.headers["Location"] == url_for("organisations.create")


def test_confirmation_of_a_member_goes_to_next(client, unconfirmed_user, app):
    factories.MembershipFactory(user=unconfirmed_user)
    with app.test_request_context():
        token = tokens.make_token(tokens.CONFIRM, {"uid": unconfirmed_user.id, "email": unconfirmed_user.email,
                                                   "kind": None, "next": "/annuaire"})
    response = client.get(f"/confirmer/{token}")
    assert response.headers["Location"] == "/annuaire"


def test_confirmation_never_redirects_off_site(client, unconfirmed_user, app):
    factories.MembershipFactory(user=unconfirmed_user)
    with app.test_request_context():
        token = tokens.make_token(tokens.CONFIRM, {"uid": unconfirmed_user.id, "email": unconfirmed_user.email,
                                                   "kind": None, "next": "//evil.example/"})
    assert client.get(f"/confirmer/{token}").headers["Location"] == "/"


def test_expired_link_gives_a_friendly_page_and_a_new_link(client, app, outbox, monkeypatch):
    signup(client)
    monkeypatch.setitem(app.config, "CONFIRM_TOKEN_MAX_AGE", -1)
    response = client.get(link_in(outbox[0]))
    page = text(response)
    assert response.status_code == 400
    assert "Ce lien a expiré" in page
    assert 'href="/confirmation/renvoyer"' in page
    assert not services.find_user_by_email("awa@exemple.fr").is_confirmed
    assert not is_logged_in(client)


def test_tampered_link_is_refused(client, outbox):
    signup(client)
    path = link_in(outbox[0])
    tampered = path[:-3] + ("aaa" if not path.endswith("aaa") else "bbb")
    response = client.get(tampered)
    assert response.status_code == 400
    assert "Ce lien n'est plus valide" in text(response)
    assert not services.find_user_by_email("awa@exemple.fr").is_confirmed


def test_token_of_another_purpose_is_refused(client, unconfirmed_user, app):
    with app.test_request_context():
        token = tokens.make_token(tokens.RESET, {"uid": unconfirmed_user.id, "email": unconfirmed_user.email})
    assert client.get(f"/confirmer/{token}").status_code == 400


def test_link_for_a_former_address_is_refused(client, unconfirmed_user, app):
    with app.test_request_context():
        token = tokens.make_token(tokens.CONFIRM, {"uid": unconfirmed_user.id, "email": "ancienne@exemple.fr"})
    assert client.get(f"/confirmer/{token}").status_code == 400


def test_second_click_does_not_log_in_again(client, app, outbox):
    signup(client)
    path = link_in(outbox[0])
    client.get(path)
    client.post("/deconnexion")
    response = client.get(path)
    assert response.headers["Location"] == "/connexion"
    assert not is_logged_in(client)
    assert "déjà confirmée" in text(client.get("/connexion"))


def test_second_click_while_logged_in_goes_home(client, outbox):
    signup(client)
    path = link_in(outbox[0])
    client.get(path)
    assert client.get(path).headers["Location"] == "/"


def test_resend_page_for_everyone(client, user, login):
    assert client.get("/confirmation/renvoyer").status_code == 200
    login(user)
    assert client.get("/confirmation/renvoyer").status_code == 200


def test_resend_sends_a_new_link_to_an_unconfirmed_account(client, unconfirmed_user, outbox):
    response = client.post("/confirmation/renvoyer", data={"email": "DOMINIQUE@exemple.fr"})
    assert response.headers["Location"] == "/connexion"
    assert [m.to for m in outbox] == [["dominique@exemple.fr"]]
    client.get(link_in(outbox[0]))
    db.session.refresh(unconfirmed_user)
    assert unconfirmed_user.is_confirmed


def test_resend_answers_the_same_whatever_the_address(client, user, unconfirmed_user, outbox):
    answers = []
    for email in ("inconnu@exemple.fr", user.email, unconfirmed_user.email):
        client.post("/confirmation/renvoyer", data={"email": email})
        answers.append(text(client.get("/connexion")).split('<div class="flashes"')[1][:400])
    assert answers[0] == answers[1] == answers[2]
    assert "Si un compte en attente de confirmation existe" in answers[0]
    assert [m.to for m in outbox] == [[unconfirmed_user.email]]


def test_resend_is_rate_limited_per_network_address(client, outbox):
    for i in range(10):
        assert client.post("/confirmation/renvoyer", data={"email": f"x{i}@exemple.fr"}).status_code == 302
    response = client.post("/confirmation/renvoyer", data={"email": "x@exemple.fr"})
    assert response.status_code == 429
    assert "Trop de demandes d'e-mail depuis votre connexion. Réessayez dans 15 minutes." in text(response)
    other = client.post("/confirmation/renvoyer", data={"email": "x@exemple.fr"},
                        environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert other.status_code == 302


def test_resend_to_one_mailbox_stops_silently(client, unconfirmed_user, outbox):
    for i in range(5):
        response = client.post("/confirmation/renvoyer", data={"email": unconfirmed_user.email},
                               environ_base={"REMOTE_ADDR": f"10.0.0.{i}"})
        assert response.status_code == 302
    assert len(outbox) == 3
