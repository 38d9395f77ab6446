"""The public programme: who sees it, its three views, filters, cancelled sessions, time zones, queries."""
import html
from datetime import timedelta

import pytest
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import event as sa_event

from matchfair.extensions import db
from matchfair.timeutil import utcnow
from tests import factories

from .conftest import EventFactory, RoomFactory, make_session, seat


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))

def url(event, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"/evenements/{event.slug}/programme" + (f"?{query}" if query else "")


# --- who sees what -------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["anonymous", "organiser", "attendee", "outsider"])
def test_published_programme_is_public(client, login, event, organiser, attendee, outsider, who):
    make_session(event, "Répondre à un marché public")
    hidden = make_session(event, "Brouillon secret", is_published=False)
    if who != "anonymous":
        login({"organiser": organiser, "attendee": attendee, "outsider": outsider}[who])
    response = client.get(url(event))
    assert response.status_code == 200
    page = text_of(response)
    assert "Répondre à un marché public" in page
    # Unpublished sessions: organisers only, marked.
    assert ("Brouillon secret" in page) == (who == "organiser")
    if who == "organiser":
        assert "Non publiée" in page and f"/seances/{hidden.id}" in page


@pytest.mark.parametrize("who,status", [("anonymous", 404), ("attendee", 404), ("outsider", 404), ("organiser", 200)])
def test_unpublished_event_programme(client, login, draft_event, organiser, attend, outsider, who, status):
    make_session(draft_event, "Atelier en préparation")
    users = {"organiser": organiser, "attendee": attend(factories.UserFactory(), draft_event), "outsider": outsider}
    if who != "anonymous":
        login(users[who])
    response = client.get(url(draft_event))
    assert response.status_code == status
    if status == 200:
        assert "n'est pas publié" in text_of(response)


def test_unknown_event_is_404(client):
    assert client.get("/evenements/nulle-part/programme").status_code == 404


# --- views ---------------------------------------------------------------------------------------

def test_day_view_has_day_tabs_and_one_day_in_time_order(client, event):
    room = RoomFactory(event=event, name="Salle Garonne")
    make_session(event, "Après-midi", at=(14, 0), room=room)
    make_session(event, "Matin", at=(9, 30), room=room)
    make_session(event, "Lendemain", day=1, at=(10, 0))
    page = text_of(client.get(url(event)))
    assert page.index("Matin") < page.index("Après-midi")
    assert "Lendemain" not in page  # another day's tab
    assert "09:30" in page and "Salle Garonne" in page
    assert f"jour={(event.starts_on + timedelta(days=1)).isoformat()}" in page
    second = client.get(url(event, vue="jour", jour=(event.starts_on + timedelta(days=1)).isoformat()))
    text = text_of(second)
    assert "Lendemain" in text and "Matin" not in text


def test_bad_day_falls_back_to_first_day(client, event):
    make_session(event, "Matin")
    assert "Matin" in text_of(client.get(url(event, jour="pas-une-date")))
    assert "Matin" in text_of(client.get(url(event, jour="1999-01-01")))


def test_room_view_has_a_section_per_room_and_online(client, event):
    a = RoomFactory(event=event, name="Salle Alpha", position=1)
    b = RoomFactory(event=event, name="Salle Bêta", position=0)
    make_session(event, "Dans Alpha", room=a)
    make_session(event, "Dans Bêta", day=1, room=b)
    make_session(event, "En visio", at=(11, 0), online_url="https://visio.example/x")
    page = text_of(client.get(url(event, vue="salle")))
    assert page.index("Salle Bêta</h2>") < page.index("Salle Alpha</h2>") < page.index("En ligne</h2>")
    assert page.index("Dans Bêta") < page.index("Dans Alpha") < page.index("En visio")


def test_list_view_has_every_session_in_time_order(client, event):
    make_session(event, "Deuxième jour", day=1, at=(9, 0))
    make_session(event, "Premier jour", day=0, at=(16, 0))
    page = text_of(client.get(url(event, vue="liste")))
    assert "2 séances" in page
    assert page.index("Premier jour") < page.index("Deuxième jour")
    assert 'aria-current="page">Liste' in page


def test_places_left_full_and_unlimited(client, event, attendee):
    few = make_session(event, "Peu de places", capacity=12, at=(9, 0))
    few.registered_count = 3
    full = make_session(event, "Plein", capacity=5, at=(10, 0))
    full.registered_count = 5
    db.session.commit()
    make_session(event, "Sans limite", at=(11, 0))
    page = text_of(client.get(url(event)))
    assert "9 places restantes" in page and "Complet" in page and "Places illimitées" in page


def test_cancelled_sessions_are_shown_struck_through(client, event):
    make_session(event, "Annulée hélas", is_cancelled=True)
    page = text_of(client.get(url(event, vue="liste")))
    assert "<s>Annulée hélas</s>" in page and "is-cancelled" in page
    assert 'badge-cancelled">Annulée<' in page


def test_speakers_themes_and_kind_badges(client, event):
    make_session(event, "Table ronde des acheteurs", kind="round_table", themes=["cpv:90", "topic:clauses-sociales"],
                 speakers=[("Camille Martin", "Juriste", None)])
    page = text_of(client.get(url(event)))
    assert "Table ronde" in page and "Camille Martin" in page
    assert "Clauses sociales" in page and "Services d'évacuation des eaux usées" in page


def test_empty_programme_says_what_next(client, login, event, organiser):
    page = text_of(client.get(url(event)))
    assert "pas encore publié" in page
    login(organiser)
    assert "Préparer le programme" in text_of(client.get(url(event)))


# --- filters -------------------------------------------------------------------------------------

def test_filter_by_kind_and_theme(client, event):
    make_session(event, "Atelier clauses", kind="workshop", themes=["topic:clauses-sociales"])
    make_session(event, "Plénière d'ouverture", kind="plenary", at=(10, 0), themes=["cpv:90"])
    by_kind = text_of(client.get(url(event, vue="liste", type="plenary")))
    assert "Plénière d'ouverture" in by_kind and "Atelier clauses" not in by_kind
    by_theme = text_of(client.get(url(event, vue="liste", theme="topic:clauses-sociales")))
    assert "Atelier clauses" in by_theme and "Plénière d'ouverture" not in by_theme
    assert "Effacer les filtres" in by_theme
    none = text_of(client.get(url(event, vue="liste", type="plenary", theme="topic:clauses-sociales")))
    assert "Aucune séance ne correspond" in none


def test_unknown_filter_values_get_a_message_and_show_everything(client, event):
    make_session(event, "Atelier clauses")
    response = client.get(url(event, type="karaoke", theme="cpv:99"))
    page = text_of(response)
    assert response.status_code == 200
    assert "Choisissez un type de la liste." in page and "Atelier clauses" in page
    assert "aucune séance : choisissez-en un" in page


def test_filters_keep_the_view(client, event):
    make_session(event, "Atelier")
    page = text_of(client.get(url(event, vue="salle")))
    assert 'name="vue" type="hidden" value="salle"' in page or 'type="hidden" name="vue" value="salle"' in page \
        or 'value="salle"' in page


# --- time zones ----------------------------------------------------------------------------------

@pytest.mark.parametrize("zone,zone_words", [("Indian/Reunion", "Indian/Reunion"), ("America/Cayenne", "America/Cayenne")])
def test_times_in_an_overseas_zone(client, organiser, zone, zone_words):
    event = EventFactory(organiser=organiser.memberships[0].organisation, timezone=zone)
    session = make_session(event, "Atelier ultramarin", at=(9, 15))
    # Stored in UTC: La Réunion is UTC+4, Guyane UTC-3.
    assert session.starts_at.hour == {"Indian/Reunion": 5, "America/Cayenne": 12}[zone]
    page = text_of(client.get(url(event)))
    assert "09:15" in page and "10:15" in page
    assert zone_words in page


def test_paris_event_does_not_insist_on_the_zone(client, event):
    make_session(event, "Atelier")
    assert "Horaires à l'heure locale" not in text_of(client.get(url(event)))


# --- during the fair -----------------------------------------------------------------------------

def test_current_and_next_session_highlighted_during_the_event(client, organiser):
    now = utcnow().replace(second=0, microsecond=0)
    # A zone where "now" is noon, so that today's sessions stay on today's local date whatever the
    # hour the test runs at (Etc/GMT+N is N hours behind UTC).
    offset = 12 - now.hour
    zone = f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}" if offset else "UTC"
    local_now = now + timedelta(hours=offset)
    event = EventFactory(organiser=organiser.memberships[0].organisation, timezone=zone,
                         starts_on=local_now.date(), ends_on=local_now.date())
    from matchfair.programme.models import ProgrammeSession

    def add(title, start, minutes):
        db.session.add(ProgrammeSession(event_id=event.id, kind="workshop", title=title, starts_at=start,
                                        ends_at=start + timedelta(minutes=minutes), is_published=True))
        db.session.commit()

    local_midnight_utc = local_now.replace(hour=0, minute=0) - timedelta(hours=offset)
    add("Sous nos yeux", now - timedelta(minutes=1), 2)
    add("Juste après", now + timedelta(minutes=2), 1)
    add("Ce matin très tôt", local_midnight_utc, 1)
    page = text_of(client.get(url(event)))
    assert "En cours : Sous nos yeux" in page and "is-now" in page
    assert "À suivre à" in page and "Juste après" in page and "is-next" in page


def test_no_highlight_before_the_event(client, event):
    make_session(event, "Atelier")
    page = text_of(client.get(url(event)))
    assert "is-now" not in page and "En cours" not in page


# --- the seats partial and my statuses -----------------------------------------------------------

def test_signed_in_attendee_sees_register_buttons_and_agenda_link(client, login, event, attendee):
    make_session(event, "Atelier", capacity=10)
    login(attendee)
    page = text_of(client.get(url(event)))
    assert "Mon agenda" in page
    assert f"/evenements/{event.slug}/mon-agenda" in page


# --- queries -------------------------------------------------------------------------------------

def _count_queries(app, func):
    statements = []

    def before(conn, cursor, statement, *args):
        statements.append(statement)

    db.session.expunge_all()  # requests share the test's session: start each count from nothing cached
    engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", before)
    try:
        func()
    finally:
        sa_event.remove(engine, "before_cursor_execute", before)
    return statements


def _build(event, count, user):
    rooms = [RoomFactory(event=event, name=f"Salle {event.id}-{i}") for i in range(3)]
    speaker_org = factories.OrganisationFactory()
    for i in range(count):
        s = make_session(event, f"Séance {i}", at=(8 + i % 10, 0), day=i % 2, room=rooms[i % 3],
                         themes=["cpv:90", "topic:innovation"], speakers=[("Alex", "Rôle", speaker_org)])
        seat(user, s, status="registered" if i % 2 else "waiting")


@pytest.mark.parametrize("view", ["jour", "salle", "liste"])
def test_programme_queries_do_not_grow_with_sessions(app, client, login, organiser, attend, monkeypatch, view):
    small = EventFactory(organiser=organiser.memberships[0].organisation)
    large = EventFactory(organiser=organiser.memberships[0].organisation)
    user = factories.UserFactory()
    attend(user, small)
    attend(user, large)
    _build(small, 3, user)
    _build(large, 24, user)
    login(user)
    # The seats partial is another part's: count this page's queries with a partial that only reads
    # what the page hands it (my_seats, seat_waiting_counts, seat_attending).
    stand_in = DictLoader({"programme/seats/_button.html": SEATS_STAND_IN})
    monkeypatch.setattr(app.jinja_env, "loader", ChoiceLoader([stand_in, app.jinja_env.loader]))
    app.jinja_env.cache.clear()
    small_url, large_url = url(small, vue=view), url(large, vue=view)
    client.get(small_url)  # warm-up: first-request caches
    few = _count_queries(app, lambda: client.get(small_url))
    many = _count_queries(app, lambda: client.get(large_url))
    app.jinja_env.cache.clear()
    assert len(many) == len(few), "\n".join(" ".join(s.split())[:160] for s in few + ["######"] + many)
    assert len(many) <= 20


SEATS_STAND_IN = """{% set mine = my_seats.get(session.id) %}<p class="stand-in">{{ mine.status if mine else '-' }}
{{ seat_waiting_counts.get(session.id, 0) }} {{ seat_attending }}</p>"""


def test_my_seats_reach_the_partial(app, client, login, event, attendee, monkeypatch):
    stand_in = DictLoader({"programme/seats/_button.html": SEATS_STAND_IN})
    monkeypatch.setattr(app.jinja_env, "loader", ChoiceLoader([stand_in, app.jinja_env.loader]))
    app.jinja_env.cache.clear()
    waiting = make_session(event, "Attente", at=(9, 0))
    registered = make_session(event, "Inscrit", at=(11, 0))
    seat(attendee, waiting, status="waiting")
    seat(factories.UserFactory(), waiting, status="waiting")
    seat(attendee, registered)
    login(attendee)
    page = text_of(client.get(url(event)))
    app.jinja_env.cache.clear()
    assert "waiting\n2 True" in page and "registered\n0 True" in page


def test_seats_partial_included_on_each_session(client, login, event, attendee):
    first = make_session(event, "Premier", capacity=10, at=(9, 0))
    second = make_session(event, "Second", capacity=10, at=(11, 0))
    page = text_of(client.get(url(event)))
    assert f'id="places-{first.id}"' in page and f'id="places-{second.id}"' in page
    login(attendee)
    page = text_of(client.get(url(event)))
    assert f"/seances/{first.id}/inscription" in page and f"/seances/{second.id}/inscription" in page


def test_filter_form_is_a_plain_labelled_form(client, event):
    # role="search" made Pico draw the whole filter form as one rounded pill, the button overlapping it.
    make_session(event, "Atelier")
    page = client.get(f"/evenements/{event.slug}/programme").get_data(as_text=True)
    assert 'class="programme-filters" aria-label="Filtrer le programme"' in page
    assert 'role="search"' not in page
