"""Account forms: sign-up, log-in, e-mail requests, passwords and settings."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

# Longer inputs are refused before hashing: hashing megabytes on purpose would tie up the server.
PASSWORD_MAX_LENGTH = 256
KINDS = ("sse", "buyer")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _email_field(label=_l("Adresse e-mail")):
    return EmailField(label, filters=[_strip], validators=[
        DataRequired(_l("Indiquez votre adresse e-mail.")),
        Email(_l("Cette adresse e-mail n'est pas valide."), check_deliverability=False),
        Length(max=254, message=_l("L'adresse e-mail ne peut pas dépasser %(max)d caractères.")),
    ])


def _min_password_length(_form, field) -> None:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if field.data and len(field.data) < minimum:
        raise ValidationError(_l("Le mot de passe doit faire au moins %(min)d caractères.", min=minimum))


def _new_password_fields(label=_l("Nouveau mot de passe")):
    password = PasswordField(label, validators=[
        DataRequired(_l("Choisissez un mot de passe.")),
        _min_password_length,
        Length(max=PASSWORD_MAX_LENGTH, message=_l("Le mot de passe ne peut pas dépasser %(max)d caractères.")),
    ])
    confirm = PasswordField(_l("Confirmation du mot de passe"), validators=[
        DataRequired(_l("Saisissez le mot de passe une seconde fois.")),
        EqualTo("password", _l("Les deux mots de passe ne sont pas identiques.")),
    ])
    return password, confirm


def _current_password_field(label=_l("Mot de passe actuel")):
    return PasswordField(label, validators=[
        DataRequired(_l("Indiquez votre mot de passe actuel.")),
        Length(max=PASSWORD_MAX_LENGTH),
    ])


class SignupForm(FlaskForm):
    full_name = StringField(_l("Nom et prénom"), filters=[_strip], validators=[
        DataRequired(_l("Indiquez votre nom.")),
        Length(max=120, message=_l("Le nom ne peut pas dépasser %(max)d caractères.")),
    ])
    email = _email_field()
    password, confirm = _new_password_fields(_l("Mot de passe"))
    kind = HiddenField()
    next = HiddenField()


class LoginForm(FlaskForm):
    email = _email_field()
    password = PasswordField(_l("Mot de passe"), validators=[
        DataRequired(_l("Indiquez votre mot de passe.")), Length(max=PASSWORD_MAX_LENGTH),
    ])
    remember = BooleanField(_l("Se souvenir de moi"))
    next = HiddenField()


class EmailRequestForm(FlaskForm):
    """Ask for an e-mail: a new confirmation link, or a password-reset link."""

    email = _email_field()


class ResetPasswordForm(FlaskForm):
    password, confirm = _new_password_fields()


class ChangePasswordForm(FlaskForm):
    current_password = _current_password_field()
    password, confirm = _new_password_fields()


class ChangeEmailForm(FlaskForm):
    email = _email_field(_l("Nouvelle adresse e-mail"))
    current_password = _current_password_field()


class SettingsForm(FlaskForm):
    full_name = StringField(_l("Nom et prénom"), filters=[_strip], validators=[
        DataRequired(_l("Indiquez votre nom.")),
        Length(max=120, message=_l("Le nom ne peut pas dépasser %(max)d caractères.")),
    ])
    locale = SelectField(_l("Langue de l'interface"), choices=[
        SelectChoice("", _l("Celle de mon navigateur")),
        SelectChoice("fr", "Français", render_kw={"lang": "fr"}),
        SelectChoice("en", "English", render_kw={"lang": "en"}),
    ])


def clean_kind(kind: str | None) -> str | None:
    """'sse' or 'buyer' from a query string or hidden field, else None."""
    return kind if kind in KINDS else None
