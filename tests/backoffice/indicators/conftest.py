"""A small fair with known figures: registrations of each kind and state, needs, interests,
meetings in each state with outcomes, sessions with waiting lists, people checked in.

The `fair` fixture returns a namespace of the objects it made; the expected figures are written
in the tests by construction and counted again with plain queries.
"""
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from matchfair.extensions import db
from matchfair.matching.models import Interest, Shortlist
from matchfair.meetings.models import (
    Meeting,
    MeetingOutcome,
    MeetingParticipant,
    MeetingPeriod,
    MeetingSlot,
)
from matchfair.needs.models import Need
from matchfair.organisations.models import OrganisationStatus
from matchfair.programme.models import SessionRegistration
from matchfair.timeutil import utcnow
from tests import factories
from tests.programme.events.conftest import (
    EventFactory,
    OrganiserFactory,
    RoomFactory,
    SessionFactory,
    member_of,
    register_org,
)


@pytest.fixture
def organiser():
    return member_of(OrganiserFactory())


@pytest.fixture
def event(organiser):
    return EventFactory(organiser=organiser.memberships[0].organisation, name="Rencontres ESS Occitanie")


def _sse(dep, *statuses, **fields):
    org = factories.OrganisationFactory(department_code=dep, **fields)
    db.session.add_all(OrganisationStatus(organisation_id=org.id, status=s) for s in statuses)
    db.session.commit()
    return org


def _user(org):
    return factories.MembershipFactory(organisation=org).user


def _need(org, status="published", reservation="none", clause="none", amount=None, title="Besoin"):
    need = Need(organisation_id=org.id, status=status, title=title, department_code="31",
                reservation=reservation, social_clause=clause, estimated_amount_eur=amount)
    db.session.add(need)
    db.session.commit()
    return need


@pytest.fixture
def fair(event):
    f = SimpleNamespace(event=event)
    # SSE companies: five approved (SIAE, EA, ESAT, ESS, no status), one pending, one refused.
    f.siae = _sse("31", "siae", "ess", siae_kind="EI", name="Insertion 31")
    f.ea = _sse("34", "ea", name="Entreprise adaptée 34")
    f.esat = _sse("31", "esat", name="ESAT 31")
    f.scop = _sse("81", "ess", name="SCOP 81")
    f.plain = _sse("2A", name="Association corse")
    f.sse_pending = _sse("31", "siae")
    f.sse_refused = _sse("66")
    f.buyer1 = factories.BuyerFactory(department_code="31", name="Région")
    f.buyer2 = factories.BuyerFactory(department_code="34", name="Ville de Montpellier")
    f.buyer_pending = factories.BuyerFactory(department_code="11")
    f.buyer_cancelled = factories.BuyerFactory(department_code="12")
    f.outsider = factories.BuyerFactory(department_code="31")  # not registered

    f.users = {}
    f.regs = {}
    for name in ("siae", "ea", "esat", "scop", "plain", "buyer1", "buyer2"):
        org = getattr(f, name)
        f.users[name] = _user(org)
        extra = [_user(org)] if name == "buyer1" else []
        f.regs[name] = register_org(event, org, [f.users[name]] + extra)
    register_org(event, f.sse_pending, [_user(f.sse_pending)], status="pending")
    register_org(event, f.sse_refused, [_user(f.sse_refused)], status="refused")
    register_org(event, f.buyer_pending, [_user(f.buyer_pending)], status="pending")
    register_org(event, f.buyer_cancelled, [_user(f.buyer_cancelled)], status="cancelled")
    # 8 attendees expected (7 approved organisations, two people for buyer1); 3 checked in.
    for name in ("siae", "ea", "buyer1"):
        f.regs[name].attendees[0].checked_in_at = utcnow()
    db.session.commit()

    # Needs: four published by approved buyers (one without an amount), others out of scope.
    f.need_a = _need(f.buyer1, reservation="L2113-13", clause="execution", amount=100_000, title="Espaces verts")
    f.need_b = _need(f.buyer1, clause="award", amount=50_000, title="Nettoyage")
    f.need_c = _need(f.buyer1, reservation="L2113-12", title="Blanchisserie")
    f.need_d = _need(f.buyer2, reservation="L2113-15", amount=30_000, title="Crèche")
    _need(f.buyer1, status="draft", reservation="L2113-15", amount=999_000)
    _need(f.buyer_pending, amount=888_000)
    _need(f.outsider, amount=777_000)

    db.session.add_all([
        Interest(need_id=f.need_a.id, organisation_id=f.siae.id, kind="interested"),
        Interest(need_id=f.need_a.id, organisation_id=f.ea.id, kind="interested"),
        Interest(need_id=f.need_c.id, organisation_id=f.ea.id, kind="interested"),
        Interest(need_id=f.need_b.id, organisation_id=f.scop.id, kind="not_for_us"),
        Interest(need_id=f.need_a.id, organisation_id=f.sse_pending.id, kind="interested"),
        Shortlist(need_id=f.need_a.id, organisation_id=f.siae.id),
        Shortlist(need_id=f.need_b.id, organisation_id=f.scop.id),
        Shortlist(need_id=f.need_a.id, organisation_id=f.sse_pending.id),
    ])
    db.session.commit()

    # Meetings: participants, a period of slots, eight meetings in every state.
    start = datetime.combine(event.starts_on, datetime.min.time()) + timedelta(hours=8)
    period = MeetingPeriod(event_id=event.id, starts_at=start, ends_at=start + timedelta(hours=4))
    db.session.add(period)
    db.session.flush()
    slots = [MeetingSlot(event_id=event.id, period_id=period.id, starts_at=start + timedelta(minutes=30 * i),
                         ends_at=start + timedelta(minutes=30 * i + 25)) for i in range(6)]
    db.session.add_all(slots)
    f.p = {}
    for name in ("siae", "ea", "esat", "scop", "plain", "buyer1", "buyer2"):
        f.p[name] = MeetingParticipant(event_id=event.id, organisation_id=getattr(f, name).id,
                                       user_id=f.users[name].id)
        db.session.add(f.p[name])
    db.session.flush()

    def meeting(buyer, sse, status="accepted", slot=None, held=False, **fields):
        m = Meeting(event_id=event.id, requester_id=f.p[sse].id, recipient_id=f.p[buyer].id, status=status,
                    expires_at=utcnow() + timedelta(days=7), slot_id=slot.id if slot else None,
                    checked_in_at=utcnow() if held else None, **fields)
        db.session.add(m)
        db.session.flush()
        return m

    def outcome(m, side, kind, amount=None):
        db.session.add(MeetingOutcome(meeting_id=m.id, participant_id=f.p[side].id, outcome=kind,
                                      contract_amount_eur=amount))

    m1 = meeting("buyer1", "siae", slot=slots[0], held=True)
    outcome(m1, "buyer1", "contract", 40_000)
    outcome(m1, "siae", "contract", 45_000)  # the larger figure counts: 45 000
    m2 = meeting("buyer1", "ea", slot=slots[1], held=True)
    outcome(m2, "ea", "contract", 20_000)
    m3 = meeting("buyer2", "scop", slot=slots[2], held=True)
    outcome(m3, "buyer2", "contract", 35_000)
    outcome(m3, "scop", "cooperation")
    m4 = meeting("buyer2", "esat", slot=slots[3], held=True)
    outcome(m4, "esat", "consultation")
    m5 = meeting("buyer1", "plain", slot=slots[4], no_show_id=f.p["plain"].id)
    outcome(m5, "buyer1", "not_held")
    meeting("buyer2", "siae", status="requested")
    meeting("buyer1", "scop", status="declined")
    meeting("buyer2", "plain")  # accepted, not booked
    db.session.commit()

    # Sessions: full with a waiting list of 2; room's capacity; unlimited; cancelled (left out).
    room = RoomFactory(event=event, capacity=30)
    f.full = SessionFactory(event=event, title="Marchés réservés", capacity=20, registered_count=20)
    f.half = SessionFactory(event=event, title="Clauses sociales", room=room, registered_count=15,
                            starts_at=f.full.starts_at + timedelta(hours=2),
                            ends_at=f.full.starts_at + timedelta(hours=3))
    f.open = SessionFactory(event=event, title="Plénière", registered_count=5,
                            starts_at=f.full.starts_at + timedelta(hours=4),
                            ends_at=f.full.starts_at + timedelta(hours=5))
    SessionFactory(event=event, title="Annulé", capacity=10, registered_count=3, is_cancelled=True)
    db.session.add_all(SessionRegistration(session_id=f.full.id, user_id=factories.UserFactory().id, status="waiting")
                       for _ in range(2))
    db.session.add(SessionRegistration(session_id=f.half.id, user_id=factories.UserFactory().id, status="registered"))
    db.session.commit()
    return f
