"""`flask meetings ...`: commands for cron jobs about meetings."""
from flask.cli import AppGroup

from ..cli_support import base_url_option, now_option, parse_now, run_and_mail
from . import requests

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
    run_and_mail(base_url, lambda: requests.expire_due(now), "{} demande(s) de rendez-vous expirée(s).".format)
