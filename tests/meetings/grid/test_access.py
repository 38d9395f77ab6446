"""Every grid page and action: anonymous -> log-in, another organisation -> 404, the event's organiser -> 200."""
import pytest

from matchfair.meetings.grid import event_periods, event_tables

GETS = ["/grille", "/tables", "/participants"]


def _posts(event, participant):
    period = event_periods(event.id)[0]
    table = event_tables(event.id)[0]
    return [
        ("/grille", {}), ("/grille/proposer", {}), ("/grille/plages", {}), (f"/grille/plages/{period.id}/supprimer", {}),
        ("/tables/ajouter", {}), (f"/tables/{table.id}/renommer", {}), (f"/tables/{table.id}/activer", {}),
        (f"/tables/{table.id}/desactiver", {}), (f"/tables/{table.id}/supprimer", {}),
        (f"/stands/{participant.id}", {}), (f"/stands/{participant.id}/retirer", {}),
    ]


@pytest.mark.parametrize("path", GETS)
def test_get_access(client, login, event, meeting_grid, organiser_user, other_organiser, sse_admin, path):
    url = f"/evenements/{event.id}/rendez-vous{path}"
    response = client.get(url)
    assert response.status_code == 302 and "/connexion" in response.location
    for stranger in (other_organiser, sse_admin):
        login(stranger)
        assert client.get(url).status_code == 404
    login(organiser_user)
    assert client.get(url).status_code == 200
    assert client.get(f"/evenements/999999/rendez-vous{path}").status_code == 404


def test_post_access(client, login, event, meeting_grid, buyer_participant, other_organiser, sse_admin):
    for path, data in _posts(event, buyer_participant):
        url = f"/evenements/{event.id}/rendez-vous{path}"
        response = client.post(url, data=data)
        assert response.status_code == 302 and "/connexion" in response.location, path
    for stranger in (other_organiser, sse_admin):
        login(stranger)
        for path, data in _posts(event, buyer_participant):
            assert client.post(f"/evenements/{event.id}/rendez-vous{path}", data=data).status_code == 404, path


def test_objects_of_another_event_are_404(client, login, event, meeting_grid, organiser_user, make_participant):
    from datetime import date, timedelta

    from matchfair.extensions import db
    from matchfair.meetings.models import MeetingTable
    from matchfair.programme.models import Event

    other = Event(organiser_organisation_id=event.organiser_organisation_id, name="Autre", slug="autre",
                  starts_on=date.today() + timedelta(days=20), ends_on=date.today() + timedelta(days=20),
                  is_published=True)
    db.session.add(other)
    db.session.commit()
    table = event_tables(event.id)[0]
    period = event_periods(event.id)[0]
    participant = make_participant("buyer")
    login(organiser_user)
    base = f"/evenements/{other.id}/rendez-vous"
    for path in (f"/tables/{table.id}/renommer", f"/tables/{table.id}/supprimer", f"/grille/plages/{period.id}/supprimer",
                 f"/stands/{participant.id}", f"/stands/{participant.id}/retirer"):
        assert client.post(base + path, data={}).status_code == 404, path
    assert db.session.get(MeetingTable, table.id) is not None
