"""The public programme of an event: its sessions (eager-loaded, a fixed number of queries whatever
their number), grouped by day or by room, their places left, themes as words, and the person's own
seats in one query (`my_seats`, for the seats partial).
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import get_locale
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..organisations.models import OrgKind
from ..reference.services import labels_for
from ..timeutil import utcnow
from .models import (
    Event,
    ProgrammeSession,
    Room,
    SeatStatus,
    SessionRegistration,
    SessionTheme,
    Speaker,
)
from .timetable_services import KIND_LABELS, TOPICS
from .timezones import to_local

VIEWS = ("jour", "salle", "liste")


@dataclass
class RoomSection:
    """The sessions of one room (room None: online sessions, or sessions without a room)."""

    room: Room | None
    online: bool
    sessions: list[ProgrammeSession] = field(default_factory=list)


def programme_sessions(event: Event, *, include_unpublished: bool = False, kind: str | None = None,
                       theme: str | None = None) -> list[ProgrammeSession]:
    """The event's sessions in time order (then end, then id), with rooms, speakers and themes
    loaded in three more queries, whatever the number of sessions.
    Cancelled sessions are kept (the page shows them struck through); unpublished ones only with
    `include_unpublished` (organisers)."""
    query = (select(ProgrammeSession).where(ProgrammeSession.event_id == event.id)
             .options(selectinload(ProgrammeSession.room),
                      selectinload(ProgrammeSession.speakers),  # names only: no organisations here
                      selectinload(ProgrammeSession.themes))
             .order_by(ProgrammeSession.starts_at, ProgrammeSession.ends_at, ProgrammeSession.id))
    if not include_unpublished:
        query = query.where(ProgrammeSession.is_published.is_(True))
    if kind:
        query = query.where(ProgrammeSession.kind == kind)
    if theme:
        query = query.where(ProgrammeSession.id.in_(
            select(SessionTheme.session_id).where(SessionTheme.theme == theme)))
    # session.event comes from the identity map (the page's event): no query per session.
    return list(db.session.scalars(query))


def event_themes(event: Event, *, include_unpublished: bool = False) -> list[str]:
    """The themes used by the event's sessions, for the theme filter (one query)."""
    query = (select(SessionTheme.theme).join(ProgrammeSession, ProgrammeSession.id == SessionTheme.session_id)
             .where(ProgrammeSession.event_id == event.id).distinct())
    if not include_unpublished:
        query = query.where(ProgrammeSession.is_published.is_(True))
    return sorted(db.session.scalars(query))


def theme_labels(themes) -> dict[str, str]:
    """{"cpv:90": the division's label in the current language, "topic:x": the topic's words}."""
    themes = set(themes)
    cpv = {t: t[4:6] + "000000" for t in themes if t.startswith("cpv:")}
    names = labels_for(cpv.values(), str(get_locale() or "fr")) if cpv else {}
    labels = {}
    for theme in themes:
        if theme in cpv:
            labels[theme] = names.get(cpv[theme], theme)
        elif theme.startswith("topic:") and theme[6:] in TOPICS:
            labels[theme] = str(TOPICS[theme[6:]])
        else:
            labels[theme] = theme.split(":", 1)[-1].replace("-", " ")
    return labels


def kind_label(kind: str) -> str:
    """"Atelier", "Table ronde"... in the current language."""
    label = KIND_LABELS.get(kind)
    return str(label) if label else kind


def places_left(session: ProgrammeSession) -> int | None:
    """Places still free (None: unlimited), from the counter kept by the registration service."""
    if session.capacity is None:
        return None
    return max(session.capacity - session.registered_count, 0)


def local_day(session: ProgrammeSession, tz_name: str) -> date:
    """The day of the session's start in the event's zone."""
    return to_local(session.starts_at, tz_name).date()


def event_days(event: Event, sessions) -> list[date]:
    """The event's days, and any other day a session starts on (in the event's zone), in order."""
    days = set()
    day = event.starts_on
    while day <= event.ends_on and len(days) < 60:
        days.add(day)
        day += timedelta(days=1)
    days.update(local_day(s, event.timezone) for s in sessions)
    return sorted(days)


def by_day(event: Event, sessions) -> dict[date, list[ProgrammeSession]]:
    """{local day: sessions of that day in time order}, every event day present (maybe empty)."""
    grouped = {day: [] for day in event_days(event, sessions)}
    for session in sessions:
        grouped[local_day(session, event.timezone)].append(session)
    return grouped


def by_room(event: Event, sessions) -> list[RoomSection]:
    """Sections in the timetable's room order, then online sessions, then those without a room;
    only rooms that have sessions."""
    sections = {room.id: RoomSection(room, False) for room in event.rooms}
    online, elsewhere = RoomSection(None, True), RoomSection(None, False)
    for session in sessions:
        if session.room_id is not None and session.room_id in sections:
            sections[session.room_id].sessions.append(session)
        elif session.online_url or event.is_online:
            online.sessions.append(session)
        else:
            elsewhere.sessions.append(session)
    return [s for s in (*sections.values(), online, elsewhere) if s.sessions]


def highlighted(event: Event, sessions, now: datetime | None = None) -> tuple[set[int], set[int]]:
    """While the event is on: ({ids of today's sessions under way}, {id(s) of the next to start today})."""
    now = now or utcnow()
    today = to_local(now, event.timezone).date()
    if not (event.starts_on <= today <= event.ends_on):
        return set(), set()
    live = [s for s in sessions if not s.is_cancelled and local_day(s, event.timezone) == today]
    current = {s.id for s in live if s.starts_at <= now < s.ends_at}
    upcoming = [s for s in live if s.starts_at > now]
    if not upcoming:
        return current, set()
    first = min(s.starts_at for s in upcoming)
    return current, {s.id for s in upcoming if s.starts_at == first}


def my_seats(user, sessions) -> dict[int, SessionRegistration]:
    """{session id: the person's SessionRegistration (any status)} for `sessions`, in ONE query;
    {} for a visitor. Passed to the seats partial as `my_seats`."""
    if user is None or not getattr(user, "is_authenticated", False) or not sessions:
        return {}
    ids = [s.id for s in sessions]
    rows = db.session.scalars(select(SessionRegistration).where(
        SessionRegistration.user_id == user.id, SessionRegistration.session_id.in_(ids)))
    return {row.session_id: row for row in rows}


def waiting_counts(sessions) -> dict[int, int]:
    """{session id: people on its waiting list} for `sessions`, in one query (absent: nobody)."""
    if not sessions:
        return {}
    rows = db.session.execute(
        select(SessionRegistration.session_id, func.count())
        .where(SessionRegistration.session_id.in_([s.id for s in sessions]),
               SessionRegistration.status == SeatStatus.WAITING)
        .group_by(SessionRegistration.session_id))
    return {sid: n for sid, n in rows}


def speaker_profile_id(speaker: Speaker) -> int | None:
    """The directory profile to link a speaker's organisation to: a listed SSE company only."""
    org = speaker.organisation
    if org is not None and org.kind == OrgKind.SSE and org.is_listed:
        return org.id
    return None
