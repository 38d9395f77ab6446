"""The seats pages: every route for anonymous, non-attending and attending people; the session partial."""
from datetime import timedelta

import pytest
from flask import render_template
from flask_login import login_user

from matchfair.extensions import db
from matchfair.programme import registrations
from matchfair.programme.models import ProgrammeSession, SessionRegistration


def _row(user, session):
    return db.session.scalar(db.select(SessionRegistration).filter_by(user_id=user.id, session_id=session.id))


def _flashes(client):
    with client.session_transaction() as s:
        return [m for _, m in s.pop("_flashes", [])]


# --- register -------------------------------------------------------------------------------------------

def test_register_anonymous_goes_to_login(client, make_session):
    session = make_session()
    response = client.post(f"/seances/{session.id}/inscription")
    assert response.status_code == 302 and "/connexion" in response.location


def test_register_not_attending_is_refused_with_a_message(client, login, make_session, outsider):
    session = make_session()
    login(outsider)
    response = client.post(f"/seances/{session.id}/inscription", data={"next": "/evenements/coventis-2026"})
    assert response.status_code == 302 and response.location.endswith("/evenements/coventis-2026")
    assert any("Seuls les participants" in m for m in _flashes(client))
    assert _row(outsider, session) is None


def test_register_attending_takes_a_place_and_goes_back(client, login, make_session, attendee):
    session = make_session(title="Répondre à un marché public")
    login(attendee)
    response = client.post(f"/seances/{session.id}/inscription", data={"next": "/evenements/coventis-2026?jour=1"})
    assert response.location.endswith("/evenements/coventis-2026?jour=1")
    assert _flashes(client) == ["Vous êtes inscrit·e à « Répondre à un marché public »."]
    assert _row(attendee, session).status == "registered"


def test_register_never_redirects_off_site(client, login, make_session, attendee):
    session = make_session()
    login(attendee)
    response = client.post(f"/seances/{session.id}/inscription", data={"next": "https://evil.example/"})
    assert response.location.endswith("/mes-inscriptions")


def test_register_for_an_unknown_or_unpublished_session_is_404(client, login, make_session, attendee):
    hidden = make_session(is_published=False)
    login(attendee)
    assert client.post(f"/seances/{hidden.id}/inscription").status_code == 404
    assert client.post("/seances/999999/inscription").status_code == 404


def test_register_overlap_flashes_the_clash(client, login, make_session, attendee):
    first = make_session("Les marchés réservés")
    second = make_session(start_in=timedelta(days=10, minutes=30))
    login(attendee)
    client.post(f"/seances/{first.id}/inscription")
    _flashes(client)
    client.post(f"/seances/{second.id}/inscription")
    with client.session_transaction() as s:
        (category, message), = s["_flashes"]
    assert category == "error" and "« Les marchés réservés »" in message


# --- cancel ---------------------------------------------------------------------------------------------

def test_cancel_anonymous_goes_to_login(client, make_session):
    assert "/connexion" in client.post(f"/seances/{make_session().id}/annulation").location


def test_cancel_not_registered_says_so(client, login, make_session, outsider):
    session = make_session()
    login(outsider)
    client.post(f"/seances/{session.id}/annulation")
    assert _flashes(client) == ["Vous n'êtes pas inscrit·e à cette séance."]


def test_cancel_someone_elses_hidden_session_is_404(client, login, make_session, outsider):
    login(outsider)
    assert client.post(f"/seances/{make_session(is_published=False).id}/annulation").status_code == 404


def test_cancel_attending_promotes_and_emails(client, login, make_session, many_attendees, outbox):
    session = make_session("Clauses sociales", capacity=1)
    holder, waiting = many_attendees(2)
    for person in (holder, waiting):
        login(person)
        client.post(f"/seances/{session.id}/inscription")
    login(holder)
    response = client.post(f"/seances/{session.id}/annulation", data={"next": "/mes-inscriptions"})
    assert response.location.endswith("/mes-inscriptions")
    assert _row(holder, session).status == "cancelled" and _row(waiting, session).status == "registered"
    assert [m.to for m in outbox] == [[waiting.email]]
    assert "http://localhost/mes-inscriptions" in outbox[0].body


def test_cancel_after_the_start_is_refused(client, login, make_session, attendee):
    session = make_session()
    login(attendee)
    client.post(f"/seances/{session.id}/inscription")
    session.starts_at -= timedelta(days=11)
    session.ends_at = session.starts_at + timedelta(days=2)
    db.session.commit()
    _flashes(client)
    client.post(f"/seances/{session.id}/annulation")
    assert _flashes(client) == ["La séance a commencé : il n'est plus possible d'annuler l'inscription."]
    assert _row(attendee, session).status == "registered"


# --- my registrations -------------------------------------------------------------------------------------

def test_mine_anonymous_goes_to_login(client):
    assert "/connexion" in client.get("/mes-inscriptions").location


def test_mine_empty_state_says_what_to_do(client, login, outsider):
    login(outsider)
    page = client.get("/mes-inscriptions").get_data(as_text=True)
    assert "Aucune inscription à venir" in page and 'href="/evenements"' in page


def test_mine_lists_places_and_waiting_ranks_by_event(client, login, make_session, many_attendees):
    full = make_session("Les marchés réservés", capacity=1)
    open_ = make_session("Répondre à un marché public", start_in=timedelta(days=11))
    other, me = many_attendees(2)
    login(other)
    client.post(f"/seances/{full.id}/inscription")
    login(me)
    client.post(f"/seances/{full.id}/inscription")
    client.post(f"/seances/{open_.id}/inscription")
    page = client.get("/mes-inscriptions").get_data(as_text=True)
    assert "Coventis 2026" in page
    assert page.index("Les marchés réservés") < page.index("Répondre à un marché public")
    assert "Liste d'attente : n° 1" in page and "Inscrit·e" in page
    assert page.count('action="/seances/') == 2
    # someone else's registrations never show
    login(other)
    assert "Répondre à un marché public" not in client.get("/mes-inscriptions").get_data(as_text=True)


# --- the partial of the public session page ---------------------------------------------------------------

def _button(app, session, user=None):
    with app.test_request_context(f"/evenements/coventis-2026/seances/{session.id}"):
        if user is not None:
            login_user(user)
        return render_template("programme/seats/_button.html", session=db.session.get(ProgrammeSession, session.id))


def test_button_anonymous_shows_places_and_a_login_link(app, make_session):
    html = _button(app, make_session(capacity=12))
    assert "12 places restantes" in html and "/connexion?next=" in html and "<form" not in html


def test_button_not_attending_points_to_the_event(app, make_session, outsider):
    html = _button(app, make_session(), outsider)
    assert "/evenements/coventis-2026" in html and "inscription\"" not in html and "<form" not in html


def test_button_attending_registers_then_cancels(app, make_session, attendee):
    session = make_session(capacity=1)
    html = _button(app, session, attendee)
    assert "1 place restante" in html and f'action="/seances/{session.id}/inscription"' in html
    assert "S'inscrire" in html
    registrations.register(attendee, session)
    db.session.commit()
    html = _button(app, session, attendee)
    assert "Vous êtes inscrit·e." in html and "Annuler mon inscription" in html
    assert "Complet : liste d'attente ouverte (personne pour l'instant)" in html


def test_button_when_full_offers_the_waiting_list_then_shows_the_rank(app, make_session, many_attendees):
    session = make_session(capacity=1)
    holder, first, me = many_attendees(3)
    for person in (holder, first):
        registrations.register(person, session)
    db.session.commit()
    html = _button(app, session, me)
    assert "Complet : liste d'attente (1 personne)" in html and "Rejoindre la liste d'attente" in html
    registrations.register(me, session)
    db.session.commit()
    html = _button(app, session, me)
    assert "Vous êtes n° 2 sur la liste d'attente." in html and "Quitter la liste d'attente" in html


def test_button_warns_of_a_clash_before_the_click(app, make_session, attendee):
    mine = make_session("Clauses sociales")
    registrations.register(attendee, mine)
    db.session.commit()
    html = _button(app, make_session(start_in=timedelta(days=10, minutes=20)), attendee)
    assert "Vous êtes inscrit·e à « Clauses sociales »" in html and "inscription\"" not in html


@pytest.mark.parametrize("change, text", [({"is_cancelled": True}, "Séance annulée."),
                                          ({"start_in": timedelta(minutes=-10)}, "La séance a commencé")])
def test_button_closed_sessions_have_no_register_button(app, make_session, attendee, change, text):
    html = _button(app, make_session(**change), attendee)
    assert text in html and "inscription\"" not in html


def test_button_unlimited(app, make_session):
    assert "Places non limitées" in _button(app, make_session(capacity=None))
