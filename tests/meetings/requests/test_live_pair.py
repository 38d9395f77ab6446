"""One live meeting (requested or accepted) per pair, kept by the database: a partial unique index on
the pair's key, whichever side asked. Two requests sent at the very same moment in opposite
directions leave one live meeting (on SQLite and, when MATCHFAIR_TEST_DATABASE_URL is set, PostgreSQL)."""
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from matchfair.accounts.models import User
from matchfair.extensions import db
from matchfair.meetings import requests
from matchfair.meetings.errors import MeetingError
from matchfair.meetings.models import Meeting, MeetingParticipant, MeetingStatus, pair_key
from matchfair.timeutil import utcnow

JOIN_TIMEOUT = 60


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
        from matchfair.meetings import notify
        notify.send_queued()
    db.session.refresh(overdue)
    assert overdue.status == "expired" and made.status == "requested" and _live(a, b) == 1
    assert any(a.user.email in m.to for m in outbox)  # told that its request expired, as the command would


def test_two_requests_at_the_same_moment_leave_one_live_meeting(app, meeting_grid, make_participant, patient_sqlite):
    a, b = make_participant(), make_participant("buyer")
    jobs = [(a.user_id, a.id, b.id), (b.user_id, b.id, a.id)]
    a_id, b_id = a.id, b.id
    db.session.commit()
    db.session.close()
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def work(index, user_id, requester_id, recipient_id):
        try:
            with app.test_request_context(method="POST"):
                try:
                    barrier.wait(timeout=JOIN_TIMEOUT)
                    user = db.session.get(User, user_id)
                    requester = db.session.get(MeetingParticipant, requester_id)
                    recipient = db.session.get(MeetingParticipant, recipient_id)
                    try:
                        made = requests.send_request(user, requester, recipient,
                                                     message="Bonjour, nous aimerions vous rencontrer au salon.")
                        db.session.commit()
                        results[index] = made.status
                    except MeetingError:
                        db.session.rollback()
                        results[index] = "refused"
                finally:
                    db.session.remove()
        except Exception as exc:  # noqa: BLE001 (reported by the main thread)
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i, *job), daemon=True) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    assert not any(t.is_alive() for t in threads) and errors == []
    db.session.expire_all()
    # The second one either was refused (the index), or found the first and accepted it as mutual.
    assert sorted(results) in (["refused", "requested"], ["accepted", "requested"], ["accepted", "accepted"])
    assert _live(a_id, b_id) == 1
