"""Routes: the session file, the agenda file, the private feed (ETag, 304) and the subscription page."""
import re

from matchfair.extensions import db
from matchfair.programme.models import CalendarToken
from tests import factories

from .conftest import make_event, make_session, parse_all, seat, vevents

ICS = "text/calendar; charset=utf-8"


def _login_at(client, user, base_url):
    with client.session_transaction(base_url=base_url) as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


def _feed_path(client, login, user) -> str:
    login(user)
    page = client.get("/agenda/abonnement")
    assert page.status_code == 200
    token = db.session.get(CalendarToken, user.id).token
    client.post("/deconnexion")
    with client.session_transaction() as session:
        session.clear()
    return f"/agenda/flux/{token}.ics"


# --- /seances/<id>/calendrier.ics ------------------------------------------------------------------

def test_session_file_for_anonymous_visitors(client, paris):
    session = make_session(paris)
    response = client.get(f"/seances/{session.id}/calendrier.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == ICS
    assert f'filename="seance-{session.id}.ics"' in response.headers["Content-Disposition"]
    [event] = vevents(response.data)
    assert str(event["SUMMARY"]) == session.title


def test_session_file_of_an_unpublished_session_or_event_is_404(client, login, paris, awa):
    hidden = make_session(paris, is_published=False)
    draft_event = make_event("Brouillon", published=False)
    in_draft = make_session(draft_event)
    for user in (None, awa):
        if user:
            login(user)
        assert client.get(f"/seances/{hidden.id}/calendrier.ics").status_code == 404
        assert client.get(f"/seances/{in_draft.id}/calendrier.ics").status_code == 404
        assert client.get("/seances/999999/calendrier.ics").status_code == 404


def test_session_file_for_the_events_organiser_even_unpublished(client, login, paris):
    hidden = make_session(paris, is_published=False)
    login(factories.MembershipFactory(organisation=paris.organiser).user)
    response = client.get(f"/seances/{hidden.id}/calendrier.ics")
    assert response.status_code == 200
    assert str(vevents(response.data)[0]["STATUS"]) == "CONFIRMED"


def test_session_file_gives_a_registered_person_their_link(client, login, paris, awa, bruno):
    online = make_session(paris, room_name=None, online_url="https://visio.example.org/abc")
    seat(online, awa)
    url = f"/seances/{online.id}/calendrier.ics"
    assert b"visio.example.org" not in client.get(url).data
    login(bruno)
    assert b"visio.example.org" not in client.get(url).data
    login(awa)
    assert b"visio.example.org/abc" in client.get(url).data


# --- /evenements/<id>/mon-agenda.ics ---------------------------------------------------------------

def test_agenda_file_needs_a_signed_in_person(client, paris):
    response = client.get(f"/evenements/{paris.id}/mon-agenda.ics")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]


def test_agenda_file_holds_only_the_persons_sessions_of_that_event(client, login, paris, reunion, awa, bruno):
    mine = make_session(paris)
    seat(mine, awa)
    seat(make_session(reunion), awa)
    seat(make_session(paris, title="Atelier de Bruno", start=(14, 0), end=(15, 0)), bruno)
    login(awa)
    response = client.get(f"/evenements/{paris.id}/mon-agenda.ics")
    assert response.status_code == 200 and response.headers["Content-Type"] == ICS
    assert "attachment" in response.headers["Content-Disposition"]
    assert [str(e["SUMMARY"]) for e in vevents(response.data)] == [mine.title]
    login(bruno)
    assert [str(e["SUMMARY"]) for e in vevents(client.get(f"/evenements/{paris.id}/mon-agenda.ics").data)] == \
        ["Atelier de Bruno"]


def test_agenda_file_of_an_unpublished_or_missing_event_is_404(client, login, awa):
    draft = make_event("Brouillon", published=False)
    login(awa)
    assert client.get(f"/evenements/{draft.id}/mon-agenda.ics").status_code == 404
    assert client.get("/evenements/999999/mon-agenda.ics").status_code == 404


# --- /agenda/flux/<token>.ics ----------------------------------------------------------------------

def test_feed_with_its_token_needs_no_log_in(client, login, paris, awa):
    seat(make_session(paris), awa)
    path = _feed_path(client, login, awa)
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == ICS
    assert response.headers["Cache-Control"].startswith("private")
    assert response.headers["ETag"] and response.headers["Last-Modified"]
    calendar = parse_all(response.data)
    assert str(calendar["X-WR-CALNAME"])
    assert len(calendar.walk("VEVENT")) == 1


def test_unknown_token_is_404(client):
    assert client.get("/agenda/flux/pas-un-vrai-jeton.ics").status_code == 404
    assert client.get("/agenda/flux/" + "x" * 43 + ".ics").status_code == 404
    assert client.get("/agenda/flux/" + "x" * 300 + ".ics").status_code == 404


def test_feed_answers_304_when_nothing_changed(client, login, paris, awa):
    session = make_session(paris)
    seat(session, awa)
    path = _feed_path(client, login, awa)
    first = client.get(path)
    etag = first.headers["ETag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    since = client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    session.title = "Nouveau titre"
    session.sequence += 1
    db.session.commit()
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert b"Nouveau titre" in changed.data


def test_feed_of_one_person_never_shows_another(client, login, paris, awa, bruno):
    shared = make_session(paris)
    seat(shared, awa)
    seat(shared, bruno)
    seat(make_session(paris, title="Atelier de Bruno", start=(14, 0), end=(15, 0)), bruno)
    text = client.get(_feed_path(client, login, awa)).data.decode()
    for secret in ("Bruno", "Lefèvre", "bruno.lefevre@exemple.fr", "Atelier de Bruno", "ATTENDEE"):
        assert secret not in text


# --- /agenda/abonnement ----------------------------------------------------------------------------

def test_subscription_page_needs_a_signed_in_person(client):
    assert client.get("/agenda/abonnement").status_code == 302
    assert client.post("/agenda/abonnement/reinitialiser").status_code == 302
    assert db.session.query(CalendarToken).count() == 0


def test_subscription_page_shows_the_address_and_how_to_subscribe(client, login, paris, awa):
    _login_at(client, awa, "http://salon.example.org")
    # Behind a proxy that speaks http to the app, the address given out is still https.
    page = client.get("/agenda/abonnement", base_url="http://salon.example.org").get_data(as_text=True)
    token = db.session.get(CalendarToken, awa.id).token
    assert len(token) >= 43
    assert f'value="https://salon.example.org/agenda/flux/{token}.ics"' in page
    assert f'href="webcal://salon.example.org/agenda/flux/{token}.ics"' in page
    assert 'for="feed-url"' in page
    for client_name in ("Thunderbird", "Outlook", "Google Agenda", "Calendrier d'Apple"):
        assert client_name in page
    assert page.count("<h1") == 1
    # A second visit keeps the same address.
    client.get("/agenda/abonnement")
    assert db.session.get(CalendarToken, awa.id).token == token


def test_subscription_address_on_this_machine_stays_http(client, login, awa):
    _login_at(client, awa, "http://127.0.0.1:5000")
    page = client.get("/agenda/abonnement", base_url="http://127.0.0.1:5000").get_data(as_text=True)
    token = db.session.get(CalendarToken, awa.id).token
    assert f"http://127.0.0.1:5000/agenda/flux/{token}.ics" in page


def test_reset_replaces_the_token_and_the_old_address_stops_at_once(client, login, paris, awa):
    seat(make_session(paris), awa)
    login(awa)
    client.get("/agenda/abonnement")
    old = db.session.get(CalendarToken, awa.id).token
    response = client.post("/agenda/abonnement/reinitialiser", follow_redirects=True)
    assert response.status_code == 200
    db.session.expire_all()
    new = db.session.get(CalendarToken, awa.id).token
    assert new != old
    page = response.get_data(as_text=True)
    assert new in page and old not in page
    assert "L&#39;ancienne ne fonctionne plus" in page
    assert client.get(f"/agenda/flux/{old}.ics").status_code == 404
    assert client.get(f"/agenda/flux/{new}.ics").status_code == 200


def test_reset_of_one_person_leaves_the_others_token(client, login, awa, bruno):
    for user in (awa, bruno):
        login(user)
        client.get("/agenda/abonnement")
    kept = db.session.get(CalendarToken, bruno.id).token
    login(awa)
    client.post("/agenda/abonnement/reinitialiser")
    db.session.expire_all()
    assert db.session.get(CalendarToken, bruno.id).token == kept


def test_subscription_page_lists_agenda_downloads_of_attended_events(client, login, paris, awa):
    from matchfair.programme.models import Attendee, EventRegistration, RegistrationStatus
    org = factories.OrganisationFactory()
    registration = EventRegistration(event_id=paris.id, organisation_id=org.id, status=RegistrationStatus.APPROVED)
    db.session.add(registration)
    db.session.flush()
    db.session.add(Attendee(registration_id=registration.id, user_id=awa.id))
    db.session.commit()
    login(awa)
    page = client.get("/agenda/abonnement").get_data(as_text=True)
    assert f"/evenements/{paris.id}/mon-agenda.ics" in page
    assert re.search(r"Coventis 2026", page)
