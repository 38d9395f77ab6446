"""A message from the organiser to a chosen group of participants (the participants page's filter).

`prepare(user, event, f, subject, body)` checks the message and the group, records the audit entry
and returns the recipients; the view commits, then `deliver(...)` sends one e-mail per recipient
(attendees; an organisation with no attendee gets it at its contact address).
"""
import logging

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import Forbidden

from ..mailer import one_connection, send_email
from ..programme.access import is_event_organiser
from ..programme.models import Event
from . import audit
from .participants import ParticipantFilter, Recipient, recipients

log = logging.getLogger(__name__)
SUBJECT_MAX = 150
BODY_MAX = 5000
TEMPLATE = "emails/backoffice_message"


class MessageError(ValueError):
    """A message that cannot be sent; `field` names the form field it concerns, if any."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.field = field


def prepare(user, event: Event, f: ParticipantFilter, subject: str, body: str) -> list[Recipient]:
    """Check the message and its group, record "message.sent" and return the recipients (nothing sent)."""
    if not is_event_organiser(user, event):
        raise Forbidden()
    subject, body = " ".join((subject or "").split()), (body or "").strip()
    if not subject:
        raise MessageError(_l("Indiquez l'objet du message."), "subject")
    if len(subject) > SUBJECT_MAX:
        raise MessageError(_l("L'objet tient en %(max)d caractères au plus.", max=SUBJECT_MAX), "subject")
    if not body:
        raise MessageError(_l("Écrivez le message."), "body")
    if len(body) > BODY_MAX:
        raise MessageError(_l("Le message tient en %(max)d caractères au plus.", max=BODY_MAX), "body")
    people = recipients(event, f)
    if not people:
        raise MessageError(_l("Aucune personne ne correspond à ce groupe : le message n'est pas envoyé. "
                              "Élargissez les filtres de la liste des participants."))
    audit.record(user, "message.sent", event=event, organisation=event.organiser_organisation_id,
                 subject=subject, recipients=len(people), filter=f.args())
    return people


def deliver(user, event: Event, people: list[Recipient], subject: str, body: str) -> int:
    """Send the message to each recipient (after the commit); returns how many could not be sent."""
    subject, body = " ".join(subject.split()), body.strip()
    failed = 0
    with one_connection():
        for person in people:
            try:
                send_email(person.email, subject, TEMPLATE, recipient=person, body=body, event=event,
                           sender=user, organiser=event.organiser, site_name=current_app.config["SITE_NAME"])
            except Exception:  # the message is recorded: one address failing must not stop the others
                log.exception("Could not send a group message to %s", person.email)
                failed += 1
    return failed
