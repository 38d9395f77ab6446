"""Reading files (Windows-1252, separators), guessing the columns, bad input on the upload and mapping pages."""
import io

from matchfair.backoffice import imports
from matchfair.backoffice.models import OrganisationImport
from matchfair.extensions import db

from .conftest import HEADER, make_csv, make_rows


def test_windows_1252_with_semicolons(organiser, upload, check_mapping):
    rows = make_rows(3)
    rows[0][0] = "Régie de quartier « Élan »"
    imp = upload(make_csv(rows, sep=";", encoding="cp1252"))
    assert imp.header[2] == "Département"
    assert imp.rows[0][0] == "Régie de quartier « Élan »"
    imp = check_mapping(imp)
    assert imp.report["errors"] == [] and imp.report["preview"][0]["name"] == "Régie de quartier « Élan »"


def test_utf8_bom_with_commas(organiser, upload, check_mapping):
    imp = upload(b"\xef\xbb\xbf" + make_csv(make_rows(4), sep=","))
    assert imp.header[0] == "Raison sociale" and len(imp.rows) == 4
    assert imp.rows[0][7] == "45000000; 90000000"
    assert check_mapping(imp).report["counts"] == {"rows": 4, "new": 4, "merged": 0, "errors": 0, "error_rows": 0}


def test_line_numbers_follow_the_file_with_blank_lines():
    raw = b"Nom;SIRET\n\nA;1\n\nB;2\n"
    csv_file = imports.read_file(raw)
    assert csv_file.lines == [3, 5]


def test_guesses_from_header_names():
    header = ["RAISON SOCIALE", "N° Siret", "Dépt", "Adresse", "CP", "Ville", "Site internet", "Courriel", "Tél",
              "Activités", "Codes CPV", "Statut", "Nom du contact", "Courriel du contact", "Autre"]
    mapping = imports.guess_mapping(header, "sse")
    assert {k: header[i] for k, i in mapping.items()} == {
        "name": "RAISON SOCIALE", "siret": "N° Siret", "department": "Dépt", "address": "Adresse", "postcode": "CP",
        "city": "Ville", "website": "Site internet", "contact_email": "Courriel", "phone": "Tél",
        "description": "Activités", "cpv": "Codes CPV", "statuses": "Statut", "person_name": "Nom du contact",
        "person_email": "Courriel du contact"}
    assert imports.guess_mapping(["Nom", "Département", "E-mail"], "buyer") == {
        "name": 0, "department": 1, "contact_email": 2}
    # Buyers have no CPV or statuses fields.
    assert "cpv" not in imports.guess_mapping(["Nom", "CPV"], "buyer")


def test_mapping_page_is_prefilled(client, organiser, upload):
    imp = upload(make_csv(make_rows(2)))
    page = client.get(f"/organisateur/imports/{imp.id}/colonnes").get_data(as_text=True)
    assert '<option selected value="0">Raison sociale</option>' in page
    assert '<option selected value="9">Email contact</option>' in page


def test_mapping_without_required_fields(client, organiser, upload):
    imp = upload(make_csv(make_rows(2)))
    response = client.post(f"/organisateur/imports/{imp.id}/colonnes", data={"name": "0", "siret": ""})
    assert response.status_code == 422
    assert "Ce champ est obligatoire : choisissez sa colonne." in response.get_data(as_text=True)
    db.session.refresh(imp)
    assert imp.status == "mapping"


def test_upload_bad_input(client, organiser):
    response = client.post("/organisateur/imports/nouveau", data={"kind": "sse"}, content_type="multipart/form-data")
    assert response.status_code == 422 and "Choisissez un fichier CSV." in response.get_data(as_text=True)
    response = client.post("/organisateur/imports/nouveau", data={"file": (io.BytesIO(b"  "), "vide.csv"), "kind": "sse"},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "Le fichier est vide." in response.get_data(as_text=True)
    only_header = make_csv([])
    response = client.post("/organisateur/imports/nouveau", data={"file": (io.BytesIO(only_header), "a.csv"),
                                                                  "kind": "sse"}, content_type="multipart/form-data")
    assert response.status_code == 422 and "aucune ligne" in response.get_data(as_text=True)
    response = client.post("/organisateur/imports/nouveau", data={"file": (io.BytesIO(b"x" * (2 * 1024 * 1024 + 1)), "a.csv"),
                                                                  "kind": "sse"}, content_type="multipart/form-data")
    assert response.status_code == 422 and "dépasse 2 Mo" in response.get_data(as_text=True)
    response = client.post("/organisateur/imports/nouveau", data={"file": (io.BytesIO(make_csv(make_rows(1))), "a.csv"),
                                                                  "kind": "autre"}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert db.session.scalar(db.select(db.func.count()).select_from(OrganisationImport)) == 0


def test_event_of_another_organiser_refused(client, organiser):
    from tests.programme.events.conftest import EventFactory
    other_event = EventFactory()
    response = client.post("/organisateur/imports/nouveau", data={
        "file": (io.BytesIO(make_csv(make_rows(1))), "a.csv"), "kind": "sse", "event": str(other_event.id)},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert db.session.scalar(db.select(db.func.count()).select_from(OrganisationImport)) == 0


def test_corrected_file_keeps_the_mapping_by_column_name(client, organiser, upload, check_mapping):
    imp = check_mapping(upload(make_csv(make_rows(3))))
    order = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
    rows = [[r[i] for i in order] for r in make_rows(3)]
    header = [HEADER[i] for i in order]
    header[0] = "Adresse de la personne"  # renamed: that field is guessed again
    client.post(f"/organisateur/imports/{imp.id}/version-corrigee", data={"file": (io.BytesIO(make_csv(rows, header=header)), "b.csv")},
                content_type="multipart/form-data")
    db.session.refresh(imp)
    assert imp.status == "preview" and imp.mapping["name"] == 9 and imp.mapping["siret"] == 8
    assert imp.report["errors"] == [] and imp.filename == "b.csv"
