"""The day (check-in windows, absences) and what came of meetings (outcomes, counts)."""
from datetime import timedelta

import pytest

from matchfair.extensions import db
from matchfair.meetings import booking, outcomes
from matchfair.meetings.errors import MeetingError
from matchfair.meetings.models import MeetingStatus


@pytest.fixture
def booked(pair, slots, book_at):
    return book_at(pair, slots[0])


def test_check_in_window(booked, slots, sse_participant, organiser_user, buyer_participant, outsider):
    start, end = slots[0].starts_at, slots[0].ends_at
    with pytest.raises(MeetingError, match="30 minutes"):
        booking.check_in(sse_participant.user, booked, now=start - timedelta(minutes=31))
    booking.check_in(sse_participant.user, booked, now=start - timedelta(minutes=30))
    assert booked.checked_in_at == start - timedelta(minutes=30)
    booking.check_in(buyer_participant.user, booked, now=end + timedelta(hours=2))
    booking.check_in(organiser_user, booked, now=start)
    with pytest.raises(MeetingError, match="trop tard"):
        booking.check_in(sse_participant.user, booked, now=end + timedelta(hours=2, minutes=1))
    with pytest.raises(MeetingError):
        booking.check_in(outsider, booked, now=start)


def test_check_in_needs_a_booking(pair, sse_participant):
    with pytest.raises(MeetingError):
        booking.check_in(sse_participant.user, pair)


def test_no_show_rules(booked, slots, sse_participant, buyer_participant, organiser_user):
    start = slots[0].starts_at
    with pytest.raises(MeetingError, match="heure du rendez-vous"):
        booking.mark_no_show(sse_participant.user, booked, buyer_participant.id, now=start - timedelta(minutes=1))
    with pytest.raises(MeetingError, match="que l'autre"):
        booking.mark_no_show(sse_participant.user, booked, sse_participant.id, now=start)
    with pytest.raises(MeetingError):
        booking.mark_no_show(sse_participant.user, booked, 999999, now=start)
    booking.check_in(organiser_user, booked, now=start)
    booking.mark_no_show(sse_participant.user, booked, buyer_participant.id, now=start + timedelta(minutes=5))
    assert booked.no_show_id == buyer_participant.id and booked.checked_in_at is None
    # The absent side cannot take it back; the side who marked it and the organiser can.
    with pytest.raises(MeetingError):
        booking.undo_no_show(buyer_participant.user, booked)
    booking.undo_no_show(sse_participant.user, booked)
    assert booked.no_show_id is None
    booking.mark_no_show(organiser_user, booked, sse_participant.id, now=start)
    assert booked.no_show_id == sse_participant.id
    booking.undo_no_show(organiser_user, booked)
    with pytest.raises(MeetingError):
        booking.undo_no_show(organiser_user, booked)
    # A check-in clears an absence marked by mistake.
    booking.mark_no_show(organiser_user, booked, sse_participant.id, now=start)
    booking.check_in(buyer_participant.user, booked, now=start)
    assert booked.no_show_id is None and booked.checked_in_at is not None


def test_outcomes(booked, slots, sse_participant, buyer_participant, organiser_user, event):
    later = slots[0].starts_at + timedelta(minutes=1)
    with pytest.raises(MeetingError, match="commencé"):
        outcomes.record(sse_participant.user, booked, "informative", None, "", now=slots[0].starts_at - timedelta(1))
    with pytest.raises(MeetingError):
        outcomes.record(organiser_user, booked, "informative", None, "", now=later)
    with pytest.raises(MeetingError, match="montant"):
        outcomes.record(sse_participant.user, booked, "contract", None, "", now=later)
    with pytest.raises(MeetingError, match="montant"):
        outcomes.record(sse_participant.user, booked, "contract", 0, "", now=later)
    with pytest.raises(MeetingError, match="montant"):
        outcomes.record(sse_participant.user, booked, "cooperation", 1000, "", now=later)
    with pytest.raises(MeetingError, match="liste"):
        outcomes.record(sse_participant.user, booked, "great", None, "", now=later)
    row = outcomes.record(sse_participant.user, booked, "cooperation", None, " Suite en mars ", now=later)
    assert row.comment == "Suite en mars"
    row = outcomes.record(sse_participant.user, booked, "contract", 45000, "", now=later)  # editable, one per side
    assert row.outcome == "contract" and row.contract_amount_eur == 45000 and len(booked.outcomes) == 1
    outcomes.record(buyer_participant.user, booked, "contract", 40000, None, now=later)
    db.session.commit()
    counts = outcomes.outcome_counts(event)
    assert counts["booked"] == 1 and counts["contracts"] == 1 and counts["contract_amount_eur"] == 45000
    assert counts["outcomes"]["contract"] == 1 and counts["with_outcome"] == 1 and counts["requested"] == 1


def test_a_no_show_meeting_was_not_held(booked, slots, sse_participant, buyer_participant):
    later = slots[0].starts_at + timedelta(minutes=1)
    booking.mark_no_show(buyer_participant.user, booked, sse_participant.id, now=later)
    with pytest.raises(MeetingError, match="absence"):
        outcomes.record(buyer_participant.user, booked, "informative", None, None, now=later)
    outcomes.record(buyer_participant.user, booked, "not_held", None, None, now=later)


def test_outcome_counts(event, slots, make_participant, make_meeting, book_at, organiser_user):
    buyer = make_participant("buyer")
    make_meeting(make_participant(), buyer, status=MeetingStatus.REQUESTED)
    make_meeting(make_participant(), buyer, status=MeetingStatus.DECLINED)
    make_meeting(make_participant(), buyer)  # accepted, not booked
    held = book_at(make_meeting(make_participant(), buyer), slots[0])
    absent = book_at(make_meeting(make_participant(), buyer), slots[1])
    booking.check_in(organiser_user, held, now=slots[0].starts_at)
    booking.mark_no_show(organiser_user, absent, buyer.id, now=slots[1].starts_at)
    outcomes.record(buyer.user, held, "consultation", None, None, now=slots[0].starts_at)
    db.session.commit()
    counts = outcomes.outcome_counts(event.id)
    assert counts["requested"] == 5 and counts["pending"] == 1 and counts["declined"] == 1
    assert counts["accepted"] == 3 and counts["booked"] == 2 and counts["held"] == 1 and counts["no_shows"] == 1
    assert counts["outcomes"] == {"not_held": 0, "informative": 0, "cooperation": 0, "consultation": 1, "contract": 0}
    assert counts["contract_amount_eur"] == 0
