"""Opting in to an event's meetings, the representative, and the participant's availability.

API (the acting user first; each function checks the right, flushes, and the view commits):
    eligibility(event, organisation) -> Eligibility
        whether the organisation may opt in, and if not why (a code for the page's next step and
        a sentence): no organisation, organiser, not registered, registration pending or refused,
        no meetings at this event, meetings closed.
    representative_choices(event, organisation) -> list[(user_id, label)]
        the organisation's members, the event's attendees of its registration first.
    opt_in(user, event, organisation, representative_id, pitch, wants_stand) -> MeetingParticipant
    update(user, participant, representative_id, pitch, wants_stand) -> None
    opt_out(user, participant, now=None) -> OptOut
        refused while the organisation has booked meetings; otherwise its pending requests are
        withdrawn (sent) or declined (received), its accepted unbooked meetings cancelled, the other
        sides e-mailed, and the participation marked as left (`left_at`; those meetings stay in the
        other sides' history). Opting in again later reuses the same participation.
    set_availability(user, participant, available_slot_ids, now=None) -> AvailabilityChange
        one transaction: the slots not ticked become unavailable (MeetingUnavailability rows), the
        ticked ones available; slots held by a programme session or by a booked meeting keep
        their state.
Errors: MeetingError (str(error) for the person; `field` names the form field when there is one),
werkzeug Forbidden when the user does not act for the organisation.
"""
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import Forbidden

from ..extensions import db
from ..organisations.models import Membership, OrgKind
from ..organisations.permissions import ensure_member
from ..programme.models import Attendee, Event, EventRegistration, RegistrationStatus
from ..timeutil import utcnow
from . import availability, request_mail
from .access import acts_for, participation_record
from .errors import MeetingError
from .grid import event_slots, settings_of
from .models import Meeting, MeetingParticipant, MeetingSlot, MeetingStatus, MeetingUnavailability

PITCH_MAX = 500
TAKING_PART = (OrgKind.SSE.value, OrgKind.BUYER.value)


class FieldError(MeetingError):
    """A refused value of one form field (`field`)."""

    def __init__(self, message, field: str):
        super().__init__(str(message))
        self.field = field


@dataclass
class Eligibility:
    ok: bool
    code: str  # "ok", "no_org", "organiser", "kind", "not_registered", "pending", "refused", "closed", "no_meetings"
    message: str = ""
    registration: EventRegistration | None = None


@dataclass
class OptOut:
    withdrawn: int = 0
    declined: int = 0
    cancelled: int = 0


@dataclass
class AvailabilityChange:
    made_unavailable: int = 0
    made_available: int = 0


def _registration(event: Event, organisation) -> EventRegistration | None:
    return db.session.scalar(select(EventRegistration).where(
        EventRegistration.event_id == event.id, EventRegistration.organisation_id == organisation.id))


def eligibility(event: Event, organisation) -> Eligibility:
    """May `organisation` opt in to the event's meetings now? If not, why (see the module docstring)."""
    if organisation is None:
        return Eligibility(False, "no_org", _("Créez d'abord la fiche de votre organisation : c'est elle qui "
                                              "participe aux rendez-vous."))
    if organisation.id == event.organiser_organisation_id or organisation.kind == OrgKind.ORGANISER:
        return Eligibility(False, "organiser", _("%(org)s organise des événements : les rendez-vous d'affaires "
                                                 "réunissent les structures de l'ESS et les acheteurs inscrits. "
                                                 "Si vous êtes aussi membre de l'une d'elles, choisissez-la depuis "
                                                 "votre tableau de bord.", org=organisation.name))
    if organisation.kind not in TAKING_PART:
        return Eligibility(False, "kind", _("Seules les structures de l'ESS et les acheteurs prennent des "
                                            "rendez-vous d'affaires."))
    settings = settings_of(event)
    if settings is None:
        return Eligibility(False, "no_meetings", _("Cet événement ne propose pas de rendez-vous d'affaires."))
    registration = _registration(event, organisation)
    status = registration.status if registration is not None else None
    if status == RegistrationStatus.PENDING:
        return Eligibility(False, "pending", _("L'inscription de %(org)s attend la validation des organisateurs : "
                                               "vous pourrez participer aux rendez-vous dès qu'elle sera validée.",
                                               org=organisation.name), registration)
    if status == RegistrationStatus.REFUSED:
        return Eligibility(False, "refused", _("Les organisateurs ont refusé l'inscription de %(org)s à "
                                               "l'événement : elle ne peut pas prendre de rendez-vous.",
                                               org=organisation.name), registration)
    if status != RegistrationStatus.APPROVED:
        return Eligibility(False, "not_registered", _("%(org)s n'est pas inscrite à l'événement : inscrivez-la "
                                                      "d'abord, puis revenez ici pour prendre des rendez-vous.",
                                                      org=organisation.name), registration)
    if not settings.is_open:
        return Eligibility(False, "closed", _("Les organisateurs n'ont pas ouvert les rendez-vous d'affaires, ou les "
                                              "ont fermés : revenez plus tard."), registration)
    return Eligibility(True, "ok", "", registration)


def attendee_ids(event: Event, organisation) -> set[int]:
    """The people registered to attend the event for the organisation (any registration status)."""
    return set(db.session.scalars(select(Attendee.user_id).join(EventRegistration).where(
        EventRegistration.event_id == event.id, EventRegistration.organisation_id == organisation.id)))


def representative_choices(event: Event, organisation) -> list[tuple[int, str]]:
    """The organisation's members as (user id, label): the event's attendees first, then by name."""
    attending = attendee_ids(event, organisation)
    members = db.session.scalars(select(Membership).where(Membership.organisation_id == organisation.id))
    rows = sorted((m.user_id not in attending, m.user.full_name.lower(), m.user_id, m.user.full_name)
                  for m in members)
    return [(uid, _("%(name)s (vient à l'événement)", name=name) if not absent else name)
            for absent, _key, uid, name in rows]


def _check_values(organisation, representative_id, pitch: str | None) -> None:
    if representative_id is None or db.session.get(Membership, (representative_id, organisation.id)) is None:
        raise FieldError(_l("Choisissez une personne de votre organisation."), "representative")
    if pitch and len(pitch) > PITCH_MAX:
        raise FieldError(_l("%(max)d caractères au plus.", max=PITCH_MAX), "pitch")


def _stand(organisation, wants_stand: bool) -> bool:
    return bool(wants_stand) and organisation.kind == OrgKind.BUYER


def opt_in(user, event: Event, organisation, representative_id: int | None, pitch: str | None,
           wants_stand: bool = False) -> MeetingParticipant:
    """The organisation takes part in the event's meetings, represented by `representative_id`."""
    ensure_member(user, organisation)
    found = eligibility(event, organisation)
    if not found.ok:
        raise MeetingError(found.message)
    _check_values(organisation, representative_id, pitch)
    earlier = participation_record(event, organisation)
    if earlier is not None and earlier.left_at is not None:  # back after leaving: the same row
        earlier.left_at = None
        earlier.user_id, earlier.pitch = representative_id, pitch or None
        earlier.wants_stand = _stand(organisation, wants_stand)
        db.session.flush()
        db.session.expire(earlier, ["user"])
        return earlier
    participant = MeetingParticipant(event_id=event.id, organisation_id=organisation.id, user_id=representative_id,
                                     pitch=pitch or None, wants_stand=_stand(organisation, wants_stand))
    try:
        with db.session.begin_nested():
            db.session.add(participant)
            db.session.flush()
    except IntegrityError:
        raise MeetingError(_("Votre organisation participe déjà aux rendez-vous de cet événement : rechargez la "
                             "page.")) from None
    return participant


def update(user, participant: MeetingParticipant, representative_id: int | None, pitch: str | None,
           wants_stand: bool = False) -> None:
    """Change the representative, the pitch or the wish for a stand (while meetings are open)."""
    if not acts_for(user, participant):
        raise Forbidden()
    _check_open(participant)
    _check_values(participant.organisation, representative_id, pitch)
    participant.user_id = representative_id
    participant.pitch = pitch or None
    participant.wants_stand = _stand(participant.organisation, wants_stand)
    db.session.flush()
    db.session.expire(participant, ["user"])


def _check_open(participant: MeetingParticipant) -> None:
    settings = settings_of(participant.event_id)
    if settings is None or not settings.is_open:
        raise MeetingError(_("Les organisateurs ont fermé les rendez-vous : votre participation ne peut plus "
                             "changer. Contactez-les si besoin."))


def _meetings_of(participant: MeetingParticipant) -> list[Meeting]:
    return list(db.session.scalars(select(Meeting).where(
        (Meeting.requester_id == participant.id) | (Meeting.recipient_id == participant.id))))


def opt_out(user, participant: MeetingParticipant, now: datetime | None = None) -> OptOut:
    """Stop taking meetings at the event (see the module docstring)."""
    if not acts_for(user, participant):
        raise Forbidden()
    _check_open(participant)
    now = now or utcnow()
    meetings = _meetings_of(participant)
    booked = [m for m in meetings if m.status == MeetingStatus.ACCEPTED and m.slot_id is not None]
    coming = [m for m in booked if db.session.get(MeetingSlot, m.slot_id).starts_at > now]
    if coming:
        raise MeetingError(_("Votre organisation a %(num)d rendez-vous réservé(s) à venir : annulez-les d'abord "
                             "(les autres participants sont prévenus), puis retirez votre participation.",
                             num=len(coming)))
    if booked:
        raise MeetingError(_("Vos rendez-vous ont déjà eu lieu : votre participation reste, avec leur historique "
                             "et leurs suites."))
    done = OptOut()
    reason = _("%(org)s ne participe plus aux rendez-vous de l'événement.", org=participant.organisation.name)
    for meeting in meetings:
        other = meeting.other(participant)
        if meeting.status == MeetingStatus.REQUESTED and meeting.requester_id == participant.id:
            meeting.status = MeetingStatus.WITHDRAWN.value
            request_mail.withdrawn(meeting)
            done.withdrawn += 1
        elif meeting.status == MeetingStatus.REQUESTED:
            meeting.status = MeetingStatus.DECLINED.value
            meeting.decline_reason = reason
            request_mail.declined(meeting)
            done.declined += 1
        elif meeting.status == MeetingStatus.ACCEPTED:
            meeting.status = MeetingStatus.CANCELLED.value
            meeting.cancelled_at, meeting.cancelled_by_id, meeting.cancel_reason = now, user.id, reason
            meeting.sequence = (meeting.sequence or 0) + 1
            request_mail.cancelled(meeting, other)
            done.cancelled += 1
        else:
            continue
        meeting.answered_at = meeting.answered_at or now
        meeting.answered_by_id = meeting.answered_by_id or user.id
    # The participation is marked as left (not deleted): its meetings, all ended above and none
    # booked, stay in the other sides' history.
    participant.left_at = now
    participant.stand_table_id = None
    db.session.flush()
    return done


def set_availability(user, participant: MeetingParticipant, available_slot_ids, now: datetime | None = None
                     ) -> AvailabilityChange:
    """Save the ticked slots as available and the others as unavailable (see the module docstring)."""
    if not acts_for(user, participant):
        raise Forbidden()
    _check_open(participant)
    # The row lock booking.lock takes too (PostgreSQL; SQLite's write lock does it already): a booking
    # in the same moment is either seen below (its slot stays available) or sees the unavailability.
    db.session.execute(select(MeetingParticipant.id).where(MeetingParticipant.id == participant.id)
                       .with_for_update())
    slots = {s.id for s in event_slots(participant.event_id)}
    wanted = {int(i) for i in available_slot_ids} & slots
    reasons = availability.unavailable_slots(participant)
    declared = set(db.session.scalars(select(MeetingUnavailability.slot_id).where(
        MeetingUnavailability.participant_id == participant.id)))
    fixed = session_held(reasons, declared) | set(availability.busy_slots(participant))
    changeable = slots - fixed
    unavailable = changeable - wanted
    freed = (declared & changeable) - unavailable
    added = unavailable - declared
    if freed:
        db.session.execute(delete(MeetingUnavailability).where(
            MeetingUnavailability.participant_id == participant.id, MeetingUnavailability.slot_id.in_(freed)))
    db.session.add_all(MeetingUnavailability(participant_id=participant.id, slot_id=s) for s in sorted(added))
    db.session.flush()
    return AvailabilityChange(made_unavailable=len(added), made_available=len(freed))


def session_held(reasons: dict[int, str], declared: set[int]) -> set[int]:
    """The slots of `reasons` (availability.unavailable_slots) held by a programme session, not by a
    declared unavailability (a slot that is both gets the session's title)."""
    declared_label = _("Indisponible")
    return {slot_id for slot_id, reason in reasons.items() if slot_id not in declared or reason != declared_label}


def participant_count(event: Event) -> int:
    return db.session.scalar(select(func.count(MeetingParticipant.id)).where(
        MeetingParticipant.event_id == event.id, MeetingParticipant.left_at.is_(None)))
