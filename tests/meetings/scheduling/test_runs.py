"""The scheduling services: run (preview), analyse (reasons, holes, share of the bound), publish
(through placement, keeping earlier bookings, conflicts, e-mails) and discard."""
from datetime import timedelta

import pytest
from flask import current_app

from matchfair.extensions import db
from matchfair.meetings import notify
from matchfair.meetings import scheduling_runs as runs
from matchfair.meetings.errors import MeetingError
from matchfair.meetings.grid import slot_label
from matchfair.meetings.models import (
    BookingSource,
    MeetingSettings,
    RunStatus,
    SchedulingRun,
)
from matchfair.meetings.scheduling_instance import build_instance
from matchfair.meetings.scheduling_preview import (
    CAP_REACHED,
    NO_COMMON_SLOT,
    NO_TABLE,
    OUTRANKED,
    holes_of,
)
from matchfair.timeutil import utcnow
from tests import factories


def send_mail():
    """Commit, then send the queued e-mails as the meetings blueprints do after a request."""
    db.session.commit()
    with current_app.test_request_context():
        notify.send_queued()


def test_run_stores_a_preview_and_discards_earlier_ones(event, slots, organiser_user, make_participant,
                                                         make_meeting):
    a, b = make_participant(), make_participant("buyer")
    m = make_meeting(a, b, weight=2)
    first = runs.run(organiser_user, event)
    db.session.commit()
    second = runs.run(organiser_user, event)
    db.session.commit()

    assert first.status == RunStatus.DISCARDED and second.status == RunStatus.PREVIEW
    assert second.placed_count == 1 and second.unscheduled_count == 0
    assert second.weight == 2 == second.upper_bound and second.elapsed_ms >= 0
    assert second.created_by_id == organiser_user.id
    assert second.instance["meetings"][0]["id"] == f"m-{m.id}"
    assert [a["meeting"] for a in second.solution["assignments"]] == [f"m-{m.id}"]
    db.session.refresh(m)
    assert m.slot_id is None  # a preview books nothing


def test_run_is_refused_clearly(event, slots, organiser_user, make_participant, make_meeting, sse_participant):
    with pytest.raises(MeetingError, match="Rien à planifier"):
        runs.run(organiser_user, event)
    make_meeting(sse_participant, make_participant("buyer"))
    with pytest.raises(MeetingError, match="Aucun créneau de rendez-vous à venir"):
        runs.run(organiser_user, event, now=slots[-1].starts_at)
    with pytest.raises(MeetingError, match="organisateurs"):
        runs.run(sse_participant.user, event)
    assert db.session.scalar(db.select(db.func.count()).select_from(SchedulingRun)) == 0


def test_run_is_refused_without_a_grid(event, organiser_user):
    with pytest.raises(MeetingError, match="grille"):
        runs.run(organiser_user, event)


def test_each_reason_for_an_unplaced_meeting(event, slots, tables, organiser_user, make_participant, make_meeting,
                                             unavailable):
    for table in tables[1:]:
        table.is_active = False  # one pool table: T1
    db.session.commit()
    # 1. no common slot: a1 is free in the morning only, b1 in the afternoon only
    a1, b1 = make_participant(), make_participant("buyer")
    unavailable(a1, *slots[7:])
    unavailable(b1, *slots[:7])
    no_slot = make_meeting(a1, b1)
    # 2. cap: c takes one meeting at most
    c = make_participant("buyer", max_meetings=1)
    make_meeting(make_participant(), c, weight=2)
    capped = make_meeting(make_participant(), c, weight=1)
    # 3. no table: two pairs free in slot 0 only, one pool table
    pairs = [(make_participant(), make_participant("buyer")) for _ in range(2)]
    for x, y in pairs:
        unavailable(x, *slots[1:])
        unavailable(y, *slots[1:])
    tabled = [make_meeting(x, y) for x, y in pairs]
    # 4. outranked: g meets h1 (priority 3) and h2 (priority 1), all three free in slot 5 only
    g, h1, h2 = make_participant("buyer"), make_participant(), make_participant()
    for p in (g, h1, h2):
        unavailable(p, *[s for s in slots if s != slots[5]])
    make_meeting(h1, g, weight=3)
    outranked = make_meeting(h2, g, weight=1)

    run = runs.run(organiser_user, event)
    view = runs.analyse(run)

    reasons = {row.meeting_id: row.reason for row in view.unplaced}
    assert reasons.pop(no_slot.id) == NO_COMMON_SLOT
    assert reasons.pop(capped.id) == CAP_REACHED
    assert reasons.pop(outranked.id) == OUTRANKED
    assert list(reasons.values()) == [NO_TABLE] and set(reasons) < {m.id for m in tabled}
    assert [row.reason for row in view.unplaced] == [NO_COMMON_SLOT, CAP_REACHED, NO_TABLE, OUTRANKED]
    assert view.unplaced[0].reason_label == "aucun créneau où les deux sont disponibles"
    assert [n for _, n in view.reason_counts] == [1, 1, 1, 1]
    assert run.unscheduled_count == 4


def _hand_made_run(event, instance, solution, **figures):
    run = SchedulingRun(event_id=event.id, status=RunStatus.PREVIEW, instance=instance, solution=solution,
                        created_at=utcnow(), **figures)
    db.session.add(run)
    db.session.commit()
    return run


def test_holes_per_participant_and_share_of_the_bound(event, slots, tables, make_participant, make_meeting,
                                                      unavailable, book):
    a, b, c, d = make_participant(), make_participant("buyer"), make_participant("buyer"), make_participant("buyer")
    unavailable(d, slots[1])
    past = book(make_meeting(a, d), slots[0], tables[0])  # "in the past" of the run below (created later)
    m1, m2, m3 = make_meeting(a, b), make_meeting(a, c), make_meeting(d, c)
    instance, _ = build_instance(event, now=slots[0].starts_at)
    t = f"t-{tables[0].id}"
    solution = {"assignments": [
        {"meeting": f"m-{m1.id}", "slot": f"s-{slots[2].id}", "table": t},   # a: 10:00
        {"meeting": f"m-{m2.id}", "slot": f"s-{slots[4].id}", "table": t},   # a: 11:00, a hole at 10:30
        {"meeting": f"m-{m3.id}", "slot": f"s-{slots[5].id}", "table": t},   # c: 11:00 then 11:30, no hole
    ], "unscheduled": []}
    run = _hand_made_run(event, instance, solution, weight=987, upper_bound=1000, placed_count=3)
    run.created_at = slots[0].starts_at + timedelta(minutes=1)
    db.session.commit()

    view = runs.analyse(run)

    rows = {row.participant_id: row for row in view.participants}
    assert (rows[a.id].before, rows[a.id].placed, rows[a.id].holes, rows[a.id].total) == (1, 2, 1, 3)
    assert (rows[c.id].placed, rows[c.id].holes) == (2, 0)
    assert view.participants[0].participant_id == a.id  # the most holes first
    assert view.holes_total == 1
    assert view.percent_label == "98,7\u00a0% du maximum atteignable"
    assert [g.ref for g in view.groups] == [f"s-{slots[i].id}" for i in (2, 4, 5)]  # in time order
    assert view.groups[0].label == slot_label(slots[2], event)
    assert [len(g.rows) for g in view.groups] == [1, 1, 1]
    assert past.id not in {r.meeting_id for g in view.groups for r in g.rows}


def test_holes_skip_unavailable_slots_and_other_days():
    from datetime import datetime

    starts = {f"s{i}": datetime(2030, 5, 14, 9 + i) for i in range(4)}
    starts["t0"] = datetime(2030, 5, 15, 9)
    ends = {k: v + timedelta(minutes=30) for k, v in starts.items()}
    days = {}
    for k in sorted(starts, key=starts.get):
        days.setdefault(starts[k].date(), []).append(k)
    assert holes_of(["s0", "s2"], set(), starts, ends, days) == 1
    assert holes_of(["s0", "s3"], set(), starts, ends, days) == 1  # one run of two idle slots
    assert holes_of(["s0", "s2"], {"s1"}, starts, ends, days) == 0  # busy elsewhere then
    assert holes_of(["s3", "t0"], set(), starts, ends, days) == 0


def test_publish_books_through_placement_and_keeps_earlier_bookings(event, slots, tables, organiser_user,
                                                                   stand_buyer, make_participant, make_meeting,
                                                                   book):
    a, b = make_participant(), make_participant()
    earlier = book(make_meeting(a, stand_buyer), slots[3], tables[3])
    m1, m2 = make_meeting(b, stand_buyer, weight=2), make_meeting(a, b)
    run = runs.run(organiser_user, event)

    report = runs.publish(organiser_user, run)
    db.session.commit()

    assert (report.placed, report.conflicts, report.unplaced, report.emails) == (2, 0, 0, 3)
    for m in (m1, m2):
        db.session.refresh(m)
        assert m.slot_id is not None and m.booking_source == BookingSource.SCHEDULER
        assert m.booked_by_id == organiser_user.id and len(m.seats) == 2
    assert m1.table_id == tables[3].id  # at the buyer's stand
    db.session.refresh(earlier)
    assert (earlier.slot_id, earlier.table_id, earlier.booking_source) == (slots[3].id, tables[3].id, "direct")
    assert run.status == RunStatus.PUBLISHED and run.published_by_id == organiser_user.id and run.published_at

    # A new run keeps what was published: those meetings are now fixed.
    m3 = make_meeting(make_participant(), stand_buyer)
    _, mapping = build_instance(event)
    assert mapping.fixed == {f"m-{x.id}" for x in (earlier, m1, m2)}
    again = runs.run(organiser_user, event)
    runs.publish(organiser_user, again)
    db.session.commit()
    for m in (earlier, m1, m2, m3):
        db.session.refresh(m)
    assert m3.slot_id is not None
    assert {(m.slot_id, m.table_id) for m in (earlier, m1, m2)} == {
        (earlier.slot_id, earlier.table_id), (m1.slot_id, m1.table_id), (m2.slot_id, m2.table_id)}


def test_conflicts_when_someone_booked_in_between(event, slots, tables, organiser_user, make_participant,
                                                  make_meeting, book, outbox):
    a, b, c = make_participant(), make_participant("buyer"), make_participant("buyer")
    taken = make_meeting(a, b)
    booked_meanwhile = make_meeting(a, c)
    run = runs.run(organiser_user, event)
    slot_of = {x["meeting"]: x["slot"] for x in run.solution["assignments"]}
    taken_slot = next(s for s in slots if f"s-{s.id}" == slot_of[f"m-{taken.id}"])
    # Meanwhile b books another meeting in the slot the run gave to `taken`, and the other meeting is booked.
    other = make_meeting(make_participant(), b)
    book(other, taken_slot, tables[2])
    free_slot = next(s for s in slots if s != taken_slot and f"s-{s.id}" != slot_of[f"m-{booked_meanwhile.id}"])
    book(booked_meanwhile, free_slot, tables[0])

    make_meeting(make_participant(), make_participant("buyer"))  # accepted after the run: not its business
    report = runs.publish(organiser_user, run)
    send_mail()

    assert (report.placed, report.conflicts, report.unplaced) == (0, 2, 1)
    db.session.refresh(taken)
    assert taken.slot_id is None
    # The people of the meeting left without a slot are told (and may book it themselves).
    told = {m.to[0]: m for m in outbox}
    assert set(told) == {a.user.email, b.user.email}
    assert "n'a pas pu être placé" in told[a.user.email].body
    assert b.organisation.name in told[a.user.email].body
    assert "réserver vous-même" in told[a.user.email].body


def test_emails_one_per_person_with_when_where_and_whom(event, slots, tables, organiser_user, make_participant,
                                                        make_meeting, unavailable, outbox):
    db.session.get(MeetingSettings, event.id).direct_booking = False
    db.session.commit()
    buyer = make_participant("buyer")
    a, b, lone = make_participant(), make_participant(), make_participant()
    make_meeting(a, buyer)
    make_meeting(b, buyer)
    unavailable(lone, *slots)
    make_meeting(lone, buyer)
    run = runs.run(organiser_user, event)
    runs.publish(organiser_user, run)
    assert outbox == []  # nothing leaves before the commit
    send_mail()

    by_person = {m.to[0]: m for m in outbox}
    assert len(outbox) == len(by_person) == 4
    body = by_person[buyer.user.email].body
    assert by_person[buyer.user.email].subject == f"Vos rendez-vous d'affaires à {event.name}"
    assert a.organisation.name in body and b.organisation.name in body and "table T" in body
    assert body.count("\n- ") == 3  # two placed, one left unplaced
    assert "n'a pas pu être placé" in body and "prochaine planification" in body
    assert by_person[lone.user.email].subject.endswith("non planifié")
    assert "réserver vous-même" not in by_person[lone.user.email].body


def test_online_publication_gives_video_links(event, slots, organiser_user, make_participant, make_meeting, outbox):
    db.session.get(MeetingSettings, event.id).video_link_pattern = "https://visio.exemple.fr/{event}-{meeting}-{code}"
    db.session.commit()
    meeting = make_meeting(make_participant(), make_participant("buyer"))
    runs.publish(organiser_user, runs.run(organiser_user, event))
    send_mail()
    db.session.refresh(meeting)
    assert meeting.table_id is None and meeting.video_url.startswith("https://visio.exemple.fr/")
    assert meeting.video_url in outbox[0].body


def test_only_the_latest_preview_is_published_once(event, slots, organiser_user, make_participant, make_meeting):
    make_meeting(make_participant(), make_participant("buyer"))
    old = runs.run(organiser_user, event)
    new = runs.run(organiser_user, event)
    with pytest.raises(MeetingError, match="plus un aperçu"):
        runs.publish(organiser_user, old)
    runs.publish(organiser_user, new)
    with pytest.raises(MeetingError, match="plus un aperçu"):
        runs.publish(organiser_user, new)
    with pytest.raises(MeetingError, match="organisateurs"):
        runs.discard(factories.UserFactory(), new)


def test_discard_books_nothing(event, slots, organiser_user, make_participant, make_meeting, outbox):
    meeting = make_meeting(make_participant(), make_participant("buyer"))
    run = runs.run(organiser_user, event)
    runs.discard(organiser_user, run)
    send_mail()
    assert run.status == RunStatus.DISCARDED and outbox == []
    db.session.refresh(meeting)
    assert meeting.slot_id is None
    with pytest.raises(MeetingError):
        runs.publish(organiser_user, run)


def test_a_cap_reached_since_the_preview_is_a_conflict(event, slots, tables, organiser_user, make_participant,
                                                        make_meeting, book):
    """The preview placed two meetings of a company capped at two; it booked one itself meanwhile."""
    settings = db.session.get(MeetingSettings, event.id)
    settings.max_meetings = 2
    db.session.commit()
    company, buyer1, buyer2, buyer3 = (make_participant(), make_participant("buyer"), make_participant("buyer"),
                                       make_participant("buyer"))
    first, second = make_meeting(company, buyer1), make_meeting(company, buyer2)
    run = runs.run(organiser_user, event)
    assert run.placed_count == 2
    used = {x["slot"] for x in run.solution["assignments"]}
    free = next(s for s in slots if f"s-{s.id}" not in used)
    book(make_meeting(company, buyer3), free, tables[3])  # meanwhile, directly

    report = runs.publish(organiser_user, run)

    assert (report.placed, report.conflicts) == (1, 1)
    booked = [m for m in (first, second) if db.session.get(type(m), m.id).slot_id is not None]
    assert len(booked) == 1
