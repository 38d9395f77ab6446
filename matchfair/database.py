"""Database set-up: SQLite pragmas, migrations applied at start, the models' registry."""
import sys
from pathlib import Path

from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db, migrate

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")


def init_app(app: Flask) -> None:
    import_models()
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)


def import_models() -> None:
    """Import every feature's models so that the metadata (and Alembic) knows all tables."""
    from .accounts import models as _accounts  # noqa: F401
    from .organisations import models as _organisations  # noqa: F401
    from .reference import models as _reference  # noqa: F401
    from .needs import models as _needs  # noqa: F401
    from .offers import models as _offers  # noqa: F401
    from .groupings import models as _groupings  # noqa: F401
    from .matching import models as _matching  # noqa: F401
    from .programme import models as _programme  # noqa: F401
    from .meetings import models as _meetings  # noqa: F401
    from .backoffice import models as _backoffice  # noqa: F401


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Only SQLite connections: WAL for concurrent readers, foreign keys enforced, wait on locks.
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    # SQLAlchemy emits BEGIN itself (see _sqlite_begin), so that savepoints behave as documented.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn) -> None:
    if conn.dialect.name != "sqlite":
        return
    # A request that may write (POST...) takes SQLite's write lock at once (BEGIN IMMEDIATE): a
    # transaction that read first and then tried to write would fail with "database is locked" when
    # another wrote in between, instead of waiting its turn. Reading pages keep concurrent readers.
    # Connections opened for reading only (the matching cache's) never take it: they would wait for
    # the request's own write lock.
    writing = (has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")
               and not conn.get_execution_options().get("read_only"))
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def running_migration_command() -> bool:
    """True under `flask db ...`: migration commands manage the schema themselves."""
    args = sys.argv[1:]
    while args and args[0].startswith("-"):
        args = args[2:] if args[0] in ("--app", "-A", "-e", "--env-file") else args[1:]
    return Path(sys.argv[0]).name in ("flask", "flask.exe") and args[:1] == ["db"]


def upgrade_to_head(app: Flask) -> None:
    """Apply pending migrations (creates the database on first start)."""
    from flask_migrate import upgrade

    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR)
