"""Invitations to set a first password (accounts made by an import) last as long as invitations,
and open the same page as a password reset, once."""
from matchfair.accounts import tokens

from .. import factories


def _link(user, purpose):
    token = tokens.make_token(purpose, {"uid": user.id, "pw": tokens.password_fingerprint(user.password_hash)})
    return f"/mot-de-passe/nouveau/{token}"


def test_invitation_link_outlives_a_reset_link(app, client):
    user = factories.UserFactory()
    app.config["RESET_TOKEN_MAX_AGE"], saved = -1, app.config["RESET_TOKEN_MAX_AGE"]
    try:
        assert client.get(_link(user, tokens.SET_PASSWORD)).status_code == 200
        assert client.get(_link(user, tokens.RESET)).status_code != 200
    finally:
        app.config["RESET_TOKEN_MAX_AGE"] = saved
