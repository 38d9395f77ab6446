"""Timetable pages: organisers only (404 for anyone else), the grid, the session form and its
refusals next to the field, moving, cancelling and publishing."""
import re

import pytest

from matchfair.extensions import db
from matchfair.programme.models import ProgrammeSession, SeatStatus
from tests import factories

from .conftest import DAY1, DAY2, make_event, make_room, make_seat, make_session


def form_data(**overrides):
    values = {"kind": "workshop", "title": "Répondre à un marché public", "description": "",
              "day": DAY1.isoformat(), "start_time": "10:00", "end_time": "11:00", "room_id": "",
              "online_url": "", "capacity": "", "is_published": "y",
              "speakers-0-full_name": "", "speakers-0-role": "", "speakers-0-organisation_id": "",
              "speakers-0-email": ""}
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


ROUTES = [
    ("get", "/evenements/{e}/programme/grille"),
    ("get", "/evenements/{e}/programme/seances/nouvelle"),
    ("post", "/evenements/{e}/programme/seances/nouvelle"),
    ("get", "/evenements/{e}/programme/seances/{s}/modifier"),
    ("post", "/evenements/{e}/programme/seances/{s}/modifier"),
    ("post", "/evenements/{e}/programme/seances/{s}/deplacer"),
    ("post", "/evenements/{e}/programme/seances/{s}/annuler"),
    ("post", "/evenements/{e}/programme/seances/{s}/publication"),
]


@pytest.fixture
def workshop(event, garonne):
    return make_session(event, "Les marchés réservés", DAY1, (10, 0), (11, 30), garonne, is_published=True)


@pytest.mark.parametrize("method, url", ROUTES)
@pytest.mark.parametrize("who", ["anonymous", "other_organiser", "sse_admin"])
def test_everyone_but_the_events_organisers_gets_a_404(request, client, login, event, workshop, method, url, who):
    if who != "anonymous":
        login(request.getfixturevalue(who))
    response = getattr(client, method)(url.format(e=event.id, s=workshop.id), data=form_data(room_id=""))
    assert response.status_code == 404
    db.session.refresh(workshop)
    assert (workshop.is_cancelled, workshop.is_published, workshop.sequence) == (False, True, 0)


@pytest.mark.parametrize("method, url, expected", [
    ("get", ROUTES[0][1], 200), ("get", ROUTES[1][1], 200), ("post", ROUTES[2][1], 302), ("get", ROUTES[3][1], 200),
    ("post", ROUTES[4][1], 302), ("post", ROUTES[5][1], 302), ("post", ROUTES[6][1], 302), ("post", ROUTES[7][1], 302),
])
def test_the_organiser_uses_every_page(client, login, organiser, event, garonne, tarn, workshop, method, url, expected):
    login(organiser)
    data = form_data(room_id=str(tarn.id), title="Autre", **{"move-day": DAY2.isoformat(),
                     "move-start_time": "14:00", "move-end_time": "15:00", "move-room_id": str(garonne.id),
                     "published": "0", "confirm": "1"})
    response = getattr(client, method)(url.format(e=event.id, s=workshop.id), data=data)
    assert response.status_code == expected


def test_a_session_of_another_event_is_a_404_even_for_an_organiser(client, login, organiser, organiser_org, workshop):
    other = make_event(organiser_org, slug="deuxieme")
    login(organiser)
    assert client.get(f"/evenements/{other.id}/programme/seances/{workshop.id}/modifier").status_code == 404


def test_grid_shows_rooms_sessions_and_empty_cells(client, login, organiser, event, garonne, tarn, workshop):
    make_session(event, "Visio", DAY1, (9, 0), (10, 0), online_url="https://visio.exemple.fr")
    make_session(event, "Annulée", DAY1, (14, 0), (15, 0), tarn, is_cancelled=True)
    login(organiser)
    html = client.get(f"/evenements/{event.id}/programme/grille?jour={DAY1.isoformat()}").get_data(as_text=True)
    assert html.count("<h1") == 1
    assert "Garonne" in html and "Tarn" in html
    assert re.search(r'<td rowspan="3" class="slot slot-workshop">', html)
    assert "Places prises : 0 sur 40" in html
    assert "10:00 – 11:30" in html
    assert f"salle={tarn.id}&amp;jour=2030-05-14&amp;debut=10:00" in html
    assert "Visio" in html and "<del>Annulée</del>" in html
    assert 'role="region"' in html and 'aria-current="page"' in html
    other_day = client.get(f"/evenements/{event.id}/programme/grille?jour={DAY2.isoformat()}").get_data(as_text=True)
    assert "Les marchés réservés" not in other_day and "Aucune séance ce jour" in other_day


def test_grid_without_rooms_says_what_to_do(client, login, organiser, event):
    login(organiser)
    html = client.get(f"/evenements/{event.id}/programme/grille").get_data(as_text=True)
    assert "Ajouter des salles" in html


def test_add_link_prefills_room_day_and_start(client, login, organiser, event, garonne, tarn):
    login(organiser)
    html = client.get(f"/evenements/{event.id}/programme/seances/nouvelle?salle={tarn.id}&jour=2030-05-15&debut=14:30"
                      ).get_data(as_text=True)
    assert re.search(rf'<option selected value="{tarn.id}">|<option value="{tarn.id}" selected', html)
    assert 'value="14:30"' in html and 'value="15:30"' in html
    assert re.search(r'<option selected value="2030-05-15">|<option value="2030-05-15" selected', html)


def test_create_session_with_speaker_and_themes(client, login, organiser, event, garonne):
    speaker = factories.UserFactory(email="camille@exemple.fr")
    login(organiser)
    response = client.post(f"/evenements/{event.id}/programme/seances/nouvelle", data=form_data(
        room_id=str(garonne.id), **{"speakers-0-full_name": "Camille Martin", "speakers-0-role": "Juriste",
                                    "speakers-0-organisation_id": str(event.organiser_organisation_id),
                                    "speakers-0-email": "Camille@exemple.fr",
                                    "cpv_divisions": ["90", "45"], "topics": ["clauses-sociales"]}))
    assert response.status_code == 302
    session = db.session.query(ProgrammeSession).one()
    assert session.capacity == 40 and session.is_published
    assert [(s.full_name, s.user_id) for s in session.speakers] == [("Camille Martin", speaker.id)]
    assert sorted(t.theme for t in session.themes) == ["cpv:45", "cpv:90", "topic:clauses-sociales"]


def test_room_clash_rerenders_the_form_with_the_message_next_to_the_room(client, login, organiser, event, garonne,
                                                                          workshop):
    login(organiser)
    response = client.post(f"/evenements/{event.id}/programme/seances/nouvelle",
                           data=form_data(room_id=str(garonne.id), start_time="11:00", end_time="12:00"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'id="room_id-error"[^>]*>La salle Garonne est déjà occupée de 10:00 à 11:30 par '
                     r'« Les marchés réservés »\.', html.replace("&#34;", '"'))
    assert 'value="Répondre à un marché public"' in html  # what was typed is kept
    assert db.session.query(ProgrammeSession).count() == 1


def test_adjacent_session_is_accepted(client, login, organiser, event, garonne, workshop):
    login(organiser)
    response = client.post(f"/evenements/{event.id}/programme/seances/nouvelle",
                           data=form_data(room_id=str(garonne.id), start_time="11:30", end_time="12:30"))
    assert response.status_code == 302


def test_speaker_clash_is_shown_next_to_the_speaker(client, login, organiser, event, garonne, tarn):
    login(organiser)
    speaker = {"speakers-0-full_name": "Camille Martin"}
    client.post(f"/evenements/{event.id}/programme/seances/nouvelle",
                data=form_data(title="Les marchés réservés", room_id=str(garonne.id), **speaker))
    html = client.post(f"/evenements/{event.id}/programme/seances/nouvelle",
                       data=form_data(title="Table ronde", room_id=str(tarn.id), start_time="10:30",
                                      end_time="11:30", **speaker)).get_data(as_text=True)
    assert re.search(r'id="speakers-0-full_name-error"[^>]*>Camille Martin intervient déjà de 10:00 à 11:00 dans '
                     r'« Les marchés réservés »', html)


def test_capacity_above_the_room_is_shown_next_to_the_capacity(client, login, organiser, event, tarn):
    login(organiser)
    html = client.post(f"/evenements/{event.id}/programme/seances/nouvelle",
                       data=form_data(room_id=str(tarn.id), capacity="30")).get_data(as_text=True)
    assert re.search(r'id="capacity-error"[^>]*>30 places, c(&#39;|\')est plus que la salle Tarn', html)


def test_day_outside_the_event_is_refused(client, login, organiser, event, garonne):
    login(organiser)
    html = client.post(f"/evenements/{event.id}/programme/seances/nouvelle",
                       data=form_data(room_id=str(garonne.id), day="2030-06-01")).get_data(as_text=True)
    assert re.search(r'id="day-error"[^>]*>La séance doit avoir lieu pendant l(&#39;|\')événement', html)
    assert db.session.query(ProgrammeSession).count() == 0


def test_bad_times_are_refused_next_to_the_field(client, login, organiser, event, garonne):
    login(organiser)
    html = client.post(f"/evenements/{event.id}/programme/seances/nouvelle",
                       data=form_data(room_id=str(garonne.id), start_time="11:00", end_time="10:00")).get_data(as_text=True)
    assert 'id="end_time-error"' in html
    html = client.post(f"/evenements/{event.id}/programme/seances/nouvelle",
                       data=form_data(room_id=str(garonne.id), start_time="25:00")).get_data(as_text=True)
    assert 'id="start_time-error"' in html and "Indiquez une heure comme 09:30." in html


def test_more_speakers_button_adds_rows_and_saves_nothing(client, login, organiser, event, garonne):
    login(organiser)
    html = client.post(f"/evenements/{event.id}/programme/seances/nouvelle",
                       data=form_data(room_id=str(garonne.id), more_speakers="1")).get_data(as_text=True)
    assert 'id="speakers-2-full_name"' in html
    assert db.session.query(ProgrammeSession).count() == 0


def test_overseas_times_typed_locally_are_stored_in_utc_and_shown_back(client, login, organiser, organiser_org):
    event = make_event(organiser_org, tz="Indian/Reunion", slug="traids-974")
    room = make_room(event, "Piton", 30)
    login(organiser)
    client.post(f"/evenements/{event.id}/programme/seances/nouvelle",
                data=form_data(room_id=str(room.id), start_time="08:00", end_time="09:30"))
    session = db.session.query(ProgrammeSession).one()
    assert (session.starts_at.hour, session.ends_at.hour, session.ends_at.minute) == (4, 5, 30)
    html = client.get(f"/evenements/{event.id}/programme/seances/{session.id}/modifier").get_data(as_text=True)
    assert 'value="08:00"' in html and 'value="09:30"' in html
    grid = client.get(f"/evenements/{event.id}/programme/grille").get_data(as_text=True)
    assert "08:00 – 09:30" in grid


def test_move_form_refuses_a_clash_next_to_the_room(client, login, organiser, event, garonne, tarn, workshop):
    make_session(event, "Occupante", DAY2, (14, 0), (15, 0), tarn)
    login(organiser)
    response = client.post(f"/evenements/{event.id}/programme/seances/{workshop.id}/deplacer", data={
        "move-day": DAY2.isoformat(), "move-start_time": "14:30", "move-end_time": "15:30", "move-room_id": str(tarn.id)})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r'id="move-room_id-error"[^>]*>La salle Tarn est déjà occupée de 14:00 à 15:00 par « Occupante »', html)
    db.session.refresh(workshop)
    assert (workshop.room_id, workshop.sequence) == (garonne.id, 0)


def test_move_notifies_registrants_and_edit_keeps_the_rest(client, login, organiser, event, garonne, tarn, workshop,
                                                            outbox):
    make_seat(workshop, factories.UserFactory(email="inscrite@exemple.fr"))
    login(organiser)
    response = client.post(f"/evenements/{event.id}/programme/seances/{workshop.id}/deplacer", data={
        "move-day": DAY2.isoformat(), "move-start_time": "09:00", "move-end_time": "10:30", "move-room_id": str(tarn.id)})
    assert response.status_code == 302 and "jour=2030-05-15" in response.location
    db.session.refresh(workshop)
    assert (workshop.room_id, workshop.title, workshop.sequence, workshop.capacity) == (tarn.id, "Les marchés réservés", 1, 20)
    assert [m.to for m in outbox] == [["inscrite@exemple.fr"]]
    assert "Salle : Garonne → Tarn" in outbox[0].body


def test_cancel_keeps_the_session_and_notifies(client, login, organiser, event, workshop, outbox):
    make_seat(workshop, factories.UserFactory(), SeatStatus.WAITING)
    login(organiser)
    client.post(f"/evenements/{event.id}/programme/seances/{workshop.id}/annuler", data={"confirm": "1"})
    db.session.refresh(workshop)
    assert workshop.is_cancelled and workshop.sequence == 1 and len(outbox) == 1
    html = client.get(f"/evenements/{event.id}/programme/seances/{workshop.id}/modifier").get_data(as_text=True)
    assert "ne peut plus être modifiée" in html
    response = client.post(f"/evenements/{event.id}/programme/seances/{workshop.id}/modifier", data=form_data())
    assert response.status_code == 200
    db.session.refresh(workshop)
    assert workshop.title == "Les marchés réservés"


def test_cancel_needs_the_confirmation_box(client, login, organiser, event, workshop, outbox):
    make_seat(workshop, factories.UserFactory())
    login(organiser)
    response = client.post(f"/evenements/{event.id}/programme/seances/{workshop.id}/annuler")
    assert response.status_code == 302 and response.location.endswith(
        f"/evenements/{event.id}/programme/seances/{workshop.id}/modifier#status-title")
    db.session.refresh(workshop)
    assert (workshop.is_cancelled, workshop.sequence, len(outbox)) == (False, 0, 0)
    html = client.get(response.location).get_data(as_text=True)
    assert "cochez la case de confirmation" in html and 'name="confirm"' in html


def test_publication_toggle_and_refusal_with_registrants(client, login, organiser, event, workshop):
    login(organiser)
    url = f"/evenements/{event.id}/programme/seances/{workshop.id}/publication"
    client.post(url, data={"published": "0"})
    db.session.refresh(workshop)
    assert not workshop.is_published
    client.post(url, data={"published": "1"})
    make_seat(workshop, factories.UserFactory())
    response = client.post(url, data={"published": "0"}, follow_redirects=True)
    assert "Des personnes sont inscrites" in response.get_data(as_text=True)
    db.session.refresh(workshop)
    assert workshop.is_published


def test_grid_places_read_right_for_one_place(client, login, organiser, event, garonne):
    full = make_session(event, "Entretien", DAY1, (9, 0), (10, 0), garonne, capacity=1, is_published=True)
    make_seat(full, factories.UserFactory())
    login(organiser)
    html = client.get(f"/evenements/{event.id}/programme/grille?jour={DAY1.isoformat()}").get_data(as_text=True)
    assert "Places prises : 1 sur 1" in html and "sur 1 places" not in html
