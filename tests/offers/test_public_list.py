"""templates/offers/_public_list.html: a company's published offers on its public profile."""
import html

from flask import render_template_string

from matchfair.extensions import db
from matchfair.offers.services import public_offers
from matchfair.organisations.models import OrganisationArea

PARTIAL = '{% include "offers/_public_list.html" %}'


def _render(offers) -> str:
    return html.unescape(render_template_string(PARTIAL, offers=offers))


def test_shows_published_offers_with_codes_area_and_references(app, sse_org, make_offer):
    make_offer(sse_org, title="Vitrerie des écoles", codes=["90911300", "90911200"], departments=["31"],
               description="Vitres des écoles\net des gymnases.", capacity_eur=40_000,
               references=[("Mairie de Muret", "nettoyage de 3 écoles", 2024, 48_000),
                           ("CCAS de Muret", None, None, None)])
    make_offer(sse_org, title="Offre en préparation", is_published=False)
    with app.test_request_context("/annuaire/1"):
        page = _render(public_offers(sse_org.id))
    assert '<h2 id="offers-title">Offres</h2>' in page
    assert "Vitrerie des écoles" in page and "Offre en préparation" not in page
    assert "90911300</span> Services de nettoyage de vitres" in page
    assert "90911200</span> Services de nettoyage de bâtiments" in page
    assert "Haute-Garonne (31)" in page and "zone de la structure" not in page
    assert "40\u202f000\u00a0€ HT" in page
    assert "<strong>Mairie de Muret</strong> : nettoyage de 3 écoles" in page
    assert "2024 · 48\u202f000\u00a0€ HT" in page
    assert "<strong>CCAS de Muret</strong>" in page


def test_unpublished_offers_are_never_shown_even_if_passed(app, sse_org, make_offer):
    draft = make_offer(sse_org, title="Offre en préparation", is_published=False)
    with app.test_request_context("/annuaire/1"):
        page = _render([draft])
    assert "Offre en préparation" not in page
    assert "Cette structure n'a pas encore publié d'offre." in page


def test_an_offer_without_area_shows_the_organisation_area(app, sse_org, make_offer):
    make_offer(sse_org, title="Vitrerie")
    with app.test_request_context("/annuaire/1"):
        page = _render(public_offers(sse_org.id))
    assert "Haute-Garonne (31), Tarn (81) <span class=\"muted\">(zone de la structure)</span>" in page


def test_capacity_follows_the_publish_figures_choice(app, sse_org, make_offer):
    make_offer(sse_org, title="Vitrerie", capacity_eur=40_000)
    sse_org.publish_figures = False
    db.session.commit()
    with app.test_request_context("/annuaire/1"):
        page = _render(public_offers(sse_org.id))
    assert "Vitrerie" in page and "40\u202f000" not in page


def test_national_offer(app, sse_org, make_offer):
    sse_org.areas = [OrganisationArea(kind="department", code="31")]
    make_offer(sse_org, title="Vitrerie", national=True)
    with app.test_request_context("/annuaire/1"):
        page = _render(public_offers(sse_org.id))
    assert "Toute la France" in page


def test_no_offer(app):
    with app.test_request_context("/annuaire/1"):
        assert "Cette structure n'a pas encore publié d'offre." in _render([])
