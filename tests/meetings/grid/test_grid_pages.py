"""The grid page: offering meetings, the settings form, periods and the slots they give."""
from datetime import timedelta
from html import unescape

from sqlalchemy import func, select

from matchfair.extensions import db
from matchfair.meetings import grid, placement
from matchfair.meetings.models import MeetingPeriod, MeetingSettings, MeetingSlot

from ..conftest import local

SETTINGS = {"is_open": "y", "direct_booking": "y", "slot_minutes": "25", "break_minutes": "5",
            "video_link_pattern": "", "request_expiry_days": "7", "pending_cap": "10", "max_meetings": ""}


def _url(event, path="/grille"):
    return f"/evenements/{event.id}/rendez-vous{path}"


def _slot_count(event):
    return db.session.scalar(select(func.count(MeetingSlot.id)).where(MeetingSlot.event_id == event.id))


def test_offer_meetings_with_defaults(client, login, event, organiser_user):
    login(organiser_user)
    page = client.get(_url(event)).text
    assert "Proposer des rendez-vous d'affaires" in unescape(page)
    response = client.post(_url(event, "/grille/proposer"))
    assert response.status_code == 302
    settings = db.session.get(MeetingSettings, event.id)
    assert (settings.is_open, settings.slot_minutes, settings.break_minutes, settings.direct_booking,
            settings.request_expiry_days, settings.pending_cap, settings.video_link_pattern) == (
        False, 25, 5, True, 7, 10, None)
    # A second time changes nothing, with a message.
    client.post(_url(event, "/grille/proposer"))
    assert db.session.scalar(select(func.count()).select_from(MeetingSettings)) == 1
    page = client.get(_url(event)).text
    assert "Aucun créneau pour le moment" in page and "Fermés aux participants" in page


def test_online_event_explains_the_video_link(client, login, event, organiser_user):
    event.is_online = True
    db.session.commit()
    login(organiser_user)
    assert "modèle de lien visio" in client.get(_url(event)).text
    client.post(_url(event, "/grille/proposer"))
    page = client.get(_url(event)).text
    assert "aucun modèle de lien visio" in page and "{code}" in page


def test_add_periods_and_see_slots(client, login, event, organiser_user):
    login(organiser_user)
    client.post(_url(event, "/grille/proposer"))
    day = event.starts_on.isoformat()
    response = client.post(_url(event, "/grille/plages"), data={"day": day, "start_time": "09:00", "end_time": "12:30"})
    assert response.status_code == 302
    assert _slot_count(event) == 7
    page = client.get(_url(event)).text
    assert "7 créneaux" in page and "09:00 → 12:25" in page
    client.post(_url(event, "/grille/plages"), data={"day": day, "start_time": "14h", "end_time": "17:30"})
    page = client.get(_url(event)).text
    assert "14 créneaux en tout" in page and "14:00 → 17:25" in page
    assert next((s.starts_at, s.ends_at) for s in grid.event_slots(event.id)) == (local(event, 0, 9),
                                                                                   local(event, 0, 9, 25))


def test_bad_periods(client, login, event, organiser_user):
    login(organiser_user)
    client.post(_url(event, "/grille/proposer"))
    day = event.starts_on.isoformat()
    client.post(_url(event, "/grille/plages"), data={"day": day, "start_time": "09:00", "end_time": "12:30"})
    cases = [
        ({"day": day, "start_time": "05:00", "end_time": "08:00"}, "entre 06:00 et 23:00"),
        ({"day": day, "start_time": "22:00", "end_time": "23:30"}, "entre 06:00 et 23:00"),
        ({"day": day, "start_time": "15:00", "end_time": "14:00"}, "La fin doit venir après le début"),
        ({"day": day, "start_time": "12:00", "end_time": "13:00"}, "chevauche"),
        ({"day": day, "start_time": "14:00", "end_time": "14:10"}, "plus courte qu'un créneau"),
        ({"day": (event.ends_on + timedelta(days=3)).isoformat(), "start_time": "09:00", "end_time": "10:00"},
         "Choisissez un jour de l'événement"),
        ({"day": "pas-un-jour", "start_time": "09:00", "end_time": "10:00"}, "Choisissez un jour"),
        ({"day": day, "start_time": "midi", "end_time": "14:00"}, "Indiquez une heure"),
        ({"day": day, "start_time": "", "end_time": ""}, "Indiquez l'heure de début"),
    ]
    for data, message in cases:
        response = client.post(_url(event, "/grille/plages"), data=data)
        assert response.status_code == 200 and message in unescape(response.text), (data, response.text[-3000:])
        assert 'aria-invalid="true"' in response.text
    assert len(grid.event_periods(event.id)) == 1 and _slot_count(event) == 7


def test_settings_change_rebuilds_slots(client, login, event, meeting_grid, organiser_user):
    login(organiser_user)
    assert _slot_count(event) == 14
    response = client.post(_url(event), data={**SETTINGS, "slot_minutes": "40", "break_minutes": "5",
                                              "max_meetings": "8"})
    assert response.status_code == 302
    assert _slot_count(event) == 8  # 09:00, 09:45, 10:30, 11:15 (12:00 would end after 12:30), and the afternoon's
    follow = client.get(_url(event)).text
    assert "8 créneaux en tout" in follow and "09:00 → 11:55" in follow
    settings = db.session.get(MeetingSettings, event.id)
    assert settings.slot_minutes == 40 and settings.max_meetings == 8 and settings.is_open


def test_bad_settings(client, login, event, meeting_grid, organiser_user):
    login(organiser_user)
    cases = [
        ({"slot_minutes": "3"}, "entre 5 et 240"), ({"slot_minutes": "vingt"}, "nombre entier"),
        ({"break_minutes": "-1"}, "entre 0 et 120"), ({"request_expiry_days": "0"}, "entre 1 et 90"),
        ({"pending_cap": "1000"}, "entre 1 et 500"), ({"max_meetings": "0"}, "ou laissez vide"),
        ({"slot_minutes": ""}, "Indiquez la durée"),
        ({"video_link_pattern": "visio/{event}"}, "https://"),
        ({"video_link_pattern": "ftp://visio.exemple.fr/{code}"}, "https://"),
        ({"video_link_pattern": "https://visio.exemple.fr/{room}-{code}"}, "retirez {room}"),
        ({"video_link_pattern": "https://visio.exemple.fr/{code"}, "accolade"),
        ({"video_link_pattern": "https://visio.exemple.fr/salle"}, "son propre lien"),
    ]
    for change, message in cases:
        response = client.post(_url(event), data={**SETTINGS, **change})
        assert response.status_code == 200 and message in unescape(response.text), change
    assert db.session.get(MeetingSettings, event.id).slot_minutes == 25 and _slot_count(event) == 14
    response = client.post(_url(event), data={**SETTINGS,
                                              "video_link_pattern": "https://visio.exemple.fr/{event}-{meeting}-{code}"})
    assert response.status_code == 302
    assert db.session.get(MeetingSettings, event.id).is_online


def test_rebuild_refused_when_a_booked_meeting_would_lose_its_slot(client, login, event, meeting_grid, slots,
                                                                     organiser_user, sse_participant,
                                                                     buyer_participant, make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant)
    placement.place(None, meeting, slots[1], grid.event_tables(event.id)[0], source="direct")
    db.session.commit()
    login(organiser_user)
    response = client.post(_url(event), data={**SETTINGS, "slot_minutes": "20", "is_open": ""})
    assert response.status_code == 200 and "porte 1 rendez-vous réservé" in response.text
    settings = db.session.get(MeetingSettings, event.id)
    db.session.refresh(settings)
    assert settings.slot_minutes == 25 and settings.is_open and _slot_count(event) == 14
    # Deleting the period of the booked slot is refused too; the other period can go.
    morning, afternoon = grid.event_periods(event.id)
    response = client.post(_url(event, f"/grille/plages/{morning.id}/supprimer"), follow_redirects=True)
    assert "porte 1 rendez-vous réservé" in response.text
    assert db.session.get(MeetingPeriod, morning.id) is not None and _slot_count(event) == 14
    response = client.post(_url(event, f"/grille/plages/{afternoon.id}/supprimer"), follow_redirects=True)
    assert "7 créneaux" in response.text
    assert _slot_count(event) == 7 and meeting.slot_id == slots[1].id
    # Switching to video links while a meeting is booked at a table is refused.
    response = client.post(_url(event), data={**SETTINGS,
                                              "video_link_pattern": "https://visio.exemple.fr/{code}"})
    assert response.status_code == 200 and "déjà réservés" in response.text
