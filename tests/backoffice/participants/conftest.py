"""Participants fixtures: the meetings tests' event and grid (a published event organised by a CRESS,
participants approved and opted in to meetings), plus registrations of any status and other organisers."""
import pytest

from matchfair.extensions import db
from matchfair.organisations.models import OrgKind
from matchfair.programme.models import Attendee, EventRegistration
from tests import factories
from tests.meetings.conftest import (  # noqa: F401 (fixtures)
    event,
    make_meeting,
    make_participant,
    meeting_grid,
    organiser_user,
    slots,
)
from tests.meetings.scheduling.conftest import book, tables  # noqa: F401 (fixtures)


@pytest.fixture
def other_organiser():
    """A member of another organiser organisation (no right on the event)."""
    org = factories.OrganisationFactory(kind=OrgKind.ORGANISER, name="Autre CRESS", siret=None)
    return factories.MembershipFactory(organisation=org).user


@pytest.fixture
def register():
    """register(event, kind="sse", status="pending", people=1, **org fields) -> EventRegistration, committed."""

    def _register(for_event, kind="sse", status="pending", people=1, **fields):
        org = factories.BuyerFactory(**fields) if kind == "buyer" else factories.OrganisationFactory(**fields)
        registration = EventRegistration(event_id=for_event.id, organisation_id=org.id, status=status)
        db.session.add(registration)
        db.session.flush()
        for _ in range(people):
            user = factories.UserFactory()
            factories.MembershipFactory(user=user, organisation=org)
            db.session.add(Attendee(registration_id=registration.id, user_id=user.id))
        db.session.commit()
        return registration

    return _register
