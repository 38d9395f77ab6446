"""Calendar fixtures: events in Paris and in La Réunion, sessions, people with places, and parsers.

(Small programme factories, duplicated from the other programme parts' test folders on purpose.)
"""
from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

from matchfair.extensions import db
from matchfair.programme.models import Event, ProgrammeSession, Room, SeatStatus, SessionRegistration, Speaker
from matchfair.programme.timezones import to_utc
from tests import factories

DAY = date.today() + timedelta(days=20)


def make_event(name="Coventis", tz="Europe/Paris", published=True, **fields) -> Event:
    organiser = factories.OrganisationFactory(name=f"CRESS {name}")
    slug = fields.pop("slug", name.lower().replace(" ", "-"))
    event = Event(organiser_organisation_id=organiser.id, name=name, slug=slug, starts_on=DAY,
                  ends_on=DAY + timedelta(days=1), timezone=tz, is_published=published,
                  venue_name=fields.pop("venue_name", "Centre des congrès"),
                  venue_address=fields.pop("venue_address", "11 esplanade Compans-Caffarelli, 31000 Toulouse"),
                  **fields)
    db.session.add(event)
    db.session.commit()
    return event


def make_session(event, title="Répondre à un marché public", start=(10, 0), end=(11, 30), day=DAY,
                 room_name="Salle Garonne", speakers=(), **fields) -> ProgrammeSession:
    """A published session at local times `start`-`end` of `day` in the event's zone."""
    room = None
    if room_name:
        room = db.session.query(Room).filter_by(event_id=event.id, name=room_name).first()
        if room is None:
            room = Room(event_id=event.id, name=room_name, capacity=40)
            db.session.add(room)
            db.session.flush()
    values = {"kind": "workshop", "is_published": True, "capacity": room.capacity if room else None,
              "description": "Les étapes d'une réponse : lire le règlement, le DUME, le mémoire technique."}
    values.update(fields)
    session = ProgrammeSession(event_id=event.id, title=title, room_id=room.id if room else None,
                               starts_at=to_utc(datetime.combine(day, time(*start)), event.timezone),
                               ends_at=to_utc(datetime.combine(day, time(*end)), event.timezone), **values)
    db.session.add(session)
    db.session.flush()
    for position, (name, role) in enumerate(speakers):
        db.session.add(Speaker(session_id=session.id, full_name=name, role=role, position=position))
    db.session.commit()
    return session


def seat(session, user, status=SeatStatus.REGISTERED, **fields) -> SessionRegistration:
    """A person's row for a session, straight in the database."""
    row = SessionRegistration(session_id=session.id, user_id=user.id, status=status, **fields)
    db.session.add(row)
    if status == SeatStatus.REGISTERED:
        session.registered_count += 1
    db.session.commit()
    return row


@pytest.fixture
def paris():
    return make_event("Coventis 2026", slug="coventis-2026")


@pytest.fixture
def reunion():
    return make_event("Rencontres ESS Réunion", tz="Indian/Reunion", slug="ess-reunion",
                      venue_name="MOCA", venue_address="Montgaillard, 97400 Saint-Denis")


@pytest.fixture
def awa():
    return factories.UserFactory(full_name="Awa Diallo", email="awa.diallo@exemple.fr")


@pytest.fixture
def bruno():
    return factories.UserFactory(full_name="Bruno Lefèvre", email="bruno.lefevre@exemple.fr")


def parse_all(body: bytes) -> icalendar.Calendar:
    """Parse with three independent parsers (icalendar, vobject, ical) and return icalendar's result."""
    text = body.decode("utf-8")
    vobject.readOne(text, validate=True)
    IcsCalendarStream.calendar_from_ics(text)
    return icalendar.Calendar.from_ical(body)


def vevents(body: bytes) -> list:
    return parse_all(body).walk("VEVENT")


def by_uid(body: bytes) -> dict:
    return {str(event["UID"]): event for event in vevents(body)}
