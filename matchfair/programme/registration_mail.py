"""Session times as words, and the e-mail to a person promoted from a waiting list.

A promotion's e-mail is queued on the database session with plain values; once that session has
committed it moves to the "committed" queue, and send_queued_emails() sends it (the seats blueprint
calls it after every request, so any view that promotes, the timetable's included, sends them). A
rollback drops the queue: an undone promotion sends nothing. A failed e-mail is logged and the
promotion stays.
"""
import logging
from datetime import datetime

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale, format_date, format_time
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db
from ..mailer import send_email
from .timezones import to_local

log = logging.getLogger(__name__)
PENDING = "programme_promotions_pending"
COMMITTED = "programme_promotions_committed"


def format_when(starts_at: datetime, ends_at: datetime, tz_name: str) -> str:
    """"mardi 12 mai 2026, 14:00–15:30" in the event's zone and the current language."""
    start, end = to_local(starts_at, tz_name), to_local(ends_at, tz_name)
    if start.date() == end.date():
        return _("%(day)s, %(start)s–%(end)s", day=format_date(start, "full", rebase=False),
                 start=format_time(start, "short", rebase=False), end=format_time(end, "short", rebase=False))
    return _("du %(start_day)s, %(start)s au %(end_day)s, %(end)s",
             start_day=format_date(start, "full", rebase=False), start=format_time(start, "short", rebase=False),
             end_day=format_date(end, "full", rebase=False), end=format_time(end, "short", rebase=False))


def when(session) -> str:
    """The session's day and times in its event's time zone."""
    return format_when(session.starts_at, session.ends_at, session.event.timezone)


def queue_promotion(registration) -> None:
    """Queue the e-mail telling the person they now have a place (sent after the commit)."""
    session, user = registration.session, registration.user
    link = None
    if has_request_context() or current_app.config.get("SERVER_NAME"):
        link = url_for("seats.mine", _external=True)
    db.session.info.setdefault(PENDING, []).append({
        "to": user.email, "full_name": user.full_name, "locale": user.locale, "title": session.title,
        "event_name": session.event.name, "starts_at": session.starts_at, "ends_at": session.ends_at,
        "timezone": session.event.timezone, "room": session.room.name if session.room else None,
        "online": bool(session.online_url), "link": link,
    })


@event.listens_for(Session, "after_commit")
def _committed(sess) -> None:
    pending = sess.info.pop(PENDING, None)
    if pending:
        sess.info.setdefault(COMMITTED, []).extend(pending)


@event.listens_for(Session, "after_rollback")
def _rolled_back(sess) -> None:
    sess.info.pop(PENDING, None)


def send_queued_emails() -> bool:
    """Send the promotion e-mails of committed transactions; False when one could not leave."""
    if not db.session.registry.has():
        return True
    queued = db.session.info.pop(COMMITTED, None) or []
    ok = True
    languages = current_app.config["LANGUAGES"]
    for mail in queued:
        locale = mail["locale"] if mail["locale"] in languages else languages[0]
        try:
            with force_locale(locale):
                send_email(mail["to"], _("Une place s'est libérée : vous êtes inscrit·e à « %(title)s »",
                                         title=mail["title"]),
                           "emails/programme_promoted", mail=mail,
                           when=format_when(mail["starts_at"], mail["ends_at"], mail["timezone"]),
                           site_name=current_app.config["SITE_NAME"])
        except Exception:  # the promotion is committed: an e-mail failure must not undo it
            log.exception("Could not send the promotion e-mail to %s", mail["to"])
            ok = False
    return ok
