"""Fixtures of the badges and check-in tests: an event, its organiser, registered organisations."""
import pytest

from tests import factories
from tests.programme.events.conftest import (
    EventFactory,
    OrganiserFactory,
    member_of,
    register_org,
)


@pytest.fixture
def organiser():
    """A member of an organiser organisation (its current organisation)."""
    return member_of(OrganiserFactory())


@pytest.fixture
def event(organiser):
    return EventFactory(organiser=organiser.memberships[0].organisation)


@pytest.fixture
def buyer_org():
    return factories.BuyerFactory(name="Région Occitanie")


@pytest.fixture
def awa(buyer_org):
    return factories.MembershipFactory(organisation=buyer_org, user=factories.UserFactory(full_name="Awa Diallo")).user


@pytest.fixture
def approved(event, buyer_org, awa):
    """Région Occitanie registered and approved with Awa Diallo: returns her Attendee."""
    return register_org(event, buyer_org, [awa]).attendees[0]


@pytest.fixture
def make_attendee(event):
    """make_attendee(status="approved", kind="sse", event=event, name=None) -> Attendee."""
    def _make(status="approved", kind="sse", on_event=None, name=None):
        org = factories.BuyerFactory() if kind == "buyer" else factories.OrganisationFactory()
        user = factories.MembershipFactory(organisation=org,
                                           user=factories.UserFactory(**({"full_name": name} if name else {}))).user
        return register_org(on_event or event, org, [user], status=status).attendees[0]
    return _make


@pytest.fixture
def other_event():
    return EventFactory()
