"""GET /besoins: the filter form, cards, messages, empty states, pagination, languages, queries."""
import re
from datetime import date, datetime, timedelta
from html import unescape

import pytest
from sqlalchemy import event

from matchfair.extensions import db
from matchfair.needs.direct_award import local_today

from .. import factories
from .conftest import titles_in


def html(response) -> str:
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def count_text(response) -> str:
    match = re.search(r'<p class="results-count" role="status">(.*?)</p>', html(response), re.DOTALL)
    return " ".join(match.group(1).split())


def card_of(page: str, title: str) -> str:
    start = page.index(f">{title}</a></h3>")
    return page[start:page.index("</article>", start)]


def test_empty_board_says_what_to_do(client):
    page = html(client.get("/besoins"))
    assert "Aucun besoin n'est publié pour l'instant" in page
    assert "/inscription?kind=buyer" in page
    assert "Aucun besoin trouvé" in page


def test_drafts_never_appear(client, make_need):
    make_need(title="Brouillon secret", status="draft", published_at=None)
    make_need(title="Publié")
    assert titles_in(client.get("/besoins")) == ["Publié"]
    assert titles_in(client.get("/besoins?closed=y")) == ["Publié"]
    assert "Brouillon secret" not in html(client.get("/besoins?q=brouillon&closed=y"))


def test_closed_and_awarded_needs_only_on_request_with_their_status(client, make_need):
    make_need(title="Ouvert", expected_publication_date=date(2026, 9, 1))
    make_need(title="Fini", status="closed", expected_publication_date=date(2026, 8, 1))
    make_need(title="Gagné", status="awarded", expected_publication_date=date(2026, 7, 1))
    assert titles_in(client.get("/besoins")) == ["Ouvert"]
    response = client.get("/besoins?closed=y")
    assert titles_in(response) == ["Gagné", "Fini", "Ouvert"]
    page = html(response)
    assert '<li class="badge">Clos</li>' in card_of(page, "Fini")
    assert '<li class="badge">Attribué</li>' in card_of(page, "Gagné")
    assert "Besoins clos et attribués inclus" in page


def test_card_shows_buyer_place_amount_date_badges_cpv_and_lots(client, make_need, cpv_codes):
    buyer = factories.BuyerFactory(name="Région Occitanie")
    make_need(title="Nettoyage des lycées", organisation=buyer, department_code="31", estimated_amount_eur=55_000,
              expected_publication_date=date(2026, 9, 14), reservation="L2113-13", social_clause="execution",
              environmental_clause=True, innovative=True, cpv=["90911200", "90919000"],
              lots=[{"cpv": ["90911200"]}, {"cpv": ["77310000"]}, {"cpv": ["55500000"]}],
              description="Entretien des locaux " * 30)
    make_need(title="Sans montant ni date", cpv=["77310000"])
    page = html(client.get("/besoins"))
    card = card_of(page, "Nettoyage des lycées")
    assert "Région Occitanie" in card
    assert "Haute-Garonne (31)" in card
    assert re.search(r"55\s000\s€ HT", card)
    assert '<time datetime="2026-09-14">14 septembre 2026</time>' in card
    for badge in ("Réservé SIAE (L2113-13)", "Clause sociale : heures d'insertion", "Clause environnementale",
                  "Achat innovant", "Attribuable sans publicité"):
        assert f">{badge}</li>" in card
    # The need's codes first, then its lots' other codes: three labels, then how many more.
    assert "Services de nettoyage de bâtiments · Services de nettoyage de bureaux" in card
    assert "Services de plantation et d'entretien d'espaces verts (et 1 autre)" in card
    assert "3 lots" in card
    assert "Entretien des locaux Entretien" in card and "…" in card
    other = card_of(page, "Sans montant ni date")
    assert "montant non communiqué" in other and "date non communiquée" in other
    assert "Attribuable sans publicité" not in other and "lots" not in other


def test_card_links_to_the_need_page(client, make_need, app):
    need = make_need(title="Cible")
    with app.test_request_context():
        from flask import url_for

        target = url_for("needs.show", need_id=need.id)
    assert f'<a href="{target}">Cible</a>' in html(client.get("/besoins"))


def test_sorted_by_expected_date_unknown_last(client, make_need):
    make_need(title="Inconnue")
    make_need(title="Décembre", expected_publication_date=date(2026, 12, 1))
    make_need(title="Juillet", expected_publication_date=date(2026, 7, 1))
    assert titles_in(client.get("/besoins")) == ["Juillet", "Décembre", "Inconnue"]


@pytest.fixture
def varied_needs(make_need, cpv_codes):
    make_need(title="Nettoyage Toulouse", department_code="31", cpv=["90911200"], reservation="L2113-13",
              social_clause="execution", estimated_amount_eur=45_000, expected_publication_date=date(2026, 9, 1))
    make_need(title="Espaces verts Paris", department_code="75", lots=[{"cpv": ["77310000"]}],
              reservation="L2113-12", social_clause="award", estimated_amount_eur=300_000,
              expected_publication_date=date(2026, 10, 1))
    make_need(title="Cantine Albi", department_code="81", cpv=["55500000"], estimated_amount_eur=None)


@pytest.mark.parametrize("query, expected, chip", [
    ("q=NETTOYAGE", ["Nettoyage Toulouse"], "Mots : NETTOYAGE"),
    ("cpv=77000000", ["Espaces verts Paris"], "CPV : 77000000 – Services agricoles"),
    ("cpv=90910000-9", ["Nettoyage Toulouse"], "CPV : 90910000 – Services de nettoyage"),
    ("department=31", ["Nettoyage Toulouse"], "Département : Haute-Garonne"),
    ("region=76", ["Nettoyage Toulouse", "Cantine Albi"], "Région : Occitanie"),
    ("reservation=reserved", ["Nettoyage Toulouse", "Espaces verts Paris"], "Réservation : Réservés (tous les types)"),
    ("reservation=L2113-12", ["Espaces verts Paris"], "Réservation : Réservé EA et ESAT (L2113-12)"),
    ("reservation=none", ["Cantine Albi"], "Réservation : Non réservés"),
    ("social=with", ["Nettoyage Toulouse", "Espaces verts Paris"], "Clause sociale : Avec une clause sociale"),
    ("social=award", ["Espaces verts Paris"], "Clause sociale : Critère d'attribution"),
    ("amount=40k-60k&amount=unknown", ["Nettoyage Toulouse", "Cantine Albi"],
     "Montant : De 40 000 € à moins de 60 000 €, Montant non communiqué"),
    ("date_from=2026-09-02", ["Espaces verts Paris"], "Publication prévue à partir du 2 septembre 2026"),
    ("date_to=01/09/2026", ["Nettoyage Toulouse"], "Publication prévue jusqu'au 1 septembre 2026"),
    ("date_from=2026-09-01&date_to=2026-10-01", ["Nettoyage Toulouse", "Espaces verts Paris"],
     "Publication prévue jusqu'au 1 octobre 2026"),
    ("direct=y", ["Nettoyage Toulouse"], "Attribuables sans publicité"),
    ("region=76&reservation=L2113-13&amount=40k-60k&direct=y", ["Nettoyage Toulouse"], "Région : Occitanie"),
])
def test_each_filter_narrows_the_list_and_shows_a_chip(client, varied_needs, query, expected, chip):
    response = client.get("/besoins?" + query)
    assert titles_in(response) == expected
    assert chip in html(response)


def test_within_months_counts_from_today(client, make_need, app):
    today = local_today()
    make_need(title="Passé", expected_publication_date=today - timedelta(days=1))
    make_need(title="Aujourd'hui", expected_publication_date=today)
    make_need(title="Dans deux mois", expected_publication_date=today + timedelta(days=60))
    make_need(title="Dans cinq mois", expected_publication_date=today + timedelta(days=150))
    make_need(title="Dans un an", expected_publication_date=today + timedelta(days=365))
    make_need(title="Sans date")
    assert titles_in(client.get("/besoins?within=3")) == ["Aujourd'hui", "Dans deux mois"]
    assert titles_in(client.get("/besoins?within=6")) == ["Aujourd'hui", "Dans deux mois", "Dans cinq mois"]
    assert "Publication prévue dans les 6 mois" in html(client.get("/besoins?within=6"))
    # Crossed with a range typed by hand.
    start = (today + timedelta(days=30)).isoformat()
    assert titles_in(client.get(f"/besoins?within=6&date_from={start}")) == ["Dans deux mois", "Dans cinq mois"]


@pytest.mark.parametrize("query, field, message", [
    ("department=999", "department", "Ce département n'existe pas"),
    ("region=42", "region", "Cette région n'existe pas"),
    ("cpv=abc", "cpv", "Code CPV mal formé : abc"),
    ("cpv=12345678", "cpv", "Code CPV inconnu : 12345678"),
    ("reservation=L9999", "reservation", "Type de réservation inconnu"),
    ("social=maybe", "social", "Type de clause sociale inconnu"),
    ("amount=5k", "amount", "Tranche de montant inconnue"),
    ("within=12", "within", "Période inconnue"),
    ("date_from=demain", "date_from", "Date non valide"),
    ("date_from=2026-02-30", "date_from", "Date non valide"),
    ("date_from=2026-09-01&date_to=2026-08-01", "date_to", "Cette date précède la date de début"),
    ("q=" + "x" * 201, "q", "200 caractères au plus."),
])
def test_bad_filter_values_give_a_message_and_are_ignored(client, make_need, query, field, message):
    make_need(title="Toujours là", expected_publication_date=date(2026, 9, 15))
    response = client.get("/besoins?" + query)
    page = html(response)
    assert message in page
    assert f'<small id="{field}-error" class="field-error">' in page
    assert f'{field}-error"' in re.search(rf'<(?:input|select|fieldset)[^>]*(?:id="{field}"|aria-describedby="{field}-)[^>]*>',
                                          page).group(0)
    assert titles_in(response) == ["Toujours là"]


def test_nothing_found_suggests_removing_filters(client, make_need):
    make_need(title="Ailleurs", department_code="75", reservation="L2113-12")
    response = client.get("/besoins?q=jardin&department=31&reservation=L2113-12&closed=y")
    page = html(response)
    assert titles_in(response) == []
    assert "Aucun besoin ne correspond à votre recherche" in page
    assert "Retirer « Mots : jardin »" in page and "Retirer « Département : Haute-Garonne »" in page
    # Including closed needs only widens: not offered as a way out.
    assert "Retirer « Besoins clos et attribués inclus »" not in page
    link = re.search(r'<a href="([^"]+)">Retirer « Département', page).group(1)
    assert "department" not in link and "q=jardin" in link and "reservation=L2113-12" in link
    link = re.search(r'<a href="([^"]+)">Retirer « Mots', page).group(1)
    assert titles_in(client.get(re.search(r'<a href="([^"]+)">Retirer « Département', html(client.get(link))).group(1))) == ["Ailleurs"]


def test_pagination_keeps_the_filters(client, make_need, app):
    per_page = app.config["PER_PAGE"]
    for i in range(per_page + 3):
        make_need(title=f"Besoin {i:03d}", expected_publication_date=date(2026, 7, 1) + timedelta(days=i))
    first = client.get("/besoins?department=31")
    assert len(titles_in(first)) == per_page
    assert count_text(first) == f"{per_page + 3} besoins trouvés · page 1 sur 2"
    second_url = re.search(r'href="([^"]+)" rel="next"', html(first)).group(1)
    assert "department=31" in second_url
    assert titles_in(client.get(second_url)) == [f"Besoin {i:03d}" for i in range(per_page, per_page + 3)]


@pytest.mark.parametrize("page", ["9", "abc", "0", "-3", "99999999999999999999999"])
def test_odd_page_numbers_do_not_crash(client, make_need, page):
    make_need(title="Seul")
    assert client.get("/besoins?page=" + page).status_code == 200


def test_page_beyond_the_last(client, make_need):
    make_need(title="Seul")
    page = html(client.get("/besoins?page=9"))
    assert "Cette page n'existe pas" in page and "Revenir à la première page" in page


def test_links_to_the_feed_of_the_same_filters(client, make_need):
    make_need(title="Un")
    page = html(client.get("/besoins?region=76&q=&amount=lt40k&amount=unknown&page=2"))
    alternate = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', page)
    assert alternate.group(1) == "/besoins/flux.atom?region=76&amount=lt40k&amount=unknown"
    assert f'<a href="{alternate.group(1)}" type="application/atom+xml">' in page


def test_direct_award_help_gives_the_thresholds_in_force(client):
    page = html(client.get("/besoins"))
    assert re.search(r"aujourd'hui [46]0\s000\s€ HT pour les fournitures et services, 100\s000\s€ HT pour les travaux",
                     page)


def test_in_english(client, make_need, cpv_codes):
    make_need(title="Ménage", cpv=["90911200"], expected_publication_date=date(2026, 9, 14))
    client.get("/langue?lang=en")
    page = html(client.get("/besoins?cpv=90910000"))
    assert "Building-cleaning services" in page and "Services de nettoyage de bâtiments" not in page
    assert "CPV : 90910000 – Cleaning services" in page or "CPV: 90910000 – Cleaning services" in page
    assert "September 14, 2026" in page


def test_accessible_structure(client, make_need):
    make_need(title="Un")
    page = html(client.get("/besoins"))
    assert page.count("<h1") == 1
    assert '<search class="board-filters" aria-labelledby="filters-title">' in page and 'role="status"' in page
    for field in ("q", "cpv", "department", "region", "reservation", "social", "within", "date_from", "date_to",
                  "direct", "closed"):
        assert f'for="{field}"' in page
    assert "<legend>Montant estimé (HT)</legend>" in page
    assert '<ol class="need-cards">' in page and 'aria-labelledby="need-' in page
    assert "<style" not in page and "<script>" not in page
    assert 'href="/static/css/board.css"' in page


def test_same_page_for_signed_in_people(client, make_need, login, buyer_admin, sse_admin):
    make_need(title="Visible")
    make_need(title="Brouillon", status="draft", published_at=None)
    for user in (buyer_admin, sse_admin):
        login(user)
        assert titles_in(client.get("/besoins")) == ["Visible"]


def count_queries(client, app, url) -> int:
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(statements)


def test_query_count_does_not_grow_with_the_results(client, make_need, cpv_codes, app):
    make_need(title="Un", cpv=["90911200"], lots=[{"cpv": ["90919000"]}])
    few = count_queries(client, app, "/besoins?cpv=90000000")
    few_feed = count_queries(client, app, "/besoins/flux.atom?cpv=90000000")
    for i in range(15):
        make_need(title=f"Autre {i}", cpv=["90911200", "90919000"], organisation=factories.BuyerFactory(),
                  lots=[{"cpv": ["90911200"]}, {"cpv": ["90920000", "77310000"]}], reservation="L2113-13",
                  published_at=datetime(2026, 1, 1) + timedelta(days=i))
    assert count_queries(client, app, "/besoins?cpv=90000000") == few
    assert count_queries(client, app, "/besoins/flux.atom?cpv=90000000") == few_feed


@pytest.mark.parametrize("query, is_open", [
    ("", False), ("department=31", False), ("amount=lt40k", True), ("within=3", True),
    ("date_from=nope", True), ("closed=y", True),
])
def test_less_used_filters_fold_away_unless_in_use(client, query, is_open):
    page = html(client.get("/besoins?" + query))
    assert ('<details class="more-filters" open>' in page) is is_open
