"""Places under concurrency: 200 people click at once for the last 10 places; a cancellation races a
registration. Runs on SQLite, and on PostgreSQL when MATCHFAIR_TEST_DATABASE_URL points at one.

Each worker thread pushes its own POST request context, hence its own app context and database
session (db.session is scoped per app context), as a real request would; on SQLite a POST begins
with BEGIN IMMEDIATE. The outcome is asserted, never a timing.
"""
import threading
import time

from sqlalchemy import func, select

from matchfair.accounts.models import User
from matchfair.extensions import db
from matchfair.programme import registration_mail, registrations
from matchfair.programme.models import ProgrammeSession, SessionRegistration

WORKERS = 200
PLACES = 10
JOIN_TIMEOUT = 60  # seconds; the whole test takes a few seconds



def _run_in_request(app, errors, work):
    """Run work() in a POST request context of this thread, with its own database session."""
    try:
        with app.test_request_context(method="POST"):
            try:
                work()
            finally:
                db.session.remove()
    except Exception as exc:  # noqa: BLE001 (reported by the main thread)
        errors.append(exc)


def _start(target):
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def _join(threads):
    deadline = time.monotonic() + JOIN_TIMEOUT
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0))
    assert not any(t.is_alive() for t in threads), "a worker is stuck"


def test_200_concurrent_registrations_for_the_last_10_places(app, client, login, make_session, many_attendees,
                                                             outbox, patient_sqlite):
    session_id = make_session("Les marchés réservés", capacity=PLACES).id
    user_ids = [u.id for u in many_attendees(WORKERS)]
    db.session.commit()
    db.session.close()  # the main thread holds no transaction while the workers run

    barrier = threading.Barrier(WORKERS)
    decided, decided_lock, errors = [], threading.Lock(), []

    def register(user_id):
        barrier.wait(timeout=JOIN_TIMEOUT)
        user = db.session.get(User, user_id)
        outcome = registrations.register(user, db.session.get(ProgrammeSession, session_id))
        # Recorded while the session's lock is held (it is released by the commit): this is the
        # order in which the database serialised the registrations, i.e. their commit order.
        with decided_lock:
            decided.append((user_id, outcome.registration.status))
        db.session.commit()

    threads = [_start(lambda uid=uid: _run_in_request(app, errors, lambda: register(uid))) for uid in user_ids]
    _join(threads)
    assert errors == []

    # Exactly 10 places, 190 waiting, nothing lost or doubled.
    db.session.expire_all()
    session = db.session.get(ProgrammeSession, session_id)
    rows = db.session.scalars(select(SessionRegistration).where(SessionRegistration.session_id == session_id)
                              .order_by(SessionRegistration.queued_at, SessionRegistration.id)).all()
    assert len(rows) == WORKERS and sorted(r.user_id for r in rows) == sorted(user_ids)
    registered = [r for r in rows if r.status == "registered"]
    waiting = [r for r in rows if r.status == "waiting"]
    assert len(registered) == PLACES and len(waiting) == WORKERS - PLACES
    assert session.registered_count == PLACES

    # The first 10 served got the places; the waiting list is in the order the database served them.
    assert len(decided) == WORKERS
    assert {s for _, s in decided[:PLACES]} == {"registered"} and {s for _, s in decided[PLACES:]} == {"waiting"}
    assert {r.user_id for r in registered} == {uid for uid, _ in decided[:PLACES]}
    assert [r.user_id for r in waiting] == [uid for uid, _ in decided[PLACES:]]
    # (queued_at, id) is a total order, the same as the ids', and ranks run 1..190.
    assert [r.id for r in waiting] == sorted(r.id for r in waiting)
    assert len({(r.queued_at, r.id) for r in waiting}) == len(waiting)
    assert [registrations.waiting_rank(r) for r in waiting] == list(range(1, WORKERS - PLACES + 1))

    # Three people cancel: exactly the first three waiting get their places, in order, with an e-mail.
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(user_ids)))}
    for row in registered[:3]:
        login(users[row.user_id])
        client.post(f"/seances/{session_id}/annulation")
    db.session.expire_all()
    promoted = db.session.scalars(select(SessionRegistration).where(
        SessionRegistration.session_id == session_id, SessionRegistration.promoted_at.is_not(None))
        .order_by(SessionRegistration.promoted_at, SessionRegistration.id)).all()
    assert [r.id for r in promoted] == [r.id for r in waiting[:3]]
    assert [m.to[0] for m in outbox] == [users[r.user_id].email for r in waiting[:3]]
    assert db.session.get(ProgrammeSession, session_id).registered_count == PLACES
    counts = dict(db.session.execute(select(SessionRegistration.status, func.count()).where(
        SessionRegistration.session_id == session_id).group_by(SessionRegistration.status)).all())
    assert counts == {"registered": PLACES, "waiting": WORKERS - PLACES - 3, "cancelled": 3}
    assert registrations.waiting_rank(db.session.get(SessionRegistration, waiting[3].id)) == 1


def _race(app, first, second):
    """Run first() in a request until it has decided (not committed), then start second(), then let
    first commit. Whatever the interleaving, second sees first's committed result."""
    decided, release, errors = threading.Event(), threading.Event(), []

    def holding():
        first()
        decided.set()
        assert release.wait(JOIN_TIMEOUT)
        db.session.commit()

    def then():
        second()
        db.session.commit()
        registration_mail.send_queued_emails()

    one = _start(lambda: _run_in_request(app, errors, holding))
    assert decided.wait(JOIN_TIMEOUT)
    two = _start(lambda: _run_in_request(app, errors, then))
    time.sleep(0.2)  # most often the second now waits for the lock; the outcome must not depend on it
    release.set()
    _join([one, two])
    assert errors == []


def _setup_full_session(make_session, many_attendees):
    session_id = make_session(capacity=1).id
    holder, late = many_attendees(2)
    registrations.register(holder, db.session.get(ProgrammeSession, session_id))
    db.session.commit()
    ids = session_id, holder.id, late.id, holder.email, late.email
    db.session.close()
    return ids


def _state(session_id, user_id):
    db.session.expire_all()
    return db.session.scalar(select(SessionRegistration.status).filter_by(session_id=session_id, user_id=user_id))


def _in_thread_register(session_id, user_id):
    return lambda: registrations.register(db.session.get(User, user_id), db.session.get(ProgrammeSession, session_id))


def _in_thread_cancel(session_id, user_id):
    def cancel():
        row = db.session.scalar(select(SessionRegistration).filter_by(session_id=session_id, user_id=user_id))
        registrations.cancel(db.session.get(User, user_id), row)
    return cancel


def test_a_cancellation_racing_a_waiting_registration_promotes_it(app, make_session, many_attendees, outbox,
                                                                  patient_sqlite):
    session_id, holder_id, late_id, _, late_email = _setup_full_session(make_session, many_attendees)
    _race(app, _in_thread_register(session_id, late_id), _in_thread_cancel(session_id, holder_id))
    assert _state(session_id, holder_id) == "cancelled" and _state(session_id, late_id) == "registered"
    assert db.session.get(ProgrammeSession, session_id).registered_count == 1
    assert [m.to[0] for m in outbox] == [late_email]


def test_a_registration_racing_a_cancellation_takes_the_freed_place(app, make_session, many_attendees, outbox,
                                                                    patient_sqlite):
    session_id, holder_id, late_id, _, _ = _setup_full_session(make_session, many_attendees)
    _race(app, _in_thread_cancel(session_id, holder_id), _in_thread_register(session_id, late_id))
    # Nobody is left waiting behind a free place.
    assert _state(session_id, holder_id) == "cancelled" and _state(session_id, late_id) == "registered"
    assert db.session.get(ProgrammeSession, session_id).registered_count == 1
    assert outbox == []
