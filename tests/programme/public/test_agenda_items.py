"""The agenda_items contract that the agenda page and the calendars rely on."""
from datetime import timedelta

from matchfair.extensions import db
from matchfair.programme.agenda import AgendaItem, agenda_items
from tests import factories

from .conftest import EventFactory, RoomFactory, make_session, seat


def test_items_in_time_order_with_statuses_and_fields(event, attendee):
    room = RoomFactory(event=event, name="Salle Garonne")
    late = make_session(event, "Tard", day=1, at=(14, 0), room=room)
    early = make_session(event, "Tôt", day=0, at=(9, 0), room=room, description="Les bases.",
                         speakers=[("Camille Martin", "Juriste", None)])
    middle = make_session(event, "Midi", day=0, at=(12, 0), online_url="https://visio.example/abc")
    seat(attendee, late)
    seat(attendee, early)
    seat(attendee, middle, status="waiting")

    items = agenda_items(attendee, event)

    assert [i.title for i in items] == ["Tôt", "Midi", "Tard"]
    assert [i.status for i in items] == ["registered", "waiting", "registered"]
    first = items[0]
    assert isinstance(first, AgendaItem)
    assert first.kind == "session" and first.key == f"session-{early.id}"
    assert first.session is early and first.event is event
    assert first.starts_at == early.starts_at and first.ends_at == early.ends_at
    assert first.location == "Salle Garonne, Parc des expositions"
    assert "Les bases." in first.description and "Camille Martin (Juriste)" in first.description
    assert first.sequence == 0 and first.updated_at >= early.updated_at
    assert first.local_starts_at.hour == 9
    # The online link is for people holding a place, not for the waiting list.
    assert items[1].location == "En ligne"


def test_online_link_given_to_registered_people(event, attendee):
    online = make_session(event, "Visio", online_url="https://visio.example/abc")
    seat(attendee, online)
    assert agenda_items(attendee, event)[0].location == "En ligne : https://visio.example/abc"


def test_cancelled_items_only_on_request(event, attendee):
    kept = make_session(event, "Gardée", at=(9, 0))
    dropped_by_person = make_session(event, "Quittée", at=(10, 0))
    dropped_by_organiser = make_session(event, "Annulée", at=(11, 0))
    withdrawn = make_session(event, "Retirée", at=(12, 0))
    seat(attendee, kept)
    row = seat(attendee, dropped_by_person, status="cancelled")
    seat(attendee, dropped_by_organiser)
    seat(attendee, withdrawn)
    dropped_by_organiser.is_cancelled = True
    withdrawn.is_published = False
    db.session.commit()

    assert [i.title for i in agenda_items(attendee, event)] == ["Gardée"]
    everything = agenda_items(attendee, event, include_cancelled=True)
    assert [(i.title, i.status, i.session_cancelled) for i in everything] == [
        ("Gardée", "registered", False), ("Quittée", "cancelled", False),
        ("Annulée", "cancelled", True), ("Retirée", "cancelled", True)]
    assert everything[1].registration is row


def test_sequence_never_goes_down_when_the_seat_changes(event, attendee):
    session = make_session(event)
    row = seat(attendee, session)
    before = agenda_items(attendee, event)[0].sequence
    row.status, row.updated_at = "cancelled", row.created_at + timedelta(minutes=5)
    db.session.commit()
    cancelled = agenda_items(attendee, event, include_cancelled=True)[0].sequence
    row.status, row.updated_at = "registered", row.created_at + timedelta(minutes=9)
    session.sequence += 1
    db.session.commit()
    again = agenda_items(attendee, event)[0].sequence
    assert before < cancelled < again < 2**31


def test_event_filter_and_other_people(event, attendee, organiser):
    other_event = EventFactory(organiser=event.organiser)
    here = make_session(event, "Ici")
    there = make_session(other_event, "Ailleurs")
    seat(attendee, here)
    seat(attendee, there)
    seat(factories.UserFactory(), here)

    assert [i.title for i in agenda_items(attendee, event)] == ["Ici"]
    assert [i.title for i in agenda_items(attendee, event.id)] == ["Ici"]
    assert {i.title for i in agenda_items(attendee)} == {"Ici", "Ailleurs"}
    assert agenda_items(organiser, event) == []


def test_unpublished_event_items_are_cancelled(draft_event, attendee):
    session = make_session(draft_event)
    seat(attendee, session)
    assert agenda_items(attendee, draft_event) == []
    assert agenda_items(attendee, draft_event, include_cancelled=True)[0].status == "cancelled"
