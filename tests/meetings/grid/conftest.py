"""Fixtures of the grid tests: a member of another organiser organisation, and an event without meetings."""
import pytest

from matchfair.organisations.models import OrgKind
from tests import factories


@pytest.fixture
def other_organiser():
    """A member of another organiser organisation (not the event's)."""
    org = factories.OrganisationFactory(kind=OrgKind.ORGANISER, name="CRESS d'ailleurs", siret=None)
    return factories.MembershipFactory(organisation=org).user
