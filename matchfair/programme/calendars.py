"""iCalendar (RFC 5545) files of the programme, built with the `icalendar` library.

- session_calendar(session, user=None): one session, for anyone who may see it; for a person who
  holds a row for it (place, waiting rank, cancelled place), their own copy of it;
- agenda_calendar(user, event=None, feed=False): a person's sessions, from agenda.agenda_items
  (one event for the download, every event for the private subscription feed).

The same session has the same UID everywhere ("session-<id>@<domain>"), so calendar clients update
the copy they hold instead of adding a second one. SEQUENCE is the session's sequence (raised by
the timetable on every change a calendar shows); a person's copy adds the part agenda.py derives
from their own changes (cancelled, promoted, registered again), which never decreases. Items the
organiser cancelled or withdrew, and places the person gave up, stay in the files as
STATUS:CANCELLED until RETENTION after their end, so that clients remove them rather than keep a
stale copy. Nothing about other people goes in: no attendees, no organiser e-mail, no counts; the
online link only for a person holding a place.

Meetings (kind "meeting" agenda items) go in the same files with the UID "meeting-<id>@<domain>"
(the same in the meeting's own .ics, meeting_calendar), the meeting's SEQUENCE (raised on every
booking change, so a moved meeting updates in place), its page as URL, and STATUS:CANCELLED once
cancelled or taken out of its slot, at the times of its last slot.
"""
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from flask import current_app, has_request_context, request, url_for
from flask_babel import gettext as _
from icalendar import Calendar, Timezone, vDuration
from icalendar import Event as VEvent

from ..timeutil import utcnow
from .agenda import AgendaItem, agenda_items, session_description, session_location
from .models import ProgrammeSession, SeatStatus
from .timetable_services import KIND_LABELS
from .timezones import zone

PRODID = "-//Matchfair//Programme du salon//FR"
# Cancelled items stay in the files this long after their end, then leave them.
RETENTION = timedelta(days=30)
DESCRIPTION_EXCERPT = 800
FEED_REFRESH = timedelta(hours=1)


@dataclass
class Copy:
    """What one VEVENT shows: a session as everybody sees it, or as one person's agenda item."""

    session: ProgrammeSession | None  # None for a meeting
    status: str | None  # None: the public copy; else "registered", "waiting" or "cancelled"
    withdrawn: bool  # cancelled by the organiser, or the session or event unpublished
    sequence: int
    location: str
    description: str
    updated_at: datetime
    item: AgendaItem | None = None

    @property
    def event(self):
        return self.session.event if self.session is not None else self.item.event

    @property
    def meeting(self):
        return self.item.meeting if self.item is not None else None

    @property
    def starts_at(self) -> datetime:
        return self.session.starts_at if self.session is not None else self.item.starts_at

    @property
    def ends_at(self) -> datetime:
        return self.session.ends_at if self.session is not None else self.item.ends_at

    @classmethod
    def public(cls, session: ProgrammeSession) -> "Copy":
        # Whoever gets here may see the session (an organiser may preview an unpublished one).
        return cls(session, None, session.is_cancelled, session.sequence, session_location(session),
                   session_description(session), session.updated_at)

    @classmethod
    def of_item(cls, item: AgendaItem) -> "Copy":
        return cls(item.session, item.status, item.session_cancelled, item.sequence, item.location,
                   item.description, item.updated_at, item)

    @property
    def cancelled(self) -> bool:
        return self.withdrawn or self.status == SeatStatus.CANCELLED


def uid_domain() -> str:
    """The domain part of the UIDs: CALENDAR_UID_DOMAIN, else PUBLIC_URL's host, else the request's host.

    UIDs must not change from one download to the next: a deployment sets one of the first two.
    """
    configured = current_app.config.get("CALENDAR_UID_DOMAIN")
    if configured:
        return configured
    public = current_app.config.get("PUBLIC_URL")
    if public and urlsplit(public).hostname:
        return urlsplit(public).hostname
    if has_request_context() and request.host:
        return request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
    return "matchfair.invalid"


def session_uid(session: ProgrammeSession) -> str:
    """The session's UID, the same in the single-session file, the agenda files and the feed."""
    return f"session-{session.id}@{uid_domain()}"


def meeting_uid(meeting) -> str:
    """The meeting's UID, the same in its own file and in the representatives' agenda files and feed."""
    return f"meeting-{meeting.id}@{uid_domain()}"


def meeting_calendar(meeting, side) -> bytes | None:
    """A calendar file with the one meeting as `side` (a MeetingParticipant) sees it; None when it
    was never booked."""
    from .agenda import meeting_item

    item = meeting_item(meeting, side)
    return _write([Copy.of_item(item)]) if item is not None else None


def session_calendar(session: ProgrammeSession, user=None) -> bytes:
    """A calendar file with the one session (the caller checked that it may be seen). When `user`
    holds a row for it, their own copy (status, sequence, online link for a held place)."""
    mine = [item for item in agenda_items(user, session.event_id, include_cancelled=True)
            if item.session is not None and item.session.id == session.id] if user is not None else []
    copy = Copy.of_item(mine[0]) if mine else Copy.public(session)
    return _write([copy])


def agenda_calendar(user, event=None, *, feed: bool = False) -> bytes:
    """The person's sessions (of `event`, or of every event) as a calendar file; with `feed`, the
    name and refresh interval of a subscription. Cancelled items are kept until RETENTION after their end."""
    return copies_calendar(agenda_copies(user, event), feed=feed)


def agenda_copies(user, event=None, *, now: datetime | None = None) -> list[Copy]:
    """The person's agenda items as copies, in time order, without cancelled ones that ended more
    than RETENTION ago."""
    oldest_end = (now or utcnow()) - RETENTION
    return [Copy.of_item(item) for item in agenda_items(user, event, include_cancelled=True)
            if not (item.status == SeatStatus.CANCELLED and item.ends_at < oldest_end)]


def copies_calendar(copies: list[Copy], *, feed: bool = False) -> bytes:
    """The calendar file of `copies` (see agenda_calendar)."""
    extra = {}
    if feed:
        extra = {"X-WR-CALNAME": _("Mon agenda du salon"), "NAME": _("Mon agenda du salon")}
    return _write(copies, extra, refresh=feed)


def last_modified(copies: list[Copy]) -> datetime | None:
    """The latest change among the copies (sessions, events, the person's rows), naive UTC."""
    moments = [moment for copy in copies for moment in (copy.updated_at, copy.event.updated_at) if moment]
    return max(moments) if moments else None


def _write(copies: list[Copy], extra: dict | None = None, refresh: bool = False) -> bytes:
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    for name, value in (extra or {}).items():
        calendar.add(name, value)
    if refresh:
        calendar.add("REFRESH-INTERVAL", FEED_REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", vDuration(FEED_REFRESH))
    _add_timezones(calendar, copies)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for copy in copies:
        calendar.add_component(_meeting_vevent(copy, stamp) if copy.session is None else _vevent(copy, stamp))
    return calendar.to_ical()


def _vevent(copy: Copy, stamp: datetime) -> VEvent:
    session = copy.session
    tz = zone(session.event.timezone)
    component = VEvent()
    component.add("UID", session_uid(session))
    component.add("DTSTAMP", stamp)
    component.add("DTSTART", _aware(session.starts_at, tz))
    component.add("DTEND", _aware(session.ends_at, tz))
    component.add("SEQUENCE", copy.sequence)
    component.add("LAST-MODIFIED", copy.updated_at.replace(microsecond=0, tzinfo=UTC))
    component.add("SUMMARY", _summary(copy))
    component.add("LOCATION", copy.location or session.event.venue_name or session.event.name)
    component.add("DESCRIPTION", _description(copy))
    component.add("URL", session_page_url(session))
    component.add("CATEGORIES", [str(KIND_LABELS.get(session.kind, session.kind))])
    if copy.cancelled:
        component.add("STATUS", "CANCELLED")
    elif copy.status == SeatStatus.WAITING:
        component.add("STATUS", "TENTATIVE")
    else:
        component.add("STATUS", "CONFIRMED")
    # Only a held place makes the person busy; a waiting rank or a cancelled item does not.
    busy = copy.status in (None, SeatStatus.REGISTERED) and not copy.cancelled
    component.add("TRANSP", "OPAQUE" if busy else "TRANSPARENT")
    return component


def _meeting_vevent(copy: Copy, stamp: datetime) -> VEvent:
    meeting, event = copy.meeting, copy.event
    tz = zone(event.timezone)
    url = _external("meetings.show", meeting_id=meeting.id)
    component = VEvent()
    component.add("UID", meeting_uid(meeting))
    component.add("DTSTAMP", stamp)
    component.add("DTSTART", _aware(copy.starts_at, tz))
    component.add("DTEND", _aware(copy.ends_at, tz))
    component.add("SEQUENCE", copy.sequence)
    component.add("LAST-MODIFIED", copy.updated_at.replace(microsecond=0, tzinfo=UTC))
    title = copy.item.title
    component.add("SUMMARY", _("Annulé : %(title)s", title=title) if copy.cancelled else title)
    component.add("LOCATION", copy.location or event.venue_name or event.name)
    lines = [_("Rendez-vous d'affaires · %(event)s", event=event.name)]
    if copy.cancelled:
        lines.append(_("Ce rendez-vous est annulé ou n'a plus de créneau."))
    elif meeting.video_url:
        lines.append(_("Lien de connexion : %(url)s", url=meeting.video_url))
    if copy.description:
        lines += ["", copy.description.strip()]
    lines += ["", _("Page du rendez-vous : %(url)s", url=url)]
    component.add("DESCRIPTION", "\n".join(lines))
    component.add("URL", url)
    component.add("CATEGORIES", [_("Rendez-vous d'affaires")])
    component.add("STATUS", "CANCELLED" if copy.cancelled else "CONFIRMED")
    component.add("TRANSP", "TRANSPARENT" if copy.cancelled else "OPAQUE")
    return component


def _aware(utc_naive: datetime, tz) -> datetime:
    return utc_naive.replace(tzinfo=UTC).astimezone(tz)


def _summary(copy: Copy) -> str:
    title = copy.session.title
    if copy.cancelled:
        return _("Annulé : %(title)s", title=title)
    if copy.status == SeatStatus.WAITING:
        return _("Liste d'attente : %(title)s", title=title)
    return title


def _description(copy: Copy) -> str:
    session = copy.session
    lines = [_("%(kind)s · %(event)s", kind=KIND_LABELS.get(session.kind, session.kind), event=session.event.name)]
    if copy.withdrawn:
        lines.append(_("Cette séance a été annulée par l'organisateur."))
    elif copy.status == SeatStatus.CANCELLED:
        lines.append(_("Vous avez annulé votre inscription à cette séance."))
    elif copy.status == SeatStatus.WAITING:
        lines.append(_("Liste d'attente : si une place se libère, elle vous est attribuée dans l'ordre et "
                       "vous recevez un e-mail."))
    elif copy.status == SeatStatus.REGISTERED:
        lines.append(_("Vous êtes inscrit·e."))
        link = session.online_url or (session.event.online_url if session.event.is_online else None)
        if link:
            lines.append(_("Lien de connexion : %(url)s", url=link))
    text = copy.description.strip()
    if len(text) > DESCRIPTION_EXCERPT:
        text = text[:DESCRIPTION_EXCERPT].rsplit(" ", 1)[0] + " …"
    if text:
        lines += ["", text]
    lines += ["", _("Page de la séance : %(url)s", url=session_page_url(session))]
    return "\n".join(lines)


def session_page_url(session: ProgrammeSession) -> str:
    """The absolute address of the session's public page (the event's page when there is none)."""
    views = current_app.view_functions
    for endpoint in ("programme.session", "programme.show_session", "programme.session_page"):
        if endpoint in views:
            return _external(endpoint, session_id=session.id)
    return _external("events.show", slug=session.event.slug) + f"#seance-{session.id}"


def _external(endpoint: str, **values) -> str:
    public = current_app.config.get("PUBLIC_URL")
    if public:
        return public.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def _add_timezones(calendar: Calendar, copies: list[Copy]) -> None:
    """One VTIMEZONE per zone used, before the events (as clients reading in one pass expect),
    covering the years of the sessions and meetings in that zone: few transitions, each with a plain DTSTART."""
    years: dict[str, list[int]] = {}
    for copy in copies:
        years.setdefault(copy.event.timezone, []).extend((copy.starts_at.year, copy.ends_at.year))
    for name in sorted(years):
        calendar.add_component(_vtimezone(name, min(years[name]), max(years[name])))


@lru_cache(maxsize=64)
def _vtimezone(name: str, first_year: int, last_year: int) -> Timezone:
    # Shared between calendars (only read when they are written out); building one takes milliseconds.
    return Timezone.from_tzinfo(zone(name), name, date(first_year, 1, 1), date(last_year + 1, 1, 1))
