"""Seats fixtures: a published event, sessions, and people attending it (small factories of the
programme models, duplicated from the other programme parts' on purpose for now)."""
from datetime import date, timedelta

import pytest

from matchfair.accounts.models import User
from matchfair.extensions import db
from matchfair.programme.models import (
    Attendee,
    Event,
    EventRegistration,
    ProgrammeSession,
    RegistrationStatus,
    Room,
)
from matchfair.timeutil import utcnow

from ... import factories


@pytest.fixture
def event():
    """A published two-day event, ten days from now, organised by a CRESS."""
    organiser = factories.OrganisationFactory(name="CRESS Occitanie")
    day = date.today() + timedelta(days=10)
    made = Event(organiser_organisation_id=organiser.id, name="Coventis 2026", slug="coventis-2026",
                 starts_on=day, ends_on=day + timedelta(days=1), timezone="Europe/Paris", is_published=True,
                 venue_name="Parc des expositions")
    db.session.add(made)
    db.session.commit()
    return made


@pytest.fixture
def make_session(event):
    """make_session(title, capacity=20, start_in=timedelta(days=10), minutes=60, **fields) -> ProgrammeSession."""
    counter = iter(range(1, 10_000))

    def _make(title=None, capacity=20, start_in=timedelta(days=10), minutes=60, **fields):
        starts = (utcnow() + start_in).replace(second=0, microsecond=0)
        values = {"kind": "workshop", "is_published": True, "event_id": event.id,
                  "title": title or f"Atelier {next(counter)}", "starts_at": starts,
                  "ends_at": starts + timedelta(minutes=minutes), "capacity": capacity}
        values.update(fields)
        session = ProgrammeSession(**values)
        db.session.add(session)
        db.session.commit()
        return session

    return _make


@pytest.fixture
def attend(event):
    """attend(*users, event=event): make the users attendees of an approved registration of an SSE company."""

    def _attend(*users, for_event=None):
        target = for_event or event
        org = factories.OrganisationFactory()
        registration = EventRegistration(event_id=target.id, organisation_id=org.id,
                                         status=RegistrationStatus.APPROVED)
        db.session.add(registration)
        db.session.flush()
        db.session.add_all(Attendee(registration_id=registration.id, user_id=u.id) for u in users)
        db.session.commit()
        return users[0] if len(users) == 1 else users

    return _attend


@pytest.fixture
def attendee(attend):
    """A confirmed user attending the event."""
    return attend(factories.UserFactory(full_name="Awa Diallo"))


@pytest.fixture
def outsider():
    """A confirmed user, member of an SSE company that does not take part in the event."""
    return factories.MembershipFactory().user


@pytest.fixture
def many_attendees(attend):
    """many_attendees(n) -> n users attending the event (inserted in one go)."""

    def _many(n):
        users = [User(email=f"participant{i}@exemple.fr", full_name=f"Participant {i}",
                      password_hash=factories._PASSWORD_HASH, email_confirmed_at=utcnow()) for i in range(n)]
        db.session.add_all(users)
        db.session.commit()
        return list(attend(*users))

    return _many


@pytest.fixture
def room(event):
    made = Room(event_id=event.id, name="Salle Garonne", capacity=30)
    db.session.add(made)
    db.session.commit()
    return made
