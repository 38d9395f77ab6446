"""E-mails about meetings, sent only once the transaction that caused them has committed.

    queue_email(user, subject, template, **context)
        `user`: a User (its e-mail and language are read now). `subject`: a function of no argument
        returning the subject (called in the recipient's language when sending; close over plain
        values, never ORM objects). `template`: "emails/meetings_<name>" (templates/<name>.txt).
        `context`: plain values only (str, int, datetime...), rendered in the recipient's language.
    send_queued() -> bool
        send the e-mails of committed transactions (the meetings blueprints call it after every
        request; commands call it after their commit). A rollback drops the queue. A failing e-mail
        is logged and does not undo anything.
"""
import logging
from typing import Callable

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db
from ..mailer import one_connection, send_email

log = logging.getLogger(__name__)
PENDING = "meetings_mail_pending"
COMMITTED = "meetings_mail_committed"


def queue_email(user, subject: Callable[[], str], template: str, **context) -> None:
    db.session.info.setdefault(PENDING, []).append(
        {"to": user.email, "locale": user.locale, "subject": subject, "template": template,
         "full_name": user.full_name, "context": context})


@event.listens_for(Session, "after_commit")
def _committed(sess) -> None:
    pending = sess.info.pop(PENDING, None)
    if pending:
        sess.info.setdefault(COMMITTED, []).extend(pending)


@event.listens_for(Session, "after_rollback")
def _rolled_back(sess) -> None:
    sess.info.pop(PENDING, None)


def send_queued() -> bool:
    if not db.session.registry.has():
        return True
    queued = db.session.info.pop(COMMITTED, None) or []
    if not queued:
        return True
    with one_connection():
        return _send_all(queued, current_app.config["LANGUAGES"])


def _send_all(queued: list[dict], languages: list[str]) -> bool:
    ok = True
    for mail in queued:
        locale = mail["locale"] if mail["locale"] in languages else languages[0]
        try:
            with force_locale(locale):
                send_email(mail["to"], mail["subject"](), mail["template"], full_name=mail["full_name"],
                           site_name=current_app.config["SITE_NAME"], **mail["context"])
        except Exception:  # the change is committed: an e-mail failure must not undo it
            log.exception("Could not send a meetings e-mail to %s", mail["to"])
            ok = False
    return ok


def after_request(response):
    """For the meetings blueprints: `bp.after_request(notify.after_request)`."""
    send_queued()
    return response
