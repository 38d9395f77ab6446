"""Organisations registering for an event with their attendees, and the organiser's decisions."""
import logging

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import Forbidden

from ..backoffice import audit
from ..extensions import db
from ..mailer import send_email
from ..organisations.models import Membership, OrgKind
from ..organisations.permissions import is_member
from .access import is_event_organiser
from .events_services import (
    EventError,
    event_bounds_utc,
    registration_window,
    when_text,
)
from .models import Attendee, Event, EventRegistration, RegistrationStatus
from .registrations import release_user_seats
from .timezones import now_utc

log = logging.getLogger(__name__)
REGISTERING_KINDS = (OrgKind.SSE.value, OrgKind.BUYER.value)
LIVE = (RegistrationStatus.PENDING.value, RegistrationStatus.APPROVED.value)


def registration_of(event: Event, organisation) -> EventRegistration | None:
    """The organisation's registration row for the event, whatever its status, or None."""
    if organisation is None:
        return None
    return db.session.scalar(select(EventRegistration).where(
        EventRegistration.event_id == event.id, EventRegistration.organisation_id == organisation.id))


def member_choices(organisation) -> list[tuple[int, str]]:
    """The organisation's members as (user id, name) pairs, by name: whom it may send."""
    memberships = db.session.scalars(select(Membership).where(Membership.organisation_id == organisation.id))
    return sorted(((m.user_id, m.user.full_name) for m in memberships), key=lambda pair: pair[1].lower())


def _window_message(event: Event, window) -> str:
    if window.state == "upcoming":
        return str(_l("Les inscriptions ouvriront le %(opens)s (heure de l'événement) et fermeront le %(closes)s.",
                      opens=when_text(event, window.opens_at), closes=when_text(event, window.closes_at)))
    return str(_l("Les inscriptions sont closes depuis le %(closes)s (heure de l'événement).",
                  closes=when_text(event, window.closes_at)))


def _check_registrant(user, event: Event, organisation) -> None:
    if organisation is None or not is_member(user, organisation):
        raise Forbidden()
    if organisation.kind not in REGISTERING_KINDS:
        raise EventError(_l("Seules les structures de l'ESS et les acheteurs s'inscrivent à un événement."))
    if not event.is_published:
        raise Forbidden()


def _set_attendees(registration: EventRegistration, organisation, user_ids: list[int]) -> None:
    members = {uid for uid, _name in member_choices(organisation)}
    wanted = list(dict.fromkeys(user_ids))
    if not wanted:
        raise EventError(_l("Choisissez au moins une personne qui viendra."), "attendees")
    if any(uid not in members for uid in wanted):
        raise EventError(_l("Seuls les membres de votre organisation peuvent y participer pour elle."), "attendees")
    keep = [a for a in registration.attendees if a.user_id in wanted]
    present = {a.user_id for a in keep}
    registration.attendees = keep + [Attendee(user_id=uid) for uid in wanted if uid not in present]


def register(user, event: Event, organisation, user_ids: list[int], note: str | None) -> EventRegistration:
    """Register `organisation` for `event` with the members `user_ids`; flushed.

    Pending when the event requires approval, else approved. Only while the window is open; an
    organisation has one registration per event (a cancelled one is taken up again, a refused one
    is not: the organiser decided).
    """
    _check_registrant(user, event, organisation)
    window = registration_window(event)
    if window.state != "open":
        raise EventError(_window_message(event, window))
    registration = registration_of(event, organisation)
    if registration is not None and registration.status in LIVE:
        raise EventError(_l("Votre organisation est déjà inscrite à cet événement."))
    if registration is not None and registration.status == RegistrationStatus.REFUSED:
        raise EventError(_l("Les organisateurs ont refusé l'inscription de votre organisation. "
                            "Contactez-les si vous pensez qu'il s'agit d'une erreur."))
    if registration is None:
        registration = EventRegistration(event=event, organisation=organisation)
        db.session.add(registration)
    registration.created_by_id = user.id
    registration.note = note
    registration.refusal_reason = None
    approved = not event.requires_approval
    registration.status = (RegistrationStatus.APPROVED if approved else RegistrationStatus.PENDING).value
    registration.created_at = now_utc()
    registration.decided_at = now_utc() if approved else None
    registration.decided_by_id = None
    _set_attendees(registration, organisation, user_ids)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise EventError(_l("Votre organisation vient d'être inscrite à cet événement par une autre personne : "
                            "rechargez la page pour voir son inscription.")) from None
    return registration


def update_attendees(user, registration: EventRegistration, user_ids: list[int], note: str | None) -> None:
    """Change who attends for a pending or approved registration, until the event is over; the people
    removed lose their places at the sessions not started yet (see registrations.release_user_seats)."""
    _check_registrant(user, registration.event, registration.organisation)
    if registration.status not in LIVE:
        raise EventError(_l("Cette inscription n'est plus active."))
    if _over(registration.event):
        raise EventError(_l("L'événement est terminé : la liste des participants ne peut plus changer."))
    registration.note = note
    before = {a.user_id for a in registration.attendees}
    _set_attendees(registration, registration.organisation, user_ids)
    _release_seats(registration.event, before - {a.user_id for a in registration.attendees})


def cancel(user, registration: EventRegistration) -> None:
    """The organisation withdraws its registration (before the event is over); attendees are kept,
    their places at the sessions not started yet are freed."""
    _check_registrant(user, registration.event, registration.organisation)
    if registration.status not in LIVE:
        raise EventError(_l("Cette inscription n'est plus active."))
    if _over(registration.event):
        raise EventError(_l("L'événement est terminé : l'inscription ne peut plus être annulée."))
    registration.status = RegistrationStatus.CANCELLED.value
    _release_seats(registration.event, [a.user_id for a in registration.attendees])


def _over(event: Event) -> bool:
    return now_utc() >= event_bounds_utc(event)[1]


def decide(user, registration: EventRegistration, approve: bool, reason: str | None = None) -> bool:
    """Approve (pending or refused) or refuse (pending or approved, with a reason) a registration.

    Returns False when it already was in that state (nothing changed, no e-mail to send). A refusal
    frees the attendees' places at the sessions not started yet.
    """
    if not is_event_organiser(user, registration.event):
        raise Forbidden()
    target = RegistrationStatus.APPROVED if approve else RegistrationStatus.REFUSED
    if registration.status == target:
        return False
    if registration.status == RegistrationStatus.CANCELLED:
        raise EventError(_l("L'organisation a annulé son inscription : il n'y a plus rien à décider."))
    if not approve and not reason:
        raise EventError(_l("Indiquez le motif du refus : il est envoyé aux participants."), "reason")
    registration.status = target.value
    registration.refusal_reason = None if approve else reason
    registration.decided_at = now_utc()
    registration.decided_by_id = user.id
    audit.record(user, "registration.approved" if approve else "registration.refused", event=registration.event,
                 organisation=registration.organisation_id, obj=registration,
                 organisation_name=registration.organisation.name, reason=None if approve else reason)
    if approve:
        db.session.flush()
    else:
        _release_seats(registration.event, [a.user_id for a in registration.attendees])
    return True


def _release_seats(event: Event, user_ids) -> None:
    # Flushes, then frees the session places of those who no longer attend the event (a person may
    # still attend for another organisation). Promotion e-mails leave after the view's commit.
    db.session.flush()
    ids = set(user_ids)
    if not ids:
        return
    still = set(db.session.scalars(select(Attendee.user_id).join(Attendee.registration).where(
        EventRegistration.event_id == event.id, EventRegistration.status == RegistrationStatus.APPROVED.value,
        Attendee.user_id.in_(ids))))
    release_user_seats(ids - still, event)


def status_counts(event: Event) -> dict[str, int]:
    """Registrations of the event by status (every status present, 0 when none)."""
    rows = db.session.execute(select(EventRegistration.status, func.count()).where(
        EventRegistration.event_id == event.id).group_by(EventRegistration.status))
    counts = {s.value: 0 for s in RegistrationStatus}
    counts.update(dict(rows.all()))
    return counts


def attendee_count(event: Event) -> int:
    """People coming with an approved registration."""
    return db.session.scalar(select(func.count(Attendee.id)).join(EventRegistration).where(
        EventRegistration.event_id == event.id, EventRegistration.status == RegistrationStatus.APPROVED.value))


def notify_decision(registration: EventRegistration) -> bool:
    """E-mail the attendees the organiser's decision (after the commit); False if one could not be sent."""
    event = registration.event
    approved = registration.status == RegistrationStatus.APPROVED
    subject = (_l("Inscription confirmée : %(event)s", event=event.name) if approved
               else _l("Inscription refusée : %(event)s", event=event.name))
    template = "emails/programme_registration_" + ("approved" if approved else "refused")
    link = url_for("events.show", slug=event.slug, _external=True)
    ok = True
    for attendee in registration.attendees:
        try:
            send_email(attendee.user.email, str(subject), template, user=attendee.user, event=event,
                       registration=registration, link=link, site_name=current_app.config["SITE_NAME"])
        except Exception:  # the decision is committed: a mail failure must not undo it
            log.exception("Could not send %s to %s", template, attendee.user.email)
            ok = False
    return ok
