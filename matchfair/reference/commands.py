"""Command line for reference data: `flask --app app cpv-import FILE`."""
import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale, gettext as _, ngettext
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from .csv_import import CpvFileError, read_cpv_file, upsert_codes

# Errors printed before "... and N more"; a wrong file may have thousands of bad lines.
MAX_ERRORS_SHOWN = 50


@click.command("cpv-import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@with_appcontext
def cpv_import(path: str) -> None:
    """Import the CPV list from the CSV file PATH.

    The file is UTF-8 with the header code,code8,level,type,parent,label_fr,label_en (the format
    of shared/data/cpv_2008.csv). Every row is checked first: if any is wrong, the errors are
    listed with their line numbers, nothing is imported and the exit status is 1. Otherwise new
    codes are added and changed ones updated in one transaction; running it again changes
    nothing. The import never deletes a code: the codes that organisations refer to always stay.
    """
    # No request here to choose a language: the command speaks the default one.
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        try:
            records = read_cpv_file(path)
        except CpvFileError as exc:
            _fail(exc.problems, _("Aucun code importé depuis %(path)s : corrigez le fichier et relancez la commande.", path=path))
        try:
            report = upsert_codes(records)
            db.session.commit()
        except SQLAlchemyError as exc:
            db.session.rollback()
            reason = str(exc.orig if getattr(exc, "orig", None) else exc).splitlines()[0]
            _fail(
                [_("Erreur de la base de données : %(reason)s", reason=reason)],
                _("Aucun code importé. Vérifiez que la base est à jour (flask db upgrade) et relancez la commande."),
            )
        click.echo(_(
            "%(read)d codes lus : %(added)d ajoutés, %(updated)d mis à jour, %(unchanged)d inchangés",
            read=report.read, added=report.added, updated=report.updated, unchanged=report.unchanged,
        ))


def _fail(problems: list[str], conclusion: str) -> None:
    """Print the problems (the first MAX_ERRORS_SHOWN) on stderr and stop with exit status 1."""
    for problem in problems[:MAX_ERRORS_SHOWN]:
        click.echo(problem, err=True)
    hidden = len(problems) - MAX_ERRORS_SHOWN
    if hidden > 0:
        click.echo(ngettext("… et %(num)d autre erreur.", "… et %(num)d autres erreurs.", hidden), err=True)
    click.echo(conclusion, err=True)
    raise click.exceptions.Exit(1)
