"""The demo's B2B meetings: the fair's grid, tables and stands, participants, meetings in every state
(built from matches), direct bookings that respect availability and the database's rules, the
showcase pair left free for the journey, the online TRAIDS week; reset and reload give the same."""
from collections import Counter
from datetime import time

from sqlalchemy import func, select

from matchfair.demo.meetings import SHOWCASE_PAIR, VIDEO_PATTERN
from matchfair.extensions import db
from matchfair.meetings import availability, grid
from matchfair.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingSeat,
    MeetingSettings,
    MeetingStatus,
    MeetingTable,
)
from matchfair.meetings.priority import meeting_weight
from matchfair.needs.direct_award import local_today
from matchfair.programme.models import Attendee, Event, EventRegistration
from matchfair.programme.timezones import to_local


def _events():
    """The two coming events (the past edition has its own tests)."""
    fair, week = db.session.scalars(select(Event).where(Event.starts_on >= local_today())
                                    .order_by(Event.starts_on)).all()
    return fair, week


def _participants(event):
    return db.session.scalars(select(MeetingParticipant).where(MeetingParticipant.event_id == event.id)
                              .order_by(MeetingParticipant.id)).all()


def _meetings(event):
    return db.session.scalars(select(Meeting).where(Meeting.event_id == event.id).order_by(Meeting.id)).all()


def test_the_fair_grid(loaded):
    fair, _week = _events()
    settings = db.session.get(MeetingSettings, fair.id)
    assert settings.is_open and settings.direct_booking and not settings.is_online
    assert (settings.slot_minutes, settings.break_minutes) == (25, 5)
    slots = grid.event_slots(fair.id)
    assert len(slots) == 21
    days = Counter((to_local(s.starts_at, fair.timezone).date() - fair.starts_on).days for s in slots)
    assert days == {0: 14, 1: 7}
    first = to_local(slots[0].starts_at, fair.timezone)
    assert first.time() == time(9, 0) and first.date() == fair.starts_on
    tables = grid.event_tables(fair.id)
    pool = [t.name for t in tables if t.name.startswith("Table ")]
    assert pool == [f"Table {n}" for n in range(1, 21)]
    stands = {p.organisation.name: p.stand_table.name for p in _participants(fair) if p.stand_table_id}
    assert len(stands) == 3 and stands["Région Occitanie"] == "Stand Région Occitanie"
    assert stands["Département de la Haute-Garonne"] == "Stand Haute-Garonne"
    assert all(name.startswith("Stand ") for name in stands.values())


def test_participants_are_registered_and_represented_by_an_attendee(loaded):
    fair, _week = _events()
    participants = _participants(fair)
    kinds = Counter(p.organisation.kind for p in participants)
    assert kinds["sse"] >= 15 and kinds["buyer"] >= 5
    for participant in participants:
        registration = db.session.scalar(select(EventRegistration).where(
            EventRegistration.event_id == fair.id, EventRegistration.organisation_id == participant.organisation_id))
        assert registration is not None and registration.status == "approved"
        assert participant.user_id in {a.user_id for a in registration.attendees}
    assert db.session.scalar(select(func.count(Attendee.id))) > 0


def test_meetings_in_every_state(loaded):
    fair, _week = _events()
    meetings = _meetings(fair)
    booked = [m for m in meetings if m.slot_id]
    accepted_unbooked = [m for m in meetings if m.status == MeetingStatus.ACCEPTED and not m.slot_id]
    statuses = Counter(m.status for m in meetings)
    assert 30 <= len(accepted_unbooked) <= 60
    assert 10 <= len(booked) <= 15 and all(m.booking_source == "direct" for m in booked)
    assert statuses["requested"] >= 5 and statuses["declined"] >= 3
    assert all(m.decline_reason for m in meetings if m.status == MeetingStatus.DECLINED)
    assert all(m.answered_at for m in meetings if m.status != MeetingStatus.REQUESTED)
    assert sum(1 for m in meetings if m.need_id) >= len(meetings) // 2  # most come from a match
    for m in meetings:
        kinds = {m.requester.organisation.kind, m.recipient.organisation.kind}
        assert kinds == {"sse", "buyer"}
        assert m.weight == meeting_weight(m.match_score, m.is_mutual)
        if m.need_id:
            assert m.need.organisation_id in (m.requester.organisation_id, m.recipient.organisation_id)
    pairs = [(m.requester_id, m.recipient_id) for m in meetings]
    assert len({frozenset(p) for p in pairs}) == len(pairs)
    # Nobody sends more pending requests than the cap.
    pending = Counter(m.requester_id for m in meetings if m.status == MeetingStatus.REQUESTED)
    assert max(pending.values()) <= db.session.get(MeetingSettings, fair.id).pending_cap


def test_bookings_hold_every_rule(loaded):
    fair, _week = _events()
    booked = [m for m in _meetings(fair) if m.slot_id]
    seats = Counter((s.participant_id, s.slot_id) for s in db.session.scalars(select(MeetingSeat).join(Meeting).where(
        Meeting.event_id.in_((fair.id, _events()[1].id)))))
    assert max(seats.values()) == 1 and len(seats) == 2 * len(booked) + 2 * sum(
        1 for m in _meetings(_events()[1]) if m.slot_id)
    tables = Counter((m.slot_id, m.table_id) for m in booked)
    assert max(tables.values()) == 1
    for m in booked:
        assert m.table_id is not None and m.video_url is None
        table = db.session.get(MeetingTable, m.table_id)
        assert table.is_active and table.event_id == fair.id
        stand_ids = {p.stand_table_id for p in m.participants if p.stand_table_id}
        if stand_ids:
            assert m.table_id in stand_ids
        else:
            assert m.table_id in {t.id for t in grid.pool_tables(fair.id)}
        for side in m.participants:
            assert m.slot_id not in availability.unavailable_slots(side)


def test_the_showcase_pair_can_try_the_journey(loaded):
    fair, _week = _events()
    by_name = {p.organisation.name: p for p in _participants(fair)}
    company, buyer = by_name[SHOWCASE_PAIR[0]], by_name[SHOWCASE_PAIR[1]]
    assert db.session.scalar(select(func.count(Meeting.id)).where(
        ((Meeting.requester_id == company.id) & (Meeting.recipient_id == buyer.id))
        | ((Meeting.requester_id == buyer.id) & (Meeting.recipient_id == company.id)))) == 0
    # Both are represented by the demo log-ins (their admins) and have time in common.
    for participant in (company, buyer):
        assert any(m.user_id == participant.user_id and m.role == "admin" for m in participant.organisation.memberships)
    blocked = (set(availability.unavailable_slots(company)) | set(availability.busy_slots(company))
               | set(availability.unavailable_slots(buyer)) | set(availability.busy_slots(buyer)))
    assert [s for s in grid.event_slots(fair.id) if s.id not in blocked]


def test_the_online_week(loaded):
    _fair, week = _events()
    settings = db.session.get(MeetingSettings, week.id)
    assert settings.video_link_pattern == VIDEO_PATTERN and settings.is_online
    assert 1 <= len(grid.event_periods(week.id)) <= 2 and grid.event_slots(week.id)
    assert 3 <= len(_participants(week)) <= 10 and not grid.event_tables(week.id)
    booked = [m for m in _meetings(week) if m.slot_id]
    assert booked
    for m in booked:
        assert m.table_id is None and m.video_url.startswith(f"https://visio.traids.example/{week.slug}-{m.id}-")


def test_reset_and_reload_give_the_same_meetings(loaded, run_demo):
    def snapshot():
        return sorted(
            (m.requester.organisation.name, m.recipient.organisation.name, m.status, m.weight,
             m.slot.starts_at if m.slot else None, m.table.name if m.table else None)
            for m in db.session.scalars(select(Meeting)))

    first = snapshot()
    assert run_demo().exit_code == 0  # already loaded: nothing added
    assert snapshot() == first
    result = run_demo("--reset")
    assert result.exit_code == 0, result.output
    assert snapshot() == first


def test_the_organiser_pages_show_the_demo(loaded, client):
    from matchfair.accounts.models import User
    from matchfair.demo.identity import ORGANISER_EMAIL

    fair, week = _events()
    organiser = db.session.scalar(select(User).where(User.email == ORGANISER_EMAIL))
    with client.session_transaction() as session:
        session["_user_id"] = organiser.get_id()
    for event in (fair, week):
        for path in ("grille", "tables", "participants"):
            response = client.get(f"/evenements/{event.id}/rendez-vous/{path}")
            assert response.status_code == 200, (event.name, path)
    assert "21 créneaux en tout" in client.get(f"/evenements/{fair.id}/rendez-vous/grille").text
