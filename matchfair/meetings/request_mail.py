"""The e-mails about meeting requests (templates/emails/meetings_request_*.txt), queued with
notify.queue_email and sent once the transaction has committed.

Each goes to the representative (participant.user) of the side that must know: the recipient of a
new or withdrawn request, the requester of an accepted, declined or expired one, the other side
of a cancelled one. The context holds plain values only; times are formatted in the recipient's
language by the template global `meetings_moment` (see format_moment).
"""
from datetime import datetime

from flask import current_app, has_request_context, url_for
from flask_babel import format_date, format_time
from flask_babel import gettext as _
from werkzeug.routing import BuildError

from ..programme.timezones import to_local
from . import notify
from .models import Meeting, MeetingParticipant


def format_moment(moment: datetime | None, tz_name: str) -> str:
    """A stored UTC time as "vendredi 12 juin 2026 à 09:00" in the zone `tz_name`, current language."""
    if moment is None:
        return ""
    at = to_local(moment, tz_name)
    return _("%(date)s à %(time)s", date=format_date(at, "full", rebase=False),
             time=format_time(at, "short", rebase=False))


def external_link(endpoint: str, **values) -> str | None:
    """An absolute link, or None when there is no request (nor SERVER_NAME) to build it from, or no
    such page."""
    if not (has_request_context() or current_app.config.get("SERVER_NAME")):
        return None
    try:
        return url_for(endpoint, _external=True, **values)
    except BuildError:
        return None


def _context(meeting: Meeting, reader: MeetingParticipant) -> dict:
    other = meeting.other(reader)
    event = meeting.event
    return {
        "event_name": event.name, "timezone": event.timezone, "other_name": other.organisation.name,
        "other_person": other.user.full_name, "message": meeting.message or "",
        "need_title": meeting.need.title if meeting.need is not None else None,
        "offer_title": meeting.offer.title if meeting.offer is not None else None,
        "expires_at": meeting.expires_at, "is_mutual": bool(meeting.is_mutual),
        "hub_url": external_link("meeting_requests.hub", event_id=event.id),
    }


def _send(reader: MeetingParticipant, subject, name: str, **context) -> None:
    notify.queue_email(reader.user, subject, f"emails/meetings_request_{name}", **context)


def received(meeting: Meeting) -> None:
    """To the recipient: a new request, with its message."""
    context = _context(meeting, meeting.recipient)
    sender, event_name = context["other_name"], context["event_name"]
    _send(meeting.recipient, lambda: _("Demande de rendez-vous de %(org)s (%(event)s)", org=sender, event=event_name),
          "received", **context)


def accepted(meeting: Meeting) -> None:
    """To the requester: the request was accepted (or answered by a request: mutual)."""
    context = _context(meeting, meeting.requester)
    other, event_name = context["other_name"], context["event_name"]
    meeting_url = (external_link("meetings.show", meeting_id=meeting.id) or context["hub_url"])
    _send(meeting.requester, lambda: _("%(org)s a accepté votre demande de rendez-vous (%(event)s)", org=other,
                                       event=event_name), "accepted", meeting_url=meeting_url, **context)


def declined(meeting: Meeting) -> None:
    """To the requester: the request was declined, with the reason when one was given."""
    context = _context(meeting, meeting.requester)
    other, event_name = context["other_name"], context["event_name"]
    _send(meeting.requester, lambda: _("%(org)s a décliné votre demande de rendez-vous (%(event)s)", org=other,
                                       event=event_name), "declined", reason=meeting.decline_reason or "", **context)


def withdrawn(meeting: Meeting) -> None:
    """To the recipient: the requester withdrew its request."""
    context = _context(meeting, meeting.recipient)
    other, event_name = context["other_name"], context["event_name"]
    _send(meeting.recipient, lambda: _("%(org)s a retiré sa demande de rendez-vous (%(event)s)", org=other,
                                       event=event_name), "withdrawn", **context)


def expired(meeting: Meeting) -> None:
    """To the requester: the request expired unanswered."""
    context = _context(meeting, meeting.requester)
    other, event_name = context["other_name"], context["event_name"]
    _send(meeting.requester, lambda: _("Votre demande de rendez-vous à %(org)s a expiré (%(event)s)", org=other,
                                       event=event_name), "expired", **context)


def cancelled(meeting: Meeting, reader: MeetingParticipant) -> None:
    """To `reader`: the accepted meeting was cancelled by the other side (which stopped taking meetings)."""
    context = _context(meeting, reader)
    other, event_name = context["other_name"], context["event_name"]
    _send(reader, lambda: _("Rendez-vous annulé avec %(org)s (%(event)s)", org=other, event=event_name),
          "cancelled", reason=meeting.cancel_reason or "", **context)
