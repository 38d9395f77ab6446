"""Forms of the organisation pages: creation, logo, members and invitations.

The profile form, larger, lives in profile_forms.py.
"""
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from ..engine.territory import department_choices
from ..fields import RadioChoiceField, SelectOrEmptyField, StrippedStringField, max_length, one_of, strip
from .choices import KIND_CHOICES, ROLE_CHOICES
from .fields import compact_siret, valid_siret

# Longer passwords are refused before hashing (hashing megabytes would tie up the server).
PASSWORD_MAX_LENGTH = 256


def department_select_choices():
    return [("", _l("Choisissez un département"))] + department_choices()


def name_field():
    return StrippedStringField(_l("Nom de l'organisation"), validators=[
        DataRequired(_l("Indiquez le nom de l'organisation.")),
        max_length(200, _l("Le nom ne peut pas dépasser %(max)d caractères.", max=200)),
    ], render_kw={"maxlength": 200})


def siret_field(required: bool = True):
    required_check = [DataRequired(_l("Indiquez le numéro SIRET (14 chiffres)."))] if required else []
    return StrippedStringField(_l("Numéro SIRET"), filters=[compact_siret], validators=[
        *required_check, valid_siret,
    ], render_kw={"inputmode": "numeric", "maxlength": 20, "autocomplete": "off"})


def department_field(label=_l("Département du siège")):
    return SelectOrEmptyField(label, choices=department_select_choices, validators=[
        InputRequired(_l("Choisissez un département.")),
        one_of(department_choices, _l("Ce département n'existe pas : choisissez-le dans la liste.")),
    ])


class CreateOrganisationForm(FlaskForm):
    kind = RadioChoiceField(_l("Vous créez la fiche de…"), choices=KIND_CHOICES, validators=[
        InputRequired(_l("Choisissez le type d'organisation.")),
        one_of(KIND_CHOICES, _l("Choisissez le type d'organisation dans la liste.")),
    ])
    name = name_field()
    siret = siret_field()
    department_code = department_field()


class LogoForm(FlaskForm):
    logo = FileField(_l("Logo (PNG, JPEG ou WebP)"), validators=[
        FileRequired(_l("Choisissez un fichier image.")),
    ], render_kw={"accept": "image/png,image/jpeg,image/webp"})


def email_field(label):
    return EmailField(label, filters=[strip], validators=[
        DataRequired(_l("Indiquez une adresse e-mail.")),
        Email(_l("Cette adresse e-mail n'est pas valide."), check_deliverability=False),
        Length(max=254, message=_l("L'adresse e-mail ne peut pas dépasser %(max)d caractères.")),
    ])


class InviteForm(FlaskForm):
    email = email_field(_l("Adresse e-mail de la personne à inviter"))
    role = RadioChoiceField(_l("Rôle"), choices=ROLE_CHOICES, default="member", validators=[
        InputRequired(_l("Choisissez un rôle.")), one_of(ROLE_CHOICES, _l("Choisissez un rôle de la liste.")),
    ])


class RoleForm(FlaskForm):
    role = SelectOrEmptyField(_l("Rôle"), choices=ROLE_CHOICES, validators=[
        InputRequired(_l("Choisissez un rôle.")), one_of(ROLE_CHOICES, _l("Choisissez un rôle de la liste.")),
    ])


def _min_password_length(_form, field) -> None:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if field.data and len(field.data) < minimum:
        raise ValidationError(_l("Le mot de passe doit faire au moins %(min)d caractères.", min=minimum))


class InvitationSignupForm(FlaskForm):
    """Create one's account from an invitation: the link proved the e-mail address."""

    full_name = StrippedStringField(_l("Nom et prénom"), validators=[
        DataRequired(_l("Indiquez votre nom.")),
        max_length(120, _l("Le nom ne peut pas dépasser %(max)d caractères.", max=120)),
    ])
    password = PasswordField(_l("Mot de passe"), validators=[
        DataRequired(_l("Choisissez un mot de passe.")), _min_password_length,
        Length(max=PASSWORD_MAX_LENGTH, message=_l("Le mot de passe ne peut pas dépasser %(max)d caractères.")),
    ])
    confirm = PasswordField(_l("Confirmation du mot de passe"), validators=[
        DataRequired(_l("Saisissez le mot de passe une seconde fois.")),
        EqualTo("password", _l("Les deux mots de passe ne sont pas identiques.")),
    ])
