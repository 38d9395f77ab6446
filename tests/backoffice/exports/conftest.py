"""Exports fixtures: the meetings tests' event and grid (T1-T4), participants, a buyer with its own
stand, booked meetings, registrations of any status and published needs."""
from datetime import date
from types import SimpleNamespace

import pytest

from matchfair.extensions import db
from matchfair.needs.models import Need, NeedCpv
from matchfair.timeutil import utcnow

# The participants tests' fixtures: the meetings event and grid, other organisers, registrations.
from tests.backoffice.participants.conftest import (  # noqa: F401 (fixtures)
    book,
    event,
    make_meeting,
    make_participant,
    meeting_grid,
    organiser_user,
    other_organiser,
    register,
    slots,
    tables,
)


@pytest.fixture
def make_need():
    def _make(org, title, status="published", cpv=("90000000",), **fields):
        need = Need(organisation_id=org.id, status=status, title=title, department_code="31", **fields)
        need.cpv_links = [NeedCpv(code8=c) for c in cpv]
        if status == "published":
            need.published_at = utcnow()
        db.session.add(need)
        db.session.commit()
        return need

    return _make


@pytest.fixture
def schedule(make_participant, make_meeting, book, slots, tables):
    """Two SSE companies, a pool buyer and a stand buyer (T4); four booked meetings; a third company
    with one meeting accepted but not booked and one only requested."""
    sse1 = make_participant("sse")
    sse2 = make_participant("sse")
    buyer = make_participant("buyer")
    stand = make_participant("buyer", wants_stand=True, stand_table_id=tables[3].id)
    m1 = book(make_meeting(sse1, buyer), slots[0], tables[0])
    m2 = book(make_meeting(buyer, sse2), slots[1], tables[0])
    m3 = book(make_meeting(sse1, stand), slots[2], tables[3])
    m4 = book(make_meeting(sse2, stand), slots[8], tables[3])
    sse3 = make_participant("sse")  # one live meeting per pair: the loose and asked ones are its
    loose = make_meeting(sse3, stand)
    asked = make_meeting(sse3, buyer, status="requested")
    return SimpleNamespace(sse1=sse1, sse2=sse2, sse3=sse3, buyer=buyer, stand=stand, booked=[m1, m2, m3, m4],
                           loose=loose, asked=asked, tables=tables, slots=slots)


@pytest.fixture
def today():
    return date.today()
