"""Fixtures of the organisations import tests: an organiser, CSV files, the upload-map-check steps."""
import io
import random

import pytest

from matchfair.backoffice.models import OrganisationImport
from matchfair.extensions import db
from tests import factories
from tests.programme.events.conftest import EventFactory, OrganiserFactory, member_of

HEADER = ["Raison sociale", "SIRET", "Département", "Code postal", "Ville", "Courriel", "Statut", "Codes CPV",
          "Nom du contact", "Email contact"]


@pytest.fixture
def organiser(login):
    """A member of an organiser organisation, signed in."""
    return login(member_of(OrganiserFactory()))


@pytest.fixture
def organiser_org(organiser):
    return organiser.memberships[0].organisation


@pytest.fixture
def event(organiser_org):
    return EventFactory(organiser=organiser_org)


def make_rows(n: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    rows, seen = [], set()
    while len(rows) < n:
        siret = factories.make_siret(rng)
        if siret in seen:
            continue
        seen.add(siret)
        i = len(rows) + 1
        rows.append([f"Coopérative numéro {i}", siret, "31", "31000", "Toulouse", f"structure{i}@exemple.fr",
                     "SCOP, SIAE (EI)" if i % 2 else "EA", "45000000; 90000000", f"Personne {i}",
                     f"contact{i}@exemple.fr"])
    return rows


def make_csv(rows, header=HEADER, sep=";", encoding="utf-8") -> bytes:
    import csv
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.fixture
def upload(client):
    """upload(raw, kind="sse", event=None): post the file; returns the import (status mapping)."""

    def _upload(raw: bytes, kind="sse", event=None, name="annuaire.csv"):
        data = {"file": (io.BytesIO(raw), name), "kind": kind, "event": str(event.id) if event else ""}
        response = client.post("/organisateur/imports/nouveau", data=data, content_type="multipart/form-data")
        assert response.status_code == 302, response.get_data(as_text=True)
        return db.session.scalars(db.select(OrganisationImport).order_by(OrganisationImport.id.desc())).first()

    return _upload


@pytest.fixture
def check_mapping(client):
    """Post the import's guessed mapping (as the page shows it) and return the refreshed import."""

    def _check(imp):
        data = {key: str(index) for key, index in imp.mapping.items()}
        response = client.post(f"/organisateur/imports/{imp.id}/colonnes", data=data)
        assert response.status_code == 302, response.get_data(as_text=True)
        db.session.refresh(imp)
        return imp

    return _check
