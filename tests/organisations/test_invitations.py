"""/invitation/<token>: end to end, from the admin's form to the new member acting for the organisation."""
import html
import re
from datetime import timedelta

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from matchfair.accounts.models import User
from matchfair.extensions import db
from matchfair.organisations.models import Invitation, Membership
from matchfair.timeutil import utcnow

from .. import factories


def _page(response):
    return html.unescape(response.get_data(as_text=True))


def _invite(client, login, admin, org, outbox, email, role="member") -> str:
    """Send an invitation as `admin`, log out, and return the link's path from the e-mail."""
    login(admin)
    client.post(f"/organisation/{org.id}/membres/inviter", data={"email": email, "role": role})
    client.post("/deconnexion")
    link = re.search(r"https?://[^/\s]+(/invitation/\S+)", outbox[-1].body).group(1)
    return link


def _membership(user_or_email, org):
    db.session.expire_all()
    user = user_or_email if isinstance(user_or_email, User) else db.session.scalar(
        select(User).where(User.email == user_or_email))
    return user and db.session.get(Membership, (user.id, org.id))


def test_new_person_creates_their_account_from_the_link(client, sse_admin, sse_org, login, outbox):
    link = _invite(client, login, sse_admin, sse_org, outbox, "nouvelle@exemple.fr", role="admin")
    page = _page(client.get(link))
    assert f"Invitation à rejoindre {sse_org.name}" in page
    assert f"{sse_admin.full_name} vous invite" in page
    assert "Vous en serez administrateur" in page
    assert 'value="nouvelle@exemple.fr" readonly' in page
    response = client.post(link, data={"full_name": "Nora Nouvelle", "password": "une phrase assez longue",
                                       "confirm": "une phrase assez longue"})
    assert response.status_code == 302 and response.headers["Location"] == "/organisation"
    user = db.session.scalar(select(User).where(User.email == "nouvelle@exemple.fr"))
    assert user.full_name == "Nora Nouvelle" and user.is_confirmed
    assert _membership(user, sse_org).role == "admin"
    # Signed in, acting for the organisation.
    page = _page(client.get("/organisation"))
    assert f"Bienvenue dans {sse_org.name}" in page and f"<h1>{sse_org.name}</h1>" in page
    # The link is used up.
    response = client.get(link)
    assert response.status_code == 410
    assert "déjà été utilisée" in _page(response) and "Vous faites déjà partie" in _page(response)


def test_signup_form_errors(client, sse_admin, sse_org, login, outbox):
    link = _invite(client, login, sse_admin, sse_org, outbox, "nouvelle@exemple.fr")
    for data, message in [({"full_name": "", "password": "une phrase assez longue", "confirm": "une phrase assez longue"}, "Indiquez votre nom."),
                          ({"full_name": "N", "password": "court", "confirm": "court"}, "au moins 10 caractères"),
                          ({"full_name": "N", "password": "une phrase assez longue", "confirm": "autre"}, "pas identiques"),
                          ({"full_name": "x" * 121, "password": "une phrase assez longue", "confirm": "une phrase assez longue"}, "120 caractères")]:
        response = client.post(link, data=data)
        assert response.status_code == 200 and message in _page(response), message
    assert db.session.scalar(select(User).where(User.email == "nouvelle@exemple.fr")) is None


def test_existing_account_is_asked_to_log_in_then_accepts(client, sse_admin, sse_org, login, outbox):
    person = factories.UserFactory(email="deja@exemple.fr", full_name="Déjà Inscrite")
    link = _invite(client, login, sse_admin, sse_org, outbox, "Deja@Exemple.fr")
    page = _page(client.get(link))
    assert "Un compte existe déjà avec l'adresse deja@exemple.fr" in page
    assert f'/connexion?next={link.replace("/", "%2F")}' in page or "/connexion?next=" in page
    # A POST without being signed in does nothing.
    client.post(link, data={"full_name": "X", "password": "une phrase assez longue", "confirm": "une phrase assez longue"})
    assert _membership(person, sse_org) is None
    login(person)
    page = _page(client.get(link))
    assert f"Rejoindre {sse_org.name}" in page and "Vous en serez membre" in page
    assert _membership(person, sse_org) is None  # GET changes nothing
    response = client.post(link)
    assert response.status_code == 302 and response.headers["Location"] == "/organisation"
    assert _membership(person, sse_org).role == "member"
    assert f"<h1>{sse_org.name}</h1>" in _page(client.get("/organisation"))


def test_accepting_switches_away_from_another_current_organisation(client, sse_admin, sse_org, login, outbox, outsider):
    link = _invite(client, login, sse_admin, sse_org, outbox, outsider.email)
    login(outsider)
    client.post(link)
    assert f"<h1>{sse_org.name}</h1>" in _page(client.get("/organisation"))


def test_signed_in_with_another_address(client, sse_admin, sse_org, login, outbox, outsider):
    link = _invite(client, login, sse_admin, sse_org, outbox, "quelquun@exemple.fr")
    login(outsider)
    page = _page(client.get(link))
    assert f"adressée à quelquun@exemple.fr, mais vous êtes connecté avec {outsider.email}" in page
    assert "Se déconnecter" in page
    client.post(link)
    assert _membership(outsider, sse_org) is None


def test_unconfirmed_account_gets_confirmed_by_accepting(client, sse_admin, sse_org, login, outbox):
    person = factories.UserFactory(email="pas.confirmee@exemple.fr", email_confirmed_at=None)
    link = _invite(client, login, sse_admin, sse_org, outbox, person.email)
    login(person)
    client.post(link)
    db.session.expire_all()
    assert db.session.get(User, person.id).is_confirmed
    assert _membership(person, sse_org) is not None


def test_revoked_link(client, sse_admin, sse_org, login, outbox):
    link = _invite(client, login, sse_admin, sse_org, outbox, "x@exemple.fr")
    invitation = db.session.scalar(select(Invitation))
    login(sse_admin)
    client.post(f"/organisation/{sse_org.id}/invitations/{invitation.id}/annuler")
    client.post("/deconnexion")
    response = client.get(link)
    assert response.status_code == 410 and "a été annulée" in _page(response)
    client.post(link, data={"full_name": "X", "password": "une phrase assez longue", "confirm": "une phrase assez longue"})
    assert db.session.scalar(select(User).where(User.email == "x@exemple.fr")) is None


def test_expired_link(client, app, sse_admin, sse_org, login, outbox):
    link = _invite(client, login, sse_admin, sse_org, outbox, "x@exemple.fr")
    invitation = db.session.scalar(select(Invitation))
    invitation.created_at = utcnow() - timedelta(seconds=app.config["INVITATION_TOKEN_MAX_AGE"] + 60)
    db.session.commit()
    response = client.get(link)
    assert response.status_code == 410 and "a expiré" in _page(response)


def test_link_signed_too_long_ago(client, app, sse_admin, sse_org, outbox, monkeypatch):
    invitation = Invitation(organisation=sse_org, email="x@exemple.fr")
    db.session.add(invitation)
    db.session.commit()
    with monkeypatch.context() as patch:
        patch.setattr("itsdangerous.timed.TimestampSigner.get_timestamp", lambda self: 1_000_000)
        token = URLSafeTimedSerializer(app.secret_key, salt="invitation").dumps({"id": invitation.id, "email": "x@exemple.fr"})
    response = client.get(f"/invitation/{token}")
    assert response.status_code == 410 and "a expiré" in _page(response)


@pytest.mark.parametrize("token", ["nimportequoi", "eyJpZCI6MX0.abc.def"])
def test_invalid_link(client, token):
    response = client.get(f"/invitation/{token}")
    assert response.status_code == 404 and "n'est pas valide" in _page(response)


def test_link_signed_with_another_salt_or_for_another_address_is_invalid(client, app, sse_admin, sse_org):
    invitation = Invitation(organisation=sse_org, email="x@exemple.fr")
    db.session.add(invitation)
    db.session.commit()
    other_salt = URLSafeTimedSerializer(app.secret_key, salt="confirm").dumps({"id": invitation.id, "email": "x@exemple.fr"})
    other_email = URLSafeTimedSerializer(app.secret_key, salt="invitation").dumps({"id": invitation.id, "email": "y@exemple.fr"})
    assert client.get(f"/invitation/{other_salt}").status_code == 404
    assert client.get(f"/invitation/{other_email}").status_code == 404


def test_refreshed_invitation_keeps_one_row_and_the_new_link_works(client, sse_admin, sse_org, login, outbox):
    _invite(client, login, sse_admin, sse_org, outbox, "x@exemple.fr")
    link = _invite(client, login, sse_admin, sse_org, outbox, "x@exemple.fr", role="admin")
    assert len(db.session.scalars(select(Invitation)).all()) == 1
    client.post(link, data={"full_name": "X", "password": "une phrase assez longue", "confirm": "une phrase assez longue"})
    assert _membership("x@exemple.fr", sse_org).role == "admin"
