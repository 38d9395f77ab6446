"""The offer form: every field saved, bad input refused next to its field with nothing lost,
reference rows added and removed with or without JavaScript."""
import html
import re

import pytest
from sqlalchemy import select

from matchfair.extensions import db
from matchfair.offers.models import Offer
from matchfair.timeutil import utcnow


def _valid(**overrides):
    data = {
        "title": "Nettoyage de locaux et vitrerie en Haute-Garonne",
        "description": "Entretien de bureaux et d'écoles, vitrerie comprise.",
        "cpv_codes": "90911200, 90911300-9",
        "area_departments": ["31", "82"], "area_regions": ["76"],
        "capacity_eur": "120 000",
        "references-0-client": "Mairie de Muret", "references-0-description": "nettoyage de 3 écoles",
        "references-0-year": "2024", "references-0-amount_eur": "48 000",
        "references-1-client": "", "references-1-description": "", "references-1-year": "",
        "references-1-amount_eur": "",
        "is_published": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _error(page: str, field_id: str) -> str:
    marker = f'id="{field_id}-error"'
    assert marker in page, f"no error shown next to {field_id}"
    return page.split(marker)[1].split("</small>")[0]


def _only_offer():
    db.session.expire_all()
    return db.session.scalars(select(Offer)).one()


@pytest.fixture
def signed_in(client, login, sse_admin, sse_org, cpv_codes):
    login(sse_admin)
    return sse_org


def test_new_offer_page_has_the_fields_and_two_empty_reference_rows(client, signed_in):
    page = _page(client.get("/offres/nouvelle"))
    assert "<h1>Nouvelle offre</h1>" in page
    for field_id in ("title", "description", "cpv_codes", "national", "area_departments", "area_regions",
                     "capacity_eur", "is_published", "references-0-client", "references-1-amount_eur"):
        assert f'id="{field_id}"' in page
    assert 'id="references-2-client"' not in page
    # The template row that the script copies, the picker and the counter.
    assert 'id="references-__INDEX__-client"' in page
    assert 'class="cpv-picker"' in page and "/static/js/offers.js" in page and "/static/js/cpv-picker.js" in page
    assert 'data-counter-for="description"' in page
    # Published by default; the organisation's area is said on the page.
    assert re.search(r'<input[^>]*\bchecked\b[^>]*id="is_published"', page)
    assert "Haute-Garonne (31), Tarn (81)" in page


def test_saves_every_field(client, signed_in):
    response = client.post("/offres/nouvelle", data=_valid())
    assert response.status_code == 302 and response.headers["Location"].endswith("/offres")
    assert "est enregistrée et publiée" in _page(client.get("/offres"))
    offer = _only_offer()
    assert offer.organisation_id == signed_in.id
    assert offer.title == "Nettoyage de locaux et vitrerie en Haute-Garonne"
    assert offer.description == "Entretien de bureaux et d'écoles, vitrerie comprise."
    assert offer.cpv_codes == ["90911200", "90911300"]
    assert sorted((a.kind, a.code) for a in offer.areas) == [("department", "31"), ("department", "82"), ("region", "76")]
    assert not offer.national and offer.capacity_eur == 120_000 and offer.is_published
    assert [(r.client, r.description, r.year, r.amount_eur) for r in offer.references] == [
        ("Mairie de Muret", "nettoyage de 3 écoles", 2024, 48_000)]


def test_minimal_offer_takes_the_organisation_area_and_capacity(client, signed_in):
    data = {"title": "Vitrerie", "cpv_codes": "90911300"}
    assert client.post("/offres/nouvelle", data=data).status_code == 302
    offer = _only_offer()
    assert offer.areas == [] and not offer.national and offer.capacity_eur is None
    assert offer.references == [] and offer.description is None
    # An unchecked box is "not published".
    assert not offer.is_published
    page = _page(client.get("/offres"))
    assert "sans être publiée" in page
    assert "Haute-Garonne (31), Tarn (81) <span class=\"muted\">(zone de la structure)</span>" in page
    assert "150\u202f000\u00a0€ HT <span class=\"muted\">(capacité de la structure)</span>" in page


def test_edit_shows_the_offer_and_saves_changes(client, signed_in, make_offer):
    offer = make_offer(signed_in, departments=["31"], capacity_eur=80_000,
                       references=[("Mairie de Muret", "nettoyage de 3 écoles", 2024, 48_000),
                                   ("CCAS de Muret", None, None, None)])
    page = _page(client.get(f"/offres/{offer.id}/modifier"))
    assert "Modifier l'offre « Nettoyage de bureaux »" in page
    assert 'value="Mairie de Muret"' in page and 'value="CCAS de Muret"' in page and 'value="48000"' in page
    assert 'value="90911200"' in page and 'value="80000"' in page
    assert 'id="references-3-client"' in page and 'id="references-4-client"' not in page
    response = client.post(f"/offres/{offer.id}/modifier", data=_valid(
        title="Vitrerie", cpv_codes="90911300", area_departments=[], area_regions=[], national="y",
        capacity_eur="", is_published=None))
    assert response.status_code == 302
    offer = _only_offer()
    assert offer.title == "Vitrerie" and offer.cpv_codes == ["90911300"]
    assert offer.national and offer.areas == [] and offer.capacity_eur is None and not offer.is_published
    assert [r.client for r in offer.references] == ["Mairie de Muret"]


@pytest.mark.parametrize("overrides,field_id,message", [
    ({"title": ""}, "title", "Donnez un titre"),
    ({"title": "x" * 201}, "title", "200 caractères"),
    ({"description": "x" * 5001}, "description", "5000 caractères"),
    ({"cpv_codes": ""}, "cpv_codes", "au moins un code CPV"),
    ({"cpv_codes": "nettoyage"}, "cpv_codes", "Code CPV mal formé : nettoyage"),
    ({"cpv_codes": "90911200 12345678"}, "cpv_codes", "Code CPV inconnu : 12345678"),
    ({"area_departments": ["31", "99"]}, "area_departments", "Choisissez des départements de la liste."),
    ({"area_regions": ["00"]}, "area_regions", "Choisissez des régions de la liste."),
    ({"capacity_eur": "-5"}, "capacity_eur", "entre 0 et 2 000 000 000"),
    ({"capacity_eur": "3000000000"}, "capacity_eur", "entre 0 et 2 000 000 000"),
    ({"capacity_eur": "12,5"}, "capacity_eur", "nombre entier"),
    ({"references-0-client": ""}, "references-0-client", "Indiquez le client"),
    ({"references-1-amount_eur": "5000"}, "references-1-client", "Indiquez le client"),
    ({"references-0-client": "x" * 201}, "references-0-client", "200 caractères"),
    ({"references-0-description": "x" * 1001}, "references-0-description", "1000 caractères"),
    ({"references-0-year": "1949"}, "references-0-year", "entre 1950 et"),
    ({"references-0-year": str(utcnow().year + 2)}, "references-0-year", f"et {utcnow().year + 1}"),
    ({"references-0-year": "deux mille"}, "references-0-year", "nombre entier"),
    ({"references-0-amount_eur": "-1"}, "references-0-amount_eur", "entre 0 et 2 000 000 000"),
])
def test_bad_input_is_refused_next_to_the_field_and_nothing_is_lost(client, signed_in, overrides, field_id, message):
    data = _valid(**overrides)
    response = client.post("/offres/nouvelle", data=data)
    assert response.status_code == 200
    page = _page(response)
    assert message in _error(page, field_id)
    assert f'href="#{field_id}"' in page  # the list of errors above the form links to the field
    assert re.search(rf'<li><a href="#{field_id}">[^<]+</a> : [^<]*{re.escape(message)}', page)
    assert db.session.scalars(select(Offer)).first() is None
    # What was typed is shown again, references included.
    for name in ("title", "references-0-client", "references-0-description"):
        if data.get(name) and len(data[name]) < 200:
            assert data[name] in page
    if "cpv_codes" not in overrides:
        assert 'value="90911200 90911300"' in page
    if "area_departments" not in overrides:
        assert 'id="area_departments-82" value="82" checked' in page
    assert 'value="Mairie de Muret"' in page or "references-0-client" in overrides


def test_year_of_next_year_is_accepted(client, signed_in):
    response = client.post("/offres/nouvelle", data=_valid(**{"references-0-year": str(utcnow().year + 1)}))
    assert response.status_code == 302


def test_an_error_in_a_reference_row_names_the_row(client, signed_in):
    page = _page(client.post("/offres/nouvelle", data=_valid(**{"references-1-year": "2020"})))
    assert "Référence 2, Client" in page
    assert "Le formulaire contient 1 erreur" in page


def test_add_references_without_javascript_keeps_everything_and_saves_nothing(client, signed_in):
    response = client.post("/offres/nouvelle", data=_valid(more_references="1", title="Brouillon en cours",
                                                           **{"references-1-amount_eur": "12"}))
    assert response.status_code == 200
    page = _page(response)
    assert db.session.scalars(select(Offer)).first() is None
    assert 'value="Brouillon en cours"' in page and 'value="Mairie de Muret"' in page and 'value="12"' in page
    # Three more empty rows after the two sent, and no error shown yet for the incomplete row.
    assert 'id="references-4-client"' in page and 'id="references-5-client"' not in page
    assert "field-error" not in page


def test_reference_rows_are_limited(client, signed_in):
    data = _valid()
    for i in range(30):
        data.update({f"references-{i}-client": f"Client {i}", f"references-{i}-year": "2020"})
    response = client.post("/offres/nouvelle", data={**data, "more_references": "1"})
    page = _page(response)
    assert "au plus 30 références" in page and 'id="references-30-client"' not in page
    assert client.post("/offres/nouvelle", data=data).status_code == 302
    assert len(_only_offer().references) == 30


def test_removed_and_empty_rows_are_left_out_and_gaps_are_closed(client, signed_in):
    # Rows 1 and 3 were removed in the page by the script: indices 0, 2, 4 come back.
    data = {"title": "Vitrerie", "cpv_codes": "90911300",
            "references-0-client": "Mairie de Muret", "references-0-year": "2023",
            "references-2-client": "Tarn Habitat", "references-2-remove": "y", "references-2-year": "1800",
            "references-4-client": "CCAS de Revel", "references-4-amount_eur": "9 500",
            "references-5-client": "", "references-5-description": "  "}
    response = client.post("/offres/nouvelle", data=data)
    assert response.status_code == 302
    assert [(r.client, r.year, r.amount_eur) for r in _only_offer().references] == [
        ("Mairie de Muret", 2023, None), ("CCAS de Revel", None, 9_500)]


def test_removing_a_reference_when_editing(client, signed_in, make_offer):
    offer = make_offer(signed_in, references=[("Mairie de Muret", None, 2024, None), ("Tarn Habitat", None, 2023, None)])
    data = {"title": offer.title, "cpv_codes": "90911200", "is_published": "y",
            "references-0-client": "Mairie de Muret", "references-0-year": "2024",
            "references-1-client": "Tarn Habitat", "references-1-year": "2023", "references-1-remove": "y"}
    assert client.post(f"/offres/{offer.id}/modifier", data=data).status_code == 302
    assert [r.client for r in _only_offer().references] == ["Mairie de Muret"]


def test_rows_sent_back_with_errors_keep_their_numbers(client, signed_in):
    data = {"title": "", "cpv_codes": "90911300",
            "references-3-client": "Mairie de Muret", "references-7-client": "Tarn Habitat"}
    page = _page(client.post("/offres/nouvelle", data=data))
    # Compacted: the two rows become the first and the second.
    assert 'id="references-0-client" maxlength="200" name="references-0-client" type="text" value="Mairie de Muret"' in page
    assert 'name="references-1-client" type="text" value="Tarn Habitat"' in page
    assert "Référence 2" in page
