"""A session's public page."""
import html

import pytest

from matchfair.extensions import db
from tests import factories

from .conftest import EventFactory, RoomFactory, make_session, seat


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))

def page_of(client, session):
    return client.get(f"/seances/{session.id}")


@pytest.mark.parametrize("who", ["anonymous", "organiser", "attendee", "outsider"])
def test_published_session_is_public(client, login, event, organiser, attendee, outsider, who):
    session = make_session(event, "Les marchés réservés", description="Articles L2113-12 à 15.")
    if who != "anonymous":
        login({"organiser": organiser, "attendee": attendee, "outsider": outsider}[who])
    response = page_of(client, session)
    assert response.status_code == 200
    text = text_of(response)
    assert "<h1>Les marchés réservés</h1>" in text and "Articles L2113-12 à 15." in text
    assert f"/seances/{session.id}/calendrier.ics" in text or "calendrier" in text.lower()
    assert ("Modifier dans la grille" in text) == (who == "organiser")


@pytest.mark.parametrize("who,status", [("anonymous", 404), ("attendee", 404), ("outsider", 404), ("organiser", 200)])
def test_unpublished_session(client, login, event, organiser, attendee, outsider, who, status):
    session = make_session(event, "En préparation", is_published=False)
    if who != "anonymous":
        login({"organiser": organiser, "attendee": attendee, "outsider": outsider}[who])
    response = page_of(client, session)
    assert response.status_code == status
    if status == 200:
        assert "Non publiée" in text_of(response)


@pytest.mark.parametrize("who,status", [("anonymous", 404), ("outsider", 404), ("organiser", 200)])
def test_session_of_unpublished_event(client, login, draft_event, organiser, outsider, who, status):
    session = make_session(draft_event, "Atelier")
    if who != "anonymous":
        login({"organiser": organiser, "outsider": outsider}[who])
    assert page_of(client, session).status_code == status


def test_unknown_session_is_404(client):
    assert client.get("/seances/999999").status_code == 404


def test_room_capacity_speakers_and_themes(client, event):
    room = RoomFactory(event=event, name="Salle Garonne", capacity=40)
    listed = factories.OrganisationFactory(name="Recyclerie du Lauragais", is_listed=True)
    buyer = factories.BuyerFactory(name="Région Occitanie")
    session = make_session(event, "Table ronde", kind="round_table", room=room, capacity=25,
                           themes=["cpv:90", "topic:marches-reserves"],
                           speakers=[("Awa Diallo", "Directrice", listed), ("Paul Durand", "Acheteur", buyer)])
    text = text_of(page_of(client, session))
    assert "Salle Garonne" in text and "40 places" in text and "25 places restantes" in text
    assert f'href="/annuaire/{listed.id}"' in text and "Recyclerie du Lauragais" in text
    assert "Région Occitanie" in text and f"/annuaire/{buyer.id}" not in text
    assert "Marchés réservés" in text and "Services d'évacuation des eaux usées" in text


def test_themes_in_english(client, event):
    session = make_session(event, "Atelier", themes=["cpv:90"])
    client.get("/langue?lang=en&next=/")
    with client.session_transaction() as s:
        s["lang"] = "en"
    assert "Sewage, refuse, cleaning and environmental services" in text_of(page_of(client, session))


def test_online_link_only_for_registered_people(client, login, event, attendee, outsider, organiser):
    session = make_session(event, "Webinaire", online_url="https://visio.example/secret")
    assert "visio.example/secret" not in text_of(page_of(client, session))
    login(outsider)
    text = text_of(page_of(client, session))
    assert "visio.example/secret" not in text and "donné ici aux personnes inscrites" in text
    login(attendee)
    mine = seat(attendee, session, status="waiting")
    assert "visio.example/secret" not in text_of(page_of(client, session))
    mine.status = "registered"
    db.session.commit()
    assert "visio.example/secret" in text_of(page_of(client, session))
    login(organiser)
    assert "visio.example/secret" in text_of(page_of(client, session))


def test_cancelled_session_says_so(client, event):
    session = make_session(event, "Atelier annulé", is_cancelled=True)
    text = text_of(page_of(client, session))
    assert "<s>Atelier annulé</s>" in text and "Cette séance est annulée." in text


@pytest.mark.parametrize("zone,expected", [("Indian/Reunion", "Indian/Reunion"), ("America/Cayenne", "America/Cayenne")])
def test_overseas_times_and_zone_note(client, organiser, zone, expected):
    event = EventFactory(organiser=organiser.memberships[0].organisation, timezone=zone)
    session = make_session(event, "Atelier", at=(8, 45), minutes=90)
    text = text_of(page_of(client, session))
    assert "08:45" in text and "10:15" in text and expected in text and "Heure locale" in text


def test_paris_session_has_no_zone_note(client, event):
    session = make_session(event, "Atelier", at=(8, 45))
    text = text_of(page_of(client, session))
    assert "08:45" in text and "Heure locale" not in text


def test_places_unlimited_and_full(client, event):
    free = make_session(event, "Libre")
    full = make_session(event, "Plein", capacity=2, registered_count=2)
    assert "Places illimitées" in text_of(page_of(client, free))
    assert "Complet" in text_of(page_of(client, full))


def test_seats_partial_and_calendar_link(client, login, event, attendee):
    session = make_session(event, "Atelier", capacity=10)
    login(attendee)
    text = text_of(page_of(client, session))
    assert f'id="places-{session.id}"' in text and f"/seances/{session.id}/inscription" in text
    assert "Ajouter à mon calendrier" in text and f"/seances/{session.id}/calendrier.ics" in text


def test_day_names_keep_their_case_in_english(client, event):
    session = make_session(event, "Atelier")
    with client.session_transaction() as s:
        s["lang"] = "en"
    text = text_of(page_of(client, session))
    month = event.starts_on.strftime("%B")  # the C locale's English month name
    assert f"{month} {event.starts_on.day}" in text and f"{month.lower()} {event.starts_on.day}" not in text
    programme = text_of(client.get(f"/evenements/{event.slug}/programme"))
    assert f"{month} {event.starts_on.day}" in programme and f"{month.lower()} " not in programme
