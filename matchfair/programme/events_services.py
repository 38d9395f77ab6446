"""Events and their rooms: the rules organisers work by, and what other parts ask about attendance.

Other parts rely on `attending_event(user, event)` (may this person register for the event's
sessions?) and `user_events(user)` (the events a person attends).
"""
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from babel.dates import get_timezone_name
from flask_babel import format_date, format_time, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, select
from werkzeug.exceptions import Forbidden

from ..backoffice import audit
from ..engine.text import fold
from ..extensions import db
from ..organisations.models import OrgKind
from ..organisations.permissions import is_member
from .access import is_event_organiser
from .models import (
    Attendee,
    Event,
    EventRegistration,
    ProgrammeSession,
    RegistrationStatus,
    Room,
)
from .timezones import now_utc, to_local, to_utc, zone

MAX_DAYS = 14
SLUG_MAX = 80
# Words of the events' own URLs, which an event's slug must not take.
RESERVED_SLUGS = {"nouveau"}
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EVENT_FIELDS = (
    "name", "description", "starts_on", "ends_on", "timezone", "is_online", "venue_name", "venue_address",
    "department_code", "online_url", "registration_opens_at", "registration_closes_at", "requires_approval",
    "is_published",
)


class EventError(ValueError):
    """A rule an event or room change breaks; `field` names the form field it concerns, if any."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.field = field


def slug_from(name: str) -> str:
    """A URL slug from an event's name: "Coventis 2026 !" -> "coventis-2026"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:SLUG_MAX].strip("-")
    if not slug or slug.isdigit() or slug in RESERVED_SLUGS:
        slug = f"evenement-{slug}".strip("-")
    return slug


def _slug_taken(slug: str, event_id: int | None) -> bool:
    statement = select(Event.id).where(Event.slug == slug)
    if event_id is not None:
        statement = statement.where(Event.id != event_id)
    return db.session.scalar(statement) is not None


def available_slug(base: str, event_id: int | None = None) -> str:
    """`base`, or `base-2`, `base-3`... the first one no other event uses."""
    slug, n = base, 2
    while _slug_taken(slug, event_id):
        suffix = f"-{n}"
        slug, n = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix, n + 1
    return slug


def event_bounds_utc(event_like) -> tuple[datetime, datetime]:
    """The first and last instant (UTC) of the event's days, in its own time zone."""
    start = to_utc(datetime.combine(event_like.starts_on, time.min), event_like.timezone)
    end = to_utc(datetime.combine(event_like.ends_on + timedelta(days=1), time.min), event_like.timezone)
    return start, end


def _check_event(data: dict, event: Event | None) -> None:
    starts_on, ends_on = data["starts_on"], data["ends_on"]
    if ends_on < starts_on:
        raise EventError(_l("La fin doit être le même jour que le début ou après."), "ends_on")
    if event is None and ends_on < to_local(now_utc(), data["timezone"]).date():
        raise EventError(_l("Ces dates sont passées : indiquez les jours à venir de l'événement."), "ends_on")
    if (ends_on - starts_on).days + 1 > MAX_DAYS:
        raise EventError(_l("Un événement dure %(max)d jours au plus.", max=MAX_DAYS), "ends_on")
    opens, closes = data["registration_opens_at"], data["registration_closes_at"]
    if opens and closes and closes <= opens:
        raise EventError(_l("La clôture des inscriptions doit venir après leur ouverture."), "registration_closes_at")
    bounds = event_bounds_utc(_Days(starts_on, ends_on, data["timezone"]))
    if closes and closes > bounds[1]:
        raise EventError(_l("Les inscriptions doivent fermer au plus tard le dernier jour de l'événement."),
                         "registration_closes_at")
    if opens and opens >= bounds[1]:
        raise EventError(_l("Les inscriptions doivent ouvrir avant la fin de l'événement."), "registration_opens_at")
    if event is None or event.id is None:
        return
    if data["timezone"] != event.timezone and _session_titles(event):
        raise EventError(_l("Le programme compte déjà des sessions : changer de fuseau horaire décalerait leurs "
                            "horaires. Supprimez-les d'abord, ou gardez ce fuseau."), "timezone")
    outside = _session_titles(event, outside=bounds)
    if outside:
        raise EventError(_l("Ces sessions auraient lieu en dehors des nouvelles dates : %(titles)s. "
                            "Déplacez-les d'abord dans la grille horaire.", titles=", ".join(outside)), "starts_on")


@dataclass(frozen=True)
class _Days:
    starts_on: date
    ends_on: date
    timezone: str


def _session_titles(event: Event, outside: tuple[datetime, datetime] | None = None, room: Room | None = None,
                    above: int | None = None) -> list[str]:
    statement = select(ProgrammeSession.title).where(ProgrammeSession.event_id == event.id)
    if outside:
        statement = statement.where((ProgrammeSession.starts_at < outside[0]) | (ProgrammeSession.ends_at > outside[1]))
    if room is not None:
        statement = statement.where(ProgrammeSession.room_id == room.id)
    if above is not None:
        statement = statement.where(func.coalesce(ProgrammeSession.capacity, 0) > above)
    return list(db.session.scalars(statement.order_by(ProgrammeSession.starts_at).limit(20)))


def ensure_can_organise(user, organisation) -> None:
    """Forbidden unless `user` belongs to `organisation` and it is an organiser."""
    if organisation is None or organisation.kind != OrgKind.ORGANISER or not is_member(user, organisation):
        raise Forbidden()


def create_event(user, organisation, data: dict, slug: str | None) -> Event:
    """A new event organised by `organisation` (the creator's current organisation); flushed.

    `data` holds EVENT_FIELDS with times in UTC; `slug` None: made from the name.
    """
    ensure_can_organise(user, organisation)
    _check_event(data, None)
    event = Event(organiser=organisation, slug=_chosen_slug(slug, data["name"], None),
                  **{k: data[k] for k in EVENT_FIELDS})
    db.session.add(event)
    db.session.flush()
    audit.record(user, "event.created", event=event, organisation=organisation, obj=event, name=event.name)
    return event


def update_event(user, event: Event, data: dict, slug: str | None) -> None:
    """Change an event (its organisers only); flushed."""
    if not is_event_organiser(user, event):
        raise Forbidden()
    _check_event(data, event)
    was_published = event.is_published
    event.slug = _chosen_slug(slug, data["name"], event.id) if slug != event.slug else event.slug
    for key in EVENT_FIELDS:
        setattr(event, key, data[key])
    db.session.flush()
    audit.record(user, "event.published" if event.is_published and not was_published else "event.unpublished"
                 if was_published and not event.is_published else "event.updated", event=event,
                 organisation=event.organiser_organisation_id, obj=event, name=event.name)


def _chosen_slug(slug: str | None, name: str, event_id: int | None) -> str:
    if not slug:
        return available_slug(slug_from(name), event_id)
    if not SLUG_PATTERN.match(slug) or slug.isdigit() or slug in RESERVED_SLUGS:
        raise EventError(_l("Utilisez des lettres minuscules sans accent, des chiffres et des tirets, "
                            "avec au moins une lettre."), "slug")
    if _slug_taken(slug, event_id):
        raise EventError(_l("Cette adresse est déjà prise par un autre événement : choisissez-en une autre."), "slug")
    return slug


# --- Registration window -------------------------------------------------------------------------

@dataclass(frozen=True)
class Window:
    """Where the registration window stands: "upcoming", "open" or "closed", with its limits (UTC)."""

    state: str
    opens_at: datetime | None
    closes_at: datetime


def registration_window(event: Event, now: datetime | None = None) -> Window:
    """The registration window now; no closing time typed: it closes when the event starts."""
    now = now or now_utc()
    closes = event.registration_closes_at or event_bounds_utc(event)[0]
    if event.registration_opens_at and now < event.registration_opens_at:
        return Window("upcoming", event.registration_opens_at, closes)
    return Window("open" if now < closes else "closed", event.registration_opens_at, closes)


def local(event: Event, moment: datetime | None) -> datetime | None:
    """A stored UTC time in the event's zone (aware), for forms and pages."""
    return to_local(moment, event.timezone) if moment else None


# --- Rooms ---------------------------------------------------------------------------------------

def _check_room(event: Event, name: str, room: Room | None) -> None:
    statement = select(Room.id).where(Room.event_id == event.id, func.lower(Room.name) == name.lower())
    if room is not None:
        statement = statement.where(Room.id != room.id)
    if db.session.scalar(statement) is not None:
        raise EventError(_l("Une autre salle de cet événement porte déjà ce nom."), "name")


def next_room_position(event: Event) -> int:
    """The position after the last room's (the new room's column comes last in the timetable)."""
    return (db.session.scalar(select(func.max(Room.position)).where(Room.event_id == event.id)) or 0) + 1


def create_room(user, event: Event, data: dict) -> Room:
    """A new room of `event` (name unique in the event, capacity above 0); flushed."""
    if not is_event_organiser(user, event):
        raise Forbidden()
    _check_room(event, data["name"], None)
    room = Room(event=event, **data)
    db.session.add(room)
    db.session.flush()
    return room


def update_room(user, room: Room, data: dict) -> None:
    """Change a room; its capacity may not fall under a session's capacity in it."""
    if not is_event_organiser(user, room.event):
        raise Forbidden()
    _check_room(room.event, data["name"], room)
    too_big = _session_titles(room.event, room=room, above=data["capacity"])
    if too_big:
        raise EventError(_l("Ces sessions prévoient plus de places que la nouvelle capacité : %(titles)s. "
                            "Réduisez d'abord leur capacité.", titles=", ".join(too_big)), "capacity")
    for key, value in data.items():
        setattr(room, key, value)
    db.session.flush()


def delete_room(user, room: Room) -> None:
    """Delete a room that no session uses (else EventError naming the sessions)."""
    if not is_event_organiser(user, room.event):
        raise Forbidden()
    used = _session_titles(room.event, room=room)
    if used:
        raise EventError(_l("La salle « %(room)s » accueille ces sessions : %(titles)s. Déplacez-les dans une autre "
                            "salle ou supprimez-les, puis supprimez la salle.", room=room.name, titles=", ".join(used)))
    db.session.delete(room)
    db.session.flush()


# --- Attendance: the interface other parts use ---------------------------------------------------

def _attending(user_id: int):
    return (select(EventRegistration.event_id)
            .join(Attendee, Attendee.registration_id == EventRegistration.id)
            .where(Attendee.user_id == user_id, EventRegistration.status == RegistrationStatus.APPROVED.value))


def attending_event(user, event: Event) -> bool:
    """True when `user` attends `event`: an attendee of an approved registration of their organisation.

    Only such people may register for the event's sessions.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(db.session.scalar(select(exists(_attending(user.id).where(EventRegistration.event_id == event.id)))))


def user_events(user) -> list[Event]:
    """The published events `user` attends (see attending_event), the soonest first."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(db.session.scalars(select(Event).where(Event.id.in_(_attending(user.id)), Event.is_published)
                                   .order_by(Event.starts_on, Event.id)))


def date_range_text(event: Event) -> str:
    """"12 mai 2026" or "12 mai 2026 – 13 mai 2026", in the current language."""
    first = format_date(event.starts_on, "long")
    return first if event.ends_on == event.starts_on else f"{first} – {format_date(event.ends_on, 'long')}"


def when_text(event: Event, moment: datetime | None) -> str:
    """A stored UTC time as "vendredi 1 mai 2026 à 09:00", in the event's zone and the current language."""
    if moment is None:
        return ""
    at = to_local(moment, event.timezone)
    return _("%(date)s à %(time)s", date=format_date(at, "full", rebase=False),
             time=format_time(at, "short", rebase=False))


def zone_text(event: Event) -> str:
    """The event's time zone for people: "heure : La Réunion (Indian/Reunion)"."""
    name = get_timezone_name(zone(event.timezone), locale=str(get_locale() or "fr"))
    return f"{name} ({event.timezone})"
