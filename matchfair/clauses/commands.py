"""`flask clauses ...`: the cron command of the social-clause follow-up."""
import click
from flask.cli import AppGroup

from ..cli_support import base_url_option, email_context, now_option, parse_now
from ..extensions import db
from ..meetings import notify
from . import reminders

clauses_cli = AppGroup("clauses", help="Clauses sociales (tâches planifiées).")


@clauses_cli.command("remind")
@base_url_option
@now_option
def remind(base_url, now_text):
    """Rappelle aux facilitateurs de saisir les heures d'insertion du mois écoulé, pour chaque marché
    attribué qu'ils accompagnent et dont les heures ne sont pas toutes réalisées.

    Un seul rappel par marché et par mois : peut tourner chaque jour (cron).
    """
    now = parse_now(now_text) if now_text else None
    with email_context(base_url):
        count = reminders.remind_due(now)
        db.session.commit()
        sent = notify.send_queued()
    click.echo(f"{count} marché(s) rappelé(s) aux facilitateurs.")
    if not sent:
        click.echo("Des e-mails n'ont pas pu partir : voir le journal.", err=True)
        raise SystemExit(1)
