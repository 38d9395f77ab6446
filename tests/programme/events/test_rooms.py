"""Rooms: names unique in an event, capacity above 0, deletion refused while sessions use the room."""
from pathlib import Path

from sqlalchemy import select

from matchfair.extensions import db
from matchfair.programme.models import Room

from .conftest import RoomFactory, SessionFactory


def _rooms(event):
    return db.session.scalars(select(Room).where(Room.event_id == event.id).order_by(Room.position)).all()


def test_add_rooms_in_order(client, login, organiser, event):
    login(organiser)
    assert "Aucune salle" in client.get(f"/evenements/{event.id}/salles").text
    client.post(f"/evenements/{event.id}/salles", data={"name": "Amphithéâtre", "capacity": "200"})
    response = client.post(f"/evenements/{event.id}/salles", data={"name": "Salle Garonne", "capacity": "40",
                                                                     "description": "1er étage, ascenseur"})
    assert response.status_code == 302
    rooms = _rooms(event)
    assert [(r.name, r.capacity, r.position) for r in rooms] == [("Amphithéâtre", 200, 1), ("Salle Garonne", 40, 2)]
    page = client.get(f"/evenements/{event.id}/salles").text
    assert "Salle Garonne" in page and "40 places" in page


def test_room_validation(client, login, organiser, event):
    login(organiser)
    RoomFactory(event=event, name="Salle Canal")
    response = client.post(f"/evenements/{event.id}/salles", data={"name": "salle canal", "capacity": "30"})
    assert "porte déjà ce nom" in response.text
    for capacity in ("0", "-3", "", "trente"):
        response = client.post(f"/evenements/{event.id}/salles", data={"name": "Atelier 1", "capacity": capacity})
        assert response.status_code == 200 and 'aria-invalid="true"' in response.text, capacity
    assert len(_rooms(event)) == 1
    # Another event may have a room of the same name.
    other = RoomFactory(name="Atelier 1")
    assert other.event_id != event.id


def test_edit_room_and_capacity_under_a_session(client, login, organiser, event):
    login(organiser)
    room = RoomFactory(event=event, name="Atelier 1", capacity=20)
    SessionFactory(event=event, room=room, capacity=20, title="Répondre à un marché public")
    url = f"/evenements/{event.id}/salles/{room.id}/modifier"
    assert 'value="Atelier 1"' in client.get(url).text
    response = client.post(url, data={"name": "Atelier 1", "capacity": "12", "position": "0"})
    assert "Répondre à un marché public" in response.text
    response = client.post(url, data={"name": "Atelier A", "capacity": "25", "position": "3"})
    assert response.status_code == 302
    db.session.refresh(room)
    assert (room.name, room.capacity, room.position) == ("Atelier A", 25, 3)


def test_delete_room_refused_while_used(client, login, organiser, event):
    login(organiser)
    used = RoomFactory(event=event, name="Salle Garonne")
    free = RoomFactory(event=event, name="Salle Canal")
    SessionFactory(event=event, room=used, title="Les marchés réservés")
    response = client.post(f"/evenements/{event.id}/salles/{used.id}/supprimer", follow_redirects=True)
    assert "Les marchés réservés" in response.text and "Salle Garonne" in response.text
    client.post(f"/evenements/{event.id}/salles/{free.id}/supprimer")
    assert [r.name for r in _rooms(event)] == ["Salle Garonne"]


def test_a_long_room_name_stays_inside_the_table(client, login, organiser, event):
    # A 120-character name without spaces pushed the table (and its "Supprimer" buttons) off the page.
    RoomFactory(event=event, name="x" * 120, capacity=10)
    login(organiser)
    page = client.get(f"/evenements/{event.id}/salles").get_data(as_text=True)
    assert '<div class="overflow-auto rooms-table">' in page
    rules = (Path(__file__).resolve().parents[3] / "static/css/programme-events.css").read_text(encoding="utf-8")
    assert ".rooms-table tbody th { overflow-wrap: anywhere;" in rules and ".room-actions .link-button { width: auto;" in rules
