"""A medium fair through the services: 100 participants (25 buyers, 10 of them with a stand),
300 accepted meetings, 14 slots, 40 tables, 15 % of slots unavailable. Run, preview and publish
take a couple of seconds at most, and the publication keeps every hard rule."""
import random
import time

from sqlalchemy import func, insert, select

from matchfair.accounts.models import User
from matchfair.engine.scheduling import schedule
from matchfair.extensions import db
from matchfair.meetings import scheduling_runs as runs
from matchfair.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingSeat,
    MeetingTable,
    MeetingUnavailability,
    SchedulingRun,
    pair_key,
)
from matchfair.organisations.models import Organisation
from matchfair.timeutil import utcnow


def build_fair(event, slots, n_buyers=25, n_sse=75, n_meetings=300, seed=3):
    rng = random.Random(seed)
    now = utcnow()
    db.session.execute(insert(MeetingTable), [
        {"event_id": event.id, "name": f"Table {i}", "position": i} for i in range(5, 41)])
    tables = db.session.scalars(select(MeetingTable.id).where(MeetingTable.event_id == event.id)
                                .order_by(MeetingTable.id)).all()
    n = n_buyers + n_sse
    first_user = (db.session.scalar(select(func.max(User.id))) or 0) + 1
    first_org = (db.session.scalar(select(func.max(Organisation.id))) or 0) + 1
    db.session.execute(insert(User), [{"id": first_user + i, "email": f"fair{i}@exemple.fr",
                                       "full_name": f"Personne {i}", "password_hash": "x",
                                       "email_confirmed_at": now} for i in range(n)])
    db.session.execute(insert(Organisation), [
        {"id": first_org + i, "kind": "buyer" if i < n_buyers else "sse",
         "name": f"{'Acheteur' if i < n_buyers else 'Structure'} {i}", "search_text": ""} for i in range(n)])
    db.session.execute(insert(MeetingParticipant), [
        {"event_id": event.id, "organisation_id": first_org + i, "user_id": first_user + i,
         "stand_table_id": tables[-1 - i] if i < 10 else None} for i in range(n)])
    people = db.session.scalars(select(MeetingParticipant.id).where(MeetingParticipant.event_id == event.id)
                                .order_by(MeetingParticipant.id)).all()
    buyers, sse = people[:n_buyers], people[n_buyers:]
    db.session.execute(insert(MeetingUnavailability), [
        {"participant_id": p, "slot_id": s.id} for p in people for s in slots if rng.random() < 0.15])
    pairs = set()
    while len(pairs) < n_meetings:
        pairs.add((rng.choice(sse), rng.choice(buyers)))
    db.session.execute(insert(Meeting), [
        {"event_id": event.id, "requester_id": a, "recipient_id": b, "status": "accepted",
         "weight": rng.randint(1, 5), "expires_at": now, "answered_at": now, "pair_key": pair_key(a, b)}
        for a, b in sorted(pairs)])
    db.session.commit()


def test_a_medium_fair_runs_in_a_couple_of_seconds(event, slots, organiser_user):
    build_fair(event, slots)

    started = time.perf_counter()
    run = runs.run(organiser_user, event)
    db.session.commit()
    ran = time.perf_counter() - started
    started = time.perf_counter()
    view = runs.analyse(run)
    analysed = time.perf_counter() - started
    # The preview counts holes as the engine does.
    again = schedule(run.instance)
    copy = SchedulingRun(event_id=event.id, instance=run.instance, solution=again.solution, weight=again.weight,
                         upper_bound=again.upper_bound, created_at=run.created_at)
    assert runs.analyse(copy).holes_total == again.holes
    report = runs.publish(organiser_user, run)
    db.session.commit()

    assert ran < 3 and analysed < 1.5, (ran, analysed)  # the engine stops by itself at 0.75 s here
    assert run.placed_count + run.unscheduled_count == 300
    assert run.weight >= 0.99 * run.upper_bound
    assert len(view.unplaced) == run.unscheduled_count and len(view.participants) == len(run.instance["participants"])
    assert report.placed == run.placed_count and report.conflicts == 0
    seats = db.session.execute(select(MeetingSeat.participant_id, MeetingSeat.slot_id)).all()
    assert len(seats) == len(set(seats)) == 2 * report.placed
    booked = db.session.execute(select(Meeting.slot_id, Meeting.table_id).where(Meeting.slot_id.is_not(None))).all()
    assert len(booked) == len(set(booked)) == report.placed
