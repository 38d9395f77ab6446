"""Who may open each offers route: anonymous, a buyer, another SSE company, the company's members."""
import html

import pytest

from matchfair.extensions import db
from matchfair.offers.models import Offer

from .. import factories

OFFER_ROUTES = [
    ("get", "/offres/{offer}/modifier", None),
    ("post", "/offres/{offer}/modifier", {"title": "Changé", "cpv_codes": "90911200"}),
    ("get", "/offres/{offer}/supprimer", None),
    ("post", "/offres/{offer}/supprimer", {}),
    ("post", "/offres/{offer}/publication", {"published": "0"}),
]
ORG_ROUTES = [
    ("get", "/offres", None),
    ("get", "/offres/nouvelle", None),
    ("post", "/offres/nouvelle", {"title": "Nouvelle", "cpv_codes": "90911200"}),
]


@pytest.fixture
def offer_id(sse_org, make_offer):
    return make_offer(sse_org).id


def _call(client, method, url, data, offer_id):
    return getattr(client, method)(url.format(offer=offer_id), data=data)


def _offer_unchanged(offer_id):
    db.session.expire_all()
    offer = db.session.get(Offer, offer_id)
    assert offer is not None and offer.title == "Nettoyage de bureaux" and offer.is_published


@pytest.mark.parametrize("method,url,data", ORG_ROUTES + OFFER_ROUTES)
def test_anonymous_is_sent_to_login(client, offer_id, method, url, data):
    response = _call(client, method, url, data, offer_id)
    assert response.status_code == 302
    assert "/connexion" in response.headers["Location"]
    _offer_unchanged(offer_id)


@pytest.mark.parametrize("method,url,data", ORG_ROUTES)
def test_a_buyer_gets_403_with_a_message(client, login, buyer_admin, offer_id, method, url, data):
    login(buyer_admin)
    response = _call(client, method, url, data, offer_id)
    assert response.status_code == 403
    page = html.unescape(response.get_data(as_text=True))
    assert "réservées aux structures de l'économie sociale et solidaire" in page
    assert db.session.query(Offer).count() == 1


@pytest.mark.parametrize("method,url,data", OFFER_ROUTES)
def test_a_buyer_does_not_see_an_offer(client, login, buyer_admin, offer_id, method, url, data):
    login(buyer_admin)
    assert _call(client, method, url, data, offer_id).status_code == 404
    _offer_unchanged(offer_id)


@pytest.mark.parametrize("method,url,data", OFFER_ROUTES)
def test_another_sse_company_gets_404(client, login, outsider, offer_id, method, url, data):
    login(outsider)
    assert _call(client, method, url, data, offer_id).status_code == 404
    _offer_unchanged(offer_id)


def test_another_sse_company_sees_only_its_own_list(client, login, outsider, offer_id):
    login(outsider)
    response = client.get("/offres")
    assert response.status_code == 200
    assert "Nettoyage de bureaux" not in response.get_data(as_text=True)


def test_unknown_offer_is_404(client, login, sse_admin, offer_id):
    login(sse_admin)
    assert client.get("/offres/999999/modifier").status_code == 404
    assert client.post("/offres/999999/publication", data={"published": "1"}).status_code == 404


@pytest.mark.parametrize("who", ["sse_admin", "sse_member"])
@pytest.mark.parametrize("method,url,data,status", [
    ("get", "/offres", None, 200),
    ("get", "/offres/nouvelle", None, 200),
    ("post", "/offres/nouvelle", {"title": "Vitrerie", "cpv_codes": "90911300", "is_published": "y"}, 302),
    ("get", "/offres/{offer}/modifier", None, 200),
    ("post", "/offres/{offer}/modifier", {"title": "Changé", "cpv_codes": "90911200"}, 302),
    ("get", "/offres/{offer}/supprimer", None, 200),
    ("post", "/offres/{offer}/publication", {"published": "0"}, 302),
    ("post", "/offres/{offer}/supprimer", {}, 302),
])
def test_members_of_the_company_may(client, login, request, offer_id, who, method, url, data, status):
    login(request.getfixturevalue(who))
    assert _call(client, method, url, data, offer_id).status_code == status


def test_someone_without_organisation_is_sent_to_create_one(client, login):
    login(factories.UserFactory())
    response = client.get("/offres")
    assert response.status_code == 302
    assert "/organisation/nouvelle?kind=sse" in response.headers["Location"]


def test_a_member_of_two_organisations_acts_for_the_chosen_one(client, login, sse_admin, sse_org, offer_id):
    buyer = factories.BuyerFactory()
    factories.MembershipFactory(user=sse_admin, organisation=buyer)
    login(sse_admin)
    with client.session_transaction() as session:
        session["org_id"] = buyer.id
    assert client.get("/offres").status_code == 403
    # The offer's own pages follow the offer's organisation, of which they are a member.
    assert client.get(f"/offres/{offer_id}/modifier").status_code == 200
    with client.session_transaction() as session:
        session["org_id"] = sse_org.id
    assert client.get("/offres").status_code == 200
