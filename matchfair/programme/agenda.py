"""A person's agenda: what they take part in at an event, in time order.

The interface (used by the "Mon agenda" page and by the calendars part for the .ics of a whole
agenda and the private feed):

    agenda_items(user, event=None, *, include_cancelled=False) -> list[AgendaItem]

- `event`: an Event (or its id) to keep only that event's items; None: every event.
- Items come in time order: starts_at, then ends_at, then key.
- One item per session the person holds a row for (SessionRegistration, any status):
  `status` is "registered" or "waiting" for a live place or waiting rank, and "cancelled" when the
  person cancelled it OR the organiser cancelled the session OR withdrew it (session or event
  unpublished). `session_cancelled` tells the latter apart (the page shows those struck through).
- include_cancelled=False (the page, the .ics download) leaves out every "cancelled" item;
  include_cancelled=True (the subscription feed) keeps them, so that calendar clients receive
  STATUS:CANCELLED instead of an event that silently vanishes.
- `key` is stable for the life of the session ("session-<id>"): use it for the iCalendar UID.
- `sequence` never decreases: the session's own sequence (raised by the timetable on changes)
  plus the seconds from 2025-01-01 to the last change of the person's row when it has changed since
  it was made (cancelled, promoted, taken again). Fits RFC 5545's 32-bit integer until 2093.
- `location`: room and venue, or "En ligne" (with the link for people holding a place only: the
  online link is never given to waiting or cancelled people). `description`: the session's text and
  its speakers (public information only; nothing about other participants).
- Times are naive UTC; `local_starts_at` / `local_ends_at` give them in the event's zone.

Meetings (issue 5): one item of kind "meeting" (key "meeting-<id>", session=None, `meeting` set)
per booked meeting for the REPRESENTATIVE of each side (participant.user_id): title "Rendez-vous
avec <other organisation>", location the table and venue (or the video link), description the need
or offer and the counterpart; status "registered". With include_cancelled=True a meeting that was
booked and then cancelled or taken out of its slot is "cancelled" at its last slot's times.
`sequence` is the meeting's own (raised on every booking change).
"""
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from ..extensions import db
from .models import Event, ProgrammeSession, SeatStatus, SessionRegistration, Speaker
from .timezones import to_local

_SEQUENCE_EPOCH = datetime(2025, 1, 1)


@dataclass
class AgendaItem:
    """One entry of a person's agenda (a session today; a meeting later)."""

    kind: str  # "session" or "meeting"
    key: str  # "session-<id>", stable: the iCalendar UID is built from it
    title: str
    starts_at: datetime  # naive UTC
    ends_at: datetime  # naive UTC
    event: Event
    session: ProgrammeSession | None
    location: str
    description: str
    status: str  # "registered", "waiting" or "cancelled"
    sequence: int
    updated_at: datetime  # naive UTC: the later of the session's and the person's row's changes
    session_cancelled: bool = False  # cancelled or withdrawn by the organiser (not by the person)
    registration: SessionRegistration | None = None
    meeting: "Meeting | None" = None  # noqa: F821 (kind "meeting")

    @property
    def local_starts_at(self) -> datetime:
        return to_local(self.starts_at, self.event.timezone)

    @property
    def local_ends_at(self) -> datetime:
        return to_local(self.ends_at, self.event.timezone)


def agenda_items(user, event=None, *, include_cancelled: bool = False) -> list[AgendaItem]:
    """The person's agenda items (of one event, or of all), in time order; see the module docstring
    for the statuses, `include_cancelled`, keys, sequences and the privacy of the online link."""
    if user is None or not getattr(user, "is_authenticated", True) or getattr(user, "id", None) is None:
        return []
    query = (
        select(SessionRegistration)
        .join(SessionRegistration.session)
        .join(ProgrammeSession.event)
        .options(
            contains_eager(SessionRegistration.session).contains_eager(ProgrammeSession.event),
            contains_eager(SessionRegistration.session).selectinload(ProgrammeSession.room),
            contains_eager(SessionRegistration.session).selectinload(ProgrammeSession.speakers)
            .selectinload(Speaker.organisation),
        )
        .where(SessionRegistration.user_id == user.id)
        .order_by(ProgrammeSession.starts_at, ProgrammeSession.ends_at, ProgrammeSession.id)
    )
    if event is not None:
        query = query.where(SessionRegistration.session_id.in_(
            select(ProgrammeSession.id).where(ProgrammeSession.event_id == getattr(event, "id", event))))
    if not include_cancelled:
        query = query.where(SessionRegistration.status != SeatStatus.CANCELLED,
                            ProgrammeSession.is_cancelled.is_(False), ProgrammeSession.is_published.is_(True),
                            Event.is_published.is_(True))
    items = [_session_item(seat) for seat in db.session.scalars(query).unique()]
    items += meeting_items(user, event, include_cancelled=include_cancelled)
    items.sort(key=lambda item: (item.starts_at, item.ends_at, item.key))
    return items


def _session_item(seat: SessionRegistration) -> AgendaItem:
    session = seat.session
    withdrawn = session.is_cancelled or not session.is_published or not session.event.is_published
    status = SeatStatus.CANCELLED.value if withdrawn else str(seat.status)
    return AgendaItem(
        kind="session",
        key=f"session-{session.id}",
        title=session.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        event=session.event,
        session=session,
        location=session_location(session, with_link=status == SeatStatus.REGISTERED),
        description=session_description(session),
        status=status,
        sequence=session.sequence + _seat_revision(seat),
        updated_at=max(session.updated_at, seat.updated_at),
        session_cancelled=withdrawn,
        registration=seat,
    )


def _seat_revision(seat: SessionRegistration) -> int:
    if seat.updated_at is None or seat.created_at is None or (seat.updated_at - seat.created_at).total_seconds() < 1:
        return 0
    return max(int((seat.updated_at - _SEQUENCE_EPOCH).total_seconds()), 0)


def session_location(session: ProgrammeSession, *, with_link: bool = False) -> str:
    """Where the session happens, as one line: "Salle Garonne, Parc des expositions, 1 rue…", or
    "En ligne" (followed by the link when `with_link`, for people holding a place)."""
    event = session.event
    if session.room is not None:
        parts = [session.room.name, event.venue_name, event.venue_address]
        return ", ".join(p for p in parts if p)
    if session.online_url or event.is_online:
        link = session.online_url or event.online_url
        return _("En ligne : %(url)s", url=link) if with_link and link else _("En ligne")
    return ", ".join(p for p in (event.venue_name, event.venue_address) if p)


def session_description(session: ProgrammeSession) -> str:
    """The session's description followed by its speakers, as plain text."""
    parts = [session.description.strip()] if session.description and session.description.strip() else []
    if session.speakers:
        names = [speaker_text(s) for s in session.speakers]
        parts.append(_("Intervenant·es : %(names)s", names="; ".join(names)))
    return "\n\n".join(parts)


def speaker_text(speaker: Speaker) -> str:
    """"Awa Diallo (Chargée de mission, Région Occitanie)": the name, role and organisation."""
    extra = [p for p in (speaker.role, speaker.organisation.name if speaker.organisation else None) if p]
    return f"{speaker.full_name} ({', '.join(extra)})" if extra else speaker.full_name


def meeting_items(user, event=None, *, include_cancelled: bool = False) -> list[AgendaItem]:
    """The meetings of the person as the representative of a side (see the module docstring)."""
    from ..meetings.models import Meeting, MeetingParticipant, MeetingStatus

    sides = select(MeetingParticipant.id).where(MeetingParticipant.user_id == user.id)
    if event is not None:
        sides = sides.where(MeetingParticipant.event_id == getattr(event, "id", event))
    booked = (Meeting.status == MeetingStatus.ACCEPTED) & Meeting.slot_id.is_not(None)
    wanted = booked | Meeting.last_slot_id.is_not(None) if include_cancelled else booked
    query = (select(Meeting).where(wanted, Meeting.requester_id.in_(sides) | Meeting.recipient_id.in_(sides))
             .order_by(Meeting.id))
    mine = set(db.session.scalars(sides))
    items = []
    for meeting in db.session.scalars(query):
        side = meeting.requester if meeting.requester_id in mine else meeting.recipient
        item = meeting_item(meeting, side)
        if item is not None and (include_cancelled or item.status != SeatStatus.CANCELLED):
            items.append(item)
    return items


def meeting_item(meeting, side) -> AgendaItem | None:
    """The meeting as `side` (a MeetingParticipant) sees it in an agenda; None when it was never booked."""
    from ..meetings.models import MeetingStatus

    slot = meeting.slot or meeting.last_slot
    if slot is None:
        return None
    event = meeting.event
    live = meeting.status == MeetingStatus.ACCEPTED and meeting.slot_id is not None and event.is_published
    other = meeting.other(side)
    return AgendaItem(
        kind="meeting", key=f"meeting-{meeting.id}",
        title=_("Rendez-vous avec %(org)s", org=other.organisation.name),
        starts_at=slot.starts_at, ends_at=slot.ends_at, event=event, session=None,
        location=meeting_location(meeting, with_link=live),
        description=meeting_description(meeting, side),
        status=SeatStatus.REGISTERED.value if live else SeatStatus.CANCELLED.value,
        sequence=meeting.sequence or 0, updated_at=meeting.updated_at, meeting=meeting,
    )


def meeting_location(meeting, *, with_link: bool = False) -> str:
    """"Table 3, Parc des expositions, 1 rue…", or "En ligne" (with the link when `with_link`)."""
    from ..meetings.grid import settings_of

    event = meeting.event
    settings = settings_of(event.id)
    if meeting.video_url or (settings is not None and settings.is_online):
        return _("En ligne : %(url)s", url=meeting.video_url) if with_link and meeting.video_url else _("En ligne")
    parts = [meeting.table.name if meeting.table is not None else None, event.venue_name, event.venue_address]
    return ", ".join(p for p in parts if p)


def meeting_description(meeting, side) -> str:
    """What the meeting is about and with whom, as plain text."""
    other = meeting.other(side)
    parts = [_("Avec %(person)s (%(org)s)", person=other.user.full_name, org=other.organisation.name)]
    if meeting.need is not None:
        parts.append(_("Besoin : %(title)s", title=meeting.need.title))
    if meeting.offer is not None:
        parts.append(_("Offre : %(title)s", title=meeting.offer.title))
    return "\n".join(parts)
