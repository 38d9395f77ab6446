"""Who may do what with an event: its organisers (members of its organiser organisation)."""
from flask import abort
from flask_login import current_user

from ..extensions import db
from ..organisations.models import Membership
from .models import Event, ProgrammeSession


def is_event_organiser(user, event: Event) -> bool:
    """True when `user` is a member of the organisation that organises `event`."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return db.session.get(Membership, (user.id, event.organiser_organisation_id)) is not None


def event_or_404(event_id: int, *, for_organiser: bool = False) -> Event:
    """The event; a 404 when it does not exist, or is unpublished and the user is not its organiser,
    or (for_organiser) the user is not its organiser."""
    event = db.session.get(Event, event_id)
    if event is None:
        abort(404)
    organiser = is_event_organiser(current_user, event)
    if (for_organiser or not event.is_published) and not organiser:
        abort(404)
    return event


def session_or_404(session_id: int, *, for_organiser: bool = False) -> ProgrammeSession:
    """A session of the programme, with the same rules as event_or_404 (unpublished: organisers only)."""
    session = db.session.get(ProgrammeSession, session_id)
    if session is None:
        abort(404)
    event_or_404(session.event_id, for_organiser=for_organiser)
    if not session.is_published and not is_event_organiser(current_user, session.event):
        abort(404)
    return session
