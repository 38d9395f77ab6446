"""Every grouping route for an anonymous visitor, a company not involved, a buyer, a partner and the lead."""
import html

import pytest

from matchfair.extensions import db
from matchfair.groupings.models import Grouping

from .. import factories


@pytest.fixture
def setup(make_grouping, eclat, jardins, peinture):
    """Éclat leads; Jardins is invited; Couleurs Coopératives accepted."""
    grouping = make_grouping(eclat.org, {jardins.org: "invited", peinture.org: "accepted"})
    return grouping, eclat, jardins, peinture


def routes(g, invited, accepted):
    """(name, method, url, who may: "sse" any SSE company, "involved", "lead", "invited", "accepted")."""
    base = f"/groupements/{g}"
    return [
        ("mine", "get", "/groupements", "sse"),
        ("create", "get", "/groupements/nouveau", "sse"),
        ("show", "get", base, "involved"),
        ("edit", "get", f"{base}/modifier", "lead"),
        ("edit-post", "post", f"{base}/modifier", "lead"),
        ("invite", "post", f"{base}/partenaires", "lead"),
        ("accept", "post", f"{base}/partenaires/{invited}/accepter", "invited"),
        ("decline", "post", f"{base}/partenaires/{invited}/decliner", "invited"),
        ("leave", "post", f"{base}/partenaires/{accepted}/quitter", "accepted"),
        ("remove", "post", f"{base}/partenaires/{invited}/retirer", "lead"),
        ("dissolve", "get", f"{base}/dissoudre", "lead"),
        ("dissolve-post", "post", f"{base}/dissoudre", "lead"),
        ("interest", "post", f"{base}/interet", "lead"),
        ("withdraw", "post", f"{base}/interet/retirer", "lead"),
    ]


ROUTE_NAMES = [r[0] for r in routes(1, 2, 3)]


def call(client, method, url):
    return client.get(url) if method == "get" else client.post(url, data={})


def route(setup, name):
    grouping, _lead, jardins, peinture = setup
    return next(r for r in routes(grouping.id, jardins.org.id, peinture.org.id) if r[0] == name)


@pytest.mark.parametrize("name", ROUTE_NAMES)
def test_anonymous_visitors_are_sent_to_log_in(client, setup, name):
    _n, method, url, _who = route(setup, name)
    response = call(client, method, url)
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]


@pytest.mark.parametrize("name", ROUTE_NAMES)
def test_a_company_not_involved_finds_nothing(client, login, setup, outsider, name):
    _n, method, url, who = route(setup, name)
    login(outsider)
    response = call(client, method, url)
    assert response.status_code == (200 if who == "sse" else 404)


@pytest.mark.parametrize("name", ROUTE_NAMES)
def test_a_buyer_is_told_groupings_are_for_sse_companies(client, login, setup, buyer, name):
    _n, method, url, who = route(setup, name)
    login(buyer.user)
    response = call(client, method, url)
    assert response.status_code == (403 if who == "sse" else 404)
    if who == "sse":
        page = html.unescape(response.get_data(as_text=True))
        assert "Seules les structures de l'ESS forment des groupements" in page


@pytest.mark.parametrize("name", ROUTE_NAMES)
def test_an_invited_partner(client, login, setup, name):
    _n, method, url, who = route(setup, name)
    login(setup[2].user)
    response = call(client, method, url)
    if who in ("sse", "involved"):
        assert response.status_code == 200
    elif who in ("invited", "accepted"):
        # Its own invitation: answered (or "you are not a member" for leaving); another company's: 404.
        assert response.status_code == (302 if who == "invited" else 404)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("name", ROUTE_NAMES)
def test_an_accepted_partner(client, login, setup, name):
    _n, method, url, who = route(setup, name)
    login(setup[3].user)
    response = call(client, method, url)
    expected = {"sse": 200, "involved": 200, "accepted": 302}.get(who, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("name", ROUTE_NAMES)
def test_the_lead(client, login, setup, name):
    _n, method, url, who = route(setup, name)
    login(setup[1].user)
    response = call(client, method, url)
    if who in ("invited", "accepted"):
        assert response.status_code == 404  # the partners answer for themselves
    elif method == "get" or name in ("edit-post", "invite"):
        assert response.status_code == 200  # a page, or a form sent back with its errors
    else:
        assert response.status_code == 302


def test_a_missing_grouping_is_a_404_even_for_the_lead(client, login, setup):
    login(setup[1].user)
    assert client.get("/groupements/999999").status_code == 404
    assert client.post("/groupements/999999/partenaires/1/accepter").status_code == 404


def test_a_partner_that_declined_no_longer_sees_it(client, login, make_grouping, eclat, jardins):
    grouping = make_grouping(eclat.org, {jardins.org: "declined"})
    login(jardins.user)
    assert client.get(f"/groupements/{grouping.id}").status_code == 404


def test_any_member_of_the_lead_company_manages_it(client, login, setup):
    grouping, lead, _j, _p = setup
    colleague = factories.MembershipFactory(organisation=lead.org, role="member").user
    login(colleague)
    assert client.get(f"/groupements/{grouping.id}/modifier").status_code == 200
    assert client.post(f"/groupements/{grouping.id}/dissoudre").status_code == 302
    assert db.session.get(Grouping, grouping.id) is None


def test_without_an_organisation_on_to_creating_one(client, login):
    login(factories.UserFactory())
    response = client.get("/groupements")
    assert response.status_code == 302 and "kind=sse" in response.headers["Location"]
