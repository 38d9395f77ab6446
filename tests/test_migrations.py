"""The migrations build the schema the models describe, on SQLite and on PostgreSQL."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from matchfair import create_app
from matchfair.database import MIGRATIONS_DIR
from matchfair.extensions import db
from matchfair.reference.models import CpvCode

SCHEMA = "mf_migrations"


@pytest.fixture
def fresh_url(app, tmp_path):
    """A database URL with nothing in it: a new SQLite file, or a new PostgreSQL schema."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    yield url.update_query_dict({"options": f"-csearch_path={SCHEMA}"}).render_as_string(hide_password=False)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
    engine.dispose()


def test_migrations_match_the_models(fresh_url):
    migrated = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": fresh_url, "SECRET_KEY": "x" * 40})
    with migrated.app_context():
        upgrade(directory=MIGRATIONS_DIR)
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        assert differences == [], f"models and migrations disagree: {differences}"
        # The 45 CPV divisions ship with the schema, so the app works before any import.
        assert db.session.scalar(select(func.count()).select_from(CpvCode).where(CpvCode.level == 2)) == 45
        db.session.remove()
        downgrade(directory=MIGRATIONS_DIR, revision="base")
        db.session.remove()
        db.engine.dispose()


def test_the_app_migrates_its_sqlite_database_on_first_start(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'first-start.sqlite3'}"
    monkeypatch.delenv("MATCHFAIR_DATABASE_URL", raising=False)
    started = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x" * 40})
    with started.app_context():
        assert db.session.scalar(select(func.count()).select_from(CpvCode)) == 45
        db.session.remove()
        db.engine.dispose()
    assert started.test_client().get("/").status_code == 200


def test_production_refuses_the_default_secret_key(monkeypatch):
    monkeypatch.delenv("MATCHFAIR_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="secret key"):
        create_app({"ENVIRONMENT": "production", "TESTING": True})
    with pytest.raises(RuntimeError, match="secret key"):
        create_app({"ENVIRONMENT": "production", "TESTING": True, "SECRET_KEY": "short"})
    ok = create_app({"ENVIRONMENT": "production", "TESTING": True, "SECRET_KEY": "k" * 48,
                     "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert ok.config["SESSION_COOKIE_SECURE"] is True


def test_environment_variables_override_the_defaults(monkeypatch):
    monkeypatch.setenv("MATCHFAIR_DATABASE_URL", "sqlite:////tmp/from-env.sqlite3")
    monkeypatch.setenv("MATCHFAIR_PER_PAGE", "7")
    configured = create_app({"TESTING": True})
    assert configured.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:////tmp/from-env.sqlite3"
    assert configured.config["PER_PAGE"] == 7
