"""CSV downloads parsed back with the csv module and compared both ways with the data of the test."""
import csv
import io
from datetime import date

import pytest
from sqlalchemy import event as sa_event

from matchfair.extensions import db
from matchfair.needs.choices import RESERVATION_SHORT, SOCIAL_CLAUSE_SHORT
from matchfair.programme.models import Attendee
from matchfair.timeutil import utcnow


def fetch(client, event, name):
    response = client.get(f"/evenements/{event.id}/exports/{name}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert f"{event.slug}.csv" in response.headers["Content-Disposition"]
    assert response.headers["Content-Disposition"].startswith("attachment")
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def test_participants_one_row_per_attendee(client, login, organiser_user, event, register):
    approved = register(event, kind="sse", status="approved", people=2, siret="12345678900011",
                        department_code="31", name="Atelier Vert")
    pending = register(event, kind="buyer", status="pending", people=1, name="Ville de Muret")
    refused = register(event, kind="sse", status="refused", people=1, name="Coop Refusée")
    first = approved.attendees[0]
    first.checked_in_at = utcnow()
    db.session.commit()
    login(organiser_user)
    header, rows = fetch(client, event, "participants.csv")
    assert header == ["organisation", "type", "SIRET", "département", "inscription", "personne", "e-mail", "présent"]
    expected = {(a.user.email, reg.organisation.name) for reg in (approved, pending, refused) for a in reg.attendees}
    assert {(r["e-mail"], r["organisation"]) for r in rows} == expected
    assert len(rows) == 4
    by_mail = {r["e-mail"]: r for r in rows}
    row = by_mail[first.user.email]
    assert row["SIRET"] == "12345678900011" and row["département"] == "31"
    assert row["inscription"] == "validée" and row["type"] == "Structure de l'ESS"
    assert row["présent"].startswith("oui") and row["personne"] == first.user.full_name
    assert by_mail[approved.attendees[1].user.email]["présent"] == "non"
    assert by_mail[pending.attendees[0].user.email]["inscription"] == "en attente"
    assert by_mail[pending.attendees[0].user.email]["type"] == "Acheteur"
    assert by_mail[refused.attendees[0].user.email]["inscription"] == "refusée"
    # every attendee row in the database is in the file
    assert db.session.query(Attendee).count() == len(rows)


def test_needs_only_published_needs_of_approved_buyers(client, login, organiser_user, event, register, make_need):
    buyer = register(event, kind="buyer", status="approved", name="Région Occitanie").organisation
    waiting = register(event, kind="buyer", status="pending", name="Ville en attente").organisation
    shown = make_need(buyer, "Nettoyage des locaux", cpv=("90000000", "45000000"), reservation="L2113-13",
                      social_clause="execution", estimated_amount_eur=120000,
                      expected_publication_date=date(2027, 3, 1))
    plain = make_need(buyer, "Espaces verts")
    make_need(buyer, "Brouillon", status="draft")
    make_need(waiting, "Besoin d'un acheteur non validé")
    login(organiser_user)
    header, rows = fetch(client, event, "besoins.csv")
    assert header[:2] == ["acheteur", "intitulé"] and header[-1] == "lien"
    assert sorted(r["intitulé"] for r in rows) == sorted([shown.title, plain.title])
    row = next(r for r in rows if r["intitulé"] == shown.title)
    assert row["acheteur"] == "Région Occitanie"
    assert row["codes CPV"] == "45000000 90000000"
    assert row["montant estimé (€ HT)"] == "120000" and row["date prévue"] == "2027-03-01"
    assert row["lien"].endswith(f"/besoins/{shown.id}")
    assert row["réservation"] == str(RESERVATION_SHORT["L2113-13"])
    assert row["clause sociale"] == str(SOCIAL_CLAUSE_SHORT["execution"])
    other = next(r for r in rows if r["intitulé"] == plain.title)
    assert other["montant estimé (€ HT)"] == "" and other["date prévue"] == ""


def test_schedule_one_row_per_booked_meeting(client, login, organiser_user, event, schedule):
    login(organiser_user)
    header, rows = fetch(client, event, "rendez-vous.csv")
    assert len(header) == 9
    s = schedule
    expected = {
        ("09:00", "09:25", "T1", s.sse1.organisation.name, s.sse1.user.full_name, s.buyer.organisation.name,
         s.buyer.user.full_name),
        ("09:30", "09:55", "T1", s.sse2.organisation.name, s.sse2.user.full_name, s.buyer.organisation.name,
         s.buyer.user.full_name),
        ("10:00", "10:25", "T4", s.sse1.organisation.name, s.sse1.user.full_name, s.stand.organisation.name,
         s.stand.user.full_name),
        ("14:30", "14:55", "T4", s.sse2.organisation.name, s.sse2.user.full_name, s.stand.organisation.name,
         s.stand.user.full_name),
    }
    got = {tuple(r.values())[1:8] for r in rows}
    assert got == expected
    assert {r["jour"] for r in rows} == {event.starts_on.isoformat()}
    assert [r["début"] for r in rows] == sorted(r["début"] for r in rows)


@pytest.mark.parametrize("name", ["rendez-vous.csv", "rendez-vous-par-table", "rendez-vous-par-personne",
                                  "participants.csv", "besoins.csv", "chevalets"])
def test_query_count_does_not_grow(client, login, organiser_user, event, schedule, make_meeting, book,
                                   make_participant, name):
    login(organiser_user)
    url = f"/evenements/{event.id}/exports/{name}"

    def count():
        db.session.commit()  # every object expired: both counts start from the same state
        statements = []

        def record(conn, cursor, statement, *args):
            statements.append(statement)

        sa_event.listen(db.engine, "before_cursor_execute", record)
        try:
            assert client.get(url).status_code == 200
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", record)
        return len(statements)

    few = count()
    for i in range(3):
        book(make_meeting(make_participant("sse"), make_participant("buyer")), schedule.slots[3 + i],
             schedule.tables[1])
    assert count() == few
    assert few <= 8


def test_participants_lists_a_registration_without_anybody(client, login, organiser_user, event, register):
    """An organisation registered with nobody named yet (as an import without contact persons registers
    them) is on the participants page: it must be in the file too, with its contact address."""
    register(event, kind="sse", status="approved", people=1, name="Atelier Vert")
    register(event, kind="sse", status="approved", people=0, name="Recyclerie Importée",
             contact_email="contact@recyclerie.example.org", siret="12345678900011")
    login(organiser_user)
    _header, rows = fetch(client, event, "participants.csv")
    assert {r["organisation"] for r in rows} == {"Atelier Vert", "Recyclerie Importée"}
    row = next(r for r in rows if r["organisation"] == "Recyclerie Importée")
    assert row["personne"] == "" and row["e-mail"] == "contact@recyclerie.example.org"
    assert row["inscription"] == "validée" and row["SIRET"] == "12345678900011" and row["présent"] == ""
