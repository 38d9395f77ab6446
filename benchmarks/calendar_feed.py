"""Time a person's private calendar feed (and the other calendar files) at the stated size.

    .venv/bin/python benchmarks/calendar_feed.py [--runs 30] [--database-url URL]

Builds a temporary SQLite database (or uses --database-url, e.g. an empty PostgreSQL database made
for the purpose): one published two-day event in Europe/Paris, 20 rooms, 120 published sessions
with two speakers and a description each, 3,000 session registrations in all (registered, waiting
and cancelled), among which one person holds 30 (24 places, 4 waiting ranks, a cancelled place and
a session the organiser cancelled). Then requests, with the test client, the person's feed
(/agenda/flux/<token>.ics), the same with If-None-Match (a 304), their agenda file of the event,
and one session's file, and prints the median and the maximum of each. The target for the feed is
under 100 ms (issue 4).
"""
import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, time as clock, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matchfair import create_app  # noqa: E402
from matchfair.accounts.models import User  # noqa: E402
from matchfair.extensions import db  # noqa: E402
from matchfair.organisations.models import OrgKind, Organisation  # noqa: E402
from matchfair.programme.calendar_tokens import new_secret  # noqa: E402
from matchfair.programme.models import (CalendarToken, Event, ProgrammeSession, Room, SessionRegistration,  # noqa: E402
                                        Speaker)
from matchfair.programme.timezones import to_utc  # noqa: E402
from matchfair.timeutil import utcnow  # noqa: E402

SESSIONS, ROOMS, REGISTRATIONS, MINE = 120, 20, 3000, 30
TITLES = ["Répondre à un marché public", "Les marchés réservés", "Clauses sociales : mode d'emploi",
          "Se grouper pour répondre", "Le DUME sans douleur", "Achats responsables des collectivités",
          "Sourcing : se faire connaître des acheteurs", "Mémoire technique : les attentes"]


def build(rng: random.Random) -> tuple[int, int, int]:
    """Fill the database; returns (person id, event id, a session id)."""
    organiser = Organisation(kind=OrgKind.ORGANISER, name="CRESS Occitanie", search_text="", is_listed=False)
    db.session.add(organiser)
    db.session.flush()
    first_day = date.today() + timedelta(days=30)
    event = Event(organiser_organisation_id=organiser.id, name="Coventis (banc d'essai)", slug="coventis-banc",
                  starts_on=first_day, ends_on=first_day + timedelta(days=1), timezone="Europe/Paris",
                  venue_name="Centre des congrès", venue_address="11 esplanade Compans-Caffarelli, 31000 Toulouse",
                  is_published=True)
    db.session.add(event)
    db.session.flush()
    rooms = [Room(event_id=event.id, name=f"Salle {n + 1}", capacity=80, position=n) for n in range(ROOMS)]
    db.session.add_all(rooms)
    db.session.flush()
    sessions = []
    for n in range(SESSIONS):
        day = first_day + timedelta(days=n // (SESSIONS // 2))
        hour = 9 + (n % (SESSIONS // 2)) // ROOMS * 2
        start = to_utc(datetime.combine(day, clock(hour)), event.timezone)
        sessions.append(ProgrammeSession(
            event_id=event.id, kind=rng.choice(["workshop", "round_table", "training", "pitch"]),
            title=f"{rng.choice(TITLES)} ({n + 1})", description="Des exemples concrets et des questions. " * 12,
            starts_at=start, ends_at=start + timedelta(minutes=90), room_id=rooms[n % ROOMS].id, capacity=80,
            is_published=True, is_cancelled=(n == 7), sequence=rng.randint(0, 3)))
    db.session.add_all(sessions)
    db.session.flush()
    db.session.add_all(Speaker(session_id=s.id, full_name=f"Intervenant·e {s.id}-{k}", role="Chargée de mission",
                               position=k) for s in sessions for k in range(2))
    users = [User(email=f"participant{n}@exemple.fr", full_name=f"Participant {n}", password_hash="x")
             for n in range(250)]
    db.session.add_all(users)
    db.session.flush()
    person = users[0]
    mine = rng.sample(sessions[:7], 1) + [sessions[7]] + rng.sample(sessions[8:], MINE - 2)
    now = utcnow()
    rows, taken = [], set()
    for k, session in enumerate(mine):
        status = "waiting" if k % 7 == 3 else "cancelled" if k == 5 else "registered"
        rows.append({"session_id": session.id, "user_id": person.id, "status": status, "queued_at": now,
                     "created_at": now, "updated_at": now})
        taken.add((session.id, person.id))
    while len(rows) < REGISTRATIONS:
        session, user = rng.choice(sessions), rng.choice(users[1:])
        if (session.id, user.id) in taken:
            continue
        taken.add((session.id, user.id))
        rows.append({"session_id": session.id, "user_id": user.id,
                     "status": rng.choices(["registered", "waiting", "cancelled"], [8, 1, 1])[0],
                     "queued_at": now, "created_at": now, "updated_at": now})
    db.session.execute(SessionRegistration.__table__.insert(), rows)
    db.session.add(CalendarToken(user_id=person.id, token=new_secret()))
    db.session.commit()
    return person.id, event.id, mine[1].id


def time_requests(app, person_id: int, event_id: int, session_id: int, runs: int) -> None:
    with app.app_context():
        token = db.session.get(CalendarToken, person_id).token
        user = db.session.get(User, person_id)
        user_key = user.get_id()
    client = app.test_client()
    feed = f"/agenda/flux/{token}.ics"
    etag = client.get(feed).headers["ETag"]
    cases = [("feed", feed, {}, False), ("feed, 304", feed, {"If-None-Match": etag}, False),
             ("agenda file", f"/evenements/{event_id}/mon-agenda.ics", {}, True),
             ("session file", f"/seances/{session_id}/calendrier.ics", {}, False)]
    print(f"{'request':<14} {'median ms':>9} {'max ms':>7}  status, size")
    for label, url, headers, signed_in in cases:
        with client.session_transaction() as session:
            session.clear()
            if signed_in:
                session["_user_id"], session["_fresh"] = user_key, True
        client.get(url, headers=headers)  # warm the caches
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
        events = response.data.count(b"BEGIN:VEVENT")
        print(f"{label:<14} {statistics.median(times):9.1f} {max(times):7.1f}  {response.status_code}, "
              f"{len(response.data):,} bytes, {events} events")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", help="an EMPTY database to fill (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({
            "TESTING": True, "SECRET_KEY": "benchmark-secret-key-that-is-long-enough",
            "SQLALCHEMY_DATABASE_URI": args.database_url or f"sqlite:///{tmp}/bench.sqlite3",
            "WTF_CSRF_ENABLED": False, "PUBLIC_URL": "https://salon.example.org",
        })
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            ids = build(random.Random(42))
            print(f"Built {SESSIONS} sessions in {ROOMS} rooms, {REGISTRATIONS:,} registrations "
                  f"({MINE} for the person) in {time.perf_counter() - started:.1f} s "
                  f"on {db.engine.dialect.name}.")
            db.session.remove()
        time_requests(app, *ids, args.runs)
        with app.app_context():
            if args.database_url:
                db.drop_all()
            db.engine.dispose()


if __name__ == "__main__":
    main()
