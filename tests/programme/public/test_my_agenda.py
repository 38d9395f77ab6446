"""My agenda for an event: signed-in, in time order grouped by day, in the event's zone, printable."""
import html
from pathlib import Path

import pytest

from matchfair.extensions import db
from tests import factories

from .conftest import EventFactory, RoomFactory, make_session, seat

CSS = Path(__file__).resolve().parents[3] / "static" / "css" / "programme-public.css"



def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))

def agenda(client, event):
    return client.get(f"/evenements/{event.slug}/mon-agenda")


def test_anonymous_is_sent_to_log_in(client, event):
    response = agenda(client, event)
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]


@pytest.mark.parametrize("who,status", [("attendee", 404), ("outsider", 404), ("organiser", 200)])
def test_unpublished_event_agenda(client, login, draft_event, organiser, attend, outsider, who, status):
    users = {"organiser": organiser, "attendee": attend(factories.UserFactory(), draft_event), "outsider": outsider}
    login(users[who])
    assert agenda(client, draft_event).status_code == status


def test_unknown_event_is_404(client, login, attendee):
    login(attendee)
    assert client.get("/evenements/nulle-part/mon-agenda").status_code == 404


def test_sessions_in_time_order_grouped_by_day_with_statuses(client, login, event, attendee):
    room = RoomFactory(event=event, name="Salle Garonne")
    day2 = make_session(event, "Jour deux", day=1, at=(9, 0), room=room)
    afternoon = make_session(event, "Après-midi", at=(14, 0), room=room)
    morning = make_session(event, "Matin", at=(9, 30))
    make_session(event, "Pas la mienne", at=(11, 0))
    left = make_session(event, "Quittée", at=(12, 0))
    seat(attendee, day2)
    seat(attendee, afternoon, status="waiting")
    seat(factories.UserFactory(), afternoon, status="waiting", queued_at=afternoon.created_at.replace(year=2000))
    seat(attendee, morning)
    seat(attendee, left, status="cancelled")
    login(attendee)
    text = text_of(agenda(client, event))
    assert "Pas la mienne" not in text and "Quittée" not in text
    assert text.index("Matin") < text.index("Après-midi") < text.index("Jour deux")
    assert text.count('class="agenda-day"') == 2
    assert "09:30" in text and "14:00" in text and "Salle Garonne" in text
    assert "Liste d'attente, n° 2" in text and "Inscrit·e" in text
    assert f"/evenements/{event.id}/mon-agenda.ics" in text or "mon-agenda" in text
    assert "abonnement" in text or "__test__/abonnement" in text
    assert f"/seances/{morning.id}" in text
    assert "rendez-vous" not in text.lower()  # meetings do not exist yet: no placeholder


def test_session_cancelled_by_organisers_shown_struck_through(client, login, event, attendee):
    session = make_session(event, "Annulée par la CRESS")
    seat(attendee, session)
    session.is_cancelled = True
    db.session.commit()
    login(attendee)
    text = text_of(agenda(client, event))
    assert "<s>Annulée par la CRESS</s>" in text and "Annulée par les organisateurs" in text


def test_other_events_not_in_this_agenda(client, login, event, attendee, organiser):
    other = EventFactory(organiser=organiser.memberships[0].organisation)
    seat(attendee, make_session(other, "Autre événement"))
    seat(attendee, make_session(event, "Cet événement"))
    login(attendee)
    text = text_of(agenda(client, event))
    assert "Cet événement" in text and "Autre événement" not in text


def test_empty_state_links_to_programme(client, login, event, attendee):
    login(attendee)
    text = text_of(agenda(client, event))
    assert "aucune séance" in text and f"/evenements/{event.slug}/programme" in text
    assert "votre organisation s'inscrit" not in text


def test_empty_state_for_someone_not_attending(client, login, event, outsider):
    login(outsider)
    text = text_of(agenda(client, event))
    assert "votre organisation s'inscrit à l'événement" in text


@pytest.mark.parametrize("zone", ["Indian/Reunion", "America/Cayenne"])
def test_overseas_zone(client, login, organiser, attend, zone):
    event = EventFactory(organiser=organiser.memberships[0].organisation, timezone=zone)
    user = attend(factories.UserFactory(), event)
    # 23:30 local on day one: a different UTC day in Cayenne (02:30 UTC the next day).
    seat(user, make_session(event, "Tard le soir", at=(23, 0), minutes=30))
    seat(user, make_session(event, "Le lendemain", day=1, at=(7, 0)))
    login(user)
    text = text_of(agenda(client, event))
    assert "23:00" in text and "23:30" in text and "07:00" in text and zone in text
    assert text.count('class="agenda-day"') == 2


def test_printable(client, login, event, attendee):
    seat(attendee, make_session(event, "Atelier"))
    login(attendee)
    text = text_of(agenda(client, event))
    assert "css/programme-public.css" in text and "js/programme-print.js" in text
    assert 'class="back-link no-print"' in text
    css = CSS.read_text()
    assert "@media print" in css
    printed = css[css.index("@media print"):]
    assert ".site-header" in printed and "break-before: page" in printed and ".agenda-actions" in printed
