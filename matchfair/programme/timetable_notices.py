"""E-mails to the people registered for (or waiting for) a published session that moves or is cancelled.

The services queue a notice on the database session (queue); once that session has committed, the
notice moves to the "committed" queue and send_queued() sends it, one e-mail per person in their
language (the timetable blueprint calls it after each of its requests; a script that calls the
services calls it after its commit). A rollback drops the queue: a refused or undone change sends
nothing. The notice holds plain values (no rows), since rows are expired after the commit.
"""
import logging

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import event as sa_event
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.routing import BuildError

from ..accounts.models import User
from ..extensions import db
from ..mailer import one_connection, send_email
from .models import ProgrammeSession, SeatStatus, SessionRegistration
from .timetable_messages import local_span

log = logging.getLogger(__name__)
PENDING = "timetable_notices_pending"
COMMITTED = "timetable_notices_committed"
# Public page of a session, if the programme part provides it (linked from the e-mail).
SESSION_PAGE_ENDPOINT = "programme.session"
_LIVE = (SeatStatus.REGISTERED, SeatStatus.WAITING)


def notified_fields(snapshot: dict) -> tuple:
    """What registrants are told about when it changes: times, room and online link."""
    return snapshot["starts_at"], snapshot["ends_at"], snapshot["room_id"], snapshot["online_url"]


def registrant_count(session: ProgrammeSession) -> int:
    """How many people are registered for, or waiting for, the session."""
    return db.session.scalar(select(func.count()).select_from(SessionRegistration).where(
        SessionRegistration.session_id == session.id, SessionRegistration.status.in_(_LIVE))) or 0


def _recipients(session: ProgrammeSession) -> list[tuple[str, str, str | None]]:
    rows = db.session.execute(
        select(User.email, User.full_name, User.locale).join(SessionRegistration, SessionRegistration.user_id == User.id)
        .where(SessionRegistration.session_id == session.id, SessionRegistration.status.in_(_LIVE))
        .order_by(SessionRegistration.queued_at, SessionRegistration.id)
    )
    return [tuple(row) for row in rows]


def _link(session: ProgrammeSession) -> str | None:
    try:
        return url_for(SESSION_PAGE_ENDPOINT, session_id=session.id, _external=True)
    except (BuildError, RuntimeError):  # no such page, or no request to build an address from
        return None


def queue(session: ProgrammeSession, before: dict, cancelled: bool) -> None:
    """Queue the e-mail telling the session's registrants what changed since `before` (a snapshot
    of starts_at, ends_at, room_id, room_name, online_url), or that it is cancelled."""
    recipients = _recipients(session)
    if not recipients:
        return
    after_room = session.room.name if session.room is not None else None
    db.session.info.setdefault(PENDING, []).append({
        "title": session.title, "event_name": session.event.name, "tz": session.event.timezone,
        "cancelled": cancelled, "recipients": recipients, "link": _link(session),
        "times": None if (before["starts_at"], before["ends_at"]) == (session.starts_at, session.ends_at)
        else (before["starts_at"], before["ends_at"], session.starts_at, session.ends_at),
        "room": None if before["room_name"] == after_room else (before["room_name"], after_room),
        "online_url": None if before["online_url"] == session.online_url else (before["online_url"], session.online_url),
        "when": (session.starts_at, session.ends_at),
    })


def _changes(notice: dict) -> list[str]:
    """The changes in plain words, "Horaire : mardi 12 mai, 10:00 – 11:00 → mardi 12 mai, 11:00 – 12:00"."""
    lines, tz, none = [], notice["tz"], _("aucune")
    if notice["times"]:
        old_start, old_end, new_start, new_end = notice["times"]
        lines.append(_("Horaire : %(old)s → %(new)s", old=local_span(old_start, old_end, tz),
                       new=local_span(new_start, new_end, tz)))
    if notice["room"]:
        old, new = notice["room"]
        lines.append(_("Salle : %(old)s → %(new)s", old=old or none, new=new or none))
    if notice["online_url"]:
        old, new = notice["online_url"]
        lines.append(_("Lien en ligne : %(old)s → %(new)s", old=old or none, new=new or none))
    return lines


def _send(notice: dict) -> bool:
    ok, languages = True, current_app.config["LANGUAGES"]
    for email, name, locale in notice["recipients"]:
        try:
            with force_locale(locale if locale in languages else languages[0]):
                subject = (_("Séance annulée : %(title)s", title=notice["title"]) if notice["cancelled"]
                           else _("Séance modifiée : %(title)s", title=notice["title"]))
                send_email(email, subject, "emails/programme_session_changed", name=name, notice=notice,
                           changes=_changes(notice), when=local_span(*notice["when"], notice["tz"]))
        except Exception:  # the change is committed: a mail server down must not undo it
            log.exception("Could not tell %s that session %r changed", email, notice["title"])
            ok = False
    return ok


def send_queued() -> bool:
    """Send the e-mails of committed changes; False when one could not leave (logged)."""
    if not db.session.registry.has():
        return True
    ok = True
    notices = db.session.info.pop(COMMITTED, None) or []
    if notices:
        with one_connection():
            for notice in notices:
                ok = _send(notice) and ok
    return ok


@sa_event.listens_for(Session, "after_commit")
def _committed(session) -> None:
    pending = session.info.pop(PENDING, None)
    if pending:
        session.info.setdefault(COMMITTED, []).extend(pending)


@sa_event.listens_for(Session, "after_rollback")
def _rolled_back(session) -> None:
    session.info.pop(PENDING, None)
