"""Participation fixtures: organisations registered for the event (approved or not), not opted in."""
import pytest

from matchfair.extensions import db
from matchfair.programme.models import Attendee, EventRegistration, RegistrationStatus
from tests import factories


@pytest.fixture
def make_registered(event):
    """make_registered(kind="sse"|"buyer", status="approved", attend=True) -> (user, org): an admin of a
    new organisation registered for the event (an attendee when `attend`)."""

    def _make(kind="sse", status=RegistrationStatus.APPROVED, attend=True):
        org = factories.BuyerFactory() if kind == "buyer" else factories.OrganisationFactory()
        user = factories.MembershipFactory(organisation=org).user
        registration = EventRegistration(event_id=event.id, organisation_id=org.id, status=status)
        db.session.add(registration)
        db.session.flush()
        if attend:
            db.session.add(Attendee(registration_id=registration.id, user_id=user.id))
        db.session.commit()
        return user, org

    return _make
