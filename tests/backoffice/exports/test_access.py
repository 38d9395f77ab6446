"""Every exports route: anonymous -> log-in page, other organisations and participants -> 404,
the event's organisers -> 200."""
from tests import factories


def urls(event):
    base = f"/evenements/{event.id}/exports"
    return [base, f"{base}/participants.csv", f"{base}/besoins.csv", f"{base}/rendez-vous.csv",
            f"{base}/rendez-vous-par-table", f"{base}/rendez-vous-par-personne", f"{base}/chevalets"]


def test_anonymous_is_sent_to_login(client, event):
    for url in urls(event):
        response = client.get(url)
        assert response.status_code == 302 and "/connexion" in response.headers["Location"], url


def test_others_get_404(client, login, event, other_organiser, make_participant):
    participant = make_participant("buyer")
    for user in (other_organiser, participant.user, factories.MembershipFactory().user):
        login(user)
        for url in urls(event):
            assert client.get(url).status_code == 404, url
    login(other_organiser)
    assert client.get("/evenements/999999/exports").status_code == 404


def test_organiser_gets_every_route(client, login, organiser_user, event):
    login(organiser_user)
    for url in urls(event):
        assert client.get(url).status_code == 200, url


def test_exports_page_lists_every_download_and_printout(client, login, organiser_user, event):
    login(organiser_user)
    html = client.get(f"/evenements/{event.id}/exports").get_data(as_text=True)
    for url in urls(event)[1:]:
        assert f'href="{url}"' in html


def test_empty_event_pages_say_what_to_do(client, login, organiser_user, event):
    login(organiser_user)
    for url in urls(event)[4:]:
        assert "empty-state" in client.get(url).get_data(as_text=True), url
    body = client.get(f"/evenements/{event.id}/exports/rendez-vous.csv").get_data(as_text=True)
    assert body.startswith("\ufeff") and body.count("\r\n") == 1
