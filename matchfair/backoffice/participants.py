"""The organisations and people registered for an event, as the organiser filters them.

`ParticipantFilter.from_args(args)` reads the participants page's query string (q, type, statut,
departement, sans_rdv, presence); `registrations(event, f)` is the statement of the registrations it
keeps and `recipients(event, f)` the people a group message goes to (one per e-mail address).
"""
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from ..accounts.models import User
from ..extensions import db
from ..meetings.models import Meeting, MeetingParticipant, MeetingStatus
from ..organisations.models import Organisation, OrgKind
from ..programme.models import Attendee, Event, EventRegistration, RegistrationStatus

KINDS = (OrgKind.SSE.value, OrgKind.BUYER.value)
STATUSES = tuple(s.value for s in RegistrationStatus)
PRESENCE = ("present", "absent")
SEARCH_MAX = 100


@dataclass(frozen=True)
class ParticipantFilter:
    q: str = ""
    kind: str = ""
    status: str = ""
    department: str = ""
    no_meeting: bool = False
    presence: str = ""

    @classmethod
    def from_args(cls, args) -> "ParticipantFilter":
        """The filter of a query string; unknown values are ignored."""
        kind = args.get("type", "")
        status = args.get("statut", "")
        presence = args.get("presence", "")
        return cls(q=" ".join(args.get("q", "").split())[:SEARCH_MAX], kind=kind if kind in KINDS else "",
                   status=status if status in STATUSES else "",
                   department=args.get("departement", "").strip().upper()[:3],
                   no_meeting=args.get("sans_rdv") == "1", presence=presence if presence in PRESENCE else "")

    def args(self) -> dict[str, str]:
        """The query string parameters of this filter (only those set)."""
        values = {"q": self.q, "type": self.kind, "statut": self.status, "departement": self.department,
                  "sans_rdv": "1" if self.no_meeting else "", "presence": self.presence}
        return {k: v for k, v in values.items() if v}

    @property
    def active(self) -> bool:
        return bool(self.args())


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _booked_meeting(event: Event):
    """EXISTS: the organisation of the current EventRegistration row has a booked meeting at the event."""
    side = aliased(MeetingParticipant)
    return exists().where(
        Meeting.event_id == event.id, Meeting.status == MeetingStatus.ACCEPTED.value, Meeting.slot_id.is_not(None),
        or_(side.id == Meeting.requester_id, side.id == Meeting.recipient_id),
        side.event_id == event.id, side.organisation_id == EventRegistration.organisation_id)


def _person_clause(f: ParticipantFilter):
    """Which attendees (Attendee joined to User, Organisation) the search and presence keep, or None."""
    clauses = []
    if f.q:
        pattern = _like(f.q)
        clauses.append(or_(func.lower(Organisation.name).like(pattern, escape="\\"),
                           func.lower(User.full_name).like(pattern, escape="\\"),
                           func.lower(User.email).like(pattern, escape="\\")))
    if f.presence == "present":
        clauses.append(Attendee.checked_in_at.is_not(None))
    elif f.presence == "absent":
        clauses.append(Attendee.checked_in_at.is_(None))
    return and_(*clauses) if clauses else None


def _organisation_clauses(event: Event, f: ParticipantFilter) -> list:
    clauses = [EventRegistration.event_id == event.id]
    if f.kind:
        clauses.append(Organisation.kind == f.kind)
    if f.status:
        clauses.append(EventRegistration.status == f.status)
    if f.department:
        clauses.append(Organisation.department_code == f.department)
    if f.no_meeting:
        clauses += [Organisation.kind == OrgKind.SSE.value, ~_booked_meeting(event)]
        if not f.status:  # a pending or refused company cannot book: not in this group unless asked for
            clauses.append(EventRegistration.status == RegistrationStatus.APPROVED.value)
    return clauses


def registrations(event: Event, f: ParticipantFilter):
    """The statement of the event's registrations kept by `f`, organisations by name."""
    statement = (select(EventRegistration).join(Organisation, Organisation.id == EventRegistration.organisation_id)
                 .where(*_organisation_clauses(event, f))
                 .options(selectinload(EventRegistration.organisation),
                          selectinload(EventRegistration.attendees).selectinload(Attendee.user)))
    person = _person_clause(f)
    if person is not None:
        someone = (select(Attendee.id).join(User, User.id == Attendee.user_id)
                   .where(Attendee.registration_id == EventRegistration.id, person).exists())
        if f.q and not f.presence:
            pattern = _like(f.q)
            someone = or_(someone, func.lower(Organisation.name).like(pattern, escape="\\"),
                          func.lower(func.coalesce(Organisation.contact_email, "")).like(pattern, escape="\\"))
        statement = statement.where(someone)
    return statement.order_by(func.lower(Organisation.name), EventRegistration.id)


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    organisation: str


def recipients(event: Event, f: ParticipantFilter) -> list[Recipient]:
    """The people a message to the group `f` goes to, by name: each attendee of the registrations kept
    (those the search and presence filters keep), and an organisation's contact e-mail when it has no
    attendee at all. One recipient per e-mail address."""
    person = _person_clause(f)
    found: dict[str, Recipient] = {}
    kept = None
    if person is not None:
        kept = set(db.session.scalars(
            select(Attendee.id).join(User, User.id == Attendee.user_id)
            .join(EventRegistration, EventRegistration.id == Attendee.registration_id)
            .join(Organisation, Organisation.id == EventRegistration.organisation_id)
            .where(EventRegistration.event_id == event.id, person)))
    for registration in db.session.scalars(registrations(event, f)):
        organisation = registration.organisation
        org_matches = not f.q or f.q.lower() in organisation.name.lower()
        people = [a for a in registration.attendees if kept is None or a.id in kept]
        for attendee in people:
            found.setdefault(attendee.user.email.lower(),
                             Recipient(attendee.user.email, attendee.user.full_name, organisation.name))
        if not registration.attendees and organisation.contact_email and not f.presence and org_matches:
            found.setdefault(organisation.contact_email.lower(),
                             Recipient(organisation.contact_email, organisation.name, organisation.name))
    return sorted(found.values(), key=lambda r: (r.name.lower(), r.email.lower()))


def departments(event: Event) -> list[str]:
    """The departments of the organisations registered for the event, sorted."""
    return sorted(db.session.scalars(
        select(Organisation.department_code).distinct().join(
            EventRegistration, EventRegistration.organisation_id == Organisation.id)
        .where(EventRegistration.event_id == event.id, Organisation.department_code.is_not(None))))


def booked_organisations(event: Event) -> set[int]:
    """Ids of the organisations with at least one booked meeting at the event."""
    side = aliased(MeetingParticipant)
    return set(db.session.scalars(select(side.organisation_id).distinct().join(
        Meeting, or_(side.id == Meeting.requester_id, side.id == Meeting.recipient_id)).where(
        Meeting.event_id == event.id, Meeting.status == MeetingStatus.ACCEPTED.value, Meeting.slot_id.is_not(None))))
