"""Public programme fixtures (small programme factories, duplicated from the other parts' on purpose for now)."""
from datetime import datetime, timedelta

import factory
import pytest

from matchfair.extensions import db
from matchfair.organisations.models import OrgKind
from matchfair.programme.models import (
    Attendee,
    Event,
    EventRegistration,
    ProgrammeSession,
    Room,
    SessionRegistration,
    SessionTheme,
    Speaker,
)
from matchfair.programme.timezones import to_utc
from matchfair.timeutil import utcnow
from tests import factories


class OrganiserOrgFactory(factories.OrganisationFactory):
    kind = OrgKind.ORGANISER
    name = factory.Sequence(lambda n: f"CRESS de test {n}")


class EventFactory(factories.BaseFactory):
    class Meta:
        model = Event

    organiser = factory.SubFactory(OrganiserOrgFactory)
    name = factory.Sequence(lambda n: f"Rencontres {n}")
    slug = factory.Sequence(lambda n: f"rencontres-{n}")
    starts_on = factory.LazyFunction(lambda: utcnow().date() + timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=1))
    timezone = "Europe/Paris"
    venue_name = "Parc des expositions"
    is_published = True


class RoomFactory(factories.BaseFactory):
    class Meta:
        model = Room

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Salle {n}")
    capacity = 30


def local(event, day_offset: int, hh: int, mm: int = 0) -> datetime:
    """A wall-clock time of the event's day `day_offset` in its zone, as stored (naive UTC)."""
    day = event.starts_on + timedelta(days=day_offset)
    return to_utc(datetime(day.year, day.month, day.day, hh, mm), event.timezone)


def make_session(event, title="Atelier", *, day=0, at=(9, 0), minutes=60, room=None, themes=(), speakers=(),
                 **fields) -> ProgrammeSession:
    starts = local(event, day, *at)
    values = {"event_id": event.id, "kind": "workshop", "title": title, "starts_at": starts,
              "ends_at": starts + timedelta(minutes=minutes), "is_published": True,
              "room_id": room.id if room else None, "capacity": room.capacity if room else None}
    values.update(fields)
    session = ProgrammeSession(**values)
    session.themes = [SessionTheme(theme=t) for t in themes]
    session.speakers = [Speaker(full_name=name, organisation_id=org.id if org else None, role=role, position=i)
                        for i, (name, role, org) in enumerate(speakers)]
    db.session.add(session)
    db.session.commit()
    return session


def seat(user, session, status="registered", **fields) -> SessionRegistration:
    row = SessionRegistration(session_id=session.id, user_id=user.id, status=status, **fields)
    if status == "registered":
        session.registered_count += 1
    db.session.add(row)
    db.session.commit()
    return row


@pytest.fixture
def organiser():
    """A member of the organiser organisation of `event`."""
    return factories.MembershipFactory(organisation=OrganiserOrgFactory()).user


@pytest.fixture
def event(organiser):
    return EventFactory(organiser=organiser.memberships[0].organisation)


@pytest.fixture
def draft_event(organiser):
    return EventFactory(organiser=organiser.memberships[0].organisation, is_published=False)


@pytest.fixture
def attend():
    """attend(user, event): the user becomes an attendee of an approved registration of an SSE company."""

    def _attend(user, event):
        org = factories.OrganisationFactory()
        registration = EventRegistration(event_id=event.id, organisation_id=org.id, status="approved")
        db.session.add(registration)
        db.session.flush()
        db.session.add(Attendee(registration_id=registration.id, user_id=user.id))
        db.session.commit()
        return user

    return _attend


@pytest.fixture
def attendee(attend, event):
    return attend(factories.UserFactory(full_name="Awa Diallo"), event)


@pytest.fixture
def outsider():
    return factories.MembershipFactory().user


@pytest.fixture(autouse=True)
def _other_parts_endpoints(app):
    """Stand-ins for endpoints of parts built at the same time, only when they are missing."""
    wanted = (("calendars.session_ics", "/__test__/seance/<int:session_id>.ics"),
              ("calendars.agenda_ics", "/__test__/agenda/<int:event_id>.ics"),
              ("calendars.subscription", "/__test__/abonnement"),
              ("timetable.grid", "/__test__/grille/<int:event_id>"),
              ("events.show", "/__test__/evenement/<slug>"))
    missing = [(name, rule) for name, rule in wanted if name not in app.view_functions]
    if missing:
        got_first = app._got_first_request
        app._got_first_request = False
        for name, rule in missing:
            app.add_url_rule(rule, endpoint=name, view_func=lambda **_kw: "")
        app._got_first_request = got_first
    yield
