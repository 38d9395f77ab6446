"""Timetable fixtures: an organiser's event with two rooms, and small factories for sessions and seats.

(Small programme factories are duplicated across the programme parts' test folders for now.)
"""
from datetime import date, datetime, time

import pytest

from matchfair.extensions import db
from matchfair.organisations.models import OrgKind
from matchfair.programme.models import (
    Event,
    ProgrammeSession,
    Room,
    SeatStatus,
    SessionRegistration,
)
from matchfair.programme.timezones import to_utc
from tests import factories

DAY1 = date(2030, 5, 14)
DAY2 = date(2030, 5, 15)


def make_event(organisation, tz="Europe/Paris", slug="coventis-2030", **kwargs) -> Event:
    event = Event(organiser_organisation_id=organisation.id, name=kwargs.pop("name", "Coventis 2030"), slug=slug,
                  starts_on=kwargs.pop("starts_on", DAY1), ends_on=kwargs.pop("ends_on", DAY2), timezone=tz,
                  venue_name="Centre des congrès", is_published=True, **kwargs)
    db.session.add(event)
    db.session.commit()
    return event


def make_room(event, name, capacity, position=0) -> Room:
    room = Room(event_id=event.id, name=name, capacity=capacity, position=position)
    db.session.add(room)
    db.session.commit()
    db.session.refresh(event)
    return room


def local(event, day: date, hour: int, minute: int = 0) -> datetime:
    return to_utc(datetime.combine(day, time(hour, minute)), event.timezone)


def make_session(event, title, day, start, end, room=None, **kwargs) -> ProgrammeSession:
    """A session built directly (no checks); start/end: (hour, minute) local."""
    session = ProgrammeSession(event_id=event.id, kind=kwargs.pop("kind", "workshop"), title=title,
                               starts_at=local(event, day, *start), ends_at=local(event, day, *end),
                               room_id=room.id if room else None,
                               capacity=kwargs.pop("capacity", room.capacity if room else None), **kwargs)
    db.session.add(session)
    db.session.commit()
    return session


def make_seat(session, user, status=SeatStatus.REGISTERED) -> SessionRegistration:
    seat = SessionRegistration(session_id=session.id, user_id=user.id, status=status)
    db.session.add(seat)
    if status == SeatStatus.REGISTERED:
        session.registered_count += 1
    db.session.commit()
    return seat


@pytest.fixture
def organiser_org():
    return factories.OrganisationFactory(kind=OrgKind.ORGANISER, name="CRESS Occitanie")


@pytest.fixture
def organiser(organiser_org):
    return factories.MembershipFactory(organisation=organiser_org).user


@pytest.fixture
def other_organiser():
    """An organiser of another event."""
    org = factories.OrganisationFactory(kind=OrgKind.ORGANISER, name="CRESS Bretagne")
    user = factories.MembershipFactory(organisation=org).user
    make_event(org, slug="autre-salon", name="Autre salon")
    return user


@pytest.fixture
def event(organiser_org):
    return make_event(organiser_org)


@pytest.fixture
def garonne(event):
    return make_room(event, "Garonne", 40, 0)


@pytest.fixture
def tarn(event):
    return make_room(event, "Tarn", 20, 1)
