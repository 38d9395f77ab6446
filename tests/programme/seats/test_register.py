"""Registering for a session: places, waiting list, overlaps, refusals, second clicks."""
from datetime import timedelta

import pytest

from matchfair.extensions import db
from matchfair.programme import registration_mail, registrations
from matchfair.programme.models import ProgrammeSession, SessionRegistration
from matchfair.programme.registrations import SeatError


def _register(user, session):
    outcome = registrations.register(user, session)
    db.session.commit()
    return outcome


def test_register_takes_a_place_and_counts_it(make_session, attendee):
    session = make_session(capacity=2)
    outcome = _register(attendee, session)
    assert outcome.changed and outcome.registration.status == "registered"
    assert "Vous êtes inscrit·e" in outcome.message
    assert db.session.get(ProgrammeSession, session.id).registered_count == 1


def test_full_session_puts_people_on_the_waiting_list_in_order(make_session, many_attendees):
    session = make_session(capacity=2)
    people = many_attendees(5)
    outcomes = [_register(p, session) for p in people]
    assert [o.registration.status for o in outcomes] == ["registered"] * 2 + ["waiting"] * 3
    assert [registrations.waiting_rank(o.registration) for o in outcomes[2:]] == [1, 2, 3]
    assert "n° 3 sur la liste d'attente" in outcomes[4].message
    assert session.registered_count == 2
    assert registrations.waiting_count(session) == 3


def test_second_click_changes_nothing(make_session, many_attendees):
    session = make_session(capacity=1)
    first, second = many_attendees(2)
    _register(first, session)
    _register(second, session)
    again = _register(first, session)
    assert not again.changed and again.message == "Vous êtes déjà inscrit·e à cette séance."
    waiting_again = _register(second, session)
    assert not waiting_again.changed and "déjà sur la liste d'attente de cette séance (n° 1)" in waiting_again.message
    assert db.session.query(SessionRegistration).count() == 2
    assert session.registered_count == 1


def test_unlimited_capacity_never_fills(make_session, many_attendees):
    session = make_session(capacity=None)
    outcomes = [_register(p, session) for p in many_attendees(30)]
    assert {o.registration.status for o in outcomes} == {"registered"}
    assert session.registered_count == 30


def test_overlap_with_a_registered_session_is_refused_with_its_name_and_times(make_session, attendee):
    first = make_session("Répondre à un marché public", start_in=timedelta(days=10))
    clash = make_session("Les marchés réservés", start_in=timedelta(days=10, minutes=30))
    _register(attendee, first)
    with pytest.raises(SeatError) as refused:
        registrations.register(attendee, clash)
    db.session.rollback()
    message = str(refused.value)
    assert "« Répondre à un marché public »" in message and "qui a lieu en même temps" in message
    assert registration_mail.when(first) in message
    assert db.session.get(ProgrammeSession, clash.id).registered_count == 0
    assert registrations.registration_of(attendee, clash) is None


def test_back_to_back_sessions_do_not_overlap(make_session, attendee):
    first = make_session(start_in=timedelta(days=10), minutes=60)
    after = make_session(start_in=timedelta(days=10, minutes=60))
    _register(attendee, first)
    assert _register(attendee, after).registration.status == "registered"


def test_waiting_lists_may_overlap_and_the_message_says_so(make_session, many_attendees):
    mine = make_session("Clauses sociales", capacity=5)
    full = make_session("Les marchés réservés", capacity=1, start_in=timedelta(days=10, minutes=15))
    person, other = many_attendees(2)
    _register(person, mine)
    _register(other, full)
    outcome = _register(person, full)
    assert outcome.registration.status == "waiting" and outcome.category == "warning"
    assert "Tant que vous êtes inscrit·e à « Clauses sociales »" in outcome.message


def test_being_waiting_listed_does_not_block_a_place_at_the_same_hour(make_session, many_attendees):
    full = make_session("Complet", capacity=1)
    same_hour = make_session("Même heure", start_in=timedelta(days=10, minutes=15))
    holder, person = many_attendees(2)
    _register(holder, full)
    assert _register(person, full).registration.status == "waiting"
    assert _register(person, same_hour).registration.status == "registered"


def test_overlap_across_events_counts(make_session, attendee, attend, event):
    from datetime import date

    from matchfair.programme.models import Event

    other_event = Event(organiser_organisation_id=event.organiser_organisation_id, name="TRAIDS 2027",
                        slug="traids-2027", starts_on=date.today(), ends_on=date.today() + timedelta(days=30),
                        timezone="Indian/Reunion", is_published=True, is_online=True)
    db.session.add(other_event)
    db.session.commit()
    attend(attendee, for_event=other_event)
    first = make_session("Atelier en ligne", event_id=other_event.id)
    _register(attendee, first)
    with pytest.raises(SeatError, match="Atelier en ligne"):
        registrations.register(attendee, make_session(start_in=timedelta(days=10, minutes=45)))


def test_cancelled_sessions_do_not_clash(make_session, attendee):
    cancelled = make_session("Annulée")
    _register(attendee, cancelled)
    cancelled.is_cancelled = True
    db.session.commit()
    assert _register(attendee, make_session(start_in=timedelta(days=10, minutes=10))).registration.status == "registered"


@pytest.mark.parametrize("change, message", [
    ({"is_published": False}, "n'est pas ouverte aux inscriptions"),
    ({"is_cancelled": True}, "est annulée"),
    ({"start_in": timedelta(minutes=-5)}, "a déjà commencé"),
])
def test_closed_sessions_are_refused(make_session, attendee, change, message):
    session = make_session(**change)
    with pytest.raises(SeatError, match=message):
        registrations.register(attendee, session)


def test_unpublished_event_is_refused(make_session, attendee, event):
    session = make_session()
    event.is_published = False
    db.session.commit()
    with pytest.raises(SeatError, match="n'est pas ouverte"):
        registrations.register(attendee, session)


def test_people_not_attending_the_event_are_refused(make_session, outsider, attend, event):
    session = make_session()
    with pytest.raises(SeatError, match="Seuls les participants de l'événement « Coventis 2026 »"):
        registrations.register(outsider, session)
    # a pending registration of their organisation is not enough
    from matchfair.programme.models import Attendee, EventRegistration

    pending = EventRegistration(event_id=event.id, organisation_id=outsider.memberships[0].organisation_id)
    db.session.add(pending)
    db.session.flush()
    db.session.add(Attendee(registration_id=pending.id, user_id=outsider.id))
    db.session.commit()
    with pytest.raises(SeatError, match="Seuls les participants"):
        registrations.register(outsider, session)
    assert db.session.get(ProgrammeSession, session.id).registered_count == 0


def test_registering_again_after_cancelling_reuses_the_row_at_the_end_of_the_queue(make_session, many_attendees):
    session = make_session(capacity=1)
    holder, first, second = many_attendees(3)
    _register(holder, session)
    waiting = _register(first, session).registration
    _register(second, session)
    registrations.cancel(first, waiting)
    db.session.commit()
    again = _register(first, session)
    assert again.registration.id == waiting.id and again.registration.status == "waiting"
    assert registrations.waiting_rank(again.registration) == 2
    assert again.registration.cancelled_at is None
    assert db.session.query(SessionRegistration).count() == 3


def test_the_database_refuses_a_count_above_capacity(make_session):
    from sqlalchemy.exc import IntegrityError

    session = make_session(capacity=1)
    session.registered_count = 2
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
