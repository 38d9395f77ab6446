"""Factories and fixtures of the events tests (small programme factories, duplicated across parts for now)."""
from datetime import datetime, timedelta

import factory
import pytest

from matchfair.organisations.models import OrgKind
from matchfair.programme.models import (
    Attendee,
    Event,
    EventRegistration,
    ProgrammeSession,
    Room,
)
from matchfair.timeutil import utcnow
from tests import factories


class OrganiserFactory(factories.OrganisationFactory):
    kind = OrgKind.ORGANISER
    name = factory.Sequence(lambda n: f"CRESS de test {n}")


class EventFactory(factories.BaseFactory):
    class Meta:
        model = Event

    organiser = factory.SubFactory(OrganiserFactory)
    name = factory.Sequence(lambda n: f"Rencontres de test {n}")
    slug = factory.Sequence(lambda n: f"rencontres-de-test-{n}")
    description = "Deux jours de rencontres."
    starts_on = factory.LazyFunction(lambda: utcnow().date() + timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=1))
    timezone = "Europe/Paris"
    venue_name = "Centre de congrès"
    is_published = True


class RoomFactory(factories.BaseFactory):
    class Meta:
        model = Room

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Salle {n}")
    capacity = 30


class SessionFactory(factories.BaseFactory):
    class Meta:
        model = ProgrammeSession

    event = factory.SubFactory(EventFactory)
    kind = "workshop"
    title = factory.Sequence(lambda n: f"Atelier {n}")
    starts_at = factory.LazyAttribute(lambda o: datetime.combine(o.event.starts_on, datetime.min.time()) + timedelta(hours=8))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    is_published = True


def member_of(org, role="admin"):
    return factories.MembershipFactory(organisation=org, role=role).user


def register_org(event, org, users, status="approved"):
    """An EventRegistration of `org` for `event` with `users` as attendees (committed)."""
    from matchfair.extensions import db

    reg = EventRegistration(event=event, organisation=org, status=status)
    reg.attendees = [Attendee(user_id=u.id) for u in users]
    db.session.add(reg)
    db.session.commit()
    return reg


@pytest.fixture
def organiser():
    """A member of an organiser organisation (its current organisation)."""
    return member_of(OrganiserFactory())


@pytest.fixture
def event(organiser):
    """A published two-day event of `organiser`'s organisation, registration open, no approval."""
    return EventFactory(organiser=organiser.memberships[0].organisation)


@pytest.fixture(autouse=True)
def _other_parts_endpoints(app):
    """The events pages link to the timetable and the public programme (other parts): a stand-in
    when those are not there yet, so that these tests do not depend on them."""
    missing = [(name, rule) for name, rule in (("timetable.grid", "/__test__/grille/<int:event_id>"),
                                               ("programme.event_programme", "/__test__/programme/<slug>"))
               if name not in app.view_functions]
    if missing:
        got_first = app._got_first_request
        app._got_first_request = False
        for name, rule in missing:
            app.add_url_rule(rule, endpoint=name, view_func=lambda **_kw: "")
        app._got_first_request = got_first
    yield


