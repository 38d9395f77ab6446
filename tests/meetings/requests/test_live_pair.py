"""One live meeting (requested or accepted) per pair, kept by the database: a partial unique index on
the pair's key, whichever side asked. Two requests sent at the very same moment in opposite
directions leave one live meeting (on SQLite and, when MATCHFAIR_TEST_DATABASE_URL is set, PostgreSQL)."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from matchfair.accounts.models import User
from matchfair.extensions import db
from matchfair.meetings import notify, requests
from matchfair.meetings.errors import MeetingError
from matchfair.meetings.models import Meeting, MeetingParticipant, MeetingStatus, pair_key
from matchfair.timeutil import utcnow

from ..races import at_once


def _live(a, b):
    a_id, b_id = getattr(a, "id", a), getattr(b, "id", b)
    return db.session.scalar(select(func.count(Meeting.id)).where(
        Meeting.pair_key == pair_key(a_id, b_id), Meeting.status.in_(("requested", "accepted"))))


def test_the_key_is_the_same_both_ways(make_participant, make_meeting):
    a, b = make_participant(), make_participant("buyer")
    assert make_meeting(a, b, status=MeetingStatus.DECLINED).pair_key == pair_key(a.id, b.id)
    assert make_meeting(b, a, status=MeetingStatus.EXPIRED).pair_key == pair_key(b.id, a.id)


@pytest.mark.parametrize("first,second", [("requested", "requested"), ("accepted", "requested"),
                                          ("requested", "accepted")])
def test_the_database_refuses_a_second_live_meeting(make_participant, make_meeting, first, second):
    a, b = make_participant(), make_participant("buyer")
    make_meeting(a, b, status=first)
    with pytest.raises(IntegrityError):
        make_meeting(b, a, status=second)
    db.session.rollback()


def test_ended_meetings_do_not_count(make_participant, make_meeting):
    a, b = make_participant(), make_participant("buyer")
    for status in ("declined", "expired", "withdrawn", "cancelled"):
        make_meeting(a, b, status=status)
    make_meeting(b, a, status="requested")
    assert _live(a, b) == 1


def test_an_overdue_request_not_yet_marked_is_expired_when_the_other_side_asks(app, meeting_grid, make_participant,
                                                                                make_meeting, outbox):
    """`flask meetings expire` runs hourly: a request past its deadline is still "requested" until then."""
    a, b = make_participant(), make_participant("buyer")
    overdue = make_meeting(a, b, status="requested", expires_at=utcnow() - timedelta(minutes=5))
    with app.test_request_context(method="POST"):
        made = requests.send_request(b.user, b, a, message="Bonjour, parlons de notre besoin de nettoyage.")
        db.session.commit()
        notify.send_queued()
    db.session.refresh(overdue)
    assert overdue.status == "expired" and made.status == "requested" and _live(a, b) == 1
    assert any(a.user.email in m.to for m in outbox)  # told that its request expired, as the command would


def _ask(user_id, requester_id, recipient_id) -> str:
    user = db.session.get(User, user_id)
    requester = db.session.get(MeetingParticipant, requester_id)
    recipient = db.session.get(MeetingParticipant, recipient_id)
    try:
        made = requests.send_request(user, requester, recipient,
                                     message="Bonjour, nous aimerions vous rencontrer au salon.")
        db.session.commit()
        return made.status
    except MeetingError:
        db.session.rollback()
        return "refused"


def test_two_requests_at_the_same_moment_leave_one_live_meeting(app, meeting_grid, make_participant, patient_sqlite):
    a, b = make_participant(), make_participant("buyer")
    jobs = [(a.user_id, a.id, b.id), (b.user_id, b.id, a.id)]
    a_id, b_id = a.id, b.id
    db.session.commit()
    db.session.close()
    results, errors = at_once(app, _ask, jobs)
    assert errors == []
    db.session.expire_all()
    # The second one either was refused (the index), or found the first and accepted it as mutual.
    assert sorted(results) in (["refused", "requested"], ["accepted", "requested"], ["accepted", "accepted"])
    assert _live(a_id, b_id) == 1
