"""Test fixtures: an app on SQLite (or PostgreSQL with MATCHFAIR_TEST_DATABASE_URL), emptied after each test.

PostgreSQL: MATCHFAIR_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test pytest
"""
import os

import pytest
from flask import g
from flask.testing import FlaskClient
from sqlalchemy import delete, text
from sqlalchemy import event as sa_event

from matchfair import create_app
from matchfair.extensions import db

from . import factories


# live_server, browser, page, phone_page, assert_accessible: see tests/plugins/browser.py.
pytest_plugins = ["tests.plugins.browser"]


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("MATCHFAIR_TEST_DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key-that-is-long-enough-for-tests",
            "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path_factory),
            "WTF_CSRF_ENABLED": False,
            "MAIL_BACKEND": "locmem",
            "SERVER_NAME": None,
        }
    )
    with app.app_context():
        db.drop_all()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
            db.session.commit()
        db.create_all()
        _seed_reference_data()
        yield app
        db.session.remove()


def _seed_reference_data() -> None:
    from matchfair.reference.services import ensure_divisions

    ensure_divisions()
    db.session.commit()


@pytest.fixture(autouse=True)
def _clean_database(app):
    """Each test starts from an empty database (but for the shipped CPV divisions)."""
    with app.app_context():
        yield
        db.session.rollback()
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            statement = delete(table)
            if table.name == "cpv_code":
                statement = statement.where(table.c.level > 2)
            db.session.execute(statement)
        db.session.commit()
        _seed_reference_data()
        from matchfair import ratelimit

        ratelimit.reset_all()
        # The app outlives each test's rows: drop the matching index built from them.
        from matchfair.matching.cache import get_cache

        get_cache().clear()


class _Client(FlaskClient):
    """Requests share the test's app context (and its database session); each starts with a fresh g,
    as it would in production, so Flask-Login's cached user does not leak from one request to the next."""

    def open(self, *args, **kwargs):
        g.__dict__.clear()
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = _Client
    return app.test_client()


@pytest.fixture
def outbox(app):
    """The e-mails sent during the test (Flask-Mailman's locmem backend)."""
    state = app.extensions["mailman"]
    state.outbox = []
    return state.outbox


@pytest.fixture
def login(client):
    """login(user): sign `user` in on the test client, without going through the log-in form."""

    def _login(user):
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return user

    return _login


@pytest.fixture
def sse_admin():
    """A confirmed user, admin of an SSE company."""
    return factories.MembershipFactory(organisation=factories.OrganisationFactory()).user


@pytest.fixture
def buyer_admin():
    """A confirmed user, admin of a buyer."""
    return factories.MembershipFactory(organisation=factories.BuyerFactory()).user


@pytest.fixture
def patient_sqlite(app):
    """On SQLite, connections that wait up to 60 s for the write lock (instead of 10 s): for the
    concurrency tests, whose many threads queue for it."""
    engine = db.engine
    if engine.dialect.name != "sqlite":
        yield
        return

    def _patient(dbapi_connection, _record, _proxy):
        dbapi_connection.execute("PRAGMA busy_timeout=60000")

    sa_event.listen(engine, "checkout", _patient)
    yield
    sa_event.remove(engine, "checkout", _patient)
