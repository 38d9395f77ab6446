"""The facilitator's board (/facilitateur): the published needs of its territory with a clause or that
could carry one (board.could_carry), its filters, its two orders and its pages; for each need the
insertion structures (SIAE, GEIQ, EA, ESAT) the matching engine ranks best, with a reason; the needs
it follows ("Vos accompagnements") with their progress; and the empty states."""
import re
from datetime import date, timedelta

import pytest

from matchfair.clauses import board
from matchfair.clauses.models import SupportStatus
from matchfair.extensions import db
from matchfair.matching.ranking import SupplierFilters, rank_suppliers
from matchfair.timeutil import utcnow

from .conftest import (
    BUILDING_CLEANING,
    FURNITURE,
    GREEN,
    SOFTWARE,
    WORKS,
    add_hours,
    add_support,
    make_facilitator_org,
    text_of,
    this_month,
)

CARD = re.compile(r'<article class="clause-card">.*?<h3><a href="/besoins/(\d+)/clause-sociale">(.*?)</a></h3>', re.S)


def cards(page: str) -> list[str]:
    """The titles of the needs on the board, in order."""
    return [title for _id, title in CARD.findall(page)]


def card_of(page: str, title: str) -> str:
    for chunk in page.split('<article class="clause-card">')[1:]:
        if f">{title}</a></h3>" in chunk:
            return chunk.split("</article>")[0]
    raise AssertionError(f"no card for {title}")


def followed_section(page: str) -> str:
    return page.split('id="followed-title"')[1].split("</section>")[0]


def board_page(client, query: str = "") -> str:
    response = client.get("/facilitateur" + query)
    assert response.status_code == 200
    return text_of(response)


# --- Territory -----------------------------------------------------------------------------------------

def test_only_the_needs_of_the_territory_are_shown(client, login, neighbour, make_need):
    make_need(title="Nettoyage à Toulouse", department_code="31")
    make_need(title="Nettoyage à Montauban", department_code="82")
    make_need(title="Nettoyage à Albi", department_code="81")
    login(neighbour.user)
    page = board_page(client)
    assert sorted(cards(page)) == ["Nettoyage à Montauban", "Nettoyage à Toulouse"]
    assert "Maison de l'emploi du Grand Toulouse couvre :" in page
    assert "Haute-Garonne (31)" in page and "Tarn-et-Garonne (82)" in page


def test_the_department_filter_narrows_within_the_territory(client, login, neighbour, make_need):
    make_need(title="Nettoyage à Toulouse", department_code="31")
    make_need(title="Nettoyage à Montauban", department_code="82")
    make_need(title="Nettoyage à Albi", department_code="81")
    login(neighbour.user)
    assert cards(board_page(client, "?departement=82")) == ["Nettoyage à Montauban"]
    # A department outside the territory is ignored: the whole territory, never Albi.
    assert sorted(cards(board_page(client, "?departement=81"))) == ["Nettoyage à Montauban", "Nettoyage à Toulouse"]


def test_only_published_needs_are_shown(client, login, plie, winner, make_need):
    make_need(title="Publié")
    make_need("draft", title="Brouillon")
    make_need("closed", title="Clos")
    make_need("awarded", winner=winner.org, title="Attribué")
    login(plie.user)
    assert cards(board_page(client)) == ["Publié"]


def test_a_facilitator_without_territory_is_asked_to_give_it(client, login, make_facilitator, make_need):
    empty = make_facilitator("PLIE sans territoire", ())
    make_need(title="Nettoyage à Toulouse")
    login(empty.user)
    page = board_page(client)
    assert "Votre territoire n'est pas encore indiqué" in page
    assert f"/organisation/{empty.org.id}/modifier#section-area" in page
    assert cards(page) == []


# --- What shows: a clause, or could carry one -------------------------------------------------------------

@pytest.fixture
def mixed(make_need):
    """Needs of Haute-Garonne, each named by what the board should make of it."""
    made = {}
    for title, overrides in {
        "clause-execution": {"social_clause": "execution", "insertion_hours": 800},
        "clause-award-software": {"social_clause": "award", "cpv_codes": [SOFTWARE], "estimated_amount_eur": 50_000},
        "possible-cleaning": {"social_clause": "none", "estimated_amount_eur": 200_000},
        "possible-works-no-amount": {"social_clause": "none", "cpv_codes": [WORKS], "estimated_amount_eur": None},
        "possible-green-at-threshold": {"social_clause": "none", "cpv_codes": [GREEN],
                                        "estimated_amount_eur": board.CAN_CARRY_FROM},
        "not-cleaning-too-small": {"social_clause": "none", "estimated_amount_eur": board.CAN_CARRY_FROM - 1},
        "not-furniture": {"social_clause": "none", "cpv_codes": [FURNITURE], "estimated_amount_eur": 500_000},
        "not-software": {"social_clause": "none", "cpv_codes": [SOFTWARE], "estimated_amount_eur": 500_000},
    }.items():
        made[title] = make_need(title=title, **overrides)
    return made


CLAUSE = {"clause-execution", "clause-award-software"}
POSSIBLE = {"possible-cleaning", "possible-works-no-amount", "possible-green-at-threshold"}


@pytest.mark.parametrize("query, expected", [
    ("", CLAUSE | POSSIBLE),
    ("?voir=all", CLAUSE | POSSIBLE),
    ("?voir=clause", CLAUSE),
    ("?voir=possible", POSSIBLE),
    ("?voir=nonsense", CLAUSE | POSSIBLE),
])
def test_the_filters(client, login, plie, mixed, query, expected):
    login(plie.user)
    assert set(cards(board_page(client, query))) == expected


def test_the_could_carry_rule_in_sql_agrees_with_the_cases(plie, mixed):
    from sqlalchemy import select

    from matchfair.needs.models import Need

    found = set(db.session.scalars(select(Need.title).where(board.could_carry())))
    assert found == POSSIBLE


def test_the_badges_say_what_each_need_has(client, login, plie, mixed):
    login(plie.user)
    page = board_page(client)
    assert "Clause d'insertion · 800 h" in card_of(page, "clause-execution")
    assert "Critère social d'attribution" in card_of(page, "clause-award-software")
    assert "Pourrait porter une clause" in card_of(page, "possible-cleaning")
    assert "200 000 € HT" in card_of(page, "possible-cleaning")


def test_the_filter_choice_stays_selected(client, login, plie, mixed):
    login(plie.user)
    page = board_page(client, "?voir=possible&ordre=newest")
    assert '<option value="possible" selected>' in page
    assert '<option value="newest" selected>' in page


# --- Orders -----------------------------------------------------------------------------------------------

@pytest.fixture
def dated(make_need):
    today = date.today()
    needs = {
        "in-three-months": make_need(title="in-three-months", expected_publication_date=today + timedelta(days=90)),
        "no-date": make_need(title="no-date"),
        "next-month": make_need(title="next-month", expected_publication_date=today + timedelta(days=30)),
    }
    # Published in another order: no-date last week, next-month yesterday, in-three-months today.
    for title, days in (("no-date", 7), ("next-month", 1), ("in-three-months", 0)):
        needs[title].published_at = utcnow() - timedelta(days=days)
    db.session.commit()
    return needs


def test_soonest_first_by_default_needs_without_date_last(client, login, plie, dated):
    login(plie.user)
    assert cards(board_page(client)) == ["next-month", "in-three-months", "no-date"]
    assert cards(board_page(client, "?ordre=soonest")) == ["next-month", "in-three-months", "no-date"]


def test_newest_first(client, login, plie, dated):
    login(plie.user)
    assert cards(board_page(client, "?ordre=newest")) == ["in-three-months", "next-month", "no-date"]


# --- Pages --------------------------------------------------------------------------------------------------

def test_pagination(client, login, plie, make_need):
    for n in range(board.PER_PAGE + 1):
        make_need(title=f"Nettoyage du site {n:02d}")
    login(plie.user)
    first = board_page(client)
    assert len(cards(first)) == board.PER_PAGE
    assert "21 besoins · page 1 sur 2" in first
    assert 'rel="next"' in first
    second = board_page(client, "?page=2")
    assert len(cards(second)) == 1
    assert set(cards(first)).isdisjoint(cards(second))
    assert len(set(cards(first)) | set(cards(second))) == board.PER_PAGE + 1
    assert cards(board_page(client, "?page=9")) == []


def test_pagination_keeps_the_filters(client, login, plie, make_need):
    for n in range(board.PER_PAGE + 1):
        make_need(title=f"Nettoyage du site {n:02d}")
    login(plie.user)
    page = board_page(client, "?voir=clause&ordre=newest")
    next_link = page.split('rel="next"')[0].rsplit('href="', 1)[1]
    assert "voir=clause" in next_link and "ordre=newest" in next_link and "page=2" in next_link


# --- Insertion structures from the matching engine ------------------------------------------------------

@pytest.fixture
def structures(make_company):
    """Cleaning companies of Haute-Garonne: insertion structures and others."""
    return {
        "siae": make_company("Propreté Solidaire 31", statuses=["ess", "siae"], siae_kind="EI"),
        "ea": make_company("EA Net Services", statuses=["ea"], siae_kind=None),
        "plain": make_company("Coopérative Nettoyage Toulousaine", statuses=["ess"], siae_kind=None),
        "unlisted": make_company("Insertion Discrète", listed=False),
    }


def test_the_structures_are_insertion_structures_from_the_matching_engine(client, login, plie, structures,
                                                                             make_need):
    need = make_need(title="Nettoyage des lycées")
    login(plie.user)
    card = card_of(board_page(client), "Nettoyage des lycées")
    assert "Structures d'insertion et du handicap qui correspondent" in card
    assert "Propreté Solidaire 31" in card and "EA Net Services" in card
    assert "Coopérative Nettoyage Toulousaine" not in card  # not an insertion structure
    assert "Insertion Discrète" not in card  # not listed in the directory
    ranked = rank_suppliers(need, SupplierFilters(insertion=True, ea_esat=True), limit=board.STRUCTURES_SHOWN)
    expected = [db.session.get(type(plie.org), int(m.supplier)).name for m in ranked.matches]
    shown = re.findall(r'<a href="/annuaire/[^"]+">(.*?)</a>', card)
    assert shown == expected
    assert f'/annuaire/{structures["siae"].org.id}' in card


def test_each_structure_comes_with_its_level_and_a_reason(client, login, plie, structures, make_need):
    from matchfair.clauses.board import board_items

    need = make_need(title="Nettoyage des lycées")
    [item] = board_items(plie.org, [need])
    login(plie.user)
    card = card_of(board_page(client), "Nettoyage des lycées")
    for match in item.structures:
        line = card.split(f">{match.row.name}</a>")[1].split("</li>")[0]
        assert match.level in line
        if match.sentences:
            assert match.sentences[0].text.replace("\u00a0", " ").replace("\u202f", " ") in line


def test_at_most_three_structures_every_one_siae_geiq_ea_or_esat(plie, make_company, make_need):
    from matchfair.clauses.board import board_items

    for name, statuses, kind in (("SIAE Un", ["siae"], "ACI"), ("SIAE Deux", ["ess", "siae"], "EI"),
                                 ("GEIQ Trois", ["geiq"], None), ("ESAT Quatre", ["esat"], None),
                                 ("EA Cinq", ["ea"], None), ("SCOP Six", ["ess"], None),
                                 ("ESUS Sept", ["esus"], None)):
        make_company(name, statuses=statuses, siae_kind=kind)
    need = make_need(title="Nettoyage des lycées")
    [item] = board_items(plie.org, [need])
    assert len(item.structures) == board.STRUCTURES_SHOWN
    for match in item.structures:
        assert match.row.status_values & {"siae", "geiq", "ea", "esat"}, match.row.name


def test_a_need_without_structure_says_so(client, login, plie, make_need):
    make_need(title="Nettoyage des lycées")
    login(plie.user)
    card = card_of(board_page(client), "Nettoyage des lycées")
    assert "Aucune structure d'insertion ou du handicap de l'annuaire ne correspond encore à ce besoin." in card


# --- Vos accompagnements --------------------------------------------------------------------------------------

def test_the_followed_needs_with_their_state_and_progress(client, login, buyer, plie, winner, make_need):
    active = make_need(title="Accompagné")
    offered = make_need(title="Aide proposée")
    adopted = make_need(title="Heures fixées", insertion_hours=1200)
    awarded = make_need("awarded", winner=winner.org, title="Attribué", insertion_hours=400)
    ended = make_need(title="Terminé")
    declined = make_need(title="Décliné")
    add_support(active, plie.org, by=buyer.user)
    add_support(offered, plie.org, SupportStatus.OFFERED)
    add_support(adopted, plie.org, by=buyer.user)
    add_support(awarded, plie.org, by=buyer.user)
    add_support(ended, plie.org, SupportStatus.ENDED)
    add_support(declined, plie.org, SupportStatus.DECLINED)
    add_hours(awarded, plie.org, winner.org, this_month(), 100)
    login(plie.user)
    page = board_page(client)
    section = followed_section(page)
    rows = {title: row for row in section.split("<tr>")[2:]
            for title in re.findall(r'clause-sociale">(.*?)</a>', row)}
    assert set(rows) == {"Accompagné", "Aide proposée", "Heures fixées", "Attribué"}
    assert "Vous accompagnez l'acheteur" in rows["Accompagné"] and "à calibrer" in rows["Accompagné"]
    assert "Aide proposée, en attente de l'acheteur" in rows["Aide proposée"]
    assert "1 200 prévues" in rows["Heures fixées"]
    assert "Attribué : suivi des heures" in rows["Attribué"] and "100 sur 400 (25 %)" in rows["Attribué"]
    assert "Région Occitanie" in rows["Accompagné"]
    # On the cards below: the badges of the help.
    assert "Vous accompagnez" in card_of(page, "Accompagné")
    assert "Aide proposée" in card_of(page, "Aide proposée")


def test_another_facilitator_does_not_see_the_followed_needs(client, login, buyer, plie, neighbour, make_need):
    need = make_need(title="Accompagné")
    add_support(need, plie.org, by=buyer.user)
    login(neighbour.user)
    page = board_page(client)
    assert "Vous n'accompagnez encore aucun besoin." in followed_section(page)
    assert "Vous accompagnez" not in card_of(page, "Accompagné")


def test_empty_states(client, login, plie):
    login(plie.user)
    page = board_page(client)
    assert "Vous n'accompagnez encore aucun besoin." in page
    assert "Aucun besoin ne correspond : essayez « Avec clause ou clause possible »" in page
    assert cards(page) == []


def test_a_facilitator_of_several_departments_sees_them_all(client, login, make_need):
    from tests import factories

    org = make_facilitator_org("PLIE des deux rives", ("31", "82", "81"))
    user = factories.MembershipFactory(organisation=org).user
    for code in ("31", "82", "81", "09"):
        make_need(title=f"Nettoyage {code}", department_code=code)
    login(user)
    assert sorted(cards(board_page(client))) == ["Nettoyage 31", "Nettoyage 81", "Nettoyage 82"]
