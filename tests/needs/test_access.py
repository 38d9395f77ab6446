"""Every needs route for an anonymous visitor, another buyer, an SSE company, an organiser and the right buyer."""
import pytest

from matchfair.extensions import db
from matchfair.needs.models import Need

from .conftest import form_data

ACTIONS = ["publier", "clore", "rouvrir", "supprimer", "attribuer"]


@pytest.fixture
def draft(make_need):
    return make_need()


@pytest.fixture
def published(make_need):
    return make_need(status="published")


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/connexion" in response.headers["Location"]


# --- Pages of the current buyer -------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/besoins/mes-besoins", "/besoins/nouveau", "/besoins/importer"])
def test_buyer_pages_need_a_login(client, url):
    assert _is_login_redirect(client.get(url))


@pytest.mark.parametrize("url", ["/besoins/nouveau", "/besoins/importer", "/besoins/importer/confirmer",
                                 "/besoins/publier-la-selection"])
def test_buyer_posts_need_a_login(client, url):
    assert _is_login_redirect(client.post(url, data={}))


@pytest.mark.parametrize("url", ["/besoins/mes-besoins", "/besoins/nouveau", "/besoins/importer"])
def test_an_sse_company_gets_403_with_a_message(client, login, sse_admin, url):
    login(sse_admin)
    response = client.get(url)
    assert response.status_code == 403
    assert "Seuls les acheteurs publient des besoins" in response.text


def test_an_sse_company_cannot_post_a_need(client, login, sse_admin):
    login(sse_admin)
    assert client.post("/besoins/nouveau", data=form_data()).status_code == 403
    assert db.session.query(Need).count() == 0


def test_an_organiser_cannot_create_needs(client, login, organiser_admin):
    login(organiser_admin)
    assert client.get("/besoins/nouveau").status_code == 403


def test_someone_without_organisation_is_sent_to_create_a_buyer(client, login):
    from tests import factories

    login(factories.UserFactory())
    response = client.get("/besoins/nouveau")
    assert response.status_code == 302
    assert "/organisation/nouvelle?kind=buyer" in response.headers["Location"]


def test_the_list_shows_only_the_buyers_own_needs(client, login, other_buyer_admin, make_need):
    make_need(title="Notre besoin secret")
    login(other_buyer_admin)
    response = client.get("/besoins/mes-besoins")
    assert response.status_code == 200
    assert "Notre besoin secret" not in response.text
    assert "Publiez votre premier besoin" in response.text


def test_right_buyer_pages(client, login, buyer_admin, draft):
    login(buyer_admin)
    for url in ("/besoins/mes-besoins", "/besoins/nouveau", "/besoins/importer"):
        assert client.get(url).status_code == 200, url


# --- One need ----------------------------------------------------------------------------------------

def test_a_draft_is_404_for_everyone_else(client, login, draft, other_buyer_admin, sse_admin, organiser_admin):
    urls = [f"/besoins/{draft.id}", f"/besoins/{draft.id}/modifier", f"/besoins/{draft.id}/attribuer"]
    for url in urls:
        assert client.get(url).status_code in (302, 404), url  # anonymous: log in first, or 404
    assert client.get(f"/besoins/{draft.id}").status_code == 404
    for user in (other_buyer_admin, sse_admin, organiser_admin):
        login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        for action in ACTIONS:
            assert client.post(f"/besoins/{draft.id}/{action}").status_code == 404, (user, action)
        assert client.post(f"/besoins/{draft.id}/modifier", data=form_data(title="Piraté")).status_code == 404
    db.session.refresh(draft)
    assert draft.status == "draft" and draft.title != "Piraté"


def test_anonymous_actions_go_to_login(client, published):
    for action in ACTIONS:
        assert _is_login_redirect(client.post(f"/besoins/{published.id}/{action}")), action
    assert _is_login_redirect(client.get(f"/besoins/{published.id}/modifier"))


def test_a_published_need_is_public_and_read_only(client, login, published, other_buyer_admin, sse_admin):
    response = client.get(f"/besoins/{published.id}")
    assert response.status_code == 200
    assert published.title in response.text
    assert "Gérer ce besoin" not in response.text
    assert "camille@acheteur.fr" not in response.text  # the contact is for signed-in people
    for user in (other_buyer_admin, sse_admin):
        login(user)
        page = client.get(f"/besoins/{published.id}")
        assert page.status_code == 200 and "Gérer ce besoin" not in page.text
        assert "camille@acheteur.fr" in page.text
        assert client.get(f"/besoins/{published.id}/modifier").status_code == 403
        assert client.get(f"/besoins/{published.id}/attribuer").status_code == 403
        for action in ACTIONS:
            assert client.post(f"/besoins/{published.id}/{action}").status_code == 403, action
    db.session.refresh(published)
    assert published.status == "published"


def test_the_right_buyer_sees_the_actions(client, login, buyer_admin, draft):
    login(buyer_admin)
    page = client.get(f"/besoins/{draft.id}")
    assert page.status_code == 200
    assert "Gérer ce besoin" in page.text
    for url in (f"/besoins/{draft.id}/publier", f"/besoins/{draft.id}/supprimer"):
        assert url in page.text
    assert client.get(f"/besoins/{draft.id}/modifier").status_code == 200


def test_another_member_of_the_buyer_may_manage(client, login, buyer_admin, draft):
    from tests import factories

    colleague = factories.MembershipFactory(organisation=draft.organisation, role="member").user
    login(colleague)
    assert client.post(f"/besoins/{draft.id}/publier").status_code == 302
    db.session.refresh(draft)
    assert draft.status == "published"


def test_unknown_need_is_404(client, login, buyer_admin):
    login(buyer_admin)
    assert client.get("/besoins/999999").status_code == 404
    assert client.post("/besoins/999999/publier").status_code == 404


def test_publish_selected_ignores_other_buyers_drafts(client, login, other_buyer_admin, draft):
    login(other_buyer_admin)
    client.post("/besoins/publier-la-selection", data={"need_ids": [draft.id]})
    db.session.refresh(draft)
    assert draft.status == "draft"


def test_the_template_csv_is_public(client):
    response = client.get("/besoins/importer/modele.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
