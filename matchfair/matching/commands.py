"""`flask digests send`: the e-mail digests of new needs and new interest (run it from cron)."""
from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup

from ..extensions import db
from ..timeutil import utcnow
from . import digests

digests_cli = AppGroup("digests", help="Récapitulatifs par e-mail : nouveaux besoins, nouveaux intérêts.")


@digests_cli.command("send")
@click.option("--base-url", help="Adresse publique du site pour les liens des e-mails, par exemple "
                                 "https://rencontres.example.org (par défaut : le réglage PUBLIC_URL ou SERVER_NAME).")
@click.option("--now", "now_text",
              help="Date et heure UTC à prendre pour maintenant (AAAA-MM-JJTHH:MM), pour les essais.")
def send(base_url, now_text):
    """Crée les avis des besoins publiés depuis le dernier passage et envoie les récapitulatifs dus.

    Sans effet en double : un besoin n'est annoncé qu'une fois, une personne reçoit au plus un
    e-mail par jour (ou par semaine, selon son choix). À lancer toutes les heures ou tous les jours.
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
        report = digests.run(now, commit=db.session.commit)
    click.echo(f"{report.needs_scanned} besoin(s) examiné(s), {report.notices_created} avis créé(s), "
               f"{report.digests_sent} récapitulatif(s) envoyé(s)"
               + (f", {report.failures} échec(s)" if report.failures else "") + ".")
    if report.failures:
        raise SystemExit(1)
