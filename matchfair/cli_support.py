"""What the cron commands share: the --base-url and --now options, the context their e-mails'
links are built in, and the run itself (work, commit, then the queued e-mails)."""
from datetime import datetime

import click
from flask import current_app

from .timeutil import utcnow

base_url_option = click.option(
    "--base-url", help="Adresse publique du site pour les liens des e-mails, par exemple "
                       "https://rencontres.example.org (par défaut : le réglage PUBLIC_URL ou SERVER_NAME).")
now_option = click.option(
    "--now", "now_text", help="Date et heure UTC à prendre pour maintenant (AAAA-MM-JJTHH:MM), pour les essais.")


def parse_now(now_text: str | None) -> datetime:
    """The --now value (naive UTC), or the current time; a usage error for a malformed one."""
    if not now_text:
        return utcnow()
    try:
        return datetime.fromisoformat(now_text)
    except ValueError:
        raise click.UsageError("--now : date et heure attendues sous la forme 2026-04-01T08:00.") from None


def email_context(base_url: str | None):
    """A request context at the site's public address (so url_for(_external=True) gives real links),
    or an app context when SERVER_NAME already says it."""
    app = current_app._get_current_object()
    base = base_url or app.config.get("PUBLIC_URL")
    if not base and not app.config.get("SERVER_NAME"):
        base = "http://localhost:5000"
        click.echo(f"Liens des e-mails : {base} (donnez --base-url ou le réglage PUBLIC_URL).", err=True)
    return app.test_request_context("/", base_url=base) if base else app.app_context()


def run_and_mail(base_url: str | None, work, done_text) -> None:
    """Run `work()` (it queues its e-mails with meetings.notify), commit, send the e-mails, print
    `done_text(result)`; exit 1 when an e-mail could not leave (the work stays committed)."""
    from .extensions import db
    from .meetings import notify

    with email_context(base_url):
        result = work()
        db.session.commit()
        sent = notify.send_queued()
    click.echo(done_text(result))
    if not sent:
        click.echo("Des e-mails n'ont pas pu partir : voir le journal.", err=True)
        raise SystemExit(1)
