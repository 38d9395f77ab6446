"""Cancelling: before the start only; a freed place goes to the first waiting, with an e-mail after the commit."""
from datetime import timedelta

import pytest

from matchfair.extensions import db
from matchfair.programme import registration_mail, registrations
from matchfair.programme.models import ProgrammeSession, SessionRegistration
from matchfair.programme.registrations import SeatError


@pytest.fixture(autouse=True)
def _in_a_post_request(app):
    """The services run as in a view: a POST request (the e-mails need its URL and a current user)."""
    with app.test_request_context(method="POST"):
        yield


def _register(user, session):
    outcome = registrations.register(user, session)
    db.session.commit()
    return outcome.registration


def _cancel(user, registration):
    outcome = registrations.cancel(user, registration)
    db.session.commit()
    registration_mail.send_queued_emails()
    return outcome


def _status(registration):
    return db.session.get(SessionRegistration, registration.id).status


def test_cancel_frees_the_place_and_promotes_the_first_waiting_with_an_email(make_session, many_attendees, outbox):
    session = make_session("Les marchés réservés", capacity=2)
    a, b, c, d = many_attendees(4)
    seat_a, _seat_b = _register(a, session), _register(b, session)
    wait_c, wait_d = _register(c, session), _register(d, session)
    outcome = _cancel(a, seat_a)
    assert outcome.changed and "est annulée" in outcome.message
    assert [p.id for p in outcome.promoted] == [wait_c.id]
    assert _status(seat_a) == "cancelled" and _status(wait_c) == "registered" and _status(wait_d) == "waiting"
    assert db.session.get(SessionRegistration, wait_c.id).promoted_at is not None
    assert registrations.waiting_rank(db.session.get(SessionRegistration, wait_d.id)) == 1
    assert db.session.get(ProgrammeSession, session.id).registered_count == 2
    assert len(outbox) == 1 and outbox[0].to == [c.email]
    assert "« Les marchés réservés »" in outbox[0].subject
    assert registration_mail.when(session) in outbox[0].body and "/mes-inscriptions" in outbox[0].body


def test_promotions_follow_the_queue_order(make_session, many_attendees, outbox):
    session = make_session(capacity=3)
    people = many_attendees(8)
    rows = [_register(p, session) for p in people]
    for person, row in zip(people[:3], rows[:3]):
        _cancel(person, row)
    assert [_status(r) for r in rows[3:]] == ["registered"] * 3 + ["waiting"] * 2
    assert [m.to[0] for m in outbox] == [p.email for p in people[3:6]]


def test_leaving_the_waiting_list_promotes_nobody_and_keeps_the_order(make_session, many_attendees, outbox):
    session = make_session(capacity=1)
    holder, first, second = many_attendees(3)
    _register(holder, session)
    wait_first, wait_second = _register(first, session), _register(second, session)
    outcome = _cancel(first, wait_first)
    assert "quitté la liste d'attente" in outcome.message and outcome.promoted == ()
    assert registrations.waiting_rank(db.session.get(SessionRegistration, wait_second.id)) == 1
    assert db.session.get(ProgrammeSession, session.id).registered_count == 1
    assert outbox == []


def test_cancelling_after_the_start_is_refused(make_session, attendee):
    session = make_session()
    row = _register(attendee, session)
    session.starts_at = session.starts_at - timedelta(days=11)
    session.ends_at = session.starts_at + timedelta(days=1)
    db.session.commit()
    with pytest.raises(SeatError, match="La séance a commencé"):
        registrations.cancel(attendee, row)
    db.session.rollback()
    assert _status(row) == "registered"


def test_cancelling_twice_or_someone_elses_changes_nothing(make_session, many_attendees):
    session = make_session()
    me, other = many_attendees(2)
    row = _register(me, session)
    with pytest.raises(SeatError, match="n'est pas la vôtre"):
        registrations.cancel(other, row)
    _cancel(me, row)
    again = registrations.cancel(me, db.session.get(SessionRegistration, row.id))
    assert not again.changed
    assert db.session.get(ProgrammeSession, session.id).registered_count == 0


def test_promotion_skips_people_with_an_overlapping_place_who_keep_their_rank(make_session, many_attendees, outbox):
    session = make_session("Complet", capacity=1)
    elsewhere = make_session("Ailleurs", start_in=timedelta(days=10, minutes=30))
    holder, busy, free = many_attendees(3)
    seat = _register(holder, session)
    wait_busy = _register(busy, session)
    wait_free = _register(free, session)
    _register(busy, elsewhere)  # waiting lists may overlap a place taken later
    _cancel(holder, seat)
    assert _status(wait_busy) == "waiting" and _status(wait_free) == "registered"
    assert [m.to[0] for m in outbox] == [free.email]
    assert registrations.waiting_rank(db.session.get(SessionRegistration, wait_busy.id)) == 1


def test_promote_waiting_fills_a_raised_capacity_in_order(make_session, many_attendees, outbox):
    session = make_session(capacity=1)
    people = many_attendees(5)
    rows = [_register(p, session) for p in people]
    session.capacity = 3
    db.session.flush()
    promoted = registrations.promote_waiting(session)
    db.session.commit()
    registration_mail.send_queued_emails()
    assert [p.id for p in promoted] == [rows[1].id, rows[2].id]
    assert session.registered_count == 3
    assert [m.to[0] for m in outbox] == [people[1].email, people[2].email]


def test_no_promotion_into_a_cancelled_session(make_session, many_attendees, outbox):
    session = make_session(capacity=1)
    holder, waiting = many_attendees(2)
    seat = _register(holder, session)
    row = _register(waiting, session)
    session.is_cancelled = True
    db.session.commit()
    _cancel(holder, seat)
    assert _status(row) == "waiting" and outbox == []


def test_a_rolled_back_promotion_sends_nothing(make_session, many_attendees, outbox):
    session = make_session(capacity=1)
    holder, waiting = many_attendees(2)
    seat = _register(holder, session)
    row = _register(waiting, session)
    registrations.cancel(holder, seat)
    db.session.rollback()
    assert registration_mail.send_queued_emails() is True
    assert outbox == [] and _status(row) == "waiting" and _status(seat) == "registered"


def test_a_failed_email_keeps_the_promotion(make_session, many_attendees, monkeypatch, caplog):
    session = make_session(capacity=1)
    holder, waiting = many_attendees(2)
    seat = _register(holder, session)
    row = _register(waiting, session)

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(registration_mail, "send_email", broken)
    registrations.cancel(holder, seat)
    db.session.commit()
    assert registration_mail.send_queued_emails() is False
    db.session.expire_all()
    assert _status(row) == "registered"
    assert "Could not send the promotion e-mail" in caplog.text


def test_the_email_is_in_the_promoted_persons_language(make_session, many_attendees, outbox, app):
    session = make_session("Clauses sociales", capacity=1)
    holder, waiting = many_attendees(2)
    waiting.locale = "en"
    db.session.commit()
    seat = _register(holder, session)
    _register(waiting, session)
    _cancel(holder, seat)
    assert len(outbox) == 1
    # English is the lead's catalogue: the subject is translated when the catalogue has it.
    assert "Clauses sociales" in outbox[0].subject
