"""The issue's scenario: 300 rows with 5 bad ones, the 5 errors shown, the file fixed, imported, found."""
import io

from sqlalchemy import func, select

from matchfair.backoffice.models import AuditEntry
from matchfair.extensions import db
from matchfair.organisations.models import (
    Organisation,
    OrganisationCpv,
    OrganisationStatus,
)

from .conftest import make_csv, make_rows


def _bad(rows):
    rows = [list(r) for r in rows]
    rows[12][1] = "123"                      # line 14: SIRET
    rows[40][2] = "99"                       # line 42: department
    rows[99][7] = "45000000, 12345678"       # line 101: unknown CPV
    rows[150][9] = "pas-une-adresse"         # line 152: e-mail of the person
    rows[250][0] = ""                        # line 252: name
    return rows


def test_300_rows_with_5_errors_then_fixed(client, organiser, upload, check_mapping, outbox):
    good = make_rows(300)
    imp = check_mapping(upload(make_csv(_bad(good))))
    assert imp.status == "preview"
    errors = imp.report["errors"]
    assert [(e[0], e[1]) for e in errors] == [(14, "SIRET"), (42, "Département"), (101, "Codes CPV"),
                                              (152, "Email contact"), (252, "Raison sociale")]
    page = client.get(f"/organisateur/imports/{imp.id}").get_data(as_text=True)
    assert "5 erreurs" in page and "ligne 14" in page and "« 123 »" in page and "ligne 252" in page
    assert "Importer 295" not in page
    # Nothing can be imported, nothing was written.
    response = client.post(f"/organisateur/imports/{imp.id}/confirmer")
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Organisation).where(Organisation.kind == "sse")) == 0

    response = client.post(f"/organisateur/imports/{imp.id}/version-corrigee",
                           data={"file": (io.BytesIO(make_csv(good)), "annuaire-corrige.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.refresh(imp)
    assert imp.report["errors"] == [] and imp.report["counts"]["new"] == 300
    assert "Importer 300 organisations" in client.get(f"/organisateur/imports/{imp.id}").get_data(as_text=True)

    response = client.post(f"/organisateur/imports/{imp.id}/confirmer")
    assert response.status_code == 302
    db.session.refresh(imp)
    assert imp.status == "imported" and imp.report["done"]["created"] == 300
    assert db.session.scalar(select(func.count()).select_from(Organisation).where(Organisation.kind == "sse")) == 300
    assert db.session.scalar(select(func.count()).select_from(OrganisationCpv)) == 600
    assert db.session.scalar(select(func.count()).select_from(OrganisationStatus)) > 300
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "organisations.imported"))
    assert entry.details["created"] == 300 and entry.details["merged"] == 0
    assert entry.organisation_id == organiser.memberships[0].organisation_id
    assert len(outbox) == 300
    # They appear in the directory.
    listing = client.get("/annuaire?q=numero+123").get_data(as_text=True)
    assert "Coopérative numéro 123" in listing
    assert "300" in client.get("/annuaire").get_data(as_text=True)
