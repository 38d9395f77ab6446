"""Forms of the events pages: the event, a room, an organisation's registration, a refusal."""
import re
from datetime import datetime
from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, TextAreaField
from wtforms.validators import DataRequired, InputRequired, ValidationError
from wtforms.widgets import DateTimeLocalInput

from ..engine.territory import department_choices
from ..fields import (
    MultiCheckboxField,
    RadioChoiceField,
    SelectOrEmptyField,
    StrippedStringField,
    WholeNumberField,
    bounded,
    max_length,
    one_of,
    strip,
    website_url,
)
from ..needs.fields import FlexibleDateField
from ..organisations.forms import department_select_choices
from .events_services import SLUG_MAX
from .timezones import is_valid_zone, to_local, to_utc

FRENCH_ZONES = (
    ("Europe/Paris", _l("Métropole (Paris)")),
    ("America/Guadeloupe", _l("Guadeloupe")),
    ("America/Martinique", _l("Martinique")),
    ("America/Cayenne", _l("Guyane (Cayenne)")),
    ("Indian/Reunion", _l("La Réunion")),
    ("Indian/Mayotte", _l("Mayotte")),
)
_ZONE_PREFIXES = ("Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/",
                  "Pacific/")
_LOCAL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::\d{2})?$")
_FRENCH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})[:h](\d{2})$")


def zone_choices() -> list[tuple[str, str]]:
    """French zones first (metropolitan, then overseas), then the world's, by name."""
    french = [(name, f"{label} — {name}") for name, label in FRENCH_ZONES]
    taken = {name for name, _label in FRENCH_ZONES}
    others = sorted(z for z in available_timezones() if z.startswith(_ZONE_PREFIXES) and z not in taken)
    return french + [(z, z) for z in others]


class LocalDateTimeField(Field):
    """A wall-clock date and time (datetime-local input, or "JJ/MM/AAAA HH:MM" typed as text)."""

    widget = DateTimeLocalInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%Y-%m-%dT%H:%M") if self.data else ""

    def process_formdata(self, valuelist) -> None:
        self.data = None
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            return
        match = _LOCAL.match(text)
        if match:
            year, month, day, hour, minute = (int(g) for g in match.groups())
        else:
            match = _FRENCH.match(text)
            if not match:
                raise ValueError(_l("Écrivez la date et l'heure sous la forme JJ/MM/AAAA HH:MM, par exemple "
                                    "15/05/2026 09:00."))
            day, month, year, hour, minute = (int(g) for g in match.groups())
        try:
            self.data = datetime(year, month, day, hour, minute)
        except ValueError:
            raise ValueError(_l("Cette date ou cette heure n'existe pas.")) from None


def valid_zone(_form, field) -> None:
    if field.data and not is_valid_zone(field.data):
        raise ValidationError(_l("Ce fuseau horaire n'existe pas : choisissez-le dans la liste."))


def _slug_text(value):
    return value.strip().lower() if isinstance(value, str) else value


class EventForm(FlaskForm):
    name = StrippedStringField(_l("Nom de l'événement"), validators=[
        DataRequired(_l("Donnez un nom à l'événement.")), max_length(200)], render_kw={"maxlength": 200})
    slug = StrippedStringField(_l("Adresse de la page publique"), filters=[_slug_text],
                               validators=[max_length(SLUG_MAX)], render_kw={"maxlength": SLUG_MAX})
    description = TextAreaField(_l("Présentation publique"), filters=[strip],
                                validators=[max_length(10_000)], render_kw={"rows": 8, "maxlength": 10_000})
    starts_on = FlexibleDateField(_l("Premier jour"), validators=[InputRequired(_l("Indiquez le premier jour."))])
    ends_on = FlexibleDateField(_l("Dernier jour"), validators=[InputRequired(_l("Indiquez le dernier jour."))])
    timezone = SelectOrEmptyField(_l("Fuseau horaire"), choices=zone_choices, default="Europe/Paris", validators=[
        InputRequired(_l("Choisissez le fuseau horaire de l'événement.")), valid_zone])
    format = RadioChoiceField(_l("Format"), choices=[("venue", _l("Sur place")), ("online", _l("En ligne"))],
                              default="venue", validators=[one_of([("venue", ""), ("online", "")])])
    venue_name = StrippedStringField(_l("Lieu"), validators=[max_length(200)], render_kw={"maxlength": 200})
    venue_address = StrippedStringField(_l("Adresse du lieu"), validators=[max_length(300)],
                                        render_kw={"maxlength": 300})
    department_code = SelectOrEmptyField(_l("Département du lieu"), choices=department_select_choices, validators=[
        one_of(department_choices, _l("Ce département n'existe pas : choisissez-le dans la liste."))])
    online_url = StrippedStringField(_l("Adresse de l'événement en ligne"), validators=[max_length(500)],
                                     render_kw={"maxlength": 500, "inputmode": "url"})
    registration_opens_at = LocalDateTimeField(_l("Ouverture des inscriptions"))
    registration_closes_at = LocalDateTimeField(_l("Clôture des inscriptions"))
    requires_approval = BooleanField(_l("Les inscriptions des organisations attendent notre validation"))
    is_published = BooleanField(_l("Publier l'événement (visible de tous)"))

    def validate_venue_name(self, field) -> None:
        if self.format.data == "venue" and not field.data:
            raise ValidationError(_l("Indiquez le lieu de l'événement, ou choisissez « En ligne »."))

    def validate_online_url(self, field) -> None:
        if self.format.data != "online":
            return
        if not field.data:
            raise ValidationError(_l("Indiquez l'adresse de l'événement en ligne, ou choisissez « Sur place »."))
        website_url(self, field)

    def event_data(self) -> dict:
        """The event's fields as the services take them: window in UTC, venue or online."""
        online = self.format.data == "online"
        zone = self.timezone.data
        return {
            "name": self.name.data, "description": self.description.data or None,
            "starts_on": self.starts_on.data, "ends_on": self.ends_on.data, "timezone": zone, "is_online": online,
            "venue_name": None if online else self.venue_name.data,
            "venue_address": None if online else self.venue_address.data,
            "department_code": None if online else self.department_code.data,
            "online_url": self.online_url.data if online else None,
            "registration_opens_at": _utc(self.registration_opens_at.data, zone),
            "registration_closes_at": _utc(self.registration_closes_at.data, zone),
            "requires_approval": self.requires_approval.data, "is_published": self.is_published.data,
        }


def _utc(moment: datetime | None, zone: str) -> datetime | None:
    return to_utc(moment, zone) if moment else None


def event_initial(event) -> dict:
    """The form's data for an existing event (window back in the event's wall-clock time)."""
    data = {key: getattr(event, key) for key in (
        "name", "slug", "description", "starts_on", "ends_on", "timezone", "venue_name", "venue_address",
        "department_code", "online_url", "requires_approval", "is_published")}
    data["format"] = "online" if event.is_online else "venue"
    for key in ("registration_opens_at", "registration_closes_at"):
        value = getattr(event, key)
        data[key] = to_local(value, event.timezone).replace(tzinfo=None) if value else None
    return data


class RoomForm(FlaskForm):
    name = StrippedStringField(_l("Nom de la salle"), validators=[
        DataRequired(_l("Donnez un nom à la salle.")), max_length(120)], render_kw={"maxlength": 120})
    capacity = WholeNumberField(_l("Capacité (places)"), validators=[
        InputRequired(_l("Indiquez le nombre de places.")),
        bounded(1, 100_000, _l("Indiquez un nombre de places entre 1 et 100 000."))])
    description = StrippedStringField(_l("Description"), validators=[max_length(500)], render_kw={"maxlength": 500})
    position = WholeNumberField(_l("Ordre dans la grille horaire"), validators=[
        bounded(0, 1000, _l("Indiquez un nombre entre 0 et 1 000."))])

    def room_data(self, default_position: int) -> dict:
        return {"name": self.name.data, "capacity": self.capacity.data, "description": self.description.data,
                "position": default_position if self.position.data is None else self.position.data}


class AttendeesField(MultiCheckboxField):
    """Checkboxes of the organisation's members; the data are user ids."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type = "MultiCheckboxField"  # macros.field renders it as a fieldset of checkboxes by this name

    def process_formdata(self, valuelist):
        try:
            self.data = [int(v) for v in dict.fromkeys(valuelist) if v]
        except ValueError:
            self.data = []
            raise ValueError(_l("Choisissez les personnes dans la liste.")) from None


class RegistrationForm(FlaskForm):
    attendees = AttendeesField(_l("Qui viendra ?"), coerce=int)
    note = TextAreaField(_l("Message aux organisateurs (facultatif)"), filters=[strip],
                         validators=[max_length(1000)], render_kw={"rows": 3, "maxlength": 1000})

    def validate_attendees(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choisissez au moins une personne qui viendra."))
        allowed = {value for value, _label in field.choices}
        if any(value not in allowed for value in field.data):
            raise ValidationError(_l("Seuls les membres de votre organisation peuvent y participer pour elle."))


class RefusalForm(FlaskForm):
    reason = StrippedStringField(_l("Motif du refus"), validators=[
        DataRequired(_l("Indiquez le motif du refus : il est envoyé aux participants.")), max_length(500)],
        render_kw={"maxlength": 500})


class ActionForm(FlaskForm):
    """A button that POSTs (approve, cancel, delete): only the CSRF token."""
