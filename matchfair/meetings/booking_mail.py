"""The e-mails of booking.py: a meeting booked or moved, a meeting cancelled (with the freed slot
offered back). Queued with plain values through notify.queue_email, sent after the commit;
templates/emails/meetings_booking_*.txt render them in the recipient's language (`meeting_when`
is an app-wide template global registered by meeting_views)."""
from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _

from . import notify
from .models import Meeting, MeetingParticipant, MeetingSlot


def meeting_link(meeting_id: int) -> str | None:
    """The absolute address of the meeting's page (None outside a request without PUBLIC_URL)."""
    public = current_app.config.get("PUBLIC_URL")
    if public:
        return public.rstrip("/") + url_for("meetings.show", meeting_id=meeting_id)
    if has_request_context() or current_app.config.get("SERVER_NAME"):
        return url_for("meetings.show", meeting_id=meeting_id, _external=True)
    return None


def _recipients(meeting: Meeting, acting_side: MeetingParticipant | None) -> list[MeetingParticipant]:
    """Who is told: the other side, or both sides when the organiser acted."""
    if acting_side is None:
        return list(meeting.participants)
    return [meeting.other(acting_side)]


def _where(meeting: Meeting) -> dict:
    event = meeting.event
    return {"table": meeting.table.name if meeting.table is not None else None,
            "venue": ", ".join(p for p in (event.venue_name, event.venue_address) if p) or None,
            "video_url": meeting.video_url}


def queue_booked(meeting: Meeting, acting_side: MeetingParticipant | None, *, moved: bool,
                 previous: tuple | None = None) -> None:
    """`previous`: the (start, end) the meeting had before it was moved, said in the e-mail."""
    slot, event = meeting.slot, meeting.event
    for side in _recipients(meeting, acting_side):
        other = meeting.other(side).organisation.name
        if moved:
            def subject(other=other):
                return _("Rendez-vous déplacé : %(org)s", org=other)
        else:
            def subject(other=other):
                return _("Rendez-vous réservé : %(org)s", org=other)
        notify.queue_email(
            side.user, subject, "emails/meetings_booking_booked", moved=moved, other_org=other,
            other_person=meeting.other(side).user.full_name, event_name=event.name, starts_at=slot.starts_at,
            ends_at=slot.ends_at, timezone=event.timezone, link=meeting_link(meeting.id),
            previous_starts_at=previous[0] if previous else None, previous_ends_at=previous[1] if previous else None,
            **_where(meeting))


def queue_cancelled(meeting: Meeting, acting_side: MeetingParticipant | None, freed: MeetingSlot | None,
                    offers: dict[int, list[Meeting]]) -> None:
    """The other side is told (both when the organiser cancelled); the side who cancelled gets an
    e-mail too when the freed slot could take another of its meetings."""
    event = meeting.event
    told = {p.id for p in _recipients(meeting, acting_side)}
    for side in meeting.participants:
        mine = offers.get(side.id, [])
        if side.id not in told and not mine:
            continue
        other = meeting.other(side).organisation.name
        offered = [{"org": m.other(side).organisation.name, "link": meeting_link(m.id)} for m in mine]

        def subject(other=other):
            return _("Rendez-vous annulé : %(org)s", org=other)

        notify.queue_email(
            side.user, subject, "emails/meetings_booking_cancelled", other_org=other, event_name=event.name,
            by_me=side.id not in told, reason=meeting.cancel_reason, timezone=event.timezone,
            starts_at=freed.starts_at if freed else None, ends_at=freed.ends_at if freed else None,
            offered=offered, link=meeting_link(meeting.id))
