"""`flask meetings ...`: commands for cron jobs about meetings."""
import click
from flask.cli import AppGroup

from ..cli_support import base_url_option, email_context, now_option, parse_now
from ..extensions import db
from . import notify, requests

meetings_cli = AppGroup("meetings", help="Rendez-vous d'affaires (tâches planifiées).")


@meetings_cli.command("expire")
@base_url_option
@now_option
def expire(base_url, now_text):
    """Marque « expirées » les demandes de rendez-vous restées sans réponse à leur échéance et prévient
    par e-mail les organisations qui les avaient envoyées.

    Sans effet en double : une demande n'expire qu'une fois. À lancer toutes les heures (cron).
    """
    now = parse_now(now_text)
    with email_context(base_url):
        count = requests.expire_due(now)
        db.session.commit()
        sent = notify.send_queued()
    click.echo(f"{count} demande(s) de rendez-vous expirée(s).")
    if not sent:
        click.echo("Des e-mails n'ont pas pu partir : voir le journal.", err=True)
        raise SystemExit(1)
