"""Every events route for an anonymous visitor, a non-organiser, an organiser of another event, and its organiser."""
import pytest

from tests import factories

from .conftest import (
    EventFactory,
    OrganiserFactory,
    RoomFactory,
    member_of,
    register_org,
)

MANAGEMENT_GETS = ["/evenements/{id}/modifier", "/evenements/{id}/gestion", "/evenements/{id}/salles",
                   "/evenements/{id}/salles/{room}/modifier", "/evenements/{id}/inscriptions"]
MANAGEMENT_POSTS = ["/evenements/{id}/modifier", "/evenements/{id}/salles", "/evenements/{id}/salles/{room}/supprimer",
                    "/evenements/{id}/inscriptions/{reg}/valider", "/evenements/{id}/inscriptions/{reg}/refuser"]


@pytest.fixture
def setup(event):
    room = RoomFactory(event=event)
    sse = factories.OrganisationFactory()
    reg = register_org(event, sse, [member_of(sse)], status="pending")
    return {"id": event.id, "room": room.id, "reg": reg.id}


def _urls(templates, ids):
    return [t.format(**ids) for t in templates]


def test_anonymous_is_sent_to_log_in(client, setup, event):
    for url in ["/evenements/nouveau", *_urls(MANAGEMENT_GETS, setup), f"/evenements/{event.slug}/inscription"]:
        response = client.get(url)
        assert response.status_code == 302 and "/connexion" in response.location, url
    for url in _urls(MANAGEMENT_POSTS, setup) + [f"/evenements/{event.slug}/inscription/annuler"]:
        response = client.post(url, data={"reason": "x", "name": "Salle", "capacity": "3"})
        assert response.status_code == 302 and "/connexion" in response.location, url


def test_public_pages_for_anonymous(client, event):
    assert client.get("/evenements").status_code == 200
    page = client.get(f"/evenements/{event.slug}")
    assert page.status_code == 200 and event.name in page.text
    assert "Gérer l'événement" not in page.text


@pytest.mark.parametrize("who", ["sse", "other_organiser"])
def test_management_pages_are_404_for_others(client, login, setup, who):
    user = member_of(factories.OrganisationFactory() if who == "sse" else OrganiserFactory())
    login(user)
    for url in _urls(MANAGEMENT_GETS, setup):
        assert client.get(url).status_code == 404, url
    for url in _urls(MANAGEMENT_POSTS, setup):
        assert client.post(url, data={"reason": "non", "name": "Salle X", "capacity": "3"}).status_code == 404, url


def test_management_pages_for_the_organiser(client, login, organiser, setup):
    login(organiser)
    for url in _urls(MANAGEMENT_GETS, setup):
        assert client.get(url).status_code == 200, url


def test_create_page_only_for_organisers(client, login, organiser):
    login(member_of(factories.OrganisationFactory()))
    response = client.get("/evenements/nouveau")
    assert response.status_code == 403 and "organisateurs" in response.text
    login(organiser)
    assert client.get("/evenements/nouveau").status_code == 200


def test_unpublished_event_is_404_but_for_its_organisers(client, login, organiser):
    event = EventFactory(organiser=organiser.memberships[0].organisation, is_published=False)
    url = f"/evenements/{event.slug}"
    assert client.get(url).status_code == 404
    assert event.name not in client.get("/evenements").text
    login(member_of(OrganiserFactory()))
    assert client.get(url).status_code == 404
    assert client.get(f"{url}/inscription").status_code == 404
    assert client.get(f"/evenements/{event.id}/gestion").status_code == 404
    login(member_of(factories.OrganisationFactory()))
    assert client.get(f"{url}/inscription").status_code == 404
    login(organiser)
    page = client.get(url)
    assert page.status_code == 200 and "n'est pas publié" in page.text
    assert event.name in client.get("/evenements").text


def test_registration_page_by_kind(client, login, organiser, event):
    login(organiser)
    assert client.get(f"/evenements/{event.slug}/inscription").status_code == 403
    login(member_of(factories.BuyerFactory()))
    assert client.get(f"/evenements/{event.slug}/inscription").status_code == 200
    login(member_of(factories.OrganisationFactory()))
    assert client.get(f"/evenements/{event.slug}/inscription").status_code == 200
    # No registration to cancel: nothing to find.
    assert client.post(f"/evenements/{event.slug}/inscription/annuler").status_code == 404


def test_user_without_organisation_is_asked_to_create_one(client, login, event):
    login(factories.UserFactory())
    response = client.get(f"/evenements/{event.slug}/inscription")
    assert response.status_code == 302 and "/organisation" in response.location


def test_unknown_ids_are_404(client, login, organiser, event):
    login(organiser)
    other_room = RoomFactory()
    assert client.get("/evenements/999999/gestion").status_code == 404
    assert client.get(f"/evenements/{event.id}/salles/{other_room.id}/modifier").status_code == 404
    assert client.get("/evenements/inconnu").status_code == 404
