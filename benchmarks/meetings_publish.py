"""Time the organiser's scheduler through the web app's services on a large fair.

    .venv/bin/python benchmarks/meetings_publish.py [--participants 2000] [--meetings 10000] [--runs 3]
        [--seed 1] [--database-url URL]

Builds a temporary SQLite database (or uses --database-url, which must be an empty database) with
bulk inserts: a two-day event in Europe/Paris, 36 meeting slots (18 a day, 25 + 5 minutes), 300
tables of which 200 are buyers' own stands, 2,000 participants (250 buyers, 1,750 SSE companies; 5 %
with a cap), 10,000 accepted meetings (95 % buyer-company, 5 % company-company, weights 1-3) and
20 % of slots declared unavailable per participant, plus a few workshop places that block slots.

Then, `--runs` times (bookings are undone between runs), it times:
- build_instance (the event's data read and turned into the engine's instance);
- the scheduling service `run` (build + engine + storing the preview), and the engine alone in it;
- analyse (the preview page's view-model), and the preview page itself (GET, signed in);
- publish (booking every placed meeting through placement.place_many, in batches, and queueing
  one e-mail per person) with its commit, and sending the queued e-mails (locmem backend);
and prints the median of each, the figures of the last run (placed, share of the engine's bound),
and checks that no participant and no table is booked twice in a slot.
"""
import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import delete, func, insert, select, update

from matchfair import create_app
from matchfair.accounts.models import User
from matchfair.extensions import db
from matchfair.meetings import notify
from matchfair.meetings import scheduling_runs as runs
from matchfair.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingPeriod,
    MeetingSeat,
    MeetingSettings,
    MeetingSlot,
    MeetingTable,
    MeetingUnavailability,
    SchedulingRun,
    pair_key,
)
from matchfair.meetings.scheduling_instance import build_instance
from matchfair.organisations.models import Membership, Organisation
from matchfair.programme.models import Event, ProgrammeSession, SessionRegistration
from matchfair.programme.timezones import to_utc
from matchfair.reference.services import ensure_divisions
from matchfair.timeutil import utcnow

TZ = "Europe/Paris"


def build(participants: int, meetings: int, rng: random.Random) -> tuple[int, int]:
    """Insert the fair; returns (the organiser's user id, the event id)."""
    ensure_divisions()
    now = utcnow()
    buyers = participants // 8
    stands = min(200, buyers)
    first_day = date.today() + timedelta(days=30)
    db.session.execute(insert(Organisation), [{"id": 1, "kind": "organiser", "name": "CRESS Occitanie",
                                               "search_text": ""}] + [
        {"id": 10 + i, "kind": "buyer" if i < buyers else "sse",
         "name": f"{'Acheteur public' if i < buyers else 'Structure solidaire'} {i}", "search_text": ""}
        for i in range(participants)])
    db.session.execute(insert(User), [{"id": 1 + i, "email": f"p{i}@exemple.fr", "full_name": f"Personne {i}",
                                       "password_hash": "x", "email_confirmed_at": now}
                                      for i in range(participants + 1)])
    organiser = participants + 1
    db.session.execute(insert(Membership), [{"user_id": organiser, "organisation_id": 1, "role": "admin"}])
    db.session.execute(insert(Event), [{"id": 1, "organiser_organisation_id": 1, "name": "Coventis 2026",
                                        "slug": "coventis-2026", "starts_on": first_day,
                                        "ends_on": first_day + timedelta(days=1), "timezone": TZ,
                                        "venue_name": "Parc des expositions", "is_published": True}])
    db.session.execute(insert(MeetingSettings), [{"event_id": 1, "is_open": True, "slot_minutes": 25,
                                                  "break_minutes": 5}])
    periods, slots = [], []
    for d in range(2):
        day = first_day + timedelta(days=d)
        for k, (start, end) in enumerate(((dtime(9), dtime(13)), (dtime(14), dtime(19)))):
            pid = 1 + 2 * d + k
            s, e = to_utc(datetime.combine(day, start), TZ), to_utc(datetime.combine(day, end), TZ)
            periods.append({"id": pid, "event_id": 1, "starts_at": s, "ends_at": e})
            while s + timedelta(minutes=25) <= e:
                slots.append({"id": len(slots) + 1, "event_id": 1, "period_id": pid, "starts_at": s,
                              "ends_at": s + timedelta(minutes=25)})
                s += timedelta(minutes=30)
    db.session.execute(insert(MeetingPeriod), periods)
    db.session.execute(insert(MeetingSlot), slots)
    db.session.execute(insert(MeetingTable), [{"id": 1 + i, "event_id": 1, "name": f"Table {i + 1}", "position": i}
                                              for i in range(300)])
    db.session.execute(insert(MeetingParticipant), [
        {"id": 1 + i, "event_id": 1, "organisation_id": 10 + i, "user_id": 1 + i, "wants_stand": i < stands,
         "stand_table_id": 1 + i if i < stands else None,
         "max_meetings": rng.randint(9, 18) if rng.random() < 0.05 else None} for i in range(participants)])
    db.session.execute(insert(MeetingUnavailability), [
        {"participant_id": 1 + i, "slot_id": s["id"]} for i in range(participants) for s in slots
        if rng.random() < 0.2])
    # A few workshops whose places block the slots they overlap.
    sessions = [{"id": 1 + k, "event_id": 1, "kind": "workshop", "title": f"Atelier {k}",
                 "starts_at": slots[4 + 9 * k]["starts_at"], "ends_at": slots[4 + 9 * k]["starts_at"] + timedelta(hours=1),
                 "capacity": 100, "registered_count": 0, "is_published": True, "is_cancelled": False, "sequence": 0,
                 "created_at": now, "updated_at": now} for k in range(4)]
    db.session.execute(insert(ProgrammeSession), sessions)
    db.session.execute(insert(SessionRegistration), [
        {"session_id": 1 + k % 4, "user_id": 1 + u, "status": "registered", "queued_at": now}
        for k, u in enumerate(rng.sample(range(participants), 200))])
    pairs = set()
    while len(pairs) < meetings:
        a, b = rng.randrange(buyers), buyers + rng.randrange(participants - buyers)
        if rng.random() < 0.05:
            a = buyers + rng.randrange(participants - buyers)
        if a != b and (b, a) not in pairs:
            pairs.add((a, b))
    db.session.execute(insert(Meeting), [
        {"event_id": 1, "requester_id": 1 + b, "recipient_id": 1 + a, "status": "accepted", "weight": rng.randint(1, 3),
         "expires_at": now, "answered_at": now, "created_at": now, "pair_key": pair_key(1 + a, 1 + b)}
        for a, b in sorted(pairs)])
    db.session.commit()
    return organiser, 1


def undo_bookings() -> None:
    db.session.execute(delete(MeetingSeat))
    db.session.execute(update(Meeting).values(slot_id=None, table_id=None, video_url=None, booking_source=None,
                                              booked_at=None, booked_by_id=None))
    db.session.commit()


def check_no_double_booking() -> int:
    seats = db.session.execute(select(MeetingSeat.participant_id, MeetingSeat.slot_id)).all()
    tables = db.session.execute(select(Meeting.slot_id, Meeting.table_id).where(Meeting.slot_id.is_not(None))).all()
    assert len(seats) == len(set(seats)), "a participant is booked twice in a slot"
    assert len(tables) == len(set(tables)), "a table holds two meetings in a slot"
    return len(tables)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--meetings", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    url = args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "MAIL_BACKEND": "locmem", "TESTING": True,
                      "SECRET_KEY": "benchmark-secret-key-long-enough", "SERVER_NAME": "localhost"})
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        organiser_id, event_id = build(args.participants, args.meetings, random.Random(args.seed))
        print(f"built {args.participants} participants, {args.meetings} meetings in "
              f"{time.perf_counter() - started:.1f} s ({url.split(':')[0]})")
        organiser, event = db.session.get(User, organiser_id), db.session.get(Event, event_id)
        times: dict[str, list[float]] = {k: [] for k in ("build_instance", "run", "engine", "analyse",
                                                         "preview page", "publish", "e-mails")}
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = organiser.get_id()
            session["_fresh"] = True
        for k in range(args.runs):
            db.session.expire_all()
            t = time.perf_counter()
            _instance, mapping = build_instance(event)
            times["build_instance"].append(time.perf_counter() - t)
            t = time.perf_counter()
            run = runs.run(organiser, event)
            db.session.commit()
            times["run"].append(time.perf_counter() - t)
            times["engine"].append(run.elapsed_ms / 1000)
            t = time.perf_counter()
            view = runs.analyse(run)
            times["analyse"].append(time.perf_counter() - t)
            t = time.perf_counter()
            page = client.get(f"/evenements/{event.id}/rendez-vous/planification/{run.id}?pp=3&tranche=2")
            times["preview page"].append(time.perf_counter() - t)
            assert page.status_code == 200, page.status_code
            t = time.perf_counter()
            report = runs.publish(organiser, run)
            db.session.commit()
            times["publish"].append(time.perf_counter() - t)
            outbox = app.extensions["mailman"].outbox = []
            t = time.perf_counter()
            with app.test_request_context():
                notify.send_queued()
            times["e-mails"].append(time.perf_counter() - t)
            booked = check_no_double_booking()
            print(f"run {k + 1}: placed {run.placed_count}/{mapping.to_place} (weight {run.weight} of bound "
                  f"{run.upper_bound}: {view.percent_label}), {view.holes_total} holes; published {report.placed}, "
                  f"conflicts {report.conflicts}, {len(outbox)} e-mails; {booked} meetings booked, no double booking")
            if k + 1 < args.runs:
                undo_bookings()
        print(f"\nmedian of {args.runs} runs:")
        for name, values in times.items():
            print(f"  {name:15} {statistics.median(values) * 1000:9.0f} ms   (max {max(values) * 1000:.0f} ms)")
        print(f"  runs stored: {db.session.scalar(select(func.count()).select_from(SchedulingRun))}")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
