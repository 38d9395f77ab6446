"""`flask clauses ...`: the cron command of the social-clause follow-up."""
from flask.cli import AppGroup

from ..cli_support import base_url_option, now_option, parse_now, run_and_mail
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
    run_and_mail(base_url, lambda: reminders.remind_due(now), "{} marché(s) rappelé(s) aux facilitateurs.".format)
