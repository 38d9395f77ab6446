"""build_instance: the event's data as the engine's instance (../shared/formats/meeting-schedule.md)."""
from sqlalchemy import event as sa_event

from matchfair.engine.scheduling import schedule
from matchfair.extensions import db
from matchfair.meetings.models import MeetingSettings, MeetingStatus
from matchfair.meetings.scheduling_instance import build_instance
from matchfair.programme.models import SeatStatus, SessionRegistration
from matchfair.programme.timezones import to_local


def by_id(items):
    return {item["id"]: item for item in items}


def test_slots_tables_participants_and_meetings(event, slots, tables, stand_buyer, make_participant, make_meeting):
    a, b = make_participant(), make_participant()
    m1 = make_meeting(a, stand_buyer, weight=3)
    m2 = make_meeting(b, stand_buyer)
    m3 = make_meeting(a, b)
    make_meeting(b, make_participant("buyer"), status=MeetingStatus.REQUESTED)
    make_meeting(a, make_participant("buyer"), status=MeetingStatus.DECLINED)

    instance, mapping = build_instance(event)

    assert [s["id"] for s in instance["slots"]] == [f"s-{s.id}" for s in slots]
    assert instance["slots"][0]["start"] == to_local(slots[0].starts_at, "Europe/Paris").isoformat()
    assert instance["slots"][0]["end"] == to_local(slots[0].ends_at, "Europe/Paris").isoformat()
    assert instance["tables"] == [f"t-{t.id}" for t in tables]
    people = by_id(instance["participants"])
    assert set(people) == {f"p-{p.id}" for p in (a, b, stand_buyer)}
    assert people[f"p-{stand_buyer.id}"] == {"id": f"p-{stand_buyer.id}", "table": f"t-{tables[3].id}"}
    assert people[f"p-{a.id}"] == {"id": f"p-{a.id}"}  # no stand, no unavailability, no cap
    assert instance["meetings"] == [
        {"id": f"m-{m1.id}", "a": f"p-{a.id}", "b": f"p-{stand_buyer.id}", "weight": 3},
        {"id": f"m-{m2.id}", "a": f"p-{b.id}", "b": f"p-{stand_buyer.id}", "weight": 1},
        {"id": f"m-{m3.id}", "a": f"p-{a.id}", "b": f"p-{b.id}", "weight": 1},
    ]
    assert instance["fixed"] == []
    assert mapping.meetings[f"m-{m1.id}"] == m1.id and mapping.slots[f"s-{slots[0].id}"] == slots[0].id
    assert mapping.tables[f"t-{tables[3].id}"] == tables[3].id and mapping.to_place == 3
    assert schedule(instance).placed == 3  # the engine takes it as it is


def test_unavailability_declared_and_from_programme_sessions(event, slots, make_participant, make_meeting,
                                                             unavailable, workshop_seat):
    a, b = make_participant(), make_participant("buyer")
    make_meeting(a, b)
    unavailable(a, slots[5])
    workshop_seat(a, slots[0].starts_at, 50)  # 09:00-09:50 overlaps the 09:00 and 09:30 slots
    workshop_seat(b, slots[8].starts_at, 20, is_cancelled=True)  # cancelled: does not count
    workshop_seat(b, slots[9].starts_at, 20, is_published=False)  # unpublished: does not count
    waiting = workshop_seat(b, slots[10].starts_at, 20)
    seat = db.session.scalar(db.select(SessionRegistration).where(SessionRegistration.session_id == waiting.id))
    seat.status = SeatStatus.WAITING  # on the waiting list: free to meet
    db.session.commit()

    people = by_id(build_instance(event)[0]["participants"])

    assert people[f"p-{a.id}"]["unavailable"] == [f"s-{s.id}" for s in (slots[0], slots[1], slots[5])]
    assert "unavailable" not in people[f"p-{b.id}"]


def test_past_slots_are_left_out_and_past_meetings_count_against_the_cap(event, slots, tables, make_participant,
                                                                       make_meeting, book):
    db.session.get(MeetingSettings, event.id).max_meetings = 5
    a, b, c = make_participant(), make_participant("buyer"), make_participant("buyer")
    c.max_meetings = 2
    db.session.commit()
    book(make_meeting(a, b), slots[1], tables[0])  # in the past once `now` is slot 3's start
    book(make_meeting(a, c), slots[2], tables[0])
    waiting = make_meeting(a, make_participant("buyer"))  # one live meeting per pair: another buyer
    make_meeting(b, c)

    instance, mapping = build_instance(event, now=slots[3].starts_at)

    assert [s["id"] for s in instance["slots"]] == [f"s-{s.id}" for s in slots[4:]]
    assert [m["id"] for m in instance["meetings"]] == [f"m-{waiting.id}", f"m-{waiting.id + 1}"]
    people = by_id(instance["participants"])
    assert people[f"p-{a.id}"]["max_meetings"] == 3  # the event's 5, minus 2 in the past
    assert people[f"p-{b.id}"]["max_meetings"] == 4
    assert people[f"p-{c.id}"]["max_meetings"] == 1  # its own cap of 2, minus 1
    assert instance["fixed"] == [] and mapping.to_place == 2


def test_future_bookings_are_fixed_and_the_engine_keeps_them(event, slots, tables, stand_buyer, make_participant,
                                                            make_meeting, book, workshop_seat):
    a, b = make_participant(), make_participant()
    booked = book(make_meeting(a, stand_buyer), slots[2], tables[3])
    pooled = book(make_meeting(a, b), slots[4], tables[1])
    workshop_seat(a, slots[2].starts_at, 20)  # registered for a workshop after booking: the booking stays
    waiting = make_meeting(b, stand_buyer)

    instance, mapping = build_instance(event)

    assert instance["fixed"] == [
        {"meeting": f"m-{booked.id}", "slot": f"s-{slots[2].id}", "table": f"t-{tables[3].id}"},
        {"meeting": f"m-{pooled.id}", "slot": f"s-{slots[4].id}", "table": f"t-{tables[1].id}"},
    ]
    assert mapping.fixed == {f"m-{booked.id}", f"m-{pooled.id}"} and mapping.to_place == 1
    assert "unavailable" not in by_id(instance["participants"])[f"p-{a.id}"]
    result = schedule(instance)
    assigned = {x["meeting"]: x for x in result.solution["assignments"]}
    assert assigned[f"m-{booked.id}"]["slot"] == f"s-{slots[2].id}"
    assert assigned[f"m-{waiting.id}"]["table"] == f"t-{tables[3].id}"  # at the buyer's stand


def test_stand_of_someone_outside_the_instance_is_not_a_pool_table(event, slots, tables, make_participant,
                                                                   make_meeting):
    make_participant("buyer", stand_table_id=tables[2].id)  # no meeting to place
    make_meeting(make_participant(), make_participant("buyer"))

    instance, _ = build_instance(event)

    assert f"t-{tables[2].id}" not in instance["tables"]
    assert len(instance["tables"]) == 3


def test_inactive_tables_are_left_out_and_a_booking_there_blocks_its_slot(event, slots, tables, make_participant,
                                                                         make_meeting, book):
    a, b = make_participant(), make_participant("buyer")
    there = book(make_meeting(a, b), slots[6], tables[1])
    tables[1].is_active = False
    db.session.commit()
    other = make_participant("buyer")
    make_meeting(a, other)  # one live meeting per pair: a meets another buyer

    instance, mapping = build_instance(event)

    assert f"t-{tables[1].id}" not in instance["tables"]
    assert mapping.blocked == [there.id] and f"m-{there.id}" not in mapping.meetings
    people = by_id(instance["participants"])
    assert people[f"p-{a.id}"]["unavailable"] == [f"s-{slots[6].id}"]
    assert not people[f"p-{other.id}"].get("unavailable")
    schedule(instance)  # valid


def test_online_events_use_virtual_tables(event, slots, tables, make_participant, make_meeting, book):
    db.session.get(MeetingSettings, event.id).video_link_pattern = "https://visio.exemple.fr/{event}-{code}"
    db.session.commit()
    a = make_participant()
    buyer = make_participant("buyer", stand_table_id=tables[3].id)
    b = make_participant()
    booked = book(make_meeting(a, buyer), slots[1])
    make_meeting(b, buyer)
    make_meeting(a, b)

    instance, mapping = build_instance(event)

    assert instance["tables"] == ["v-1", "v-2"]  # 3 participants // 2 + 1
    assert all("table" not in p for p in instance["participants"])
    assert instance["fixed"] == [{"meeting": f"m-{booked.id}", "slot": f"s-{slots[1].id}", "table": "v-1"}]
    assert mapping.tables == {"v-1": None, "v-2": None}
    assert schedule(instance).placed == 3


def test_a_handful_of_queries_whatever_the_number_of_participants(event, slots, make_participant, make_meeting,
                                                                  unavailable):
    def count_queries():
        seen = []
        listener = lambda *args: seen.append(1)
        sa_event.listen(db.engine, "before_cursor_execute", listener)
        try:
            build_instance(event)
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    buyer = make_participant("buyer")
    for _ in range(3):
        unavailable(p := make_participant(), slots[0])
        make_meeting(p, buyer)
    few = count_queries()
    for _ in range(12):
        unavailable(p := make_participant(), slots[1])
        make_meeting(p, buyer)
    db.session.expire_all()
    assert count_queries() == few <= 10
