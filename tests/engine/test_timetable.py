"""Timetable clashes: table tests on plain data classes."""
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from matchfair.engine.timetable import (
    Clash,
    ClashKind,
    EventDays,
    RoomInfo,
    SessionSlot,
    find_clashes,
    is_within_days,
    overlaps,
    speaker_key,
)

PARIS = ZoneInfo("Europe/Paris")
GARONNE = RoomInfo(1, "Garonne", 40)
TARN = RoomInfo(2, "Tarn", 20)
ROOMS = [GARONNE, TARN]
DAYS = EventDays(date(2026, 5, 12), date(2026, 5, 13), "Europe/Paris")


def paris(day: int, hour: int, minute: int = 0, month: int = 5) -> datetime:
    """A Paris wall-clock time, as the naive UTC the database stores."""
    local = datetime(2026, month, day, hour, minute, tzinfo=PARIS)
    return local.astimezone(UTC).replace(tzinfo=None)


def slot(id, start, end, room=1, speakers=(), capacity=None, title=None):
    return SessionSlot(id=id, title=title or f"Séance {id}", start=start, end=end, room_id=room,
                       capacity=capacity, speakers=list(speakers))


RESERVED = slot(10, paris(12, 10), paris(12, 11, 30), title="Les marchés réservés",
                speakers=["user:7", "name:camille martin"])


@pytest.mark.parametrize("start, end, room, expected", [
    # adjacency: ends when the other starts, or starts when it ends
    (paris(12, 9), paris(12, 10), 1, []),
    (paris(12, 11, 30), paris(12, 12), 1, []),
    # overlaps
    (paris(12, 9), paris(12, 10, 1), 1, [ClashKind.ROOM]),
    (paris(12, 11), paris(12, 12), 1, [ClashKind.ROOM]),
    (paris(12, 10, 15), paris(12, 11), 1, [ClashKind.ROOM]),
    (paris(12, 9), paris(12, 13), 1, [ClashKind.ROOM]),
    (paris(12, 10), paris(12, 11, 30), 1, [ClashKind.ROOM]),
    # another room, or no room: no room clash
    (paris(12, 10), paris(12, 11), 2, []),
    (paris(12, 10), paris(12, 11), None, []),
    # another day, same hours
    (paris(13, 10), paris(13, 11, 30), 1, []),
])
def test_room_clashes(start, end, room, expected):
    clashes = find_clashes(slot(None, start, end, room=room), [RESERVED], ROOMS, DAYS)
    assert [c.kind for c in clashes] == expected


def test_room_clash_names_the_other_session_in_local_time():
    [clash] = find_clashes(slot(None, paris(12, 11), paris(12, 12)), [RESERVED], ROOMS, DAYS)
    assert clash.kind == ClashKind.ROOM
    assert clash.room_name == "Garonne"
    assert clash.other_title == "Les marchés réservés"
    assert clash.other_id == 10
    assert clash.other_start.strftime("%H:%M") == "10:00"
    assert clash.other_end.strftime("%H:%M") == "11:30"
    assert clash.other_start.tzinfo.key == "Europe/Paris"


@pytest.mark.parametrize("speakers, expected", [
    (["user:7"], ["user:7"]),
    (["name:camille martin"], ["name:camille martin"]),
    (["user:8", "name:camille martin", "user:7"], ["name:camille martin", "user:7"]),
    (["user:8"], []),
    ([], []),
])
def test_speaker_clashes_in_another_room(speakers, expected):
    candidate = slot(None, paris(12, 11), paris(12, 12), room=2, speakers=speakers)
    clashes = find_clashes(candidate, [RESERVED], ROOMS, DAYS)
    assert [c.speaker for c in clashes] == expected
    assert all(c.kind == ClashKind.SPEAKER and c.other_title == "Les marchés réservés" for c in clashes)


def test_speaker_adjacent_sessions_do_not_clash():
    candidate = slot(None, paris(12, 11, 30), paris(12, 12, 30), room=2, speakers=["user:7"])
    assert find_clashes(candidate, [RESERVED], ROOMS, DAYS) == []


def test_same_room_and_speaker_give_two_clashes():
    candidate = slot(None, paris(12, 10), paris(12, 11), room=1, speakers=["user:7"])
    kinds = [c.kind for c in find_clashes(candidate, [RESERVED], ROOMS, DAYS)]
    assert kinds == [ClashKind.ROOM, ClashKind.SPEAKER]


def test_the_session_itself_is_skipped_when_moved():
    moved = slot(10, paris(12, 10, 30), paris(12, 12), speakers=["user:7"])
    assert find_clashes(moved, [RESERVED], ROOMS, DAYS) == []


def test_clashes_are_ordered_by_the_other_sessions_start():
    later = slot(11, paris(12, 12), paris(12, 13), title="Après")
    candidate = slot(None, paris(12, 9), paris(12, 14))
    assert [c.other_title for c in find_clashes(candidate, [later, RESERVED], ROOMS, DAYS)] == [
        "Les marchés réservés", "Après"]


@pytest.mark.parametrize("capacity, expected", [
    (None, []), (20, []), (40, []), (41, [ClashKind.CAPACITY]),
])
def test_capacity_against_the_room(capacity, expected):
    clashes = find_clashes(slot(None, paris(12, 14), paris(12, 15), capacity=capacity), [], ROOMS, DAYS)
    assert [c.kind for c in clashes] == expected
    if expected:
        assert (clashes[0].capacity, clashes[0].room_capacity, clashes[0].room_name) == (41, 40, "Garonne")


def test_capacity_without_room_is_never_a_clash():
    assert find_clashes(slot(None, paris(12, 14), paris(12, 15), room=None, capacity=500), [], ROOMS, DAYS) == []


@pytest.mark.parametrize("start, end, inside", [
    (paris(12, 0), paris(12, 1), True),           # from midnight of the first day
    (paris(13, 23), paris(14, 0), True),          # until midnight after the last day
    (paris(12, 22), paris(13, 2), True),          # over the night between two event days
    (paris(11, 23), paris(12, 1), False),         # starts the evening before
    (paris(13, 23), paris(14, 0, 30), False),     # runs past midnight after the last day
    (paris(14, 9), paris(14, 10), False),         # the day after
    (paris(11, 9), paris(11, 10), False),         # the day before
])
def test_outside_the_event_days_in_paris(start, end, inside):
    assert is_within_days(start, end, DAYS) is inside
    kinds = [c.kind for c in find_clashes(slot(None, start, end), [], ROOMS, DAYS)]
    assert kinds == ([] if inside else [ClashKind.OUTSIDE])


def test_outside_clash_names_the_days():
    [clash] = find_clashes(slot(None, paris(14, 9), paris(14, 10)), [], ROOMS, DAYS)
    assert (clash.first_day, clash.last_day) == (date(2026, 5, 12), date(2026, 5, 13))


def test_midnight_in_utc_is_not_midnight_in_paris():
    # 23:30 UTC on the 13th is 01:30 on the 14th in Paris (summer time): outside.
    assert not is_within_days(datetime(2026, 5, 13, 22), datetime(2026, 5, 13, 23, 30), DAYS)
    # 22:00 UTC on the 11th is midnight of the 12th in Paris: inside.
    assert is_within_days(datetime(2026, 5, 11, 22), datetime(2026, 5, 11, 23), DAYS)


def test_dst_day_sessions_in_local_time():
    # 29 March 2026: clocks go from 02:00 to 03:00 in Paris; the day is 23 hours long.
    days = EventDays(date(2026, 3, 29), date(2026, 3, 29), "Europe/Paris")
    morning = slot(1, paris(29, 1, month=3), paris(29, 4, month=3))  # 01:00 CET to 04:00 CEST: 2 hours
    assert (morning.end - morning.start).total_seconds() == 2 * 3600
    assert find_clashes(morning, [], ROOMS, days) == []
    late = slot(None, paris(29, 23, month=3), paris(29, 23, 59, month=3))
    assert find_clashes(late, [], ROOMS, days) == []
    # A session ending at 03:00 CEST (01:00 UTC) and one starting then do not clash.
    before = slot(2, paris(29, 0, month=3), paris(29, 3, month=3))  # 00:00 CET to 03:00 CEST
    after = slot(None, datetime(2026, 3, 29, 1), datetime(2026, 3, 29, 2))  # 03:00-04:00 CEST in UTC
    assert find_clashes(after, [before], ROOMS, days) == []
    [clash] = find_clashes(slot(None, paris(29, 1, month=3), paris(29, 4, month=3)), [before], ROOMS, days)
    assert clash.other_end.strftime("%H:%M %Z") == "03:00 CEST"


def test_overseas_zone_reunion():
    # La Réunion: UTC+4 all year. 08:00 local on 12 May is 04:00 UTC.
    days = EventDays(date(2026, 5, 12), date(2026, 5, 12), "Indian/Reunion")
    early = slot(1, datetime(2026, 5, 12, 4), datetime(2026, 5, 12, 5, 30))
    assert find_clashes(early, [], ROOMS, days) == []
    # 22:00 UTC on the 11th is 02:00 local on the 12th (inside); in Paris it would be the 12th too,
    # but 20:30 UTC on the 11th is 00:30 local on the 12th, and 22:30 in Paris on the 11th.
    assert is_within_days(datetime(2026, 5, 11, 20, 30), datetime(2026, 5, 11, 21), days)
    assert not is_within_days(datetime(2026, 5, 11, 20, 30), datetime(2026, 5, 11, 21), DAYS)
    # 20:30 UTC on the 12th is 00:30 local on the 13th: outside.
    assert not is_within_days(datetime(2026, 5, 12, 19), datetime(2026, 5, 12, 20, 30), days)
    [clash] = find_clashes(slot(None, datetime(2026, 5, 12, 5), datetime(2026, 5, 12, 6)), [early], ROOMS, days)
    assert (clash.other_start.strftime("%H:%M"), clash.other_end.strftime("%H:%M")) == ("08:00", "09:30")


def test_aware_and_naive_times_mix():
    aware = slot(None, datetime(2026, 5, 12, 11, tzinfo=PARIS), datetime(2026, 5, 12, 12, tzinfo=PARIS))
    assert [c.kind for c in find_clashes(aware, [RESERVED], ROOMS, DAYS)] == [ClashKind.ROOM]
    assert overlaps(datetime(2026, 5, 12, 8), datetime(2026, 5, 12, 9),
                    datetime(2026, 5, 12, 10, 30, tzinfo=PARIS), datetime(2026, 5, 12, 11, tzinfo=PARIS))


def test_rooms_may_be_given_by_id():
    clashes = find_clashes(slot(None, paris(12, 14), paris(12, 15), capacity=50), [], {1: GARONNE}, DAYS)
    assert clashes == [Clash(ClashKind.CAPACITY, room_name="Garonne", capacity=50, room_capacity=40)]


@pytest.mark.parametrize("user_id, name, key", [
    (12, "Camille Martin", "user:12"),
    (None, "  Camille   MARTIN ", "name:camille martin"),
    (None, "Hélène Céleste", "name:helene celeste"),
])
def test_speaker_key(user_id, name, key):
    assert speaker_key(user_id, name) == key
