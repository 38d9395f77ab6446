"""GET /annuaire: the search form, results, messages, empty states, pagination and languages."""
import re
from html import unescape

import pytest

from matchfair.extensions import db

from .. import factories
from .conftest import names_in


def html(response) -> str:
    """The page's HTML with entities decoded (' -> ', &amp; -> &)."""
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def count_text(response) -> str:
    match = re.search(r'<p class="results-count" role="status">(.*?)</p>', html(response), re.S)
    return " ".join(match.group(1).split())


def test_empty_directory_explains_how_companies_appear(client):
    factories.BuyerFactory()
    page = html(client.get("/annuaire"))
    assert "L'annuaire est encore vide" in page
    assert "dès qu'elles créent et publient leur fiche" in page
    assert "Aucune structure trouvée" in page


def test_lists_companies_with_count_and_cards(client, make_sse, cpv_codes):
    make_sse(name="Régie Verte", statuses=["siae"], siae_kind="ACI", departments=["31", "81"],
             cpv=["90911200", "77310000", "90919000", "90920000"], description="Nettoyage " * 60)
    make_sse(name="Atelier National", national=True, statuses=["ea"], city="Lyon", department_code="69")
    response = client.get("/annuaire")
    page = html(response)
    assert count_text(response) == "2 structures trouvées"
    assert names_in(response) == ["Atelier National", "Régie Verte"]
    assert '<ol class="directory-cards">' in page
    assert "SIAE (ACI)" in page and ">EA<" in page
    assert "Toulouse (Haute-Garonne)" in page and "Lyon (Rhône)" in page
    assert "Haute-Garonne, Tarn" in page and "Toute la France" in page
    # Three activity labels at most, then how many more.
    assert "Services de nettoyage de bâtiments" in page and "(et 1 autre)" in page
    assert "Nettoyage Nettoyage" in page and "…" in page


def test_card_hides_the_city_unless_the_address_is_published(client, make_sse):
    make_sse(name="Discrète", city="Montauban", department_code="82", publish_address=False)
    page = html(client.get("/annuaire"))
    assert "Discrète" in page and "Montauban" not in page and "(Tarn-et-Garonne)" not in page


def test_area_summary_shortens_long_lists(client, make_sse):
    make_sse(name="Partout", regions=["76"], departments=["31", "81", "82", "32"])
    assert "Occitanie, Haute-Garonne, Gers et 2 autres" in html(client.get("/annuaire"))


def test_logo_when_there_is_one(client, make_sse, app):
    from matchfair.timeutil import utcnow

    org = make_sse(name="Avec logo")
    org.logo_updated_at = utcnow()
    db.session.commit()
    make_sse(name="Sans logo")
    page = html(client.get("/annuaire"))
    with app.test_request_context():
        from flask import url_for

        logo_url = url_for("organisations.logo", org_id=org.id)
    assert logo_url.split("?")[0] in page
    assert 'class="org-logo org-initial" aria-hidden="true">S<' in page


def test_search_by_words(client, make_sse):
    make_sse(name="Brin de Nettoyage", city="Toulouse")
    make_sse(name="Nettoyage Albi", city="Albi", department_code="81")
    response = client.get("/annuaire?q=Nettoyage+Toulouse")
    assert names_in(response) == ["Brin de Nettoyage"]
    assert count_text(response) == "1 structure trouvée"
    assert "Mots : Nettoyage Toulouse" in html(response)


def test_search_by_cpv_class(client, make_sse, cpv_codes):
    make_sse(name="Bâtiments", cpv=["90911200"])
    make_sse(name="Hygiène", cpv=["90920000"])
    response = client.get("/annuaire?cpv=90910000-9")
    assert names_in(response) == ["Bâtiments"]
    assert "CPV : 90910000 – Services de nettoyage" in html(response)


def test_search_by_department_and_region(client, make_sse):
    make_sse(name="Toulouse", departments=["31"])
    make_sse(name="Paris", departments=["75"])
    make_sse(name="France", national=True)
    assert names_in(client.get("/annuaire?department=31")) == ["France", "Toulouse"]
    assert names_in(client.get("/annuaire?region=76")) == ["France", "Toulouse"]
    assert names_in(client.get("/annuaire?region=76&national=0")) == ["Toulouse"]
    assert names_in(client.get("/annuaire?department=31&national=1&national=0")) == ["France", "Toulouse"]
    # Single-digit departments as people type them.
    assert "Département : Ain" in html(client.get("/annuaire?department=1"))


def test_search_by_status(client, make_sse):
    make_sse(name="ACI", statuses=["siae"], siae_kind="ACI")
    make_sse(name="EA", statuses=["ea"])
    make_sse(name="ESS", statuses=["ess"])
    assert names_in(client.get("/annuaire?status=ea&status=siae")) == ["ACI", "EA"]
    assert names_in(client.get("/annuaire?siae=ACI")) == ["ACI"]
    assert names_in(client.get("/annuaire?siae=EI")) == []


def test_the_national_box_is_ticked_by_default_and_keeps_its_state(client):
    assert re.search(r'id="national"[^>]*checked', html(client.get("/annuaire")))
    assert not re.search(r'id="national"[^>]*checked', html(client.get("/annuaire?national=0")))
    assert re.search(r'id="national"[^>]*checked', html(client.get("/annuaire?national=1&national=0")))


@pytest.mark.parametrize("query, message", [
    ("department=999", "Ce département n'existe pas"),
    ("region=42", "Cette région n'existe pas"),
    ("cpv=abc", "Code CPV mal formé : abc"),
    ("cpv=12345678", "Code CPV inconnu : 12345678"),
    ("cpv=90000000+45000000", "Choisissez un seul code CPV."),
    ("status=nope", "Statut inconnu"),
    ("siae=XX", "Type de SIAE inconnu"),
    ("q=" + "x" * 201, "200 caractères au plus."),
])
def test_bad_filter_values_give_a_message_and_are_ignored(client, make_sse, query, message):
    make_sse(name="Toujours là")
    response = client.get("/annuaire?" + query)
    page = html(response)
    assert message in page
    field = query.split("=")[0]
    assert f'<small id="{field}-error" class="field-error">' in page
    assert f'aria-describedby="{field}-error"' in page or f'-help {field}-error"' in page
    assert names_in(response) == ["Toujours là"]


def test_nothing_found_suggests_removing_filters(client, make_sse):
    make_sse(name="Ailleurs", departments=["75"], statuses=["ea"])
    response = client.get("/annuaire?q=jardin&department=31&status=ea&national=0")
    page = html(response)
    assert names_in(response) == []
    assert "Aucune structure ne correspond à votre recherche" in page
    assert "Retirer « Mots : jardin »" in page
    assert "Retirer « Département : Haute-Garonne »" in page
    assert "Retirer « Statut : EA »" in page
    assert "Retirer « Sans les structures nationales »" in page
    # The link that drops the words keeps the other filters.
    link = re.search(r'<a href="([^"]+)">Retirer « Mots : jardin »', page).group(1)
    assert "q=" not in link and "department=31" in link and "status=ea" in link
    assert names_in(client.get(link)) == []
    link = re.search(r'<a href="([^"]+)">Retirer « Département', page).group(1)
    assert "department" not in link


def test_pagination(client, make_sse, app):
    per_page = app.config["PER_PAGE"]
    for i in range(per_page + 3):
        make_sse(name=f"Structure {i:03d}")
    first = client.get("/annuaire?q=structure")
    assert len(names_in(first)) == per_page
    assert count_text(first) == f"{per_page + 3} structures trouvées · page 1 sur 2"
    assert 'rel="next"' in html(first)
    second = client.get("/annuaire?q=structure&page=2")
    assert names_in(second) == [f"Structure {i:03d}" for i in range(per_page, per_page + 3)]
    assert "q=structure" in re.search(r'href="([^"]+)" rel="prev"', html(second)).group(1)


@pytest.mark.parametrize("page", ["9", "abc", "0", "-3", "99999999999999999999999"])
def test_odd_page_numbers_do_not_crash(client, make_sse, page):
    make_sse(name="Seule")
    response = client.get("/annuaire?page=" + page)
    assert response.status_code == 200


def test_page_beyond_the_last_is_an_empty_page(client, make_sse):
    make_sse(name="Seule")
    response = client.get("/annuaire?page=9")
    page = html(response)
    assert names_in(response) == []
    assert "Cette page n'existe pas" in page and "Revenir à la première page" in page


def test_cards_link_to_the_profile_keeping_the_search(client, make_sse):
    org = make_sse(name="Cible", departments=["31"])
    page = html(client.get("/annuaire?department=31&page=1"))
    assert f'href="/annuaire/{org.id}?from=department%3D31%26page%3D1"' in page


def test_results_in_english(client, make_sse, cpv_codes):
    make_sse(name="Régie", cpv=["90911200"], statuses=["ess"])
    client.get("/langue?lang=en")
    page = html(client.get("/annuaire?cpv=90910000"))
    assert "Building-cleaning services" in page
    assert "Services de nettoyage de bâtiments" not in page
    assert "90910000 – Cleaning services" in page


def test_accessible_structure(client, make_sse):
    make_sse(name="Une")
    page = html(client.get("/annuaire"))
    assert page.count("<h1") == 1
    assert '<search class="directory-filters" aria-labelledby="filters-title">' in page and 'role="status"' in page
    for field in ("q", "cpv", "department", "region", "national"):
        assert f'for="{field}"' in page
    assert "<style" not in page and "<script>" not in page


def test_same_page_for_signed_in_people(client, make_sse, login, buyer_admin):
    make_sse(name="Visible")
    make_sse(name="Invisible", is_listed=False)
    login(buyer_admin)
    response = client.get("/annuaire")
    assert names_in(response) == ["Visible"]


def test_query_count_does_not_grow_with_the_results(client, make_sse, cpv_codes, app):
    from sqlalchemy import event

    def count_queries(url):
        statements = []

        def record(conn, cursor, statement, *args):
            statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", record)
        return len(statements)

    make_sse(name="Une", statuses=["ess"], departments=["31"], cpv=["90911200"])
    few = count_queries("/annuaire?cpv=90000000")
    for i in range(12):
        make_sse(name=f"Autre {i}", statuses=["ess", "siae"], siae_kind="EI", departments=["31", "81"],
                 regions=["76"], cpv=["90911200", "90919000", "77310000"])
    assert count_queries("/annuaire?cpv=90000000") == few
