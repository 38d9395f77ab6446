"""`flask demo load`: load the demo fair in one transaction and print the log-ins to try it."""
import time

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..reference.csv_import import CpvFileError, read_cpv_file, upsert_codes
from ..reference.models import CpvCode
from .context import Login
from .identity import DEMO_PASSWORD
from .loader import existing_logins, is_loaded, load_demo, reset_demo

demo_cli = AppGroup("demo", help="Demo fair.")


@demo_cli.command("load")
@click.option("--reset", is_flag=True,
              help="Delete the organisations and users the demo made (demo e-mail domain), then load it again.")
def load_command(reset: bool) -> None:
    """Load an Occitanie-like demo fair: SSE companies, buyers, an organiser, and their accounts."""
    started = time.perf_counter()
    try:
        deleted = reset_demo() if reset else None
        if not reset and is_loaded():
            db.session.rollback()
            click.echo("La démo est déjà chargée : rien n'a été ajouté "
                       "(« flask --app app demo load --reset » la recharge).")
            _import_full_cpv_list()
            _print_logins(existing_logins())
            return
        ctx = load_demo()
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        raise click.ClickException(
            "La démo n'a pas pu être chargée, rien n'a été modifié. "
            f"Cause : {error.__class__.__name__}: {str(error.orig if hasattr(error, 'orig') else error)[:300]}"
        ) from error
    if deleted and any(deleted):
        click.echo(f"Ancienne démo supprimée : {deleted[0]} organisations, {deleted[1]} comptes.")
    counts = ctx.counts
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    cpv = f"{counts['cpv_codes']} codes CPV ajoutés" if counts["cpv_codes"] else "codes CPV déjà présents"
    click.echo(
        f"Démo chargée en {seconds} s : {counts['sse']} structures de l'ESS, {counts['buyer']} acheteurs, "
        f"{counts['organiser']} organisateur, {counts['facilitator']} facilitateurs de clauses sociales, "
        f"{counts['users']} comptes, {cpv}."
    )
    _import_full_cpv_list()
    _print_logins(ctx.logins)


# The full CPV list beside the project (../shared/data, as in the development set-up), if present.
SHARED_CPV_FILE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cpv_2008.csv"


def _import_full_cpv_list() -> None:
    """The demo ships only the CPV codes it uses; when the full list lies beside the project and has
    not been imported yet, import it too, so that any code can be typed while trying the demo."""
    if db.session.scalar(select(func.count()).select_from(CpvCode)) > 1000:
        return
    if not SHARED_CPV_FILE.exists():
        click.echo("Liste CPV : seuls les codes de la démo sont chargés ; importez la liste complète avec "
                   "« flask --app app cpv-import FICHIER ».")
        return
    try:
        report = upsert_codes(read_cpv_file(SHARED_CPV_FILE))
        db.session.commit()
    except (CpvFileError, SQLAlchemyError) as error:
        db.session.rollback()
        click.echo(f"Liste CPV complète non importée ({error}) : « flask --app app cpv-import FICHIER ».")
        return
    click.echo(f"Liste CPV complète importée depuis {SHARED_CPV_FILE} : {report.added} codes ajoutés.")


def _print_logins(logins: list[Login]) -> None:
    click.echo("")
    click.echo(f"Comptes de démonstration (mot de passe commun : {DEMO_PASSWORD}) :")
    header = Login("Rôle", "Organisation", "E-mail")
    rows = [header, *logins]
    widths = [max(len(getattr(row, field)) for row in rows) for field in ("role", "organisation")]
    for row in rows:
        click.echo(f"  {row.role.ljust(widths[0])}  {row.organisation.ljust(widths[1])}  {row.email}")
    click.echo("")
    click.echo("Connexion : lancez « flask --app app run » puis ouvrez http://127.0.0.1:5000/connexion")
