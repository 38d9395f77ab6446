"""Forms of the organiser's meeting grid: settings, a period, tables, a stand."""
import re
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from ..fields import (
    StrippedStringField,
    WholeNumberField,
    bounded,
    max_length,
    select_choices,
)
from ..programme.timetable_forms import DaySelectField, IdSelectField, TimeOfDayField
from ..programme.timetable_messages import local_day
from .grid_services import (
    MAX_TABLES_AT_ONCE,
    SETTINGS_FIELDS,
    TABLE_NAME_MAX,
    event_days,
)

PLACEHOLDERS = ("{event}", "{meeting}", "{code}")
_BRACED = re.compile(r"\{[^{}]*\}")
EXAMPLE_PATTERN = "https://visio.exemple.fr/{event}-{meeting}-{code}"


def video_pattern(_form, field) -> None:
    """An http(s) address whose only placeholders are {event}, {meeting} and {code}, with {meeting}
    or {code} so that each meeting gets its own link."""
    value = field.data
    if not value:
        return
    unknown = [p for p in _BRACED.findall(value) if p not in PLACEHOLDERS]
    if unknown:
        raise ValidationError(_l("Seuls {event}, {meeting} et {code} sont remplacés ; retirez %(found)s.",
                                 found=", ".join(dict.fromkeys(unknown))))
    sample = value.replace("{event}", "rencontres").replace("{meeting}", "12").replace("{code}", "Ab3dE5")
    if "{" in sample or "}" in sample:
        raise ValidationError(_l("Une accolade n'est pas fermée : écrivez {event}, {meeting} ou {code}."))
    parts = urlsplit(sample)
    host = parts.hostname or ""
    if (parts.scheme not in ("http", "https") or "." not in host or re.search(r"\s", sample)
            or not re.fullmatch(r"[a-z0-9.-]+", host) or host.startswith(".") or host.endswith(".")):
        raise ValidationError(_l("Indiquez une adresse commençant par https:// (par exemple %(example)s).",
                                 example=EXAMPLE_PATTERN))
    if "{meeting}" not in value and "{code}" not in value:
        raise ValidationError(_l("Ajoutez {code} (ou au moins {meeting}) : chaque rendez-vous doit avoir son "
                                 "propre lien."))


class SettingsForm(FlaskForm):
    is_open = BooleanField(_l("Ouverts aux participants (inscription, demandes et réservations)"))
    direct_booking = BooleanField(_l("Les participants réservent eux-mêmes un créneau une fois la demande acceptée"))
    slot_minutes = WholeNumberField(_l("Durée d'un rendez-vous (minutes)"), validators=[
        InputRequired(_l("Indiquez la durée d'un rendez-vous.")),
        bounded(5, 240, _l("Indiquez une durée entre 5 et 240 minutes."))])
    break_minutes = WholeNumberField(_l("Pause entre deux rendez-vous (minutes)"), validators=[
        InputRequired(_l("Indiquez la pause, 0 s'il n'y en a pas.")),
        bounded(0, 120, _l("Indiquez une pause entre 0 et 120 minutes."))])
    video_link_pattern = StrippedStringField(_l("Modèle de lien visio"), validators=[max_length(500), video_pattern],
                                             render_kw={"maxlength": 500, "inputmode": "url",
                                                        "placeholder": EXAMPLE_PATTERN})
    request_expiry_days = WholeNumberField(_l("Une demande sans réponse expire après (jours)"), validators=[
        InputRequired(_l("Indiquez le délai d'expiration des demandes.")),
        bounded(1, 90, _l("Indiquez un délai entre 1 et 90 jours."))])
    pending_cap = WholeNumberField(_l("Demandes en attente par participant, au plus"), validators=[
        InputRequired(_l("Indiquez le nombre de demandes en attente permis.")),
        bounded(1, 500, _l("Indiquez un nombre entre 1 et 500."))])
    max_meetings = WholeNumberField(_l("Rendez-vous par participant, au plus (facultatif)"), validators=[
        bounded(1, 1000, _l("Indiquez un nombre entre 1 et 1 000, ou laissez vide."))])

    def settings_data(self) -> dict:
        return {name: getattr(self, name).data for name in SETTINGS_FIELDS}


class PeriodForm(FlaskForm):
    day = DaySelectField(_l("Jour"), validators=[InputRequired(_l("Choisissez le jour."))])
    start_time = TimeOfDayField(_l("Début (heure locale)"), validators=[
        InputRequired(_l("Indiquez l'heure de début."))])
    end_time = TimeOfDayField(_l("Fin (heure locale)"), validators=[InputRequired(_l("Indiquez l'heure de fin."))])

    def prepare(self, event) -> "PeriodForm":
        self.day.choices = select_choices([(d.isoformat(), local_day(d, fmt="EEEE d MMMM y"))
                                           for d in event_days(event)])
        return self

    def validate_day(self, field) -> None:
        if field.data and field.data.isoformat() not in {c.value for c in field.choices}:
            raise ValidationError(_l("Choisissez un jour de l'événement."))


class AddTablesForm(FlaskForm):
    prefix = StrippedStringField(_l("Début du nom"), default="Table", validators=[
        DataRequired(_l("Indiquez le début du nom des tables, par exemple « Table ».")),
        max_length(TABLE_NAME_MAX - 4)], render_kw={"maxlength": TABLE_NAME_MAX - 4})
    count = WholeNumberField(_l("Nombre de tables"), default=10, validators=[
        InputRequired(_l("Indiquez combien de tables ajouter.")),
        bounded(1, MAX_TABLES_AT_ONCE, _l("Ajoutez entre 1 et %(max)d tables à la fois.", max=MAX_TABLES_AT_ONCE))])


class RenameTableForm(FlaskForm):
    name = StrippedStringField(_l("Nouveau nom"), validators=[
        DataRequired(_l("Donnez un nom à la table.")), max_length(TABLE_NAME_MAX)],
        render_kw={"maxlength": TABLE_NAME_MAX})


class StandForm(FlaskForm):
    table_id = IdSelectField(_l("Table du stand"), validators=[InputRequired(_l("Choisissez une table."))])

    def prepare(self, tables) -> "StandForm":
        self.table_id.choices = select_choices([("", _l("Choisir une table"))] + [(str(t.id), t.name) for t in tables])
        return self
