"""Timetable services: clashes refused with a message naming the other session, capacity rules,
calendar sequence, and e-mails to registrants of published sessions."""
from datetime import time

import pytest
from werkzeug.exceptions import Forbidden

from matchfair.extensions import db
from matchfair.programme import timetable_notices
from matchfair.programme import timetable_services as services
from matchfair.programme.models import ProgrammeSession, SeatStatus, SessionRegistration
from matchfair.programme.timetable_services import (
    SessionData,
    SpeakerData,
    TimetableError,
)
from matchfair.programme.timezones import to_local
from tests import factories

from .conftest import DAY1, DAY2, make_event, make_room, make_seat, make_session


@pytest.fixture(autouse=True)
def _request(app):
    """E-mails render templates, as in a request (the services run in one)."""
    with app.test_request_context():
        yield


def data(event, title="Répondre à un marché public", day=DAY1, start=(10, 0), end=(11, 0), room=None, **kwargs):
    return SessionData(kind=kwargs.pop("kind", "workshop"), title=title,
                       starts_at=services.local_to_utc(event, day, time(*start)),
                       ends_at=services.local_to_utc(event, day, time(*end)),
                       room_id=room.id if room else None, **kwargs)


def refused(call) -> dict:
    with pytest.raises(TimetableError) as info:
        call()
    return info.value.errors


def test_create_session_stores_the_room_capacity_speakers_and_themes(organiser, event, garonne):
    session = services.create_session(organiser, event, data(
        event, room=garonne, speakers=[SpeakerData("Camille Martin", "Juriste", event.organiser_organisation_id)],
        themes=["cpv:90", "topic:clauses-sociales"], description="Pas à pas."))
    db.session.commit()
    assert session.capacity == 40
    assert [s.full_name for s in session.speakers] == ["Camille Martin"]
    assert sorted(t.theme for t in session.themes) == ["cpv:90", "topic:clauses-sociales"]
    assert session.sequence == 0
    assert to_local(session.starts_at, event.timezone).time() == time(10)


def test_only_the_events_organisers_may_change_the_timetable(other_organiser, sse_admin, event, garonne):
    for user in (other_organiser, sse_admin):
        with pytest.raises(Forbidden):
            services.create_session(user, event, data(event, room=garonne))


def test_room_used_twice_is_refused_naming_the_other_session(organiser, event, garonne):
    make_session(event, "Les marchés réservés", DAY1, (10, 0), (11, 30), garonne)
    errors = refused(lambda: services.create_session(organiser, event, data(event, start=(11, 0), end=(12, 0),
                                                                              room=garonne)))
    assert errors == {"room_id": ["La salle Garonne est déjà occupée de 10:00 à 11:30 par « Les marchés réservés »."]}
    assert db.session.query(ProgrammeSession).count() == 1


def test_adjacent_sessions_in_one_room_are_accepted(organiser, event, garonne):
    make_session(event, "Les marchés réservés", DAY1, (10, 0), (11, 0), garonne)
    services.create_session(organiser, event, data(event, start=(11, 0), end=(12, 0), room=garonne))
    services.create_session(organiser, event, data(event, "Accueil", start=(9, 0), end=(10, 0), room=garonne))
    db.session.commit()
    assert db.session.query(ProgrammeSession).count() == 3


def test_cancelled_sessions_free_their_room(organiser, event, garonne):
    make_session(event, "Annulée", DAY1, (10, 0), (11, 0), garonne, is_cancelled=True)
    services.create_session(organiser, event, data(event, room=garonne))


@pytest.mark.parametrize("other_speaker, new_speaker, user_linked", [
    (("Camille Martin", None), ("camille  MARTIN", None), False),
    (("Camille Martin", "user"), ("C. Martin", "user"), True),
])
def test_speaker_in_two_places_is_refused(organiser, event, garonne, tarn, other_speaker, new_speaker, user_linked):
    user = factories.UserFactory()
    first = services.create_session(organiser, event, data(event, "Les marchés réservés", room=garonne, speakers=[
        SpeakerData(other_speaker[0], user_id=user.id if other_speaker[1] else None)]))
    db.session.commit()
    errors = refused(lambda: services.create_session(organiser, event, data(
        event, "Table ronde", start=(10, 30), end=(12, 0), room=tarn,
        speakers=[SpeakerData("Alex Dupont"), SpeakerData(new_speaker[0], user_id=user.id if new_speaker[1] else None)])))
    assert errors == {"speakers-1-full_name": [
        f"{new_speaker[0]} intervient déjà de 10:00 à 11:00 dans « Les marchés réservés »."]}
    assert first.title == "Les marchés réservés"


def test_session_outside_the_event_days_is_refused(organiser, event, garonne):
    errors = refused(lambda: services.create_session(organiser, event, data(event, day=DAY2.replace(day=16),
                                                                              room=garonne)))
    message = "La séance doit avoir lieu pendant l'événement, du 14 mai au 15 mai 2030 (heure locale, Europe/Paris)."
    assert errors == {"day": [message]}


def test_capacity_above_the_rooms_is_refused(organiser, event, tarn):
    errors = refused(lambda: services.create_session(organiser, event, data(event, room=tarn, capacity=25)))
    assert errors == {"capacity": ["25 places, c'est plus que la salle Tarn n'en compte (20 places)."]}
    session = services.create_session(organiser, event, data(event, room=tarn, capacity=12))
    assert session.capacity == 12


def test_capacity_cannot_fall_below_the_people_registered(organiser, event, garonne):
    session = make_session(event, "Atelier", DAY1, (10, 0), (11, 0), garonne, is_published=True)
    for _ in range(3):
        make_seat(session, factories.UserFactory())
    changed = services.session_data(session)
    changed.capacity = 2
    errors = refused(lambda: services.update_session(organiser, session, changed))
    assert errors == {"capacity": ["3 personnes sont déjà inscrites : la capacité ne peut pas descendre à 2 places."]}
    changed.capacity = 3
    services.update_session(organiser, session, changed)
    db.session.commit()
    assert session.capacity == 3


def test_a_session_needs_a_room_or_a_link(organiser, event):
    errors = refused(lambda: services.create_session(organiser, event, data(event)))
    assert list(errors) == ["room_id"]
    session = services.create_session(organiser, event, data(event, online_url="https://visio.exemple.fr/a"))
    assert session.capacity is None


def test_overseas_event_times_are_typed_locally_and_stored_in_utc(organiser, organiser_org):
    event = make_event(organiser_org, tz="Indian/Reunion", slug="traids-reunion")
    room = make_room(event, "Salle Piton", 30)
    session = services.create_session(organiser, event, data(event, start=(8, 0), end=(9, 30), room=room))
    db.session.commit()
    assert (session.starts_at.hour, session.ends_at.hour, session.ends_at.minute) == (4, 5, 30)
    errors = refused(lambda: services.create_session(organiser, event, data(event, "Autre", start=(9, 0),
                                                                              end=(10, 0), room=room)))
    assert errors["room_id"] == ["La salle Salle Piton est déjà occupée de 08:00 à 09:30 par « Répondre à un marché public »."]
    # 00:30 local on the first day is still the day before in UTC, and inside the event's days.
    services.create_session(organiser, event, data(event, "Nuit", start=(0, 30), end=(1, 0), room=room))


SEQUENCE_CASES = [
    ("title", "Nouveau titre", True), ("description", "Autre texte", True),
    ("online_url", "https://visio.exemple.fr/b", True), ("starts_at", None, True), ("room_id", None, True),
    ("kind", "training", False), ("capacity", 10, False), ("themes", ["topic:innovation"], False),
    ("speakers", [SpeakerData("Alex Dupont")], False), ("is_published", False, False),
]


@pytest.mark.parametrize("name, value, raised", SEQUENCE_CASES)
def test_sequence_rises_on_changes_calendars_show(organiser, event, garonne, tarn, name, value, raised):
    session = make_session(event, "Atelier", DAY1, (10, 0), (11, 0), garonne, is_published=True)
    changed = services.session_data(session)
    if name == "starts_at":
        value = services.local_to_utc(event, DAY1, time(9, 30))
    if name == "room_id":
        value = tarn.id
        changed.capacity = None
    setattr(changed, name, value)
    assert services.update_session(organiser, session, changed) is raised
    db.session.commit()
    assert session.sequence == (1 if raised else 0)


def _registrants(session):
    registered, waiting, gone = (factories.UserFactory(email=f"{n}@exemple.fr") for n in ("inscrit", "attente", "parti"))
    make_seat(session, registered)
    make_seat(session, waiting, SeatStatus.WAITING)
    make_seat(session, gone, SeatStatus.CANCELLED)
    return registered, waiting


def test_moving_a_published_session_tells_registered_and_waiting_people(organiser, event, garonne, tarn, outbox):
    session = make_session(event, "Les marchés réservés", DAY1, (10, 0), (11, 0), garonne, is_published=True)
    _registrants(session)
    services.move_session(organiser, session, tarn.id, services.local_to_utc(event, DAY1, time(14)),
                          services.local_to_utc(event, DAY1, time(15)))
    assert outbox == []  # not before the commit
    db.session.commit()
    timetable_notices.send_queued()
    assert sorted(m.to[0] for m in outbox) == ["attente@exemple.fr", "inscrit@exemple.fr"]
    mail = outbox[0]
    assert mail.subject == "Séance modifiée : Les marchés réservés"
    assert "Horaire : mardi 14 mai, 10:00 – 11:00 → mardi 14 mai, 14:00 – 15:00" in mail.body
    assert "Salle : Garonne → Tarn" in mail.body
    assert session.capacity == 20  # the old room's capacity followed the room


def test_title_change_or_unpublished_session_sends_nothing(organiser, event, garonne, outbox):
    published = make_session(event, "Publiée", DAY1, (10, 0), (11, 0), garonne, is_published=True)
    _registrants(published)
    changed = services.session_data(published)
    changed.title, changed.description = "Publiée, nouveau titre", "Nouveau texte"
    services.update_session(organiser, published, changed)
    draft = make_session(event, "Brouillon", DAY2, (10, 0), (11, 0), garonne)
    make_seat(draft, factories.UserFactory())
    moved = services.session_data(draft)
    moved.starts_at = services.local_to_utc(event, DAY2, time(9))
    services.update_session(organiser, draft, moved)
    db.session.commit()
    timetable_notices.send_queued()
    assert outbox == []
    assert (published.sequence, draft.sequence) == (1, 1)


def test_a_refused_change_sends_nothing_and_keeps_the_session(organiser, event, garonne, tarn, outbox):
    make_session(event, "Occupante", DAY1, (14, 0), (15, 0), tarn)
    session = make_session(event, "Atelier", DAY1, (10, 0), (11, 0), garonne, is_published=True)
    _registrants(session)
    with pytest.raises(TimetableError):
        services.move_session(organiser, session, tarn.id, services.local_to_utc(event, DAY1, time(14)),
                              services.local_to_utc(event, DAY1, time(15)))
    db.session.commit()
    timetable_notices.send_queued()
    db.session.refresh(session)
    assert (session.room_id, session.sequence, outbox) == (garonne.id, 0, [])


def test_cancelling_keeps_the_row_raises_the_sequence_and_notifies(organiser, event, garonne, outbox):
    session = make_session(event, "Les marchés réservés", DAY1, (10, 0), (11, 0), garonne, is_published=True)
    _registrants(session)
    assert services.cancel_session(organiser, session) is True
    db.session.commit()
    assert services.cancel_session(organiser, session) is False
    db.session.commit()
    timetable_notices.send_queued()
    row = db.session.get(ProgrammeSession, session.id)
    assert (row.is_cancelled, row.sequence) == (True, 1)
    assert len(outbox) == 2
    assert outbox[0].subject == "Séance annulée : Les marchés réservés"
    assert "mardi 14 mai, 10:00 – 11:00, est annulée" in outbox[0].body
    assert db.session.query(SessionRegistration).count() == 3
    with pytest.raises(TimetableError):
        services.update_session(organiser, row, services.session_data(row))


def test_rollback_drops_the_queued_emails(organiser, event, garonne, outbox):
    session = make_session(event, "Atelier", DAY1, (10, 0), (11, 0), garonne, is_published=True)
    _registrants(session)
    services.cancel_session(organiser, session)
    db.session.rollback()
    db.session.commit()
    timetable_notices.send_queued()
    assert outbox == []


def test_unpublishing_is_refused_while_people_are_registered(organiser, event, garonne):
    session = make_session(event, "Atelier", DAY1, (10, 0), (11, 0), garonne, is_published=True)
    assert services.set_published(organiser, session, True) is False
    make_seat(session, factories.UserFactory())
    errors = refused(lambda: services.set_published(organiser, session, False))
    assert list(errors) == ["is_published"]
    empty = make_session(event, "Vide", DAY2, (10, 0), (11, 0), garonne, is_published=True)
    assert services.set_published(organiser, empty, False) is True


def test_raising_the_capacity_promotes_the_waiting_list(organiser, event, tarn):
    session = make_session(event, "Atelier", DAY1, (10, 0), (11, 0), tarn, is_published=True, capacity=1)
    make_seat(session, factories.UserFactory())
    waiting = make_seat(session, factories.UserFactory(), SeatStatus.WAITING)
    changed = services.session_data(session)
    changed.capacity = 2
    services.update_session(organiser, session, changed)
    db.session.commit()
    assert db.session.get(SessionRegistration, waiting.id).status == SeatStatus.REGISTERED
    assert session.registered_count == 2
