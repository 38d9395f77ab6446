"""A person sitting at a booked business meeting cannot take a workshop place at the same time."""
import pytest

from matchfair.extensions import db
from matchfair.meetings import placement
from matchfair.meetings.grid import event_tables
from matchfair.programme import registrations
from matchfair.programme.models import ProgrammeSession
from matchfair.programme.registrations import SeatError


def test_workshop_overlapping_a_booked_meeting_is_refused(event, slots, sse_participant, buyer_participant,
                                                          make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant)
    placement.place(None, meeting, slots[1], event_tables(event.id)[0], source="direct")
    workshop = ProgrammeSession(event_id=event.id, kind="workshop", title="Clauses sociales", is_published=True,
                                starts_at=slots[1].starts_at, ends_at=slots[2].ends_at, capacity=20)
    later = ProgrammeSession(event_id=event.id, kind="workshop", title="Marchés réservés", is_published=True,
                             starts_at=slots[4].starts_at, ends_at=slots[5].ends_at, capacity=20)
    db.session.add_all([workshop, later])
    db.session.commit()
    with pytest.raises(SeatError, match=buyer_participant.organisation.name):
        registrations.register(sse_participant.user, workshop)
    assert registrations.register(sse_participant.user, later).changed
