"""Deciding a registration from the participants page brings the organiser back to the same filtered list."""
from matchfair.extensions import db
from matchfair.programme.models import EventRegistration, RegistrationStatus

from ... import factories


def test_approve_from_the_participants_list_returns_to_it(client, login, organiser_user, event):
    org = factories.OrganisationFactory(name="Régie de quartier")
    registration = EventRegistration(event_id=event.id, organisation_id=org.id, status=RegistrationStatus.PENDING)
    db.session.add(registration)
    db.session.commit()
    login(organiser_user)
    here = f"/evenements/{event.id}/participants?statut=pending"
    response = client.post(f"/evenements/{event.id}/inscriptions/{registration.id}/valider",
                           data={"next": here})
    assert response.status_code == 302 and response.headers["Location"].endswith(here)
    response = client.post(f"/evenements/{event.id}/inscriptions/{registration.id}/valider",
                           data={"next": "https://exemple.com/"})
    assert response.headers["Location"].endswith(f"/evenements/{event.id}/inscriptions")
