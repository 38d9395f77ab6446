"""The session form of the timetable (kind, title, day and local times, room or link, capacity,
speakers, themes) and the quick "move" form (room, day, times).

Choices depend on the event: call form.prepare(event, session, organisations) before validating.
form.session_data(event) gives the services a SessionData; form.show_errors(errors) puts a
TimetableError's messages next to their fields.
"""
import re
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import BooleanField, Field, FieldList, Form, FormField, TextAreaField
from wtforms.fields.choices import Choice
from wtforms.validators import DataRequired, InputRequired, ValidationError
from wtforms.widgets import TextInput

from ..accounts.models import User
from ..engine.cpv_divisions import DIVISIONS
from ..extensions import db
from ..fields import (
    MultiCheckboxField,
    MultiSelectField,
    SelectOrEmptyField,
    StrippedStringField,
    WholeNumberField,
    bounded,
    max_length,
    one_of,
    select_choices,
    website_url,
)
from .models import Event, ProgrammeSession
from .timetable_messages import local_day
from .timetable_services import (
    KIND_LABELS,
    TOPICS,
    SessionData,
    SpeakerData,
    local_to_utc,
)
from .timezones import to_local

MAX_SPEAKERS = 12
BLANK_SPEAKERS = 1
MORE_SPEAKERS = 2
CAPACITY_MAX = 100_000
CPV_CHOICES = [(code[:2], f"{code[:2]} · {label}") for code, _kind, label, _en in DIVISIONS]
_TIME = re.compile(r"^\s*(\d{1,2})\s*[:hH]\s*(\d{2})?\s*$")


def parse_time(text: str | None) -> time | None:
    """"10:30", "10h30", "10h", "10:30:00" as a time; None when empty; ValueError when not a time."""
    text = (text or "").strip()
    if not text:
        return None
    match = _TIME.match(text[:5] if len(text) == 8 and text.count(":") == 2 else text)
    hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 0)
    if hour > 23 or minute > 59:
        raise ValueError(_l("Indiquez une heure comme 09:30."))
    return time(hour, minute)


class TimeOfDayField(Field):
    """A wall-clock time "10:30" (also "10h30", "10h"), rendered as <input type="time">."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"type": "time", "step": 300, **(kwargs.pop("render_kw", None) or {})}
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%H:%M") if self.data else ""

    def process_formdata(self, valuelist):
        self.data = None
        self.data = parse_time(valuelist[0] if valuelist else None)


class DaySelectField(SelectOrEmptyField):
    """One of the event's days (ISO dates), as a date."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data:
            try:
                self.data = date.fromisoformat(self.data)
            except ValueError:
                self.data = None
                raise ValueError(_l("Choisissez un jour de l'événement.")) from None

    def _value(self):
        return self.data.isoformat() if isinstance(self.data, date) else (self.data or "")

    def iter_choices(self):
        current = self._value()
        return [Choice(value=c.value, label=c.label, selected=c.value == current, render_kw=c.render_kw)
                for c in self.choices]


def _id_or_none(value):
    return int(value) if str(value).isdigit() else None


class IdSelectField(SelectOrEmptyField):
    """A select of row ids; .data is an int, or None for the empty choice (-1 for a forged value)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, coerce=_id_or_none, **kwargs)

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None:
            self.data = _id_or_none(self.data) if str(self.data).isdigit() else -1


class SpeakerForm(Form):
    """One speaker; a row left empty, or marked for removal, is ignored."""

    full_name = StrippedStringField(_l("Nom et prénom"), validators=[max_length(120)], render_kw={"maxlength": 120})
    role = StrippedStringField(_l("Fonction"), validators=[max_length(200)], render_kw={"maxlength": 200})
    organisation_id = IdSelectField(_l("Organisation"))
    email = StrippedStringField(_l("Adresse e-mail de son compte"), validators=[max_length(254)],
                                render_kw={"maxlength": 254, "type": "email", "autocomplete": "off"})
    remove = BooleanField(_l("Retirer cet intervenant"))

    user_id: int | None = None

    @property
    def is_blank(self) -> bool:
        return not any((f.raw_data or [""])[0].strip() for f in (self.full_name, self.role, self.email)) \
            and not self.organisation_id.data

    def validate(self, extra_validators=None) -> bool:
        if self.remove.data or self.is_blank:
            return True
        return super().validate(extra_validators)

    def validate_full_name(self, field):
        if not field.data:
            raise ValidationError(_l("Indiquez le nom de l'intervenant, ou videz la ligne."))

    def validate_organisation_id(self, field):
        if field.data is not None and field.data not in {_id_or_none(c.value) for c in field.choices}:
            raise ValidationError(_l("Choisissez une organisation de la liste."))

    def validate_email(self, field):
        self.user_id = None
        if field.data:
            user_id = db.session.scalar(select(User.id).where(func.lower(User.email) == field.data.lower()))
            if user_id is None:
                raise ValidationError(_l("Aucun compte n'utilise cette adresse : laissez vide si l'intervenant n'en a pas."))
            self.user_id = user_id


class _WhenFields:
    """Fields shared by both forms: day, start and end, room."""

    day = DaySelectField(_l("Jour"), validators=[InputRequired(_l("Choisissez le jour."))])
    start_time = TimeOfDayField(_l("Début (heure locale)"), validators=[InputRequired(_l("Indiquez l'heure de début."))])
    end_time = TimeOfDayField(_l("Fin (heure locale)"), validators=[InputRequired(_l("Indiquez l'heure de fin."))])
    room_id = SelectOrEmptyField(_l("Salle"))

    def prepare_when(self, event: Event, session: ProgrammeSession | None) -> None:
        days = [event.starts_on + timedelta(days=n) for n in range((event.ends_on - event.starts_on).days + 1)]
        if session is not None:
            current = to_local(session.starts_at, event.timezone).date()
            if current not in days:
                days = sorted([*days, current])
        self.day.choices = select_choices([(d.isoformat(), local_day(d, fmt="EEEE d MMMM y")) for d in days])
        self.room_id.choices = select_choices([("", _l("Sans salle (en ligne)"))] + [
            (str(r.id), _l("%(name)s (%(num)d places)", name=r.name, num=r.capacity)) for r in event.rooms])
        self.room_id.validators = [one_of(lambda: [(c.value, c.label) for c in self.room_id.choices],
                                          _l("Choisissez une salle de cet événement."))]

    def times_utc(self, event: Event) -> tuple[datetime, datetime]:
        return (local_to_utc(event, self.day.data, self.start_time.data),
                local_to_utc(event, self.day.data, self.end_time.data))

    def room_value(self) -> int | None:
        return int(self.room_id.data) if self.room_id.data else None


class SessionForm(_WhenFields, FlaskForm):
    kind = SelectOrEmptyField(_l("Type de séance"), choices=[(k.value, label) for k, label in KIND_LABELS.items()],
                              validators=[DataRequired(_l("Choisissez le type de séance.")),
                                          one_of([(k.value, "") for k in KIND_LABELS])])
    title = StrippedStringField(_l("Titre"), validators=[DataRequired(_l("Donnez un titre à la séance.")),
                                                         max_length(200)], render_kw={"maxlength": 200})
    description = TextAreaField(_l("Description"), filters=[lambda v: v.strip() if isinstance(v, str) else v],
                                validators=[max_length(5000)], render_kw={"rows": 5, "maxlength": 5000})
    online_url = StrippedStringField(_l("Lien pour suivre en ligne"), validators=[max_length(500), website_url],
                                     render_kw={"maxlength": 500, "type": "url"})
    capacity = WholeNumberField(_l("Nombre de places"), validators=[
        bounded(1, CAPACITY_MAX, _l("Indiquez un nombre de places entre 1 et 100 000, ou laissez vide."))])
    speakers = FieldList(FormField(SpeakerForm), label=_l("Intervenants"), min_entries=0, max_entries=MAX_SPEAKERS)
    cpv_divisions = MultiSelectField(_l("Divisions CPV"), choices=CPV_CHOICES, render_kw={"size": 8})
    topics = MultiCheckboxField(_l("Sujets"), choices=list(TOPICS.items()))
    is_published = BooleanField(_l("Publier la séance dans le programme"))

    def prepare(self, event: Event, session: ProgrammeSession | None, organisations) -> None:
        """Set the event's days, rooms and the organisations speakers may come from."""
        self.prepare_when(event, session)
        self.cpv_divisions.validators = [one_of(CPV_CHOICES, _l("Choisissez des divisions de la liste."))]
        self.topics.validators = [one_of(list(TOPICS.items()), _l("Choisissez des sujets de la liste."))]
        self._organisations = [("", _l("Aucune"))] + [(o.id, o.name) for o in organisations]
        for entry in self.speakers:
            entry.form.organisation_id.choices = self._select(self._organisations)

    @staticmethod
    def _select(pairs):
        return select_choices(pairs)

    def add_blank_speakers(self, count: int) -> None:
        for _ in range(max(0, min(count, MAX_SPEAKERS - len(self.speakers.entries)))):
            entry = self.speakers.append_entry()
            entry.form.organisation_id.choices = self._select(self._organisations)

    @property
    def can_add_speakers(self) -> bool:
        return len(self.speakers.entries) < MAX_SPEAKERS

    def session_data(self, event: Event) -> SessionData:
        """The cleaned values (blank and removed speaker rows left out)."""
        starts_at, ends_at = self.times_utc(event)
        self._speaker_rows = [e.form for e in self.speakers if not e.form.remove.data and not e.form.is_blank]
        return SessionData(
            kind=self.kind.data, title=self.title.data, description=self.description.data or None,
            starts_at=starts_at, ends_at=ends_at, room_id=self.room_value(), online_url=self.online_url.data,
            capacity=self.capacity.data, is_published=bool(self.is_published.data),
            speakers=[SpeakerData(r.full_name.data, r.role.data, r.organisation_id.data or None, r.user_id)
                      for r in self._speaker_rows],
            themes=[f"cpv:{c}" for c in self.cpv_divisions.data or []] + [f"topic:{t}" for t in self.topics.data or []],
        )

    def show_errors(self, errors: dict[str, list[str]]) -> None:
        """Put the services' messages next to their fields ("speakers-2-full_name": the third speaker)."""
        for name, messages in errors.items():
            target = self._field(name)
            target.errors = list(target.errors or []) + list(messages)

    def _field(self, name: str):
        if name.startswith("speakers-"):
            _prefix, index, sub = name.split("-", 2)
            rows = getattr(self, "_speaker_rows", [])
            if int(index) < len(rows):
                return rows[int(index)][sub]
        return self._fields.get(name) or (self.start_time if name == "day" else self.title)


class MoveForm(_WhenFields, FlaskForm):
    """Move a session: another room, day or time; nothing else changes."""

    def prepare(self, event: Event, session: ProgrammeSession | None) -> None:
        self.prepare_when(event, session)

    def show_errors(self, errors: dict[str, list[str]]) -> None:
        for name, messages in errors.items():
            target = self._fields.get(name) if name in ("day", "start_time", "end_time", "room_id") else None
            target = target or (self.start_time if name not in ("capacity",) else self.room_id)
            target.errors = list(target.errors or []) + list(messages)


def initial_data(event: Event, session: ProgrammeSession | None, room_id=None, day=None, start=None) -> dict:
    """The form's values from a saved session, or for a new one (prefilled room, day and start)."""
    if session is None:
        end = (datetime.combine(date.min, start) + timedelta(hours=1)).time() if start else None
        return {"kind": "workshop", "day": day or event.starts_on, "start_time": start, "end_time": end,
                "room_id": str(room_id) if room_id else None, "speakers": [], "is_published": False}
    start_local = to_local(session.starts_at, event.timezone)
    end_local = to_local(session.ends_at, event.timezone)
    themes = [t.theme for t in session.themes]
    return {
        "kind": session.kind, "title": session.title, "description": session.description,
        "day": start_local.date(), "start_time": start_local.time(), "end_time": end_local.time(),
        "room_id": str(session.room_id) if session.room_id else None, "online_url": session.online_url,
        "capacity": session.capacity, "is_published": session.is_published,
        "cpv_divisions": [t[4:] for t in themes if t.startswith("cpv:")],
        "topics": [t[6:] for t in themes if t.startswith("topic:")],
        "speakers": [{"full_name": s.full_name, "role": s.role, "organisation_id": s.organisation_id,
                      "email": _email(s.user_id)} for s in session.speakers],
    }


def _email(user_id: int | None) -> str | None:
    return db.session.scalar(select(User.email).where(User.id == user_id)) if user_id else None
