"""Checks of the rows, duplicates by SIRET, merges, invitations, event registration, cancellation."""
import html
import re

from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from matchfair.accounts.models import User
from matchfair.extensions import db
from matchfair.organisations.models import Membership, Organisation
from matchfair.programme.models import EventRegistration
from tests import factories

from .conftest import make_csv, make_rows


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_same_siret_twice_in_the_file(client, organiser, upload, check_mapping):
    rows = make_rows(4)
    rows[3][1] = rows[1][1]
    imp = check_mapping(upload(make_csv(rows)))
    assert [e[:2] for e in imp.report["errors"]] == [[5, "SIRET"]]
    assert "ligne 3" in imp.report["errors"][0][3]
    client.post(f"/organisateur/imports/{imp.id}/confirmer")
    db.session.refresh(imp)
    assert imp.status == "preview" and _count(Organisation) == 1  # the organiser only
    assert _count(User) == 1


def test_messages_of_each_check(organiser, upload, check_mapping):
    rows = make_rows(6)
    rows[0][1] = "732 829 320 00075"  # wrong check digit
    rows[1][2], rows[1][3] = "", "2B"  # no department, bad postcode
    rows[2][6] = "SCOP, licorne"
    rows[3][7] = "4500"
    rows[4][5] = "structure@"
    rows[5][2], rows[5][3] = "", "97411"  # department from the postcode
    imp = check_mapping(upload(make_csv(rows)))
    messages = {e[0]: (e[1], e[3]) for e in imp.report["errors"]}
    assert messages[2] == ("SIRET", "Le numéro SIRET n'est pas valide (14 chiffres, clé de contrôle)")
    assert messages[3][0] in ("Code postal", "Département")
    assert messages[4] == ("Statut", messages[4][1]) and "licorne" in messages[4][1]
    assert messages[5] == ("Codes CPV", "Code CPV mal formé : 4500")
    assert messages[6][0] == "Courriel" and "adresse e-mail" in messages[6][1]
    assert 7 not in messages and imp.report["counts"]["new"] == 1


def test_merge_with_an_existing_organisation(client, organiser, upload, check_mapping):
    rows = make_rows(3)
    existing = factories.OrganisationFactory(siret=rows[1][1], name="Ancien nom", description="Gardée",
                                             city="Albi", department_code="81")
    rows[1][4] = ""  # empty city in the file: the existing one stays
    imp = check_mapping(upload(make_csv(rows)))
    assert imp.report["counts"]["new"] == 2 and imp.report["counts"]["merged"] == 1
    page = client.get(f"/organisateur/imports/{imp.id}").get_data(as_text=True)
    assert "Fusion avec « Ancien nom »" in page
    db.session.refresh(existing)
    assert existing.name == "Ancien nom"  # nothing written before the confirmation
    client.post(f"/organisateur/imports/{imp.id}/confirmer")
    db.session.expire_all()
    existing = db.session.get(Organisation, existing.id)
    assert existing.name == "Coopérative numéro 2" and existing.description == "Gardée" and existing.city == "Albi"
    assert existing.department_code == "31" and {a.code for a in existing.areas} == {"31"}
    assert existing.cpv_codes == ["45000000", "90000000"] and "ea" in existing.status_values
    assert _count(Organisation) == 1 + 3
    assert db.session.get(type(imp), imp.id).report["done"]["merged"] == 1


def test_siret_of_another_kind_is_an_error(organiser, upload, check_mapping):
    rows = make_rows(2)
    factories.BuyerFactory(siret=rows[0][1], name="Mairie")
    imp = check_mapping(upload(make_csv(rows)))
    assert imp.report["errors"][0][:2] == [2, "SIRET"] and "Mairie" in imp.report["errors"][0][3]


def test_invitation_lets_the_person_set_a_password_and_log_in(client, organiser, upload, check_mapping, outbox):
    known = factories.UserFactory(email="contact2@exemple.fr")
    imp = check_mapping(upload(make_csv(make_rows(2))))
    client.post(f"/organisateur/imports/{imp.id}/confirmer")
    assert sorted(m.to[0] for m in outbox) == ["contact1@exemple.fr", "contact2@exemple.fr"]
    new_mail = next(m for m in outbox if m.to == ["contact1@exemple.fr"])
    notice = next(m for m in outbox if m.to == ["contact2@exemple.fr"])
    assert "Coopérative numéro 1" in new_mail.body and "/mot-de-passe/nouveau/" not in notice.body
    assert "Coopérative numéro 2" in notice.body
    person = db.session.scalar(select(User).where(User.email == "contact1@exemple.fr"))
    assert person.full_name == "Personne 1" and person.email_confirmed_at is None
    org1 = db.session.scalar(select(Organisation).where(Organisation.name == "Coopérative numéro 1"))
    assert db.session.get(Membership, (person.id, org1.id)).role == "admin"
    org2 = db.session.scalar(select(Organisation).where(Organisation.name == "Coopérative numéro 2"))
    assert db.session.get(Membership, (known.id, org2.id)) is not None

    client.post("/deconnexion")
    assert client.post("/connexion", data={"email": person.email, "password": "!"}).status_code == 200
    path = re.search(r"https?://[^/\s]+(/mot-de-passe/nouveau/\S+)", new_mail.body).group(1)
    assert client.get(path).status_code == 200
    response = client.post(path, data={"password": "un mot de passe choisi", "confirm": "un mot de passe choisi"})
    assert response.status_code == 302
    db.session.refresh(person)
    assert check_password_hash(person.password_hash, "un mot de passe choisi") and person.is_confirmed
    client.post("/deconnexion")
    response = client.post("/connexion", data={"email": person.email, "password": "un mot de passe choisi"})
    assert response.status_code == 302
    assert client.get("/organisation").status_code == 200


def test_one_person_for_two_organisations_gets_one_email(client, organiser, upload, check_mapping, outbox):
    rows = make_rows(2)
    rows[1][9] = rows[0][9]
    imp = check_mapping(upload(make_csv(rows)))
    client.post(f"/organisateur/imports/{imp.id}/confirmer")
    assert len(outbox) == 1 and "numéro 1" in outbox[0].body and "numéro 2" in outbox[0].body
    person = db.session.scalar(select(User).where(User.email == rows[0][9]))
    assert len(person.memberships) == 2


def test_buyers_without_siret_registered_to_an_event(client, organiser, event, upload, check_mapping):
    raw = "Nom;Département;E-mail;Contact;Email contact\nVille de Muret;31;mairie@muret.fr;Alix;alix@muret.fr\n" \
          "Hôpital d'Albi;Tarn;;;\n".encode()
    imp = upload(raw, kind="buyer", event=event)
    assert imp.mapping == {"name": 0, "department": 1, "contact_email": 2, "person_name": 3, "person_email": 4}
    imp = check_mapping(imp)
    assert imp.report["errors"] == []
    client.post(f"/organisateur/imports/{imp.id}/confirmer")
    buyers = db.session.scalars(select(Organisation).where(Organisation.kind == "buyer").order_by(Organisation.name)).all()
    assert [(b.name, b.department_code, b.siret) for b in buyers] == [("Hôpital d'Albi", "81", None), ("Ville de Muret", "31", None)]
    registrations = db.session.scalars(select(EventRegistration).where(EventRegistration.event_id == event.id)).all()
    assert len(registrations) == 2 and {r.status for r in registrations} == {"approved"}
    assert sum(len(r.attendees) for r in registrations) == 1
    assert db.session.get(type(imp), imp.id).report["done"]["registered"] == 2


def test_cancel(client, organiser, upload, check_mapping):
    imp = check_mapping(upload(make_csv(make_rows(2))))
    response = client.post(f"/organisateur/imports/{imp.id}/annuler")
    assert response.status_code == 302
    db.session.refresh(imp)
    assert imp.status == "cancelled"
    client.post(f"/organisateur/imports/{imp.id}/confirmer")
    assert _count(Organisation) == 1
    response = client.post(f"/organisateur/imports/{imp.id}/annuler", follow_redirects=True)
    assert "ne peut plus être annulé" in response.get_data(as_text=True)
    assert "Annulé" in client.get("/organisateur/imports").get_data(as_text=True)


def test_imported_twice_is_refused(client, organiser, upload, check_mapping):
    imp = check_mapping(upload(make_csv(make_rows(2))))
    client.post(f"/organisateur/imports/{imp.id}/confirmer")
    response = client.post(f"/organisateur/imports/{imp.id}/confirmer", follow_redirects=True)
    assert "n'est plus à confirmer" in html.unescape(response.get_data(as_text=True))
    assert _count(Organisation) == 3
    listing = client.get("/organisateur/imports").get_data(as_text=True)
    assert "Importé" in listing and "2 créées" in listing


def test_an_invitation_that_cannot_leave_is_said_and_the_import_stands(client, organiser, upload, check_mapping,
                                                                        outbox, monkeypatch):
    from matchfair.backoffice import imports

    real = imports.send_email

    def refusing(to, *args, **kwargs):
        if to == "contact1@exemple.fr":
            raise OSError("550 mailbox unavailable")
        return real(to, *args, **kwargs)

    monkeypatch.setattr(imports, "send_email", refusing)
    imp = check_mapping(upload(make_csv(make_rows(3))))
    response = client.post(f"/organisateur/imports/{imp.id}/confirmer", follow_redirects=True)
    page = html.unescape(response.get_data(as_text=True))
    assert "1 e-mail d'invitation n'a pas pu partir" in page and "Import terminé" in page
    assert sorted(m.to[0] for m in outbox) == ["contact2@exemple.fr", "contact3@exemple.fr"]
    assert _count(Organisation) == 4  # the three, and the organiser's
