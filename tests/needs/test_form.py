"""The need form: every field's validation, the rules on combinations, lots, buttons, nothing lost on error."""
import html
import re

import pytest
from sqlalchemy import select

from matchfair.extensions import db
from matchfair.needs.models import Need

from .conftest import BUILDING_CLEANING, GREEN, form_data


@pytest.fixture
def buyer_client(client, login, buyer_admin):
    login(buyer_admin)
    return client


def _needs():
    return db.session.scalars(select(Need)).all()


def test_save_a_draft(buyer_client):
    response = buyer_client.post("/besoins/nouveau", data=form_data(**{
        "lots-0-title": "Bâtiment A", "lots-0-cpv_codes": BUILDING_CLEANING, "lots-0-estimated_amount_eur": "20 000",
        "lots-1-title": "", "lots-2-title": "Espaces verts", "lots-2-cpv_codes": f"{GREEN}-6",
    }))
    assert response.status_code == 302
    need = _needs()[0]
    assert response.headers["Location"].endswith(f"/besoins/{need.id}")
    assert need.status == "draft" and need.estimated_amount_eur == 45_000
    assert [(lot.number, lot.title, lot.cpv_codes) for lot in need.lots] == [
        (1, "Bâtiment A", [BUILDING_CLEANING]), (2, "Espaces verts", [GREEN])]
    assert need.lots[0].estimated_amount_eur == 20_000
    assert need.created_by_id is not None


def test_publish_from_the_creation_form(buyer_client):
    response = buyer_client.post("/besoins/nouveau", data=form_data(action="publish"))
    assert response.status_code == 302
    assert _needs()[0].status == "published"


def test_publish_needs_a_cpv_code_but_a_draft_does_not(buyer_client):
    response = buyer_client.post("/besoins/nouveau", data=form_data(cpv_codes="", action="publish"))
    assert response.status_code == 200
    assert "Indiquez au moins un code CPV avant de publier" in response.text
    assert _needs() == []
    assert buyer_client.post("/besoins/nouveau", data=form_data(cpv_codes="")).status_code == 302
    assert _needs()[0].status == "draft"


def test_publishing_requires_each_lots_cpv(buyer_client):
    response = buyer_client.post("/besoins/nouveau", data=form_data(action="publish", **{"lots-0-title": "Lot vide"}))
    assert response.status_code == 200
    assert "Indiquez au moins un code CPV pour le lot 1 avant de publier" in response.text


@pytest.mark.parametrize("overrides, message", [
    ({"title": ""}, "Donnez un intitulé au besoin."),
    ({"title": "x" * 201}, "L'intitulé ne peut pas dépasser 200 caractères."),
    ({"description": "x" * 10_001}, "La description ne peut pas dépasser 10000 caractères."),
    ({"cpv_codes": "12345678"}, "Code CPV inconnu : 12345678"),
    ({"cpv_codes": "nettoyage"}, "Code CPV mal formé : nettoyage"),
    ({"department_code": ""}, "Choisissez le département où le marché sera exécuté."),
    ({"department_code": "99"}, "Ce département n'existe pas"),
    ({"estimated_amount_eur": "-5"}, "Indiquez un montant en euros hors taxes"),
    ({"estimated_amount_eur": "45000,50"}, "Indiquez un nombre entier"),
    ({"estimated_amount_eur": "3000000000"}, "Indiquez un montant en euros hors taxes"),
    ({"duration_months": "0"}, "Indiquez une durée entre 1 et 600 mois."),
    ({"expected_publication_date": "31/02/2027"}, "Cette date n'existe pas"),
    ({"expected_publication_date": "demain"}, "Écrivez la date sous la forme JJ/MM/AAAA"),
    ({"contract_start_date": "01/01/1999"}, "Indiquez une date entre 2000 et 2100."),
    ({"procedure": "secret"}, "Choisissez une procédure de la liste."),
    ({"reservation": "L2113-99"}, "Choisissez une réservation de la liste."),
    ({"social_clause": "maybe"}, "Choisissez une clause sociale de la liste."),
    ({"insertion_hours": "0", "social_clause": "execution"}, "Indiquez un nombre d'heures entre 1 et 1 000 000."),
    ({"contact_email": "pas-une-adresse"}, "Cette adresse e-mail n'est pas valide."),
    ({"contact_name": "x" * 121}, "120 caractères au plus."),
    ({"contact_phone": "appelez-moi"}, "Indiquez un numéro de téléphone"),
    # Rules on combinations of fields.
    ({"reservation": "L2113-15", "duration_months": "48"}, "dure 3 ans au plus : indiquez 36 mois au plus."),
    ({"insertion_hours": "1200", "social_clause": "award"},
     "Les heures d'insertion ne s'indiquent qu'avec une clause sociale en condition d'exécution."),
    ({"is_renewal": "y"}, "Indiquez la date de fin du marché actuel"),
    ({"current_contract_end_date": "31/08/2027"}, "ne s'indique que pour un renouvellement"),
    ({"is_renewal": "y", "current_contract_end_date": "31/08/2027", "contract_start_date": "01/06/2027"},
     "Le nouveau marché commence avant la fin du marché actuel (31 août 2027)"),
    ({"expected_publication_date": "2027-10-01", "contract_start_date": "01/09/2027"},
     "La consultation doit être publiée avant le début du marché"),
    ({"estimated_amount_eur": "10 000", "lots-0-title": "A", "lots-0-estimated_amount_eur": "8 000",
      "lots-1-title": "B", "lots-1-estimated_amount_eur": "7 000"},
     "est inférieur à la somme des montants des lots (15"),
    ({"lots-0-cpv_codes": BUILDING_CLEANING}, "Donnez un intitulé à ce lot, ou videz la ligne."),
    ({"lots-0-title": "x" * 201}, "200 caractères au plus."),
    ({"lots-0-title": "A", "lots-0-estimated_amount_eur": "-1"}, "Indiquez un montant en euros hors taxes"),
    ({"lots-0-title": "A", "lots-0-cpv_codes": "99999999"}, "Code CPV inconnu : 99999999"),
])
def test_bad_input_is_refused_next_to_the_field_and_kept(buyer_client, overrides, message):
    response = buyer_client.post("/besoins/nouveau", data=form_data(**overrides))
    assert response.status_code == 200
    text = html.unescape(response.text)
    assert message in text
    assert "Le formulaire contient" in text
    assert re.search(r'<li><a href="#[\w-]+">[^<]+</a> : [^<]+</li>', text)  # the summary links each field
    assert 'aria-invalid="true"' in text
    assert _needs() == []
    if "description" not in overrides:
        assert "Nettoyage quotidien de 3 000 m² de bureaux." in text  # nothing typed is lost


def test_valid_combinations_pass(buyer_client):
    response = buyer_client.post("/besoins/nouveau", data=form_data(
        reservation="L2113-15", duration_months="36", social_clause="execution", insertion_hours="1 200",
        is_renewal="y", current_contract_end_date="31/08/2027", contract_start_date="2027-09-01",
        expected_publication_date="15/03/2027", environmental_clause="y", innovative="y"))
    assert response.status_code == 302
    need = _needs()[0]
    assert (need.reservation, need.duration_months, need.insertion_hours) == ("L2113-15", 36, 1200)
    assert need.is_renewal and need.current_contract_end_date.isoformat() == "2027-08-31"
    assert need.contract_start_date.isoformat() == "2027-09-01"
    assert need.environmental_clause and need.innovative


def test_add_lots_without_javascript_keeps_everything_and_saves_nothing(buyer_client):
    response = buyer_client.post("/besoins/nouveau", data=form_data(action="add_lots", **{
        "lots-0-title": "A", "lots-1-title": "B", "lots-2-title": "C"}))
    assert response.status_code == 200
    assert _needs() == []
    assert 'name="lots-5-title"' in response.text and 'name="lots-6-title"' not in response.text
    assert 'value="C"' in response.text
    assert "Le formulaire contient" not in response.text


def test_new_form_has_three_empty_lot_rows_and_contact_defaults(buyer_client, buyer_admin):
    page = buyer_client.get("/besoins/nouveau").text
    assert 'name="lots-2-title"' in page and 'name="lots-3-title"' not in page
    assert buyer_admin.email in page
    assert "Enregistrer le brouillon" in page and "Publier" in page


def test_edit_form_shows_the_lots_then_empty_rows(buyer_client, make_need):
    need = make_need(lots=[{"title": f"Lot {i}", "cpv_codes": [], "estimated_amount_eur": None} for i in range(4)])
    page = buyer_client.get(f"/besoins/{need.id}/modifier").text
    assert 'value="Lot 3"' in page and 'name="lots-6-title"' in page and 'name="lots-7-title"' not in page


def test_edit_a_published_need_keeps_it_published(buyer_client, make_need):
    need = make_need(status="published")
    response = buyer_client.post(f"/besoins/{need.id}/modifier", data=form_data(title="Nouveau titre"))
    assert response.status_code == 302
    db.session.refresh(need)
    assert need.status == "published" and need.title == "Nouveau titre"
    page = buyer_client.get(f"/besoins/{need.id}/modifier").text
    assert "Enregistrer les modifications" in page and "Enregistrer le brouillon" not in page


def test_edit_a_published_need_cannot_drop_its_cpv(buyer_client, make_need):
    need = make_need(status="published")
    response = buyer_client.post(f"/besoins/{need.id}/modifier", data=form_data(cpv_codes=""))
    assert response.status_code == 200
    assert "Indiquez au moins un code CPV avant de publier" in response.text


def test_edit_a_draft_and_publish_it(buyer_client, make_need):
    need = make_need()
    assert buyer_client.post(f"/besoins/{need.id}/modifier", data=form_data(action="publish")).status_code == 302
    db.session.refresh(need)
    assert need.status == "published"


def test_an_awarded_need_cannot_be_edited(buyer_client, make_need):
    need = make_need(status="awarded")
    response = buyer_client.get(f"/besoins/{need.id}/modifier", follow_redirects=True)
    assert "Un besoin attribué ne se modifie plus" in html.unescape(response.text)


@pytest.mark.parametrize("field", ["expected_publication_date", "contract_start_date"])
def test_publishing_refuses_a_date_already_past_but_a_draft_keeps_it(buyer_client, field):
    from datetime import date, timedelta

    yesterday = (date.today() - timedelta(days=1)).strftime("%d/%m/%Y")
    page = buyer_client.post("/besoins/nouveau", data=form_data(action="publish", **{field: yesterday}))
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Cette date est passée" in text and yesterday in text
    saved = buyer_client.post("/besoins/nouveau", data=form_data(**{field: yesterday}), follow_redirects=True)
    assert "Brouillon enregistré" in html.unescape(saved.text)
