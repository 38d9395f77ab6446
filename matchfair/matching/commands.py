"""`flask digests send`: the e-mail digests of new needs and new interest (run it from cron)."""
import click
from flask.cli import AppGroup

from ..cli_support import base_url_option, email_context, now_option, parse_now
from ..extensions import db
from . import digests

digests_cli = AppGroup("digests", help="Récapitulatifs par e-mail : nouveaux besoins, nouveaux intérêts.")


@digests_cli.command("send")
@base_url_option
@now_option
def send(base_url, now_text):
    """Crée les avis des besoins publiés depuis le dernier passage et envoie les récapitulatifs dus.

    Sans effet en double : un besoin n'est annoncé qu'une fois, une personne reçoit au plus un
    e-mail par jour (ou par semaine, selon son choix). À lancer toutes les heures ou tous les jours.
    """
    now = parse_now(now_text)
    with email_context(base_url):
        report = digests.run(now, commit=db.session.commit)
    click.echo(f"{report.needs_scanned} besoin(s) examiné(s), {report.notices_created} avis créé(s), "
               f"{report.digests_sent} récapitulatif(s) envoyé(s)"
               + (f", {report.failures} échec(s)" if report.failures else "") + ".")
    if report.failures:
        raise SystemExit(1)
