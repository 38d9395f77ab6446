"""The buyer's supplier page of a need: access, ranking, filters, shortlist, answers."""
import re

import pytest

from matchfair.extensions import db
from matchfair.matching import services
from matchfair.matching.models import Shortlist

from .. import factories


def _url(need, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"/besoins/{need.id}/fournisseurs" + (f"?{query}" if query else "")


@pytest.fixture
def scene(make_supplier, make_need):
    """Three local suppliers of different statuses, one far away, one unlisted; a need in Haute-Garonne."""
    return {
        "siae": make_supplier("Insertion Propreté", statuses=["ess", "siae"]),
        "ea": make_supplier("EA Nettoyage", statuses=["ea"], siae_kind=None),
        "ess": make_supplier("Coopérative Brillante", statuses=["ess"], siae_kind=None),
        "far": make_supplier("Nettoyage du Nord", department="59", statuses=["ess"], siae_kind=None),
        "hidden": make_supplier("Discrète Nettoyage", listed=False),
        "need": make_need(),
    }


def test_anonymous_goes_to_login(client, scene):
    response = client.get(_url(scene["need"]))
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]


def test_other_organisations_get_404(client, login, scene):
    other_buyer = factories.MembershipFactory(organisation=factories.BuyerFactory()).user
    for user in (other_buyer, scene["siae"].user):
        login(user)
        assert client.get(_url(scene["need"])).status_code == 404
    assert client.get("/besoins/999999/fournisseurs").status_code == 404


def test_owner_sees_ranked_suppliers_with_reasons(client, login, buyer, scene):
    login(buyer.user)
    html = client.get(_url(scene["need"])).get_data(as_text=True)
    for name in ("Insertion Propreté", "EA Nettoyage", "Coopérative Brillante", "Nettoyage du Nord"):
        assert name in html
    assert "Discrète Nettoyage" not in html  # unlisted: not shown to buyers
    assert "Même catégorie CPV : 90911200 Services de nettoyage de bâtiments" in html
    assert "Intervient en Haute-Garonne" in html
    assert "N&#39;intervient pas dans ce département" in html
    assert "Très pertinent" in html and "sur 100" in html
    # The local suppliers come before the one from the Nord.
    assert html.index("Coopérative Brillante") < html.index("Nettoyage du Nord")
    assert f'href="/annuaire/{scene["siae"].org.id}"' in html


def test_drafts_are_for_the_owner_only(client, login, buyer, make_need, scene):
    draft = make_need(publish=False, title="Brouillon de nettoyage")
    login(buyer.user)
    response = client.get(_url(draft))
    assert response.status_code == 200 and "brouillon" in response.get_data(as_text=True)
    login(scene["siae"].user)
    assert client.get(_url(draft)).status_code == 404


def test_filters(client, login, buyer, scene):
    login(buyer.user)
    html = client.get(_url(scene["need"], insertion=1)).get_data(as_text=True)
    assert "Insertion Propreté" in html and "EA Nettoyage" not in html and "Coopérative Brillante" not in html
    html = client.get(_url(scene["need"], ea_esat=1)).get_data(as_text=True)
    assert "EA Nettoyage" in html and "Insertion Propreté" not in html
    html = client.get(_url(scene["need"], in_department=1)).get_data(as_text=True)
    assert "Nettoyage du Nord" not in html and "Coopérative Brillante" in html


def test_reserved_need_never_shows_an_ineligible_supplier(client, login, buyer, make_need, scene):
    need = make_need(reservation="L2113-13", title="Nettoyage réservé SIAE")
    login(buyer.user)
    for args in ({}, {"in_department": 1}, {"onglet": "interets"}, {"onglet": "preselection"}):
        html = client.get(_url(need, **args)).get_data(as_text=True)
        for name in ("EA Nettoyage", "Coopérative Brillante", "Nettoyage du Nord"):
            assert name not in html
    html = client.get(_url(need)).get_data(as_text=True)
    assert "Insertion Propreté" in html and "Éligible au marché réservé aux SIAE (L2113-13)" in html
    # Nor can it be put on the shortlist by a forged request.
    response = client.post(_url(need) + f"/{scene['ea'].org.id}/preselection", data={"shortlisted": "1"})
    assert response.status_code == 302
    assert db.session.get(Shortlist, (need.id, scene["ea"].org.id)) is None


def test_shortlist_toggle_is_idempotent(client, login, buyer, scene):
    need, org = scene["need"], scene["ess"].org
    login(buyer.user)
    url = _url(need) + f"/{org.id}/preselection"
    for _ in range(2):
        assert client.post(url, data={"shortlisted": "1"}).status_code == 302
    assert db.session.query(Shortlist).filter_by(need_id=need.id).count() == 1
    html = client.get(_url(need, onglet="preselection")).get_data(as_text=True)
    assert "Coopérative Brillante" in html and "Présélection (1)" in html and "Intervient en Haute-Garonne" in html
    for _ in range(2):
        assert client.post(url, data={"shortlisted": "0"}).status_code == 302
    assert db.session.query(Shortlist).filter_by(need_id=need.id).count() == 0
    assert "Votre présélection est vide" in client.get(_url(need, onglet="preselection")).get_data(as_text=True)


def test_shortlist_access(client, login, scene):
    need, org = scene["need"], scene["ess"].org
    url = _url(need) + f"/{org.id}/preselection"
    assert client.post(url, data={"shortlisted": "1"}).status_code == 302  # to the log-in page
    login(factories.MembershipFactory(organisation=factories.BuyerFactory()).user)
    assert client.post(url, data={"shortlisted": "1"}).status_code == 404
    login(scene["siae"].user)
    assert client.post(url, data={"shortlisted": "1"}).status_code == 404
    assert db.session.query(Shortlist).count() == 0


def test_unlisted_or_buyer_cannot_be_shortlisted(client, login, buyer, scene):
    login(buyer.user)
    for org in (scene["hidden"].org, buyer.org):
        url = _url(scene["need"]) + f"/{org.id}/preselection"
        assert client.post(url, data={"shortlisted": "1"}).status_code == 404


def test_shortlist_next_stays_on_site(client, login, buyer, scene):
    login(buyer.user)
    url = _url(scene["need"]) + f"/{scene['ess'].org.id}/preselection"
    response = client.post(url, data={"shortlisted": "1", "next": "https://evil.example/x"})
    assert response.headers["Location"].endswith(_url(scene["need"]))


def test_declared_interest_shows_on_the_buyer_page(client, login, buyer, scene):
    need = scene["need"]
    services.declare_interest(scene["siae"].user, scene["siae"].org, need, "interested",
                              message="Nous nettoyons déjà 12 lycées.")
    services.declare_interest(scene["ess"].user, scene["ess"].org, need, "not_for_us", reason="size")
    services.declare_interest(scene["hidden"].user, scene["hidden"].org, need, "interested")
    db.session.commit()
    login(buyer.user)
    html = client.get(_url(need, onglet="interets")).get_data(as_text=True)
    assert "Intérêts déclarés (2)" in html
    assert "Insertion Propreté" in html and "Nous nettoyons déjà 12 lycées." in html
    # An unlisted company that chose to answer is shown, without a link to a profile it did not publish.
    assert "Discrète Nettoyage" in html and f'/annuaire/{scene["hidden"].org.id}"' not in html
    assert "Trop gros pour nous" in html
    assert "<strong>Coopérative Brillante</strong> : Trop gros pour nous" in html
    ranking = client.get(_url(need)).get_data(as_text=True)
    assert "A déclaré son intérêt" in ranking


def test_pagination_of_the_ranking(client, login, buyer, make_supplier, make_need):
    for i in range(12):
        make_supplier(f"Nettoyeur {i:02d}")
    need = make_need()
    login(buyer.user)
    first = client.get(_url(need)).get_data(as_text=True)
    second = client.get(_url(need, page=2)).get_data(as_text=True)
    assert len(re.findall(r'id="supplier-\d+"', first)) == 10
    assert len(re.findall(r'id="supplier-\d+"', second)) == 2
    assert "page 1 sur 2" in first and 'start="11"' in second
    assert "Cette page n'existe pas" in client.get(_url(need, page=9)).get_data(as_text=True)


def test_empty_ranking_says_what_to_do(client, login, buyer, make_need):
    need = make_need(cpv_codes=["55520000"], title="Repas", description="Plateaux")
    login(buyer.user)
    html = client.get(_url(need)).get_data(as_text=True)
    assert "Aucune structure de l'ESS ne correspond encore à ce besoin" in html
