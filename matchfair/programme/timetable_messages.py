"""Words of the timetable: session times in the event's zone, and the messages that name a clash."""
from datetime import UTC, date, datetime

from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from flask_babel import get_locale
from flask_babel import gettext as _

from ..engine.timetable import Clash, ClashKind
from .timezones import zone


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def local_time(moment: datetime, tz_name: str) -> str:
    """A time in the event's zone, in the reader's language: "10:00" (French), "10:00 AM" (English).
    `moment`: naive UTC as stored, or aware."""
    return babel_format_time(_aware(moment), "short", tzinfo=zone(tz_name), locale=get_locale())


def local_day(value: datetime | date, tz_name: str | None = None, fmt: str = "EEEE d MMMM") -> str:
    """A day in words, "mardi 12 mai"; a datetime is first put in the event's zone."""
    if isinstance(value, datetime):
        value = _aware(value).astimezone(zone(tz_name)).date()
    return babel_format_date(value, fmt, locale=get_locale())


def local_span(start: datetime, end: datetime, tz_name: str) -> str:
    """"mardi 12 mai, 10:00 – 11:30" in the event's zone (the end's day added when it differs)."""
    local_start = _aware(start).astimezone(zone(tz_name))
    local_end = _aware(end).astimezone(zone(tz_name))
    end_text = local_time(end, tz_name)
    if local_end.date() != local_start.date():
        end_text = _("%(day)s, %(time)s", day=local_day(local_end.date()), time=end_text)
    return _("%(day)s, %(start)s – %(end)s", day=local_day(local_start.date()),
             start=local_time(start, tz_name), end=end_text)


def clash_message(clash: Clash, event, speaker_names: dict[str, str]) -> str:
    """The sentence that names a clash, e.g. "La salle Garonne est déjà occupée de 10:00 à 11:30
    par « Les marchés réservés »."""
    tz_name = event.timezone
    if clash.kind == ClashKind.OUTSIDE:
        return _("La séance doit avoir lieu pendant l'événement, du %(first)s au %(last)s (heure locale, %(zone)s).",
                 first=local_day(clash.first_day, fmt="d MMMM"), last=local_day(clash.last_day, fmt="d MMMM y"),
                 zone=tz_name)
    if clash.kind == ClashKind.CAPACITY:
        return _("%(num)d places, c'est plus que la salle %(room)s n'en compte (%(max)d places).",
                 num=clash.capacity, room=clash.room_name, max=clash.room_capacity)
    start, end = local_time(clash.other_start, tz_name), local_time(clash.other_end, tz_name)
    if clash.kind == ClashKind.ROOM:
        return _("La salle %(room)s est déjà occupée de %(start)s à %(end)s par « %(title)s ».",
                 room=clash.room_name, start=start, end=end, title=clash.other_title)
    name = speaker_names.get(clash.speaker) or clash.speaker
    return _("%(name)s intervient déjà de %(start)s à %(end)s dans « %(title)s ».",
             name=name, start=start, end=end, title=clash.other_title)
