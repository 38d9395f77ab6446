"""Who may open each organisation route: anonymous, another organisation, a member, an admin."""
import pytest

from matchfair.extensions import db
from matchfair.organisations.models import Invitation, Membership, Organisation

from .conftest import image_bytes, org_of, upload

# (method, url template, data) of the routes that need membership of the organisation.
MEMBER_ROUTES = [
    ("get", "/organisation/{org}/modifier", None),
    ("post", "/organisation/{org}/modifier", {"name": "Nom changé"}),
    ("get", "/organisation/{org}/membres", None),
    ("post", "/organisation/{org}/logo", "logo"),
    ("post", "/organisation/{org}/logo/supprimer", {}),
    ("post", "/organisation/{org}/quitter", {}),
]
# Routes only admins may use.
ADMIN_ROUTES = [
    ("post", "/organisation/{org}/membres/inviter", {"email": "nouveau@exemple.fr", "role": "member"}),
    ("post", "/organisation/{org}/invitations/{inv}/annuler", {}),
    ("post", "/organisation/{org}/membres/{target}/role", {"role": "admin"}),
    ("post", "/organisation/{org}/membres/{target}/retirer", {}),
]
LOGIN_ROUTES = [
    ("get", "/organisation", None),
    ("post", "/organisation/choisir", {"organisation_id": "1"}),
    ("get", "/organisation/nouvelle", None),
    ("post", "/organisation/nouvelle", {"kind": "sse"}),
]


@pytest.fixture
def setup(sse_admin, sse_member):
    org = org_of(sse_admin)
    invitation = Invitation(organisation=org, email="attente@exemple.fr", role="member", invited_by=sse_admin)
    db.session.add(invitation)
    db.session.commit()
    return {"org": org.id, "inv": invitation.id, "target": sse_member.id}


def _call(client, method, url, data, ids):
    url = url.format(**ids)
    if data == "logo":
        return client.post(url, data=upload(image_bytes()), content_type="multipart/form-data")
    return getattr(client, method)(url, data=data)


@pytest.mark.parametrize("method,url,data", MEMBER_ROUTES + ADMIN_ROUTES + LOGIN_ROUTES)
def test_anonymous_is_sent_to_login(client, setup, method, url, data):
    response = _call(client, method, url, data, setup)
    assert response.status_code == 302
    assert "/connexion" in response.headers["Location"]


@pytest.mark.parametrize("method,url,data", MEMBER_ROUTES + ADMIN_ROUTES)
def test_another_organisation_gets_404(client, login, setup, outsider, method, url, data):
    login(outsider)
    assert _call(client, method, url, data, setup).status_code == 404
    db.session.expire_all()
    org = db.session.get(Organisation, setup["org"])
    assert org.name != "Nom changé" and db.session.get(Invitation, setup["inv"]).revoked_at is None
    assert db.session.get(Membership, (setup["target"], setup["org"])).role == "member"


@pytest.mark.parametrize("method,url,data", ADMIN_ROUTES)
def test_member_who_is_not_admin_gets_403(client, login, setup, sse_member, method, url, data):
    login(sse_member)
    assert _call(client, method, url, data, setup).status_code == 403


@pytest.mark.parametrize("method,url,data", MEMBER_ROUTES)
def test_member_who_is_not_admin_may_use_member_routes(client, login, setup, sse_member, method, url, data):
    login(sse_member)
    assert _call(client, method, url, data, setup).status_code in (200, 302)


@pytest.mark.parametrize("method,url,data", MEMBER_ROUTES + ADMIN_ROUTES)
def test_admin_may_use_every_route(client, login, setup, sse_admin, method, url, data):
    login(sse_admin)
    assert _call(client, method, url, data, setup).status_code in (200, 302)


def test_unknown_organisation_is_404(client, login, sse_admin):
    login(sse_admin)
    assert client.get("/organisation/999999/modifier").status_code == 404


def test_member_route_effects_are_checked_elsewhere_but_admin_keeps_membership(client, login, setup, sse_admin):
    login(sse_admin)
    # The last admin cannot leave: the route answers with a redirect and a message, nothing changes.
    response = client.post(f"/organisation/{setup['org']}/quitter", follow_redirects=True)
    assert "dernier administrateur" in response.get_data(as_text=True)
    assert db.session.get(Membership, (sse_admin.id, setup["org"])) is not None
