"""`flask organiser create`: organiser organisations are not self-service; an operator makes them."""
import secrets

import click
from email_validator import EmailNotValidError, validate_email
from flask.cli import AppGroup
from sqlalchemy import select
from stdnum.fr import siret as stdnum_siret

from ..accounts import services as accounts
from ..engine.territory import normalize_department
from ..extensions import db
from . import services
from .models import OrgKind, Organisation

organiser_cli = AppGroup("organiser", help="Organisateurs de salons (une CRESS, le service achats d'une collectivité…).")


@organiser_cli.command("create")
@click.option("--name", required=True, help="Nom de l'organisation, par exemple « CRESS Occitanie ».")
@click.option("--email", required=True, help="E-mail de son administrateur ; un compte existant en devient administrateur.")
@click.option("--password", help="Mot de passe d'un nouveau compte (par défaut : tiré au hasard et affiché une fois).")
@click.option("--full-name", help="Nom d'un nouveau compte (par défaut : la partie de l'e-mail avant @).")
@click.option("--siret", help="SIRET de l'organisation (facultatif).")
@click.option("--department", help="Code INSEE du département de son siège, par exemple 31 (facultatif).")
def create_organiser(name, email, password, full_name, siret, department):
    """Crée une organisation organisatrice et son administrateur (compte confirmé)."""
    name = name.strip()
    if not name or len(name) > 200:
        raise click.UsageError("--name : de 1 à 200 caractères.")
    try:
        email = accounts.normalize_email(validate_email(email, check_deliverability=False).normalized)
    except EmailNotValidError as exc:
        raise click.UsageError(f"--email : adresse non valide ({exc}).") from None
    if siret is not None:
        siret = stdnum_siret.compact(siret)
        if not stdnum_siret.is_valid(siret):
            raise click.UsageError("--siret : numéro SIRET non valide (14 chiffres, clé de contrôle).")
    department_code = None
    if department is not None:
        department_code = normalize_department(department)
        if department_code is None:
            raise click.UsageError(f"--department : {department!r} n'est pas un code de département INSEE.")
    duplicate = db.session.scalar(select(Organisation).where(
        Organisation.kind == OrgKind.ORGANISER, Organisation.name == name))
    if duplicate is not None:
        raise click.ClickException(f"Une organisation organisatrice nommée « {name} » existe déjà (n° {duplicate.id}).")
    # Checked before any account is made, so that a refused command leaves nothing behind.
    if services.siret_taken(siret):
        raise click.ClickException(f"Une autre organisation a déjà le SIRET {siret}.")

    user = accounts.find_user_by_email(email)
    existed = user is not None
    generated = None
    if not existed:
        if password is None:
            password = generated = secrets.token_urlsafe(12)
        try:
            user = accounts.create_user(email, full_name or email.split("@")[0], password, confirmed=True)
        except accounts.PasswordTooShort:
            raise click.UsageError("--password : mot de passe trop court (voir PASSWORD_MIN_LENGTH).") from None
    others = [m.organisation.name for m in user.memberships]
    try:
        org = services.create_organisation(user, OrgKind.ORGANISER, name, siret, department_code,
                                           allow_organiser=True)
    except services.SiretTaken:
        db.session.rollback()
        raise click.ClickException(f"Une autre organisation a déjà le SIRET {siret}.") from None
    db.session.commit()

    click.echo(f"Organisation organisatrice « {org.name} » créée (n° {org.id}).")
    if existed:
        click.echo(f"Le compte {user.email} existait déjà : il devient aussi administrateur de « {org.name} »"
                   + (f" (il fait aussi partie de : {', '.join(others)})." if others else ".")
                   + (" --password et --full-name ont été ignorés." if password or full_name else ""))
    elif generated is not None:
        click.echo(f"Compte {user.email} créé (confirmé), administrateur, avec le mot de passe : {generated}")
        click.echo("Transmettez-le par un moyen sûr ; son titulaire le changera sur la page /compte.")
    else:
        click.echo(f"Compte {user.email} créé (confirmé), administrateur, avec le mot de passe donné.")
