"""The demo's programme: a two-day event with rooms, registrations and a dozen sessions without clashes,
a full workshop with a waiting list, and an online TRAIDS week."""
from collections import Counter
from datetime import timedelta
from itertools import combinations

from sqlalchemy import select

from matchfair.accounts.models import User
from matchfair.demo.identity import ORGANISER_EMAIL
from matchfair.demo.programme import FULL_WORKSHOP, ROOMS, fair_start
from matchfair.extensions import db
from matchfair.needs.direct_award import local_today
from matchfair.organisations.models import Membership, Organisation
from matchfair.programme.events_services import (
    attending_event,
    event_bounds_utc,
    registration_window,
)
from matchfair.programme.models import (
    Event,
    EventRegistration,
    ProgrammeSession,
    SessionRegistration,
)
from tests.programme.events.conftest import _other_parts_endpoints  # noqa: F401  (stand-ins for links)


def _events():
    """The two coming events (the past edition has its own tests)."""
    events = db.session.scalars(select(Event).where(Event.starts_on >= local_today()).order_by(Event.starts_on)).all()
    assert len(events) == 2
    return events


def _sessions(event):
    return db.session.scalars(select(ProgrammeSession).where(ProgrammeSession.event_id == event.id)).all()


def _overlap(a, b) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def test_the_two_day_fair(loaded):
    fair, week = _events()
    assert fair.starts_on == fair_start(local_today()) and fair.ends_on == fair.starts_on + timedelta(days=1)
    # A working Tuesday and Wednesday, a month or so ahead, never in the Christmas holidays.
    assert fair.starts_on.weekday() == 1 and fair.starts_on >= local_today() + timedelta(days=30)
    assert not (fair.starts_on.month == 12 and fair.starts_on.day >= 18)
    assert fair.organiser.kind == "organiser" and fair.timezone == "Europe/Paris" and not fair.is_online
    assert "Toulouse" in fair.venue_address and fair.is_published and fair.requires_approval
    assert registration_window(fair).state == "open"
    assert [(r.name, r.capacity) for r in fair.rooms] == [(n, c) for n, c, _d in ROOMS]
    assert week.is_online and week.is_published and week.online_url and week.name.startswith("TRAIDS")
    assert (week.ends_on - week.starts_on).days == 4 and week.starts_on.weekday() == 0


def test_registrations_and_attendees(loaded):
    fair, week = _events()
    regs = db.session.scalars(select(EventRegistration).where(EventRegistration.event_id == fair.id)).all()
    statuses = Counter(r.status for r in regs)
    assert 38 <= len(regs) <= 42 and statuses["pending"] >= 3 and statuses["approved"] >= 34
    assert {r.organisation.kind for r in regs} == {"sse", "buyer"}
    for reg in regs:
        assert reg.attendees
        for attendee in reg.attendees:
            assert db.session.get(Membership, (attendee.user_id, reg.organisation_id)) is not None
    assert db.session.scalars(select(EventRegistration).where(EventRegistration.event_id == week.id)).all()


def test_a_dozen_sessions_without_clashes(loaded):
    fair, week = _events()
    sessions = _sessions(fair)
    assert len(sessions) == 12 and all(s.is_published and s.room and s.speakers and s.themes for s in sessions)
    assert {s.kind for s in sessions} == {"workshop", "round_table", "plenary", "pitch", "training"}
    titles = {s.title: s for s in sessions}
    assert titles["Répondre à un marché public"].kind == "workshop"
    assert next(s for t, s in titles.items() if t.startswith("Les marchés réservés")).kind == "round_table"
    first, last = event_bounds_utc(fair)
    for a in sessions:
        assert first <= a.starts_at < a.ends_at <= last
        assert a.capacity <= a.room.capacity and a.registered_count <= a.capacity
    for a, b in combinations(sessions, 2):
        if _overlap(a, b):
            assert a.room_id != b.room_id, (a.title, b.title)
            assert not {s.full_name for s in a.speakers} & {s.full_name for s in b.speakers}, (a.title, b.title)
    online = _sessions(week)
    assert len(online) == 3 and all(s.online_url and s.room is None for s in online)


def test_seats_are_consistent_and_the_small_workshop_is_full(loaded):
    fair, _week = _events()
    for session in _sessions(fair):
        rows = db.session.scalars(select(SessionRegistration).where(SessionRegistration.session_id == session.id)).all()
        assert session.registered_count == sum(r.status == "registered" for r in rows)
        for row in rows:
            assert attending_event(row.user, fair), row.user.email
    full = db.session.scalars(select(ProgrammeSession).where(ProgrammeSession.title == FULL_WORKSHOP)).one()
    assert full.capacity == full.registered_count == 12
    waiting = db.session.scalars(select(SessionRegistration).where(
        SessionRegistration.session_id == full.id, SessionRegistration.status == "waiting")).all()
    assert len(waiting) >= 2
    # Nobody holds two overlapping places.
    by_user = {}
    for row in db.session.scalars(select(SessionRegistration).where(SessionRegistration.status != "cancelled")):
        by_user.setdefault(row.user_id, []).append(row.session)
    for sessions in by_user.values():
        for a, b in combinations(sessions, 2):
            assert not _overlap(a, b)


def test_reset_removes_the_programme(loaded, run_demo):
    result = run_demo("--reset")
    assert result.exit_code == 0, result.output
    assert len(_events()) == 2
    assert db.session.scalar(select(ProgrammeSession.id).where(ProgrammeSession.title == FULL_WORKSHOP)) is not None


def test_showcase_company_attends_and_is_free_to_register(loaded):
    fair, _week = _events()
    reg = db.session.scalars(select(EventRegistration).join(EventRegistration.organisation).where(
        EventRegistration.event_id == fair.id, Organisation.name == "Éclat Propreté Insertion")).one()
    assert reg.status == "approved"
    user_ids = [a.user_id for a in reg.attendees]
    assert not db.session.scalars(select(SessionRegistration).join(ProgrammeSession).where(
        SessionRegistration.user_id.in_(user_ids), ProgrammeSession.event_id == fair.id)).all()


def test_the_demo_organiser_sees_the_pages(loaded, client, login):
    fair, week = _events()
    organiser = db.session.scalars(select(User).where(User.email == ORGANISER_EMAIL)).one()
    login(organiser)
    for url in (f"/evenements/{fair.id}/gestion", f"/evenements/{fair.id}/salles",
                f"/evenements/{fair.id}/inscriptions", f"/evenements/{fair.id}/inscriptions?statut=pending",
                f"/evenements/{fair.slug}", "/evenements", f"/evenements/{week.slug}"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Espace rendez-vous" in client.get(f"/evenements/{fair.id}/salles").text
