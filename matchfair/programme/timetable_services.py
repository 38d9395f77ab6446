"""The organiser's timetable: sessions created, moved, edited, cancelled, published.

Every function takes the acting user (an organiser of the event, access.is_event_organiser; anyone
else gets Forbidden), checks the rules, changes the rows and flushes; the caller commits.

A refused change raises TimetableError before anything is changed: `errors` maps form field names
("start_time", "end_time", "day", "room_id", "capacity", "speakers", "online_url", ...) to messages
that name the clash, e.g. "La salle Garonne est déjà occupée de 10:00 à 11:30 par « Les marchés
réservés »." (checks: engine/timetable.py).

Rules: times are UTC (naive); a session has a room or an online link; with a room and no capacity,
the room's capacity is stored; a capacity may not exceed the room's nor fall below the number of
people registered. session.sequence rises by one on each change a calendar shows (times, room,
title, description, online link, cancellation). When a published session's times, room or online
link change, or it is cancelled, everyone registered or waiting gets an e-mail once the change is
committed (timetable_notices.py).

The demo and tests build sessions with create_session(actor, event, SessionData(...)):

    data = SessionData(kind="workshop", title="Les marchés réservés",
                       starts_at=local_to_utc(event, date(2026, 5, 12), time(10)),
                       ends_at=local_to_utc(event, date(2026, 5, 12), time(11, 30)), room_id=room.id,
                       speakers=[SpeakerData("Camille Martin", role="Juriste")], themes=["topic:marches-reserves"])
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import Forbidden

from ..backoffice import audit
from ..engine.cpv_divisions import DIVISIONS
from ..engine.timetable import (
    EventDays,
    RoomInfo,
    SessionSlot,
    find_clashes,
    speaker_key,
)
from ..extensions import db
from ..organisations.models import Organisation
from . import registrations
from . import timetable_notices as notices
from .access import is_event_organiser
from .models import Event, ProgrammeSession, Room, SessionKind, SessionTheme, Speaker
from .timetable_messages import clash_message
from .timezones import to_utc

KIND_LABELS = {
    SessionKind.WORKSHOP: _l("Atelier"),
    SessionKind.ROUND_TABLE: _l("Table ronde"),
    SessionKind.PLENARY: _l("Plénière"),
    SessionKind.PITCH: _l("Pitch"),
    SessionKind.TRAINING: _l("Formation"),
}
TOPICS = {
    "clauses-sociales": _l("Clauses sociales"),
    "marches-reserves": _l("Marchés réservés"),
    "groupements": _l("Groupements"),
    "achats-responsables": _l("Achats responsables"),
    "innovation": _l("Innovation"),
    "premiers-pas": _l("Premiers pas dans la commande publique"),
}
CPV_THEMES = {f"cpv:{code[:2]}": label for code, _kind, label, _en in DIVISIONS}
TOPIC_THEMES = {f"topic:{slug}": label for slug, label in TOPICS.items()}


class TimetableError(ValueError):
    """A refused change; `errors`: {form field name: [messages]}."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__(" ".join(m for ms in errors.values() for m in ms))


@dataclass
class SpeakerData:
    """A speaker: full name (required), role, organisation and user account (optional)."""

    full_name: str
    role: str | None = None
    organisation_id: int | None = None
    user_id: int | None = None


@dataclass
class SessionData:
    """A session's values; starts_at/ends_at in UTC (naive), see local_to_utc.

    capacity None: the room's capacity (no room: unlimited). themes: "cpv:90", "topic:clauses-sociales".
    """

    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    description: str | None = None
    room_id: int | None = None
    online_url: str | None = None
    capacity: int | None = None
    speakers: list[SpeakerData] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    is_published: bool = False


def local_to_utc(event: Event, day: date, at: time) -> datetime:
    """A wall-clock time of `day` in the event's zone, as stored (naive UTC)."""
    return to_utc(datetime.combine(day, at), event.timezone)


def theme_label(theme: str) -> str:
    """The words of a stored theme: "cpv:90" -> the division's label, "topic:innovation" -> "Innovation"."""
    label = CPV_THEMES.get(theme) or TOPIC_THEMES.get(theme)
    return str(label) if label else theme


def ensure_organiser(actor, event: Event) -> None:
    """Forbidden unless `actor` organises `event`."""
    if not is_event_organiser(actor, event):
        raise Forbidden()


def session_data(session: ProgrammeSession) -> SessionData:
    """A session's current values, e.g. to change some of them with update_session."""
    return SessionData(
        kind=session.kind, title=session.title, starts_at=session.starts_at, ends_at=session.ends_at,
        description=session.description, room_id=session.room_id, online_url=session.online_url,
        capacity=session.capacity, is_published=session.is_published,
        speakers=[SpeakerData(s.full_name, s.role, s.organisation_id, s.user_id) for s in session.speakers],
        themes=[t.theme for t in session.themes],
    )


def create_session(actor, event: Event, data: SessionData) -> ProgrammeSession:
    """Add a session to `event`'s programme from `data` (TimetableError if refused), flush, return it."""
    ensure_organiser(actor, event)
    capacity = _check(event, None, data)
    session = ProgrammeSession(event=event, registered_count=0, sequence=0, is_cancelled=False)
    _write(session, data, capacity)
    db.session.add(session)
    db.session.flush()
    audit.record(actor, "session.created", event=event, obj=session, title=session.title)
    return session


def update_session(actor, session: ProgrammeSession, data: SessionData) -> bool:
    """Replace the session's values with `data` (TimetableError if refused) and flush.

    Returns True when something a calendar shows changed (the sequence rose)."""
    event = session.event
    ensure_organiser(actor, event)
    if session.is_cancelled:
        raise TimetableError({"title": [str(_l("Cette séance est annulée : elle ne peut plus être modifiée."))]})
    if session.is_published and not data.is_published:
        _check_unpublish(session)
    capacity = _check(event, session, data)
    before = _snapshot(session)
    was_published, old_capacity = session.is_published, session.capacity
    _write(session, data, capacity)
    after = _snapshot(session)
    changed = before != after
    if changed:
        session.sequence += 1
        audit.record(actor, "session.updated", event=event, obj=session, title=session.title)
    if was_published and notices.notified_fields(before) != notices.notified_fields(after):
        notices.queue(session, before, cancelled=False)
    db.session.flush()
    if old_capacity is not None and (capacity is None or capacity > old_capacity):
        registrations.promote_waiting(session)  # more places: the waiting list moves up, in order
    return changed


def move_session(actor, session: ProgrammeSession, room_id: int | None, starts_at: datetime,
                 ends_at: datetime) -> bool:
    """Move a session to another room and/or time; a capacity that was the old room's follows the room."""
    data = session_data(session)
    if data.room_id != room_id and session.room is not None and session.capacity == session.room.capacity:
        data.capacity = None
    data.room_id, data.starts_at, data.ends_at = room_id, starts_at, ends_at
    return update_session(actor, session, data)


def cancel_session(actor, session: ProgrammeSession) -> bool:
    """Cancel the session: it stays (calendars show it cancelled), its sequence rises, and everyone
    registered or waiting is told by e-mail (once committed). False when it was cancelled already."""
    ensure_organiser(actor, session.event)
    if session.is_cancelled:
        return False
    before = _snapshot(session)
    session.is_cancelled = True
    session.sequence += 1
    notices.queue(session, before, cancelled=True)
    db.session.flush()
    audit.record(actor, "session.cancelled", event=session.event, obj=session, title=session.title)
    return True


def set_published(actor, session: ProgrammeSession, published: bool) -> bool:
    """Publish or unpublish the session (TimetableError when people are registered to it);
    False when nothing changed."""
    ensure_organiser(actor, session.event)
    if session.is_published == published:
        return False
    if not published:
        _check_unpublish(session)
    elif session.is_cancelled:
        raise TimetableError({"is_published": [str(_l("Une séance annulée ne peut pas être publiée."))]})
    session.is_published = published
    db.session.flush()
    audit.record(actor, "session.published" if published else "session.unpublished", event=session.event,
                 obj=session, title=session.title)
    return True


def _check_unpublish(session: ProgrammeSession) -> None:
    if notices.registrant_count(session):
        raise TimetableError({"is_published": [str(_l(
            "Des personnes sont inscrites à cette séance : elle doit rester publiée. "
            "Annulez-la si elle n'a plus lieu, elles seront prévenues."))]})


def _snapshot(session: ProgrammeSession) -> dict:
    return {"starts_at": session.starts_at, "ends_at": session.ends_at, "room_id": session.room_id,
            "room_name": session.room.name if session.room is not None else None,
            "title": session.title, "description": session.description, "online_url": session.online_url}


def _check(event: Event, session: ProgrammeSession | None, data: SessionData) -> int | None:
    """Every rule `data` breaks, raised together as one TimetableError; else the capacity to store."""
    errors: dict[str, list[str]] = {}

    def refuse(name, message):
        errors.setdefault(name, []).append(str(message))

    if data.kind not in set(SessionKind):
        refuse("kind", _l("Choisissez un type de séance de la liste."))
    if not (data.title or "").strip():
        refuse("title", _l("Donnez un titre à la séance."))
    if data.ends_at <= data.starts_at:
        refuse("end_time", _l("L'heure de fin doit venir après l'heure de début."))
    rooms = {r.id: r for r in event.rooms}
    room = rooms.get(data.room_id) if data.room_id is not None else None
    if data.room_id is not None and room is None:
        refuse("room_id", _l("Choisissez une salle de cet événement."))
    elif room is None and not data.online_url:
        refuse("room_id", _l("Choisissez une salle, ou indiquez un lien pour suivre la séance en ligne."))
    capacity = data.capacity if data.capacity is not None else (room.capacity if room else None)
    registered = session.registered_count if session is not None else 0
    if data.capacity is not None and data.capacity < 1:
        refuse("capacity", _l("Indiquez au moins une place, ou laissez vide."))
    elif capacity is not None and capacity < registered:
        refuse("capacity" if data.capacity is not None else "room_id", _l(
            "%(num)d personnes sont déjà inscrites : la capacité ne peut pas descendre à %(capacity)d places.",
            num=registered, capacity=capacity))
    unknown = [t for t in data.themes if t not in CPV_THEMES and t not in TOPIC_THEMES]
    if unknown:
        refuse("topics", _l("Choisissez des thèmes de la liste."))
    for i, speaker in enumerate(data.speakers):
        if not (speaker.full_name or "").strip():
            refuse(f"speakers-{i}-full_name", _l("Indiquez le nom de l'intervenant."))
        if speaker.organisation_id is not None and db.session.get(Organisation, speaker.organisation_id) is None:
            refuse(f"speakers-{i}-organisation_id", _l("Choisissez une organisation de la liste."))
    if "end_time" not in errors:
        _clashes(event, session, data, capacity, rooms, refuse)
    if errors:
        raise TimetableError(errors)
    return capacity


def _clashes(event, session, data: SessionData, capacity, rooms, refuse) -> None:
    keys = [speaker_key(s.user_id, s.full_name) for s in data.speakers]
    candidate = SessionSlot(id=session.id if session is not None else None, title=data.title,
                            start=data.starts_at, end=data.ends_at, room_id=data.room_id,
                            capacity=capacity, speakers=keys)
    statement = (
        select(ProgrammeSession).options(selectinload(ProgrammeSession.speakers), selectinload(ProgrammeSession.room))
        .where(ProgrammeSession.event_id == event.id, ProgrammeSession.is_cancelled.is_(False),
               ProgrammeSession.starts_at < data.ends_at, ProgrammeSession.ends_at > data.starts_at)
    )
    if session is not None and session.id is not None:
        statement = statement.where(ProgrammeSession.id != session.id)
    with db.session.no_autoflush:
        others = [
            SessionSlot(id=o.id, title=o.title, start=o.starts_at, end=o.ends_at, room_id=o.room_id,
                        room_name=o.room.name if o.room else None, capacity=o.capacity,
                        speakers=[speaker_key(s.user_id, s.full_name) for s in o.speakers])
            for o in db.session.scalars(statement)
        ]
    days = EventDays(event.starts_on, event.ends_on, event.timezone)
    room_infos = {r.id: RoomInfo(r.id, r.name, r.capacity) for r in rooms.values()}
    names = {k: s.full_name for k, s in zip(keys, data.speakers)}
    rows = {}
    for i, key in enumerate(keys):
        rows.setdefault(key, i)
    for clash in find_clashes(candidate, others, room_infos, days):
        target = {"outside": "day", "capacity": "capacity" if data.capacity is not None else "room_id",
                  "room": "room_id"}.get(clash.kind, f"speakers-{rows.get(clash.speaker, 0)}-full_name")
        refuse(target, clash_message(clash, event, names))


def _write(session: ProgrammeSession, data: SessionData, capacity: int | None) -> None:
    session.kind = data.kind
    session.title = data.title.strip()
    session.description = data.description or None
    session.starts_at, session.ends_at = data.starts_at, data.ends_at
    session.room_id = data.room_id
    session.room = db.session.get(Room, data.room_id) if data.room_id else None
    session.online_url = data.online_url or None
    session.capacity = capacity
    session.is_published = data.is_published
    wanted = [(s.full_name.strip(), s.role or None, s.organisation_id, s.user_id) for s in data.speakers]
    current = [(s.full_name, s.role, s.organisation_id, s.user_id) for s in session.speakers]
    if wanted != current:
        session.speakers = [Speaker(full_name=n, role=r, organisation_id=o, user_id=u, position=i)
                            for i, (n, r, o, u) in enumerate(wanted)]
    themes = list(dict.fromkeys(data.themes))
    if sorted(themes) != sorted(t.theme for t in session.themes):
        keep = {t.theme: t for t in session.themes}
        session.themes = [keep.get(t) or SessionTheme(theme=t) for t in themes]
