"""Time the public programme, a session's page, a person's agenda (and feed) on SQLite at the stated size.

    .venv/bin/python benchmarks/programme.py [--sessions 120] [--rooms 20] [--registrations 3000] [--runs 30]

Builds a temporary SQLite database with bulk inserts: a published two-day event in Europe/Paris,
20 rooms, 120 published sessions (a few cancelled, some online) of every kind with one or two
speakers and one to three themes each, 60 SSE companies registered for the event with 1,000
attendees between them, and 3,000 session registrations (places up to each session's capacity, the
rest on waiting lists). Then requests each page with the test client, `--runs` times, and prints the
median and the maximum. The target (issue 4) is a median under 100 ms each.

The programme is timed for a visitor and for a signed-in attendee (whose own seats come in one query
and reach the seats partial as `my_seats`).
"""
import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werkzeug.security import generate_password_hash

from matchfair import create_app
from matchfair.accounts.models import User
from matchfair.extensions import db
from matchfair.organisations.models import Membership, Organisation
from matchfair.programme.models import (
    Attendee,
    Event,
    EventRegistration,
    ProgrammeSession,
    Room,
    SessionRegistration,
    SessionTheme,
    Speaker,
)
from matchfair.programme.timezones import to_utc
from matchfair.reference.services import ensure_divisions
from matchfair.timeutil import utcnow

KINDS = ["workshop", "round_table", "plenary", "pitch", "training"]
THEMES = ["cpv:90", "cpv:77", "cpv:55", "cpv:45", "cpv:79", "cpv:85", "topic:clauses-sociales",
          "topic:marches-reserves", "topic:groupements", "topic:achats-responsables", "topic:innovation"]
TITLES = ["Répondre à un marché public", "Les marchés réservés", "Clauses sociales : retours d'expérience",
          "Se grouper pour répondre", "Le sourcing des acheteurs", "Premiers pas dans la commande publique",
          "SPASER : où en sont les collectivités ?", "Pitch des structures d'insertion"]

# What the seats partial needs to show, read only from the page's context (no query).
SEATS_STAND_IN = """{%- set mine = my_seats.get(session.id) if my_seats is defined else none -%}
<div class="seats">{% if mine and mine.status != 'cancelled' %}<p>{{ mine.status }}</p>{% endif %}
<p>{{ seat_waiting_counts.get(session.id, 0) if seat_waiting_counts is defined else 0 }}</p>
<form method="post" action="{{ url_for('seats.register', session_id=session.id) }}"><button>S'inscrire</button></form></div>"""


def build(n_sessions: int, n_rooms: int, n_registrations: int, rng: random.Random) -> tuple[int, str]:
    """Insert the event and everything around it; returns (the benchmarked person's id, the event's slug)."""
    ensure_divisions()
    first_day = date.today() + timedelta(days=40)
    insert = lambda model, rows: db.session.execute(model.__table__.insert(), rows)

    insert(Organisation, [{"id": 1, "kind": "organiser", "name": "CRESS Occitanie", "is_listed": True,
                           "search_text": ""}] +
           [{"id": 100 + i, "kind": "sse", "name": f"Structure solidaire {i}", "is_listed": True, "search_text": "",
             "department_code": "31"} for i in range(60)])
    pw = generate_password_hash("benchmark")
    now = utcnow()
    n_users = max(1000, n_registrations // 3)
    insert(User, [{"id": 1 + i, "email": f"p{i}@exemple.fr", "full_name": f"Personne {i}", "password_hash": pw,
                   "email_confirmed_at": now, "session_version": 1} for i in range(n_users + 1)])
    insert(Membership, [{"user_id": n_users + 1, "organisation_id": 1, "role": "admin"}])
    insert(Event, [{"id": 1, "organiser_organisation_id": 1, "name": "Coventis 2026", "slug": "coventis-2026",
                    "description": "Deux jours de rencontres.", "starts_on": first_day,
                    "ends_on": first_day + timedelta(days=1), "timezone": "Europe/Paris", "venue_name": "Parc des expos",
                    "is_published": True, "is_online": False, "requires_approval": False}])
    insert(EventRegistration, [{"id": 1 + i, "event_id": 1, "organisation_id": 100 + i, "status": "approved"}
                               for i in range(60)])
    insert(Attendee, [{"registration_id": 1 + i % 60, "user_id": 1 + i} for i in range(n_users)])
    rooms = [{"id": 1 + i, "event_id": 1, "name": f"Salle {i + 1}", "capacity": rng.choice([20, 30, 40, 60, 120]),
              "position": i} for i in range(n_rooms)]
    insert(Room, rooms)

    sessions, speakers, themes = [], [], []
    slots = [(d, h) for d in range(2) for h in (9, 10, 11, 14, 15, 16)]
    for i in range(n_sessions):
        day, hour = slots[i % len(slots)]
        room = rooms[(i // len(slots)) % n_rooms] if i % 15 else None
        starts = to_utc(datetime.combine(first_day + timedelta(days=day), datetime.min.time()).replace(hour=hour),
                        "Europe/Paris")
        sessions.append({"id": 1 + i, "event_id": 1, "kind": KINDS[i % 5], "title": f"{TITLES[i % len(TITLES)]} ({i + 1})",
                         "description": "Une séance du programme.", "starts_at": starts,
                         "ends_at": starts + timedelta(minutes=rng.choice([45, 60, 90])),
                         "room_id": room["id"] if room else None,
                         "online_url": None if room else "https://visio.example/s",
                         "capacity": room["capacity"] if room else (None if i % 2 else 100), "registered_count": 0,
                         "is_published": True, "is_cancelled": i % 40 == 7, "sequence": 0,
                         "created_at": now, "updated_at": now})
        for k in range(1 + i % 2):
            speakers.append({"session_id": 1 + i, "full_name": f"Intervenant {i}-{k}", "role": "Chargée de mission",
                             "organisation_id": 100 + (i + k) % 60, "position": k})
        for theme in rng.sample(THEMES, 1 + i % 3):
            themes.append({"session_id": 1 + i, "theme": theme})

    seats, taken, seen = [], {s["id"]: 0 for s in sessions}, set()
    person = 1  # the benchmarked person: eight sessions, at different times
    for i in range(8):
        seen.add((1 + i, person))
        seats.append((1 + i, person))
    while len(seats) < n_registrations:
        pair = (rng.randrange(n_sessions) + 1, rng.randrange(2, n_users + 1))
        if pair not in seen:
            seen.add(pair)
            seats.append(pair)
    rows = []
    for k, (sid, uid) in enumerate(seats):
        session = sessions[sid - 1]
        full = session["capacity"] is not None and taken[sid] >= session["capacity"]
        status = "waiting" if full else "registered"
        if not full:
            taken[sid] += 1
        rows.append({"session_id": sid, "user_id": uid, "status": status, "queued_at": now + timedelta(seconds=k),
                     "created_at": now, "updated_at": now})
    for session in sessions:
        session["registered_count"] = taken[session["id"]]
    insert(ProgrammeSession, sessions)
    insert(Speaker, speakers)
    insert(SessionTheme, themes)
    insert(SessionRegistration, rows)
    db.session.commit()
    waiting = sum(1 for r in rows if r["status"] == "waiting")
    print(f"Built: {n_sessions} sessions, {n_rooms} rooms, {len(rows)} session registrations "
          f"({waiting} waiting), {n_users} attendees.")
    return person, "coventis-2026"


def time_pages(app, person_id: int, slug: str, runs: int) -> None:
    client = app.test_client()
    pages = [("programme, by day", f"/evenements/{slug}/programme"),
             ("programme, by room", f"/evenements/{slug}/programme?vue=salle"),
             ("programme, list", f"/evenements/{slug}/programme?vue=liste"),
             ("programme, filtered", f"/evenements/{slug}/programme?vue=liste&type=workshop&theme=cpv:90"),
             ("session page", "/seances/3")]
    signed_in = [(label + ", signed in", url) for label, url in pages] + [
        ("my agenda", f"/evenements/{slug}/mon-agenda"),
        ("agenda .ics", "/evenements/1/mon-agenda.ics")]
    with app.app_context():
        from matchfair.programme import calendar_tokens

        token = calendar_tokens.token_of(db.session.get(User, person_id)).token
        db.session.commit()
    signed_in.append(("feed", f"/agenda/flux/{token}.ics"))
    # CPU ms: this process's own time (what the page costs when the machine is busy with others).
    print(f"{'page':<34} {'median ms':>9} {'max ms':>7} {'CPU ms':>7}  {'KiB':>5}")
    _run(client, pages, runs)
    with app.app_context():
        session_key = db.session.get(User, person_id).get_id()
    with client.session_transaction() as session:  # signed in, as the log-in form would leave it
        session["_user_id"] = session_key
        session["_fresh"] = True
    _run(client, signed_in, runs)


def _run(client, pages, runs: int) -> None:
    for label, url in pages:
        response = client.get(url)  # warm the caches
        if response.status_code != 200:
            print(f"{label:<34} HTTP {response.status_code} (skipped)")
            continue
        times, cpu = [], []
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{label:<34} {statistics.median(times):9.1f} {max(times):7.1f} {statistics.median(cpu):7.1f}"
              f"  {len(response.data) // 1024:5d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=120)
    parser.add_argument("--rooms", type=int, default=20)
    parser.add_argument("--registrations", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seats-stand-in", action="store_true",
                        help="replace the seats partial by one that only reads my_seats (this page's own cost)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({
            "TESTING": True, "SECRET_KEY": "benchmark-secret-key-that-is-long-enough",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3", "WTF_CSRF_ENABLED": False,
        })
        if args.seats_stand_in:
            from jinja2 import ChoiceLoader, DictLoader

            app.jinja_loader  # noqa: B018 (make sure the default loader exists)
            app.jinja_env.loader = ChoiceLoader([DictLoader({"programme/seats/_button.html": SEATS_STAND_IN}),
                                                 app.jinja_env.loader])
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            person_id, slug = build(args.sessions, args.rooms, args.registrations, random.Random(42))
            print(f"(built in {time.perf_counter() - started:.1f} s)")
            db.session.remove()
        time_pages(app, person_id, slug, args.runs)
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
