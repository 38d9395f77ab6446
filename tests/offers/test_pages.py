"""The list of a company's offers, publication and deletion."""
import html

from sqlalchemy import select

from matchfair.extensions import db
from matchfair.matching.state import versions
from matchfair.offers.models import Offer, OfferCpv, OfferReference


def _page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_empty_list_says_what_to_do(client, login, sse_admin, sse_org):
    login(sse_admin)
    page = _page(client.get("/offres"))
    assert f"<h1>Offres de {sse_org.name}</h1>" in page
    assert "Présentez votre première offre : les acheteurs la verront et le rapprochement avec leurs besoins sera plus précis" in page
    assert 'href="/offres/nouvelle" role="button">Présenter une offre' in page


def test_list_shows_each_offer_with_its_state_and_actions(client, login, sse_admin, sse_org, make_offer):
    published = make_offer(sse_org, title="Vitrerie des écoles", codes=["90911300"], regions=["76"],
                           capacity_eur=40_000, references=[("Mairie de Muret", None, 2024, 48_000)])
    draft = make_offer(sse_org, title="Espaces verts", codes=["77310000"], is_published=False)
    login(sse_admin)
    page = _page(client.get("/offres"))
    assert "2 offres, dont 1 publiée" in page
    assert page.count("<h1>") == 1
    # Newest first, each with its state in words.
    assert page.index("Espaces verts") < page.index("Vitrerie des écoles")
    assert "Non publiée : visible de vos seuls membres" in page and ">Publiée</span>" in page
    assert "90911300</span> Services de nettoyage de vitres" in page
    assert "Occitanie" in page and "1 référence" in page and "Aucune pour l'instant" in page
    for offer in (published, draft):
        assert f'href="/offres/{offer.id}/modifier"' in page
        assert f'action="/offres/{offer.id}/publication"' in page
        assert f'href="/offres/{offer.id}/supprimer"' in page
    assert "Retirer de la publication" in page and ">Publier<" in page


def test_list_is_paginated(app, client, login, sse_admin, sse_org, make_offer):
    for i in range(app.config["PER_PAGE"] + 3):
        make_offer(sse_org, title=f"Offre numéro {i:02d}")
    login(sse_admin)
    first = _page(client.get("/offres"))
    assert f"{app.config['PER_PAGE'] + 3} offres" in first and 'rel="next"' in first
    second = _page(client.get("/offres?page=2"))
    assert second.count('class="offer-item"') == 3
    assert client.get("/offres?page=999").status_code == 200


def test_publish_toggle(client, login, sse_admin, sse_org, make_offer):
    offer = make_offer(sse_org)
    login(sse_admin)
    before = versions()[0]
    response = client.post(f"/offres/{offer.id}/publication", data={"published": "0", "next": "/offres?page=1"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/offres?page=1")
    db.session.expire_all()
    assert not db.session.get(Offer, offer.id).is_published
    assert versions()[0] == before + 1
    assert "n'est plus publiée" in _page(client.get("/offres"))

    client.post(f"/offres/{offer.id}/publication", data={"published": "1"})
    db.session.expire_all()
    assert db.session.get(Offer, offer.id).is_published
    assert versions()[0] == before + 2
    # Publishing what is already published changes nothing.
    client.post(f"/offres/{offer.id}/publication", data={"published": "1"})
    assert versions()[0] == before + 2


def test_publication_never_redirects_elsewhere(client, login, sse_admin, sse_org, make_offer):
    offer = make_offer(sse_org)
    login(sse_admin)
    response = client.post(f"/offres/{offer.id}/publication", data={"published": "0", "next": "https://ailleurs.example"})
    assert response.headers["Location"].endswith("/offres")


def test_delete_asks_first_then_deletes_everything(client, login, sse_admin, sse_org, make_offer):
    offer = make_offer(sse_org, title="À supprimer", references=[("Mairie de Muret", None, 2024, None)])
    login(sse_admin)
    page = _page(client.get(f"/offres/{offer.id}/supprimer"))
    assert "<h1>Supprimer l'offre « À supprimer » ?</h1>" in page
    assert f'action="/offres/{offer.id}/supprimer"' in page and "définitive" in page
    assert db.session.get(Offer, offer.id) is not None

    before = versions()[0]
    response = client.post(f"/offres/{offer.id}/supprimer")
    assert response.status_code == 302
    assert "L'offre « À supprimer » est supprimée." in _page(client.get("/offres"))
    db.session.expire_all()
    assert db.session.get(Offer, offer.id) is None
    assert db.session.scalars(select(OfferReference)).first() is None
    assert db.session.scalars(select(OfferCpv)).first() is None
    assert versions()[0] == before + 1
    assert client.get(f"/offres/{offer.id}/modifier").status_code == 404


def test_creating_and_editing_raise_the_suppliers_version(client, login, sse_admin, sse_org, make_offer, cpv_codes):
    login(sse_admin)
    before = versions()[0]
    client.post("/offres/nouvelle", data={"title": "Vitrerie", "cpv_codes": "90911300", "is_published": "y"})
    assert versions()[0] == before + 1
    offer = db.session.scalars(select(Offer)).one()
    client.post(f"/offres/{offer.id}/modifier", data={"title": "Vitrerie et nettoyage", "cpv_codes": "90911300 90911200"})
    assert versions()[0] == before + 2
    # Bad input saves nothing and raises nothing.
    client.post(f"/offres/{offer.id}/modifier", data={"title": "", "cpv_codes": "90911300"})
    assert versions()[0] == before + 2
