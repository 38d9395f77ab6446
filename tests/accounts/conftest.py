"""Fixtures for the accounts tests."""
import html
import re

import pytest
from flask import g
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from matchfair import create_app

from .. import factories

# The base layout links to these; until their own features provide them, tests get plain stand-ins.
STAND_IN_ENDPOINTS = {
    "organisations.create": "/_stand-in/organisation/creer",
    "organisations.dashboard": "/_stand-in/organisation",
    "directory.index": "/_stand-in/annuaire",
}


def provide_missing_endpoints(app) -> None:
    for endpoint, path in STAND_IN_ENDPOINTS.items():
        if endpoint not in app.view_functions:
            app.url_map.add(Rule(path, endpoint=endpoint, methods=["GET"]))
            app.view_functions[endpoint] = lambda **_kw: "stand-in"


@pytest.fixture(scope="session", autouse=True)
def _stand_in_endpoints(app):
    provide_missing_endpoints(app)


class IsolatedClient(FlaskClient):
    """A test client whose every request starts with an empty `g`, as in production.

    The shared `_clean_database` fixture keeps an application context open during the test, and
    requests reuse it: without this, Flask-Login's cached user (g._login_user) would leak from one
    request to the next and hide log-ins, log-outs and stale sessions.
    """

    def open(self, *args, **kwargs):
        g.__dict__.clear()
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = IsolatedClient
    try:
        yield app.test_client()
    finally:
        app.test_client_class = None


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
    provide_missing_endpoints(csrf_app)
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
