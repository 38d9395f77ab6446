"""The services other parts use: declare_interest (groupings answer through it) and shortlists."""
import pytest
from werkzeug.exceptions import Forbidden

from matchfair.extensions import db
from matchfair.groupings.models import Grouping, GroupingMember
from matchfair.matching import services
from matchfair.matching.services import MatchingError
from matchfair.needs import services as need_services
from matchfair.timeutil import utcnow


@pytest.fixture
def company(make_supplier):
    return make_supplier("Insertion Propreté")


def _grouping(lead, *partners, lead_status="accepted"):
    grouping = Grouping(name="Groupement", lead_organisation_id=lead.id)
    grouping.members = [GroupingMember(organisation_id=lead.id, status=lead_status)] + [
        GroupingMember(organisation_id=org.id, status=status) for org, status in partners]
    db.session.add(grouping)
    db.session.commit()
    return grouping


def test_declare_as_a_grouping(company, make_supplier, make_need):
    need = make_need()
    partner = make_supplier("Partenaire")
    grouping = _grouping(company.org, (partner.org, "accepted"))
    interest = services.declare_interest(company.user, company.org, need, "interested", message=" Bonjour ",
                                         grouping=grouping)
    assert (interest.kind, interest.grouping_id, interest.message) == ("interested", grouping.id, "Bonjour")
    assert services.led_groupings(company.org) == [grouping]
    assert services.led_groupings(partner.org) == []
    with pytest.raises(MatchingError, match="groupement"):
        services.declare_interest(partner.user, partner.org, need, "interested", grouping=grouping)
    pending = _grouping(partner.org, (company.org, "accepted"), lead_status="invited")
    with pytest.raises(MatchingError):
        services.declare_interest(partner.user, partner.org, need, "interested", grouping=pending)


def test_rules(company, buyer, make_need, make_supplier):
    need = make_need()
    with pytest.raises(Forbidden):
        services.declare_interest(buyer.user, company.org, need, "interested")
    with pytest.raises(MatchingError):
        services.declare_interest(buyer.user, buyer.org, need, "interested")
    with pytest.raises(MatchingError, match="raison"):
        services.declare_interest(company.user, company.org, need, "not_for_us", reason="bof")
    with pytest.raises(MatchingError, match="Précisez"):
        services.declare_interest(company.user, company.org, need, "not_for_us", reason="other")
    with pytest.raises(MatchingError, match="trop long"):
        services.declare_interest(company.user, company.org, need, "interested", message="x" * 2001)
    with pytest.raises(ValueError):
        services.declare_interest(company.user, company.org, need, "maybe")
    draft = make_need(publish=False)
    with pytest.raises(MatchingError, match="plus ouvert"):
        services.declare_interest(company.user, company.org, draft, "interested")
    reserved = make_need(reservation="L2113-12")
    with pytest.raises(MatchingError, match="réservé"):
        services.declare_interest(company.user, company.org, reserved, "interested")


def test_a_renewed_interest_is_news_for_the_buyer_again(company, make_need):
    need = make_need()
    interest = services.declare_interest(company.user, company.org, need, "interested")
    interest.notified_at = utcnow()
    services.declare_interest(company.user, company.org, need, "interested", message="Précision")
    assert interest.notified_at is not None  # an edited message is not news
    services.declare_interest(company.user, company.org, need, "not_for_us", reason="timing")
    services.declare_interest(company.user, company.org, need, "interested")
    assert interest.notified_at is None
    assert services.withdraw_interest(company.user, company.org, need) is True
    assert services.withdraw_interest(company.user, company.org, need) is False


def test_shortlist_service(buyer, company, make_need, make_supplier):
    need = make_need()
    assert services.set_shortlisted(buyer.user, need, company.org, True) is True
    assert services.set_shortlisted(buyer.user, need, company.org, True) is False
    assert services.shortlisted_ids(need) == {company.org.id}
    with pytest.raises(Forbidden):
        services.set_shortlisted(company.user, need, company.org, False)
    assert services.set_shortlisted(buyer.user, need, company.org, False) is True
    assert services.set_shortlisted(buyer.user, need, company.org, False) is False


def test_closing_a_need_keeps_the_answers(buyer, company, make_need):
    need = make_need()
    services.declare_interest(company.user, company.org, need, "interested")
    need_services.close_need(buyer.user, need)
    db.session.commit()
    assert [i.organisation_id for i in services.interests_for_need(need)] == [company.org.id]
