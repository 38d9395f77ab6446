"""Scheduler fixtures: a buyer with its own stand, SSE companies, helpers to book a meeting directly,
declare a participant unavailable and register its representative for a programme session."""
from datetime import timedelta

import pytest

from matchfair.extensions import db
from matchfair.meetings import placement
from matchfair.meetings.grid import event_tables
from matchfair.meetings.models import MeetingUnavailability
from matchfair.programme.models import ProgrammeSession, SeatStatus, SessionRegistration


@pytest.fixture
def tables(event, meeting_grid):
    """T1-T4, in order."""
    return event_tables(event.id)


@pytest.fixture
def stand_buyer(make_participant, tables):
    """A buyer whose own stand is T4 (T1-T3 stay the shared pool)."""
    return make_participant("buyer", wants_stand=True, stand_table_id=tables[3].id)


@pytest.fixture
def book():
    """book(meeting, slot, table=None): a direct booking, committed."""

    def _book(meeting, slot, table=None):
        placement.place(None, meeting, slot, table, source="direct")
        db.session.commit()
        return meeting

    return _book


@pytest.fixture
def unavailable():
    """unavailable(participant, *slots): declared unavailable in those slots."""

    def _declare(participant, *slots):
        db.session.add_all(MeetingUnavailability(participant_id=participant.id, slot_id=s.id) for s in slots)
        db.session.commit()

    return _declare


@pytest.fixture
def workshop_seat(event):
    """workshop_seat(participant, starts_at, minutes): its representative holds a place at a published
    workshop of the event then."""

    def _seat(participant, starts_at, minutes=60, **fields):
        values = {"is_published": True, "capacity": 30, **fields}
        session = ProgrammeSession(event_id=event.id, kind="workshop", title="Les marchés réservés",
                                   starts_at=starts_at, ends_at=starts_at + timedelta(minutes=minutes), **values)
        db.session.add(session)
        db.session.flush()
        db.session.add(SessionRegistration(session_id=session.id, user_id=participant.user_id,
                                           status=SeatStatus.REGISTERED))
        db.session.commit()
        return session

    return _seat
