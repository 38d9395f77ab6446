"""Every requests route: anonymous -> log in; another organisation's meeting -> 404; the right side -> the page."""
import pytest

from matchfair.extensions import db
from matchfair.meetings.models import Meeting, MeetingStatus
from tests import factories

from .conftest import text_of

ACTIONS = ["accepter", "refuser", "retirer"]


@pytest.fixture
def pending(sse_participant, buyer_participant, make_meeting):
    return make_meeting(sse_participant, buyer_participant, status=MeetingStatus.REQUESTED)


def _action(event_id, meeting_id, action):
    return f"/evenements/{event_id}/rendez-vous/demandes/{meeting_id}/{action}"


def test_anonymous_is_sent_to_log_in(client, event, meeting_grid, pending, buyer_participant):
    gets = [f"/evenements/{event.id}/rendez-vous",
            f"/evenements/{event.id}/rendez-vous/demander?organisation={buyer_participant.organisation_id}",
            _action(event.id, pending.id, "refuser")]
    for url in gets:
        response = client.get(url)
        assert response.status_code == 302 and "/connexion" in response.location, url
    for url in [_action(event.id, pending.id, a) for a in ACTIONS] + [gets[1]]:
        response = client.post(url, data={"message": "Bonjour, rencontrons-nous."})
        assert response.status_code == 302 and "/connexion" in response.location, url
    assert db.session.get(Meeting, pending.id).status == MeetingStatus.REQUESTED


def test_another_organisations_meeting_is_a_404(client, login, event, meeting_grid, pending, make_participant):
    for user in (make_participant("sse").user, make_participant("buyer").user,
                 factories.MembershipFactory(organisation=factories.OrganisationFactory()).user):
        login(user)
        assert client.get(_action(event.id, pending.id, "refuser")).status_code == 404
        for action in ACTIONS:
            assert client.post(_action(event.id, pending.id, action)).status_code == 404, action
    assert db.session.get(Meeting, pending.id).status == MeetingStatus.REQUESTED


def test_organisers_do_not_answer_for_participants(client, login, event, meeting_grid, pending, organiser_user):
    login(organiser_user)
    for action in ACTIONS:
        assert client.post(_action(event.id, pending.id, action)).status_code == 404, action


def test_meeting_of_another_event_path_is_a_404(client, login, event, meeting_grid, pending, buyer_participant):
    login(buyer_participant.user)
    for action in ACTIONS:
        assert client.post(_action(event.id + 1, pending.id, action)).status_code == 404
    assert client.post(_action(event.id, pending.id + 100, "accepter")).status_code == 404


def test_pages_for_the_right_sides(client, login, event, meeting_grid, pending, sse_participant, buyer_participant):
    login(buyer_participant.user)
    assert client.get(f"/evenements/{event.id}/rendez-vous").status_code == 200
    assert client.get(_action(event.id, pending.id, "refuser")).status_code == 200
    login(sse_participant.user)
    page = client.get(f"/evenements/{event.id}/rendez-vous")
    assert page.status_code == 200 and "Mes rendez-vous" in page.text
    # The requester cannot decline its own request: it is sent back with the reason.
    response = client.get(_action(event.id, pending.id, "refuser"), follow_redirects=True)
    assert "Seule l'organisation qui a reçu la demande peut y répondre" in text_of(response)


def test_event_without_meetings_is_a_404(client, login, event, sse_admin):
    login(sse_admin)
    assert client.get(f"/evenements/{event.id}/rendez-vous").status_code == 404
    assert client.get(f"/evenements/{event.id}/rendez-vous/demander?organisation=1").status_code == 404
