"""Every figure of event_indicators, checked by construction AND counted again with plain queries."""
from collections import Counter

from sqlalchemy import event as sa_event
from sqlalchemy import select

from matchfair.backoffice.indicators import event_indicators
from matchfair.extensions import db
from matchfair.matching.models import Interest, Shortlist
from matchfair.meetings.models import Meeting, MeetingOutcome, MeetingParticipant
from matchfair.needs.models import Need
from matchfair.organisations.models import Organisation, OrganisationStatus
from matchfair.programme.models import (
    EventRegistration,
    ProgrammeSession,
    SessionRegistration,
)
from tests import factories
from tests.programme.events.conftest import register_org


def _registrations(event):
    return db.session.scalars(select(EventRegistration).where(EventRegistration.event_id == event.id)).all()


def _approved_org_ids(event, kind=None):
    return {r.organisation_id for r in _registrations(event)
            if r.status == "approved" and (kind is None or r.organisation.kind == kind)}


def _scoped_needs(event):
    buyers = _approved_org_ids(event, "buyer")
    return [n for n in db.session.scalars(select(Need)) if n.status == "published" and n.organisation_id in buyers]


def test_participants(fair):
    ind = event_indicators(fair.event)
    # by construction
    assert ind.registrations == {"sse": {"approved": 5, "pending": 1, "refused": 1},
                                 "buyer": {"approved": 2, "pending": 1, "cancelled": 1}}
    assert ind.registered() == 11 and ind.registered("sse", "approved") == 5
    assert ind.departments == [("31", 3), ("34", 2), ("2A", 1), ("81", 1)]
    assert ind.sse_statuses == {"siae": 1, "ess": 2, "ea": 1, "esat": 1}
    assert ind.sse_without_status == 1
    assert (ind.attendees_expected, ind.attendees_checked_in) == (8, 3)
    # counted again
    regs = _registrations(fair.event)
    counted = Counter((r.organisation.kind, r.status) for r in regs)
    assert {(k, s): n for k, by in ind.registrations.items() for s, n in by.items()} == dict(counted)
    approved = _approved_org_ids(fair.event)
    deps = Counter(db.session.get(Organisation, i).department_code for i in approved)
    assert dict(ind.departments) == dict(deps)
    sse = _approved_org_ids(fair.event, "sse")
    statuses = db.session.scalars(select(OrganisationStatus).where(OrganisationStatus.organisation_id.in_(sse))).all()
    assert ind.sse_statuses == dict(Counter(s.status for s in statuses))
    assert ind.sse_without_status == len(sse - {s.organisation_id for s in statuses})
    attendees = [a for r in regs if r.status == "approved" for a in r.attendees]
    assert ind.attendees_expected == len(attendees)
    assert ind.attendees_checked_in == sum(1 for a in attendees if a.checked_in_at)


def test_needs(fair):
    ind = event_indicators(fair.event)
    assert ind.needs_total == 4 and ind.needs_amount == 180_000 and ind.needs_without_amount == 1
    assert ind.needs_by_reservation == {"L2113-13": {"count": 1, "amount": 100_000},
                                        "none": {"count": 1, "amount": 50_000},
                                        "L2113-12": {"count": 1, "amount": 0},
                                        "L2113-15": {"count": 1, "amount": 30_000}}
    assert ind.needs_by_clause == {"execution": {"count": 1, "amount": 100_000},
                                   "award": {"count": 1, "amount": 50_000},
                                   "none": {"count": 2, "amount": 30_000}}
    needs = _scoped_needs(fair.event)
    assert ind.needs_total == len(needs)
    assert ind.needs_amount == sum(n.estimated_amount_eur or 0 for n in needs)
    for attr, target in (("reservation", ind.needs_by_reservation), ("social_clause", ind.needs_by_clause)):
        for value in {getattr(n, attr) for n in needs}:
            mine = [n for n in needs if getattr(n, attr) == value]
            assert target[value] == {"count": len(mine), "amount": sum(n.estimated_amount_eur or 0 for n in mine)}


def test_matches(fair):
    ind = event_indicators(fair.event)
    assert (ind.interests, ind.interested_companies, ind.needs_with_interest, ind.shortlisted) == (3, 2, 2, 2)
    needs = {n.id for n in _scoped_needs(fair.event)}
    sse = _approved_org_ids(fair.event, "sse")
    interests = [i for i in db.session.scalars(select(Interest))
                 if i.kind == "interested" and i.need_id in needs and i.organisation_id in sse]
    assert ind.interests == len(interests)
    assert ind.interested_companies == len({i.organisation_id for i in interests})
    assert ind.needs_with_interest == len({i.need_id for i in interests})
    assert ind.shortlisted == sum(1 for s in db.session.scalars(select(Shortlist))
                                  if s.need_id in needs and s.organisation_id in sse)


def test_meetings(fair):
    m = event_indicators(fair.event).meetings
    assert (m["requested"], m["accepted"], m["booked"], m["held"], m["no_shows"]) == (8, 6, 5, 4, 1)
    assert (m["pending"], m["declined"]) == (1, 1)
    meetings = db.session.scalars(select(Meeting).where(Meeting.event_id == fair.event.id)).all()
    accepted = [x for x in meetings if x.status == "accepted"]
    assert m["requested"] == len(meetings)
    assert m["accepted"] == len(accepted)
    assert m["booked"] == sum(1 for x in accepted if x.slot_id)
    assert m["held"] == sum(1 for x in accepted if x.checked_in_at)
    assert m["no_shows"] == sum(1 for x in accepted if x.no_show_id)


def test_sessions(fair):
    sessions = {s.title: s for s in event_indicators(fair.event).sessions}
    assert set(sessions) == {"Marchés réservés", "Clauses sociales", "Plénière"}
    full, half, open_ = sessions["Marchés réservés"], sessions["Clauses sociales"], sessions["Plénière"]
    assert (full.registered, full.capacity, full.rate, full.waiting) == (20, 20, 1.0, 2)
    assert (half.registered, half.capacity, half.rate, half.waiting) == (15, 30, 0.5, 0)
    assert (open_.capacity, open_.rate) == (None, None)
    for s in sessions.values():
        row = db.session.get(ProgrammeSession, s.id)
        assert s.registered == row.registered_count
        assert s.capacity == (row.capacity or (row.room.capacity if row.room else None))
        assert s.waiting == db.session.query(SessionRegistration).filter_by(session_id=s.id, status="waiting").count()


def test_outcomes_and_shares(fair):
    ind = event_indicators(fair.event)
    assert ind.meetings["outcomes"]["cooperation"] == 1 and ind.meetings["outcomes"]["consultation"] == 1
    assert (ind.contracts, ind.contract_amount) == (3, 100_000)
    assert (ind.contracts_siae, ind.amount_siae) == (1, 45_000)
    assert (ind.contracts_disability, ind.amount_disability) == (1, 20_000)
    assert (ind.contracts_other_sse, ind.amount_other_sse) == (1, 35_000)
    # counted again: per meeting, the larger of the sides' amounts, classified by the SSE side's statuses
    by_meeting = {}
    for o in db.session.scalars(select(MeetingOutcome).join(Meeting).where(Meeting.event_id == fair.event.id)):
        if o.outcome == "contract":
            by_meeting[o.meeting_id] = max(by_meeting.get(o.meeting_id, 0), o.contract_amount_eur)
    assert sum(by_meeting.values()) == ind.contract_amount and len(by_meeting) == ind.contracts
    siae = ea = 0
    for meeting_id, amount in by_meeting.items():
        meeting = db.session.get(Meeting, meeting_id)
        for side in (meeting.requester_id, meeting.recipient_id):
            org = db.session.get(Organisation, db.session.get(MeetingParticipant, side).organisation_id)
            if org.kind == "sse":
                statuses = {s.status for s in db.session.query(OrganisationStatus).filter_by(organisation_id=org.id)}
                siae += amount if "siae" in statuses else 0
                ea += amount if statuses & {"ea", "esat"} else 0
    assert (siae, ea) == (ind.amount_siae, ind.amount_disability)


def test_a_handful_of_queries(fair):
    statements = []

    def count(*_args):
        statements.append(1)
    engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", count)
    try:
        event_indicators(fair.event)
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)
    assert len(statements) <= 24  # about twenty, whatever the size of the event


def test_top_ten_departments_then_others(event):
    for i, dep in enumerate(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]):
        for _ in range(2 if i < 2 else 1):
            register_org(event, factories.OrganisationFactory(department_code=dep), [])
    deps = event_indicators(event).departments
    assert deps[:2] == [("01", 2), ("02", 2)] and len(deps) == 11
    assert deps[-1] == ("others", 2)
    assert sum(n for _c, n in deps) == 14


def test_empty_event(event):
    ind = event_indicators(event)
    assert ind.registered() == 0 and ind.departments == [] and ind.needs_total == 0
    assert ind.meetings["requested"] == 0 and ind.sessions == [] and ind.contracts == 0
    assert ind.share(ind.amount_siae, ind.contract_amount) is None


def test_other_events_do_not_count(fair):
    from tests.programme.events.conftest import EventFactory
    other = EventFactory()
    register_org(other, fair.siae, [])
    assert event_indicators(other).registered() == 1
    assert event_indicators(other).needs_total == 0
    assert event_indicators(fair.event).registered() == 11
