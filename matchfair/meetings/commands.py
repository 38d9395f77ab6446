"""`flask meetings ...`: commands for cron jobs about meetings."""
from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup

from ..extensions import db
from ..timeutil import utcnow
from . import notify, requests

meetings_cli = AppGroup("meetings", help="Rendez-vous d'affaires (tâches planifiées).")


@meetings_cli.command("expire")
@click.option("--base-url", help="Adresse publique du site pour les liens des e-mails, par exemple "
                                 "https://rencontres.example.org (par défaut : le réglage PUBLIC_URL ou SERVER_NAME).")
@click.option("--now", "now_text",
              help="Date et heure UTC à prendre pour maintenant (AAAA-MM-JJTHH:MM), pour les essais.")
def expire(base_url, now_text):
    """Marque « expirées » les demandes de rendez-vous restées sans réponse à leur échéance et prévient
    par e-mail les organisations qui les avaient envoyées.

    Sans effet en double : une demande n'expire qu'une fois. À lancer toutes les heures (cron).
    """
    now = utcnow()
    if now_text:
        try:
            now = datetime.fromisoformat(now_text)
        except ValueError:
            raise click.UsageError("--now : date et heure attendues sous la forme 2026-04-01T08:00.") from None
    app = current_app._get_current_object()
    base = base_url or app.config.get("PUBLIC_URL")
    if not base and not app.config.get("SERVER_NAME"):
        base = "http://localhost:5000"
        click.echo(f"Liens des e-mails : {base} (donnez --base-url ou le réglage PUBLIC_URL).", err=True)
    context = app.test_request_context("/", base_url=base) if base else app.app_context()
    with context:
        count = requests.expire_due(now)
        db.session.commit()
        sent = notify.send_queued()
    click.echo(f"{count} demande(s) de rendez-vous expirée(s).")
    if not sent:
        click.echo("Des e-mails n'ont pas pu partir : voir le journal.", err=True)
        raise SystemExit(1)
