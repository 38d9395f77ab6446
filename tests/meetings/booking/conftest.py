"""Booking fixtures: a booked meeting, a slot moved to "now" for the day's tests."""
from datetime import timedelta

import pytest

from matchfair.extensions import db
from matchfair.meetings import placement
from matchfair.meetings.grid import event_tables
from matchfair.timeutil import utcnow

from ... import factories


@pytest.fixture
def pair(meeting_grid, sse_participant, buyer_participant, make_meeting):
    """An accepted, unbooked meeting between an SSE company (requester) and a buyer."""
    return make_meeting(sse_participant, buyer_participant)


@pytest.fixture
def book_at(event):
    """book_at(meeting, slot, table_index=0): place it directly (committed)."""

    def _book(meeting, slot, table_index=0):
        table = event_tables(event.id)[table_index] if table_index is not None else None
        placement.place(None, meeting, slot, table, source="direct")
        db.session.commit()
        return meeting

    return _book


@pytest.fixture
def move_slot_to_now():
    """move_slot_to_now(slot, minutes=0): make `slot` start `minutes` from now (negative: started)."""

    def _move(slot, minutes=0):
        length = slot.ends_at - slot.starts_at
        slot.starts_at = utcnow().replace(microsecond=0) + timedelta(minutes=minutes)
        slot.ends_at = slot.starts_at + length
        db.session.commit()
        return slot

    return _move


@pytest.fixture
def outsider():
    """A member of an organisation that has nothing to do with the meeting."""
    return factories.MembershipFactory(organisation=factories.OrganisationFactory()).user
