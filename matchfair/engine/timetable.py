"""Timetable clashes: a room used twice at once, a speaker in two places at once, a session outside
the event's days, a capacity above the room's.

Pure Python on plain data classes. Times are datetimes in UTC: aware, or naive (UTC by convention,
as the database stores them). Intervals are half-open, [start, end): a session ending at 11:00 and
another starting at 11:00 in the same room do not clash.

    clashes = find_clashes(candidate, others, rooms, days)

`others` are the event's other live sessions (the caller leaves cancelled ones out); the candidate
itself may be among them (same id), it is skipped. Each Clash names the other session with its
title and its times in the event's zone, so that the caller can write a message such as
"La salle Garonne est déjà occupée de 10:00 à 11:30 par « Les marchés réservés »."
"""
from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .text import fold


class ClashKind(enum.StrEnum):
    OUTSIDE = "outside"
    CAPACITY = "capacity"
    ROOM = "room"
    SPEAKER = "speaker"


@dataclass(frozen=True)
class RoomInfo:
    """A room of the event: id, name, capacity (places)."""

    id: int
    name: str
    capacity: int


@dataclass(frozen=True)
class EventDays:
    """The event's days, first and last included, in its IANA time zone ("Europe/Paris")."""

    first: date
    last: date
    tz: str

    def window(self) -> tuple[datetime, datetime]:
        """[first day 00:00, day after the last 00:00) in the event's zone, as aware datetimes."""
        zone = ZoneInfo(self.tz)
        start = datetime.combine(self.first, time(0), tzinfo=zone)
        end = datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=zone)
        return start, end


@dataclass
class SessionSlot:
    """A session as the clash check sees it.

    speakers: speaker keys, "user:12" for a speaker who is a user, "name:camille martin" (folded
    full name, see speaker_key) otherwise; two entries with the same key are the same person.
    capacity: places, None when unlimited or taken from the room.
    """

    id: int | None
    title: str
    start: datetime
    end: datetime
    room_id: int | None = None
    room_name: str | None = None
    capacity: int | None = None
    speakers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Clash:
    """Why the candidate cannot take its place.

    room / speaker: `other_*` name the session already there, its times in the event's zone
    (aware datetimes); `room_name` or `speaker` say what they share.
    outside: `first_day` and `last_day` are the event's days.
    capacity: `capacity` asked for, `room_name` and `room_capacity`.
    """

    kind: ClashKind
    other_id: int | None = None
    other_title: str | None = None
    other_start: datetime | None = None
    other_end: datetime | None = None
    room_name: str | None = None
    speaker: str | None = None
    capacity: int | None = None
    room_capacity: int | None = None
    first_day: date | None = None
    last_day: date | None = None


def speaker_key(user_id: int | None, full_name: str | None) -> str:
    """The key that identifies a speaker: "user:12" when a user, else "name:" + folded full name."""
    if user_id is not None:
        return f"user:{user_id}"
    return "name:" + fold(full_name)


def as_utc(moment: datetime) -> datetime:
    """`moment` as an aware UTC datetime (a naive one is taken as UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """True when [a_start, a_end) and [b_start, b_end) share a moment (touching ends do not)."""
    return as_utc(a_start) < as_utc(b_end) and as_utc(b_start) < as_utc(a_end)


def is_within_days(start: datetime, end: datetime, days: EventDays) -> bool:
    """True when [start, end) lies entirely within the event's days, in the event's zone."""
    first, after_last = days.window()
    return as_utc(first) <= as_utc(start) and as_utc(end) <= as_utc(after_last)


def find_clashes(
    candidate: SessionSlot,
    others: Iterable[SessionSlot],
    rooms: Mapping[int, RoomInfo] | Iterable[RoomInfo],
    days: EventDays,
) -> list[Clash]:
    """Every reason why `candidate` cannot be placed among `others`, in this order: outside the
    event's days, capacity above the room's, then room and speaker clashes by the other session's
    start. An empty list: the candidate fits.

    rooms: the event's rooms, by id or as an iterable; the candidate's room capacity comes from them.
    """
    by_id = dict(rooms) if isinstance(rooms, Mapping) else {r.id: r for r in rooms}
    zone = ZoneInfo(days.tz)
    clashes: list[Clash] = []

    if not is_within_days(candidate.start, candidate.end, days):
        clashes.append(Clash(ClashKind.OUTSIDE, first_day=days.first, last_day=days.last))

    room = by_id.get(candidate.room_id) if candidate.room_id is not None else None
    room_name = candidate.room_name or (room.name if room else None)
    if room is not None and candidate.capacity is not None and candidate.capacity > room.capacity:
        clashes.append(Clash(ClashKind.CAPACITY, room_name=room_name, capacity=candidate.capacity,
                             room_capacity=room.capacity))

    overlapping = sorted(
        (o for o in others
         if not (candidate.id is not None and o.id == candidate.id)
         and overlaps(candidate.start, candidate.end, o.start, o.end)),
        key=lambda o: (as_utc(o.start), o.title),
    )
    for other in overlapping:
        named = {
            "other_id": other.id, "other_title": other.title,
            "other_start": as_utc(other.start).astimezone(zone),
            "other_end": as_utc(other.end).astimezone(zone),
        }
        if candidate.room_id is not None and other.room_id == candidate.room_id:
            clashes.append(Clash(ClashKind.ROOM, room_name=room_name or other.room_name, **named))
        # One clash per shared speaker, in the candidate's order of speakers.
        theirs = set(other.speakers)
        for key in (k for k in dict.fromkeys(candidate.speakers) if k in theirs):
            clashes.append(Clash(ClashKind.SPEAKER, speaker=key, **named))
    return clashes
