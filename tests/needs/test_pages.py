"""The need page's explanations (thresholds by date, reservation, social clause), the list, actions and award."""
import html
from datetime import date

import pytest
from sqlalchemy import select

from matchfair.extensions import db
from matchfair.matching.models import Interest, Shortlist
from matchfair.needs.models import Need

from .. import factories
from .conftest import FURNITURE, WORKS


@pytest.fixture
def page(client, make_need):
    """page(**need data) -> the text of the published need's public page (unescaped)."""

    def _page(**overrides):
        need = make_need(status="published", **overrides)
        response = client.get(f"/besoins/{need.id}")
        assert response.status_code == 200
        return html.unescape(response.text).replace("\u00a0", " ").replace("\u202f", " ")

    return _page


def test_the_sentence_of_the_issue(page):
    text = page(estimated_amount_eur=45_000, expected_publication_date=date(2026, 5, 4))
    assert ("Montant estimé 45 000 € HT, sous le seuil de 60 000 € HT applicable aux fournitures et services à "
            "partir du 1er avril 2026 : l'acheteur peut attribuer ce marché sans publicité ni mise en concurrence."
            ) in text
    assert "Seuil en vigueur à la date prévue de publication de la consultation, le 4 mai 2026." in text
    assert "Attribuable sans publicité" in text


@pytest.mark.parametrize("amount, on, possible, threshold", [
    (59_999, date(2026, 4, 1), True, "60 000 €"),
    (60_000, date(2026, 4, 1), False, "60 000 €"),
    (59_999, date(2026, 3, 31), False, "40 000 €"),
    (39_999, date(2026, 3, 31), True, "40 000 €"),
])
def test_services_around_the_first_of_april(page, amount, on, possible, threshold):
    text = page(estimated_amount_eur=amount, expected_publication_date=on)
    assert f"seuil de {threshold} HT applicable aux fournitures et services" in text
    assert ("l'acheteur peut attribuer ce marché sans publicité" in text) is possible
    assert ("une publicité et une mise en concurrence sont nécessaires" in text) is not possible


@pytest.mark.parametrize("on, possible", [(date(2026, 1, 1), True), (date(2025, 12, 31), False)])
def test_works_from_the_first_of_january(page, on, possible):
    text = page(estimated_amount_eur=99_999, expected_publication_date=on, cpv_codes=[WORKS])
    assert "applicable aux travaux à partir du" in text
    assert ("l'acheteur peut attribuer ce marché sans publicité" in text) is possible
    if possible:
        assert "seuil de 100 000 € HT applicable aux travaux à partir du 1er janvier 2026" in text


def test_innovative_purchases_use_their_threshold(page):
    text = page(estimated_amount_eur=99_999, expected_publication_date=date(2026, 3, 1), innovative=True,
                cpv_codes=[FURNITURE])
    assert "seuil de 100 000 € HT applicable aux achats innovants" in text
    assert "le seuil des achats innovants s'applique" in text


def test_unknown_amount_and_date(page):
    text = page(estimated_amount_eur=None)
    assert "Le montant estimé n'est pas indiqué" in text
    assert "La date prévue de publication n'est pas indiquée : seuil en vigueur aujourd'hui" in text


@pytest.mark.parametrize("reservation, words", [
    ("L2113-12", "entreprises adaptées (EA), les établissements et services d'accompagnement par le travail (ESAT)"),
    ("L2113-13", "structures d'insertion par l'activité économique"),
    ("L2113-14", "à la fois aux entreprises adaptées, aux ESAT et aux structures d'insertion"),
    ("L2113-15", "Le marché dure 3 ans au plus"),
    ("none", "Toutes les entreprises peuvent répondre"),
])
def test_what_a_reservation_means(page, reservation, words):
    assert words in page(reservation=reservation)


def test_social_clause_hours_and_facts(page):
    text = page(social_clause="execution", insertion_hours=1200, duration_months=36,
                contract_start_date=date(2027, 9, 1), is_renewal=True, current_contract_end_date=date(2027, 8, 31),
                environmental_clause=True)
    assert "Le titulaire réservera 1 200 heures de travail" in text
    assert "Début du marché" in text and "1er septembre 2027" in text and "36 mois" in text
    assert "Oui, le marché actuel se termine le 31 août 2027" in text
    assert "clause environnementale" in text


def test_social_clause_without_hours_yet(page):
    assert "leur nombre n'est pas encore fixé" in page(social_clause="execution")


def test_english_page(client, make_need):
    need = make_need(status="published", expected_publication_date=date(2026, 4, 1))
    with client.session_transaction() as session:
        session["lang"] = "en"
    response = client.get(f"/besoins/{need.id}")
    assert response.status_code == 200 and "1er" not in response.text


def test_modified_on_after_an_edit(client, login, buyer_admin, make_need):
    from datetime import timedelta

    need = make_need(status="published")
    assert "modifié le" not in client.get(f"/besoins/{need.id}").text
    need.published_at = need.published_at - timedelta(days=3)
    db.session.commit()
    login(buyer_admin)
    from .conftest import form_data

    client.post(f"/besoins/{need.id}/modifier", data=form_data(title="Titre revu"))
    assert "modifié le" in client.get(f"/besoins/{need.id}").text


def test_procedure_warning_for_the_owner_only(client, login, buyer_admin, make_need):
    need = make_need(status="published", procedure="direct", estimated_amount_eur=500_000)
    assert "vérifiez qu'une autre dispense" not in html.unescape(client.get(f"/besoins/{need.id}").text)
    login(buyer_admin)
    assert "vérifiez qu'une autre dispense" in html.unescape(client.get(f"/besoins/{need.id}").text)


def test_mine_counts_tabs_and_pagination(client, login, buyer_admin, make_need, app):
    for i in range(3):
        make_need(title=f"Brouillon {i}")
    make_need(status="published", title="Publié A")
    make_need(status="closed", title="Clos A")
    login(buyer_admin)
    text = html.unescape(client.get("/besoins/mes-besoins").text)
    assert "Brouillons <span class=\"count\">3</span>" in text
    assert "Publiés <span class=\"count\">1</span>" in text and "Tous <span class=\"count\">5</span>" in text
    assert text.index("Brouillon 0") < text.index("Publié A") < text.index("Clos A")
    only = html.unescape(client.get("/besoins/mes-besoins?statut=closed").text)
    assert "Clos A" in only and "Publié A" not in only
    assert "Aucun besoin dans cet état." in client.get("/besoins/mes-besoins?statut=awarded").text
    app.config["PER_PAGE"], saved = 2, app.config["PER_PAGE"]
    try:
        paged = client.get("/besoins/mes-besoins?page=2").text
        assert 'rel="prev"' in paged
    finally:
        app.config["PER_PAGE"] = saved


def test_mine_empty_state(client, login, buyer_admin):
    login(buyer_admin)
    text = client.get("/besoins/mes-besoins").text
    assert "Publiez votre premier besoin" in text and "/besoins/importer" in text


def test_actions_through_the_pages(client, login, buyer_admin, make_need):
    need = make_need()
    login(buyer_admin)
    assert "Besoin publié" in html.unescape(client.post(f"/besoins/{need.id}/publier", follow_redirects=True).text)
    again = client.post(f"/besoins/{need.id}/publier", follow_redirects=True)
    assert "Seul un brouillon peut être publié ; ce besoin est « Publié »." in html.unescape(again.text)
    assert "Besoin clos" in html.unescape(client.post(f"/besoins/{need.id}/clore", follow_redirects=True).text)
    assert "Besoin rouvert" in html.unescape(client.post(f"/besoins/{need.id}/rouvrir", follow_redirects=True).text)
    refused = client.post(f"/besoins/{need.id}/supprimer", follow_redirects=True)
    assert "Seul un brouillon peut être supprimé" in html.unescape(refused.text)
    db.session.refresh(need)
    assert need.status == "published"


def test_delete_a_draft(client, login, buyer_admin, make_need):
    need = make_need(title="À jeter")
    login(buyer_admin)
    response = client.post(f"/besoins/{need.id}/supprimer", follow_redirects=True)
    assert "Le brouillon « À jeter » est supprimé." in html.unescape(response.text)
    assert db.session.get(Need, need.id) is None


def test_award_to_an_interested_company(client, login, buyer_admin, make_need, sse_company):
    need = make_need(status="published")
    other = factories.OrganisationFactory(name="Présélectionnée")
    db.session.add_all([Interest(need_id=need.id, organisation_id=sse_company.id, kind="interested"),
                        Shortlist(need_id=need.id, organisation_id=other.id)])
    db.session.commit()
    login(buyer_admin)
    form = html.unescape(client.get(f"/besoins/{need.id}/attribuer").text)
    assert "Éclat Propreté Insertion (intéressée)" in form and "Présélectionnée (présélectionnée)" in form
    assert 'value="45000"' in form  # the estimated amount as a default
    response = client.post(f"/besoins/{need.id}/attribuer", data={"organisation_id": str(sse_company.id),
                                                                   "amount_eur": "42 500"}, follow_redirects=True)
    text = html.unescape(response.text).replace("\u00a0", " ").replace("\u202f", " ")
    assert "Besoin marqué attribué à Éclat Propreté Insertion pour 42 500 € HT" in text
    db.session.refresh(need)
    assert need.status == "awarded" and need.awarded_organisation_id == sse_company.id


def test_award_by_name_links_to_the_matchfair_company(client, login, buyer_admin, make_need, sse_company):
    need = make_need(status="closed")
    login(buyer_admin)
    client.post(f"/besoins/{need.id}/attribuer", data={"organisation_name": "eclat proprete insertion",
                                                       "amount_eur": "40000"})
    db.session.refresh(need)
    assert need.awarded_organisation_id == sse_company.id


def test_award_to_an_outside_company(client, login, buyer_admin, make_need):
    need = make_need(status="published")
    login(buyer_admin)
    client.post(f"/besoins/{need.id}/attribuer", data={"organisation_name": "Nettoyage Dupont SARL",
                                                       "amount_eur": "40000"})
    db.session.refresh(need)
    assert need.awarded_organisation_id is None and need.awarded_to_name == "Nettoyage Dupont SARL"
    text = html.unescape(client.get(f"/besoins/{need.id}").text).replace("\u00a0", " ").replace("\u202f", " ")
    assert "à Nettoyage Dupont SARL pour 40 000 € HT" in text


@pytest.mark.parametrize("data, message", [
    ({"amount_eur": "1000"}, "Indiquez à qui le marché a été attribué."),
    ({"organisation_name": "Dupont", "amount_eur": ""}, "Indiquez le montant attribué"),
    ({"organisation_name": "Dupont", "amount_eur": "0"}, "entre 1 et 2 000 000 000"),
    ({"organisation_id": "999", "amount_eur": "1000"}, "Choisissez une structure de la liste."),
])
def test_award_form_errors(client, login, buyer_admin, make_need, data, message):
    need = make_need(status="published")
    login(buyer_admin)
    response = client.post(f"/besoins/{need.id}/attribuer", data=data)
    assert response.status_code == 200
    assert message in html.unescape(response.text)
    db.session.refresh(need)
    assert need.status == "published"


def test_award_of_a_draft_is_refused(client, login, buyer_admin, make_need):
    need = make_need()
    login(buyer_admin)
    response = client.get(f"/besoins/{need.id}/attribuer", follow_redirects=True)
    assert "Seul un besoin publié ou clos peut être marqué attribué." in html.unescape(response.text)


def test_create_then_show_lists_lots_and_cpv(client, login, buyer_admin):
    from .conftest import form_data

    login(buyer_admin)
    client.post("/besoins/nouveau", data=form_data(**{"lots-0-title": "Bâtiment nord", "lots-0-cpv_codes": "90911200",
                                                      "lots-0-estimated_amount_eur": "10000"}))
    need = db.session.scalars(select(Need)).one()
    text = html.unescape(client.get(f"/besoins/{need.id}").text)
    assert "Bâtiment nord" in text and "Services de nettoyage de bâtiments" in text and "1 lot" in text
