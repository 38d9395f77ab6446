"""Matchfair: business fairs of the social and solidarity economy and responsible public procurement."""
import logging
import os
from pathlib import Path

from flask import Flask

from .config import DEFAULT_SECRET_KEY, DefaultConfig, ProductionOverrides

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, commands and error pages.

    `config` (a mapping) wins over every other source; tests use it.
    """
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    _load_config(app, config)
    _check_production_settings(app)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)

    from . import database, i18n, mailer, security, errors, templating

    database.init_app(app)
    i18n.init_app(app)
    mailer.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    _register_blueprints(app)
    _register_commands(app)

    if app.config["AUTO_MIGRATE"] and not app.config.get("TESTING") and not database.running_migration_command():
        database.upgrade_to_head(app)
    return app


def _load_config(app: Flask, config: dict | None) -> None:
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("MATCHFAIR")
    if config:
        app.config.update(config)
    if app.config["ENVIRONMENT"] == "production":
        for key, value in vars(ProductionOverrides).items():
            if key.isupper():
                app.config[key] = value
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        url = app.config.get("DATABASE_URL")
        if not url:
            os.makedirs(app.instance_path, exist_ok=True)
            url = "sqlite:///" + os.path.join(app.instance_path, "matchfair.sqlite3")
        app.config["SQLALCHEMY_DATABASE_URI"] = url


def _check_production_settings(app: Flask) -> None:
    if app.config["ENVIRONMENT"] != "production":
        return
    key = app.config.get("SECRET_KEY")
    if not key or key == DEFAULT_SECRET_KEY or len(str(key)) < 32:
        raise RuntimeError(
            "Refusing to start in production with the default or a short secret key: "
            "set MATCHFAIR_SECRET_KEY to a random value of at least 32 characters "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')."
        )


def _register_blueprints(app: Flask) -> None:
    from .accounts.views import bp as accounts_bp
    from .backoffice.audit_views import bp as audit_bp
    from .backoffice.badge_views import bp as badges_bp
    from .backoffice.export_views import bp as exports_bp
    from .backoffice.import_views import bp as org_imports_bp
    from .backoffice.indicators_views import bp as indicators_bp
    from .backoffice.participants_views import bp as event_participants_bp
    from .board.views import bp as board_bp
    from .clauses.views import bp as clauses_bp
    from .directory.views import bp as directory_bp
    from .groupings.views import bp as groupings_bp
    from .home.views import bp as home_bp
    from .matching.views import bp as matching_bp
    from .meetings.grid_views import bp as meeting_grid_bp
    from .meetings.meeting_views import bp as meetings_bp
    from .meetings.participation_views import bp as meeting_participation_bp
    from .meetings.request_views import bp as meeting_requests_bp
    from .meetings.scheduling_views import bp as meeting_scheduling_bp
    from .needs.views import bp as needs_bp
    from .offers.views import bp as offers_bp
    from .organisations.views import bp as organisations_bp
    from .programme.calendar_views import bp as calendars_bp
    from .programme.event_views import bp as events_bp
    from .programme.registration_views import bp as seats_bp
    from .programme.timetable_views import bp as timetable_bp
    from .programme.views import bp as programme_bp
    from .reference.views import bp as reference_bp

    for bp in (home_bp, accounts_bp, organisations_bp, directory_bp, reference_bp,
               needs_bp, board_bp, offers_bp, matching_bp, groupings_bp,
               events_bp, timetable_bp, seats_bp, programme_bp, calendars_bp,
               meeting_grid_bp, meeting_participation_bp, meeting_requests_bp, meetings_bp, meeting_scheduling_bp,
               audit_bp, badges_bp, org_imports_bp, indicators_bp, event_participants_bp, exports_bp, clauses_bp):
        app.register_blueprint(bp)


def _register_commands(app: Flask) -> None:
    from .clauses.commands import clauses_cli
    from .demo.commands import demo_cli
    from .matching.commands import digests_cli
    from .meetings.commands import meetings_cli
    from .organisations.commands import organiser_cli
    from .reference.commands import cpv_import

    app.cli.add_command(clauses_cli)
    app.cli.add_command(cpv_import)
    app.cli.add_command(demo_cli)
    app.cli.add_command(digests_cli)
    app.cli.add_command(meetings_cli)
    app.cli.add_command(organiser_cli)
