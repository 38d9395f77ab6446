"""The organiser's grid for one day: rooms as columns, rows of 30 (or 15) minutes, each session a cell
spanning its rows. Sessions without a room, cancelled ones and any that overlap in a room (made
outside the timetable) are listed apart, so that nothing is hidden.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from .models import Event, ProgrammeSession, Room
from .timezones import to_local, to_utc

DAY_START = 8 * 60  # minutes after midnight, local time
DAY_END = 19 * 60


@dataclass
class Cell:
    """One cell of a row: a session starting here (rowspan rows), or an empty slot of `room`."""

    room: Room
    minute: int
    session: ProgrammeSession | None = None
    rowspan: int = 1

    @property
    def start(self) -> time:
        return time(self.minute // 60, self.minute % 60)


@dataclass
class Row:
    minute: int
    cells: list[Cell]  # the rooms not covered by a session started in an earlier row

    @property
    def label(self) -> str:
        return f"{self.minute // 60:02d}:{self.minute % 60:02d}"


@dataclass
class DayGrid:
    day: date
    rooms: list[Room]
    rows: list[Row] = field(default_factory=list)
    apart: list[ProgrammeSession] = field(default_factory=list)  # no room, or overlapping in its room
    cancelled: list[ProgrammeSession] = field(default_factory=list)
    count: int = 0


def event_days(event: Event) -> list[date]:
    """Every day of the event, first to last."""
    return [event.starts_on + timedelta(days=n) for n in range((event.ends_on - event.starts_on).days + 1)]


def day_sessions(event: Event, day: date) -> list[ProgrammeSession]:
    """The sessions starting on `day` (in the event's zone), by start then title."""
    start = to_utc(datetime.combine(day, time.min), event.timezone)
    end = to_utc(datetime.combine(day + timedelta(days=1), time.min), event.timezone)
    return list(db.session.scalars(
        select(ProgrammeSession).options(selectinload(ProgrammeSession.room))
        .where(ProgrammeSession.event_id == event.id, ProgrammeSession.starts_at >= start,
               ProgrammeSession.starts_at < end)
        .order_by(ProgrammeSession.starts_at, ProgrammeSession.title)))


def _minutes(moment: datetime, tz_name: str, day: date) -> int:
    local = to_local(moment, tz_name)
    if local.date() > day:
        return 24 * 60
    return local.hour * 60 + local.minute


def build_grid(event: Event, day: date, sessions: list[ProgrammeSession]) -> DayGrid:
    """The grid of `day` from its sessions (day_sessions)."""
    rooms = list(event.rooms)
    grid = DayGrid(day=day, rooms=rooms)
    placed: list[tuple[ProgrammeSession, int, int]] = []
    for s in sessions:
        if s.is_cancelled:
            grid.cancelled.append(s)
        elif s.room_id is None or s.room_id not in {r.id for r in rooms}:
            grid.apart.append(s)
        else:
            placed.append((s, _minutes(s.starts_at, event.timezone, day), _minutes(s.ends_at, event.timezone, day)))
    grid.count = len(sessions) - len(grid.cancelled)
    step = 30 if all(m % 30 == 0 for _s, a, b in placed for m in (a, b)) else 15
    first = min([DAY_START] + [a for _s, a, _b in placed])
    last = max([DAY_END] + [b for _s, _a, b in placed])
    first, last = first - first % step, min(24 * 60, last + (-last) % step)
    starts: dict[tuple[int, int], tuple[ProgrammeSession, int]] = {}
    covered: set[tuple[int, int]] = set()
    for s, a, b in placed:
        row = (a - first) // step
        span = max(1, -(-(b - first) // step) - row)
        cells = {(s.room_id, r) for r in range(row, row + span)}
        if cells & covered:
            grid.apart.append(s)
            continue
        covered |= cells
        starts[(s.room_id, row)] = (s, span)
    for index, minute in enumerate(range(first, last, step)):
        cells = []
        for room in rooms:
            if (room.id, index) in starts:
                s, span = starts[(room.id, index)]
                cells.append(Cell(room, minute, s, span))
            elif (room.id, index) not in covered:
                cells.append(Cell(room, minute))
        grid.rows.append(Row(minute, cells))
    grid.apart.sort(key=lambda s: (s.starts_at, s.title))
    return grid
