"""An event's indicators for the organiser's dashboard, its CSV export and the SPASER report.

    event_indicators(event) -> Indicators

Every figure comes from aggregate queries (about twenty, whatever the event's size). Scope:
- participants: every registration of the event by kind and status; departments and SSE statuses
  of the organisations whose registration is approved;
- needs: the needs currently published (status "published") by the buyers whose registration is
  approved;
- matches: declared interests ("interested") of approved SSE companies in those needs, and the
  buyers' shortlists of approved SSE companies on those needs (the matching scores are computed
  per request and are not stored, so the dashboard counts what the two sides declared);
- meetings: matchfair.meetings.outcomes.outcome_counts;
- insertion hours (issue 7): clauses.figures.insertion_figures for the approved buyers' awarded needs;
- outcomes: per meeting, the contract amount is the larger of the two sides' figures (as in
  outcome_counts); a contract goes to an insertion structure when the SSE side has the SIAE status,
  to a disability-employment structure when it has the EA or ESAT status (a structure with both
  counts in both shares).
"""
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select

from ..clauses.figures import InsertionFigures, insertion_figures
from ..extensions import db
from ..matching.models import Interest, InterestKind, Shortlist
from ..meetings.models import Meeting, MeetingOutcome, MeetingParticipant, Outcome
from ..meetings.outcomes import outcome_counts
from ..needs.models import Need, NeedStatus
from ..organisations.models import Organisation, OrganisationStatus, OrgKind, SseStatus
from ..programme.models import (
    Attendee,
    EventRegistration,
    ProgrammeSession,
    RegistrationStatus,
    Room,
    SeatStatus,
    SessionRegistration,
)

TOP_DEPARTMENTS = 10
INSERTION_STATUSES = frozenset({SseStatus.SIAE.value})
DISABILITY_STATUSES = frozenset({SseStatus.EA.value, SseStatus.ESAT.value})


@dataclass
class SessionFill:
    id: int
    title: str
    kind: str
    registered: int
    capacity: int | None  # None: unlimited
    waiting: int

    @property
    def rate(self) -> float | None:
        """Places taken, 0-1 (None when unlimited or without places)."""
        return self.registered / self.capacity if self.capacity else None


@dataclass
class Indicators:
    # participants
    registrations: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> status -> n
    departments: list[tuple[str, int]] = field(default_factory=list)  # top 10, then ("others", n)
    sse_statuses: dict[str, int] = field(default_factory=dict)  # status -> approved SSE companies
    sse_without_status: int = 0
    attendees_expected: int = 0
    attendees_checked_in: int = 0
    # needs
    needs_by_reservation: dict[str, dict] = field(default_factory=dict)  # reservation -> {count, amount}
    needs_by_clause: dict[str, dict] = field(default_factory=dict)  # clause -> {count, amount}
    needs_total: int = 0
    needs_amount: int = 0
    needs_without_amount: int = 0
    # matches
    interests: int = 0
    interested_companies: int = 0
    needs_with_interest: int = 0
    shortlisted: int = 0
    # meetings and outcomes
    meetings: dict = field(default_factory=dict)
    sessions: list[SessionFill] = field(default_factory=list)
    contracts_siae: int = 0
    amount_siae: int = 0
    contracts_disability: int = 0
    amount_disability: int = 0
    contracts_other_sse: int = 0
    amount_other_sse: int = 0
    insertion: InsertionFigures = field(default_factory=InsertionFigures)

    def registered(self, kind: str | None = None, status: str | None = None) -> int:
        """Registrations of a kind and/or status (None: all)."""
        return sum(n for k, by_status in self.registrations.items() if kind in (None, k)
                   for s, n in by_status.items() if status in (None, s))

    @property
    def contracts(self) -> int:
        return self.meetings.get("contracts", 0)

    @property
    def contract_amount(self) -> int:
        return self.meetings.get("contract_amount_eur", 0)

    def share(self, part: int, whole: int) -> float | None:
        return part / whole if whole else None


def event_indicators(event) -> Indicators:
    """Every figure of the event's dashboard (see the module docstring for what each one counts)."""
    result = Indicators()
    _participants(event.id, result)
    _needs_and_matches(event.id, result)
    result.meetings = outcome_counts(event)
    _sessions(event.id, result)
    _contract_shares(event.id, result)
    result.insertion = insertion_figures(_approved_orgs(event.id, OrgKind.BUYER))
    return result


def _approved_orgs(event_id: int, kind: str | None = None):
    query = select(EventRegistration.organisation_id).join(
        Organisation, Organisation.id == EventRegistration.organisation_id).where(
        EventRegistration.event_id == event_id, EventRegistration.status == RegistrationStatus.APPROVED)
    return query.where(Organisation.kind == kind) if kind else query


def _participants(event_id: int, result: Indicators) -> None:
    rows = db.session.execute(select(Organisation.kind, EventRegistration.status, func.count()).join(
        Organisation, Organisation.id == EventRegistration.organisation_id).where(
        EventRegistration.event_id == event_id).group_by(Organisation.kind, EventRegistration.status))
    for kind, status, n in rows:
        result.registrations.setdefault(kind, {})[status] = n

    approved = _approved_orgs(event_id).subquery()
    department = func.coalesce(Organisation.department_code, "")
    by_department = db.session.execute(select(department, func.count()).where(
        Organisation.id.in_(select(approved))).group_by(department).order_by(func.count().desc(), department)).all()
    result.departments = [(code, n) for code, n in by_department[:TOP_DEPARTMENTS]]
    others = sum(n for _code, n in by_department[TOP_DEPARTMENTS:])
    if others:
        result.departments.append(("others", others))

    sse = _approved_orgs(event_id, OrgKind.SSE).subquery()
    result.sse_statuses = dict(db.session.execute(select(OrganisationStatus.status, func.count()).where(
        OrganisationStatus.organisation_id.in_(select(sse))).group_by(OrganisationStatus.status)).all())
    result.sse_without_status = db.session.scalar(select(func.count()).select_from(sse).where(
        ~sse.c.organisation_id.in_(select(OrganisationStatus.organisation_id)))) or 0

    checked = func.count(Attendee.checked_in_at)
    expected, checked_in = db.session.execute(select(func.count(Attendee.id), checked).join(
        EventRegistration, EventRegistration.id == Attendee.registration_id).where(
        EventRegistration.event_id == event_id, EventRegistration.status == RegistrationStatus.APPROVED)).one()
    result.attendees_expected, result.attendees_checked_in = expected or 0, checked_in or 0


def _event_needs(event_id: int):
    return select(Need.id).where(Need.status == NeedStatus.PUBLISHED,
                                 Need.organisation_id.in_(_approved_orgs(event_id, OrgKind.BUYER)))


def _needs_and_matches(event_id: int, result: Indicators) -> None:
    needs = Need.id.in_(_event_needs(event_id))
    amount = func.coalesce(func.sum(Need.estimated_amount_eur), 0)
    for column, target in ((Need.reservation, result.needs_by_reservation),
                           (Need.social_clause, result.needs_by_clause)):
        for value, n, total in db.session.execute(select(column, func.count(), amount).where(needs).group_by(column)):
            target[value] = {"count": n, "amount": int(total)}
    result.needs_total = sum(v["count"] for v in result.needs_by_reservation.values())
    result.needs_amount = sum(v["amount"] for v in result.needs_by_reservation.values())
    result.needs_without_amount = db.session.scalar(select(func.count()).select_from(Need).where(
        needs, Need.estimated_amount_eur.is_(None))) or 0

    sse = Interest.organisation_id.in_(_approved_orgs(event_id, OrgKind.SSE))
    interests = (Interest.kind == InterestKind.INTERESTED, Interest.need_id.in_(_event_needs(event_id)), sse)
    result.interests, result.interested_companies, result.needs_with_interest = db.session.execute(select(
        func.count(), func.count(func.distinct(Interest.organisation_id)), func.count(func.distinct(Interest.need_id)))
        .where(*interests)).one()
    result.shortlisted = db.session.scalar(select(func.count()).select_from(Shortlist).where(
        Shortlist.need_id.in_(_event_needs(event_id)),
        Shortlist.organisation_id.in_(_approved_orgs(event_id, OrgKind.SSE)))) or 0


def _sessions(event_id: int, result: Indicators) -> None:
    waiting = select(SessionRegistration.session_id, func.count().label("n")).where(
        SessionRegistration.status == SeatStatus.WAITING).group_by(SessionRegistration.session_id).subquery()
    rows = db.session.execute(select(
        ProgrammeSession.id, ProgrammeSession.title, ProgrammeSession.kind, ProgrammeSession.registered_count,
        func.coalesce(ProgrammeSession.capacity, Room.capacity), func.coalesce(waiting.c.n, 0))
        .outerjoin(Room, Room.id == ProgrammeSession.room_id)
        .outerjoin(waiting, waiting.c.session_id == ProgrammeSession.id)
        .where(ProgrammeSession.event_id == event_id, ProgrammeSession.is_cancelled.is_(False))
        .order_by(ProgrammeSession.starts_at, ProgrammeSession.id))
    result.sessions = [SessionFill(*row) for row in rows]


def _contract_shares(event_id: int, result: Indicators) -> None:
    """Contracts and amounts by the SSE side's status (one query for the contracts, one for statuses)."""
    sse_side = db.session.execute(
        select(Meeting.id, func.max(MeetingOutcome.contract_amount_eur), MeetingParticipant.organisation_id)
        .join(MeetingOutcome, MeetingOutcome.meeting_id == Meeting.id)
        .join(MeetingParticipant, or_(MeetingParticipant.id == Meeting.requester_id,
                                      MeetingParticipant.id == Meeting.recipient_id))
        .join(Organisation, and_(Organisation.id == MeetingParticipant.organisation_id,
                                 Organisation.kind == OrgKind.SSE))
        .where(Meeting.event_id == event_id, MeetingOutcome.outcome == Outcome.CONTRACT)
        .group_by(Meeting.id, MeetingParticipant.organisation_id)).all()
    org_ids = {org_id for _m, _a, org_id in sse_side}
    statuses: dict[int, set[str]] = {}
    if org_ids:
        for org_id, status in db.session.execute(select(OrganisationStatus.organisation_id, OrganisationStatus.status)
                                                 .where(OrganisationStatus.organisation_id.in_(org_ids))):
            statuses.setdefault(org_id, set()).add(status)
    for _meeting_id, amount, org_id in sse_side:
        mine = statuses.get(org_id, set())
        amount = amount or 0
        if mine & INSERTION_STATUSES:
            result.contracts_siae += 1
            result.amount_siae += amount
        if mine & DISABILITY_STATUSES:
            result.contracts_disability += 1
            result.amount_disability += amount
        if not mine & (INSERTION_STATUSES | DISABILITY_STATUSES):
            result.contracts_other_sse += 1
            result.amount_other_sse += amount


__all__ = ["Indicators", "SessionFill", "event_indicators"]
