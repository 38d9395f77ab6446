"""Fixtures for the accounts tests."""
import html
import re

import pytest

from matchfair import create_app

from .. import factories

@pytest.fixture
def user():
    """A confirmed account whose password is factories.PASSWORD."""
    return factories.UserFactory(email="camille@exemple.fr", full_name="Camille Martin")


@pytest.fixture
def unconfirmed_user():
    return factories.UserFactory(email="dominique@exemple.fr", full_name="Dominique Petit", email_confirmed_at=None)


@pytest.fixture
def csrf_app(app):
    """A second application on the same database, with CSRF protection on as in production."""
    csrf_app = create_app({
        "TESTING": True,
        "SECRET_KEY": app.config["SECRET_KEY"],
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "WTF_CSRF_ENABLED": True,
        "MAIL_BACKEND": "locmem",
    })
    return csrf_app


LINK = re.compile(r"https?://[^/\s]+(/\S+)")


def link_in(message) -> str:
    """The path of the first link in an e-mail's body."""
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def log_in(client, email, password=factories.PASSWORD, environ_base=None, **fields):
    """Post the log-in form (`fields`: remember, next) from the network address in `environ_base`."""
    return client.post("/connexion", data={"email": email, "password": password, **fields},
                       environ_base=environ_base or {})


def text(response) -> str:
    """The response's page with HTML entities decoded, to look for sentences in it."""
    return html.unescape(response.get_data(as_text=True))
