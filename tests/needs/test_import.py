"""Forward-plan CSV import: preview, every row checked, errors with line numbers, nothing imported on error."""
import html
import io
import re

import pytest
from sqlalchemy import func, select

from matchfair.extensions import db
from matchfair.needs import plan_import
from matchfair.needs.models import Need

HEADER = ("title;description;cpv;department;estimated_amount;expected_publication_date;contract_start;"
          "duration_months;renewal;current_contract_end;procedure;reservation;social_clause;insertion_hours;"
          "environmental_clause;innovative;contact_name;contact_email")
GOOD_ROWS = [
    ("Nettoyage des collèges;Douze collèges;90911200 90910000;31;240 000;15/03/2027;01/09/2027;48;oui;31/08/2027;"
     "mapa;L2113-13;execution;2000;oui;non;Camille Martin;achats@exemple.fr"),
    "Entretien des espaces verts;;77310000;Tarn;35000;2027-01-10;;12;non;;;L2113-12;;;non;non;;",
    ("Travaux de peinture;\"Peinture, vitrerie; et retouches\";45440000;2A;90000;;;;;;appel d'offres;aucune;"
     "attribution;;;oui;;"),
]


@pytest.fixture
def buyer_client(client, login, buyer_admin):
    login(buyer_admin)
    return client


def _upload(client, text: str, encoding: str = "utf-8", name: str = "plan.csv"):
    return client.post("/besoins/importer", data={"file": (io.BytesIO(text.encode(encoding)), name)},
                       content_type="multipart/form-data")


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Need))


def _token(response) -> str:
    return html.unescape(re.search(r'name="token" value="([^"]+)"', response.text).group(1))


def test_a_valid_file_is_previewed_then_imported_as_drafts(buyer_client, buyer):
    response = _upload(buyer_client, "\n".join([HEADER, *GOOD_ROWS]) + "\n")
    assert response.status_code == 200
    text = html.unescape(response.text)
    assert "Aperçu : 3 besoins prêts à importer" in text
    assert "Nettoyage des collèges" in text and "Réservé SIAE (L2113-13)" in text
    assert _count() == 0  # nothing before the confirmation
    done = buyer_client.post("/besoins/importer/confirmer", data={"token": _token(response)})
    assert done.status_code == 302 and "statut=draft" in done.headers["Location"]
    needs = db.session.scalars(select(Need).order_by(Need.id)).all()
    assert [n.status for n in needs] == ["draft"] * 3
    first, second, third = needs
    assert first.organisation_id == buyer.id
    assert first.cpv_codes == ["90910000", "90911200"] and first.estimated_amount_eur == 240_000
    assert first.is_renewal and first.current_contract_end_date.isoformat() == "2027-08-31"
    assert (first.procedure, first.reservation, first.social_clause, first.insertion_hours) == (
        "adapted", "L2113-13", "execution", 2000)
    assert first.environmental_clause and not first.innovative and first.contact_email == "achats@exemple.fr"
    assert second.department_code == "81" and second.expected_publication_date.isoformat() == "2027-01-10"
    assert second.procedure == "undecided" and second.reservation == "L2113-12"
    assert third.description == "Peinture, vitrerie; et retouches" and third.department_code == "2A"
    assert (third.procedure, third.social_clause, third.innovative, third.purchase_kind) == (
        "tender", "award", True, "works")


def test_three_bad_rows_give_three_errors_with_line_numbers_and_nothing_imported(buyer_client):
    rows = [
        GOOD_ROWS[0],
        "Sans département;;90911200;;1000;;;;;;;;;;;;;",  # line 3
        GOOD_ROWS[1],
        "Code inconnu;;12345678;31;1000;;;;;;;;;;;;;",  # line 5
        "Réservé ESS trop long;;90911200;31;1000;;;48;;;;L2113-15;;;;;;",  # line 6
    ]
    response = _upload(buyer_client, "\n".join([HEADER, *rows]))
    assert response.status_code == 422
    text = html.unescape(response.text)
    assert "3 erreurs : rien n'a été importé" in text
    errors = re.findall(r"<tr><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", text)
    assert [(line, column) for line, column, _ in errors] == [
        ("3", "department"), ("5", "cpv"), ("6", "duration_months")]
    assert "Code CPV inconnu : 12345678" in errors[1][2]
    assert _count() == 0
    assert 'name="token"' not in text


def test_comma_separator_and_french_headers(buyer_client):
    text = ("intitule,departement,codes_cpv,montant_estime,clause_sociale,heures_insertion\n"
            '"Nettoyage, vitrerie",31,90911200,"12 000",execution,300\n')
    response = _upload(buyer_client, text)
    assert response.status_code == 200, html.unescape(response.text)
    buyer_client.post("/besoins/importer/confirmer", data={"token": _token(response)})
    need = db.session.scalars(select(Need)).one()
    assert need.title == "Nettoyage, vitrerie" and need.insertion_hours == 300 and need.estimated_amount_eur == 12_000


def test_windows_1252_file(buyer_client):
    text = "title;department;description\r\nEntretien des salles d'été;34;Crèches et écoles\r\n"
    response = _upload(buyer_client, text, encoding="cp1252")
    assert response.status_code == 200
    buyer_client.post("/besoins/importer/confirmer", data={"token": _token(response)})
    need = db.session.scalars(select(Need)).one()
    assert need.title == "Entretien des salles d'été" and need.description == "Crèches et écoles"


def test_utf8_with_bom_and_blank_lines(buyer_client):
    text = "\ufefftitle;department\n\nNettoyage;31\n;\n"
    response = _upload(buyer_client, text)
    assert response.status_code == 200
    assert "Aperçu : 1 besoin prêt à importer" in html.unescape(response.text)


def test_too_many_rows(buyer_client):
    rows = [f"Besoin {i};31" for i in range(plan_import.MAX_ROWS + 1)]
    response = _upload(buyer_client, "\n".join(["title;department", *rows]))
    assert response.status_code == 422
    assert "plus de 500 besoins" in html.unescape(response.text)
    assert _count() == 0


def test_too_big_a_file(buyer_client):
    response = _upload(buyer_client, "title;department\n" + "x" * (plan_import.MAX_BYTES + 10))
    assert response.status_code == 422
    assert "dépasse 1 Mo" in html.unescape(response.text)


@pytest.mark.parametrize("header, message", [
    ("titel;department", "Colonne inconnue « titel »"),
    ("description;department", "Colonne obligatoire absente"),
    ("title;department;title", "Cette colonne apparaît deux fois."),
])
def test_wrong_header(buyer_client, header, message):
    response = _upload(buyer_client, f"{header}\nNettoyage;31;x\n")
    assert response.status_code == 422
    assert message in html.unescape(response.text)


@pytest.mark.parametrize("cells, column, message", [
    ("Nettoyage;31;peut-être", "renewal", "Écrivez oui ou non"),
    ("Nettoyage;31;;MAPA2", "procedure", "Valeur inconnue « MAPA2 »"),
    ("Nettoyage;31;;;L2113-99", "reservation", "Valeur inconnue « L2113-99 »"),
    ("Nettoyage;Atlantide", "department", "Département inconnu « Atlantide » : écrivez son numéro (31) ou son nom"),
    ("Nettoyage;31;;;;;32/01/2027", "expected_publication_date", "Cette date n'existe pas"),
    ("Nettoyage;31;;;;;;-4", "estimated_amount", "Indiquez un montant"),
    ("Nettoyage;31;oui", "current_contract_end", "Indiquez la date de fin du marché actuel"),
])
def test_row_errors_name_the_column(buyer_client, cells, column, message):
    header = "title;department;renewal;procedure;reservation;current_contract_end;expected_publication_date;" \
             "estimated_amount"
    response = _upload(buyer_client, f"{header}\n{cells}\n")
    assert response.status_code == 422
    text = html.unescape(response.text)
    assert f"<tr><td>2</td><td>{column}</td><td>" in text
    assert message in text


def test_a_row_with_too_many_cells(buyer_client):
    response = _upload(buyer_client, "title;department\nNettoyage;31;en trop\n")
    assert "plus de cellules" in html.unescape(response.text)


def test_line_numbers_count_multiline_cells(buyer_client):
    text = 'title;department;description\nA;31;"deux\nlignes"\nB;99;\n'
    response = _upload(buyer_client, text)
    assert "<tr><td>4</td><td>department</td>" in html.unescape(response.text)


def test_an_empty_file_and_a_header_alone(buyer_client):
    assert "Le fichier est vide." in html.unescape(_upload(buyer_client, "").text)
    assert "aucun besoin" in html.unescape(_upload(buyer_client, "title;department\n").text)


def test_no_file(buyer_client):
    response = buyer_client.post("/besoins/importer", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choisissez un fichier CSV." in html.unescape(response.text)


def test_a_tampered_or_foreign_token_imports_nothing(buyer_client, client, login, other_buyer_admin):
    response = _upload(buyer_client, "title;department\nNettoyage;31\n")
    token = _token(response)
    bad = buyer_client.post("/besoins/importer/confirmer", data={"token": token[:-3] + "abc"}, follow_redirects=True)
    assert "L'aperçu a expiré" in html.unescape(bad.text)
    login(other_buyer_admin)
    client.post("/besoins/importer/confirmer", data={"token": token})
    assert _count() == 0


def test_rows_are_checked_again_on_confirmation(buyer_client):
    from matchfair.reference.models import CpvCode

    response = _upload(buyer_client, "title;department;cpv\nNettoyage;31;90911200\n")
    db.session.delete(db.session.get(CpvCode, "90911200"))
    db.session.commit()
    again = buyer_client.post("/besoins/importer/confirmer", data={"token": _token(response)})
    assert again.status_code == 422
    assert "Code CPV inconnu" in html.unescape(again.text)
    assert _count() == 0


def test_the_template_file_imports_cleanly(buyer_client):
    template = buyer_client.get("/besoins/importer/modele.csv")
    assert template.data.startswith("\ufeff".encode())
    assert "attachment" in template.headers["Content-Disposition"]
    response = buyer_client.post("/besoins/importer", data={"file": (io.BytesIO(template.data), "modele.csv")},
                                 content_type="multipart/form-data")
    assert response.status_code == 200, html.unescape(response.text)


def test_the_page_documents_every_column(buyer_client):
    page = html.unescape(buyer_client.get("/besoins/importer").text)
    for column in plan_import.COLUMNS:
        assert f"<code>{column}</code>" in page


def test_imported_drafts_can_be_published_together(buyer_client):
    response = _upload(buyer_client, "title;department;cpv\nA;31;90911200\nB;31;\n")
    buyer_client.post("/besoins/importer/confirmer", data={"token": _token(response)})
    ids = list(db.session.scalars(select(Need.id).order_by(Need.id)))
    page = buyer_client.post("/besoins/publier-la-selection", data={"need_ids": ids}, follow_redirects=True)
    text = html.unescape(page.text)
    assert "1 besoin publié." in text and "Non publié, à compléter : « B »" in text
    assert [n.status for n in db.session.scalars(select(Need).order_by(Need.id))] == ["published", "draft"]


def test_confirming_the_same_preview_twice_imports_once(buyer_client):
    """Back button then "Importer" again, or the page reloaded: no duplicate drafts."""
    token = _token(_upload(buyer_client, "\n".join([HEADER, *GOOD_ROWS]) + "\n"))
    assert buyer_client.post("/besoins/importer/confirmer", data={"token": token}).status_code == 302
    again = buyer_client.post("/besoins/importer/confirmer", data={"token": token}, follow_redirects=True)
    assert "Ce fichier est déjà importé" in html.unescape(again.text)
    assert _count() == 3
    fresh = _token(_upload(buyer_client, "\n".join([HEADER, *GOOD_ROWS]) + "\n"))
    assert buyer_client.post("/besoins/importer/confirmer", data={"token": fresh}).status_code == 302
    assert _count() == 6  # a new upload of the same file is a new, deliberate import


def test_the_confirmation_form_is_sent_once(buyer_client):
    page = buyer_client.get("/besoins/importer")
    assert "js/needs-form.js" in page.text
    preview = html.unescape(_upload(buyer_client, "\n".join([HEADER, *GOOD_ROWS]) + "\n").text)
    assert re.search(r'<form[^>]*action="/besoins/importer/confirmer"[^>]*data-submit-once', preview)
