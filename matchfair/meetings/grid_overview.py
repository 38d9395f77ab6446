"""What the organiser's meeting pages show: the slots per day, and the participants with their
meeting counts (a constant number of queries whatever the number of participants).

    slot_days(event) -> list[SlotDay]                 slots per local day, with the periods' ranges
    participants_page(event, words, kind, page, per_page) -> Pagination of MeetingParticipant
    meeting_counts(participant_ids) -> dict[id, Counts]
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..extensions import db
from ..organisations.models import Organisation
from ..programme.models import Event
from ..programme.timetable_messages import local_day
from ..programme.timezones import to_local
from . import grid
from .models import Meeting, MeetingParticipant, MeetingStatus

KINDS = ("sse", "buyer")


@dataclass
class SlotDay:
    day: date
    label: str  # "jeudi 11 juin"
    count: int = 0
    ranges: list[tuple[str, str]] = field(default_factory=list)  # per period: first start, last end


def slot_days(event: Event) -> list[SlotDay]:
    """The event's slots grouped by local day: how many, and from when to when in each period."""
    days: dict[date, SlotDay] = {}
    spans: dict[tuple[date, int], list] = {}
    for slot in grid.event_slots(event.id):
        start, end = to_local(slot.starts_at, event.timezone), to_local(slot.ends_at, event.timezone)
        day = days.setdefault(start.date(), SlotDay(start.date(), local_day(start.date())))
        day.count += 1
        span = spans.get((start.date(), slot.period_id))
        if span is None:
            spans[(start.date(), slot.period_id)] = span = [start, end]
            day.ranges.append(span)
        span[1] = end
    for day in days.values():
        day.ranges = [(f"{s:%H:%M}", f"{e:%H:%M}") for s, e in day.ranges]
    return [days[d] for d in sorted(days)]


@dataclass
class Counts:
    sent: int = 0
    received: int = 0
    accepted: int = 0
    booked: int = 0


def participants_query(event: Event, words: tuple[str, ...] = (), kind: str | None = None):
    """The event's participants (organisation name order), narrowed by words and kind."""
    statement = (select(MeetingParticipant)
                 .join(Organisation, Organisation.id == MeetingParticipant.organisation_id)
                 .join(User, User.id == MeetingParticipant.user_id)
                 .where(MeetingParticipant.event_id == event.id, MeetingParticipant.left_at.is_(None))
                 .options(selectinload(MeetingParticipant.organisation), selectinload(MeetingParticipant.user),
                          selectinload(MeetingParticipant.stand_table)))
    folded_name = func.substr(Organisation.search_text, 1, func.length(Organisation.name))
    for word in words:
        pattern = f"%{word}%"
        statement = statement.where(or_(folded_name.like(pattern), func.lower(Organisation.name).like(pattern),
                                        func.lower(User.full_name).like(pattern)))
    if kind in KINDS:
        statement = statement.where(Organisation.kind == kind)
    return statement.order_by(Organisation.name, MeetingParticipant.id)


def participants_page(event: Event, words: tuple[str, ...], kind: str | None, page: int, per_page: int):
    return db.paginate(participants_query(event, words, kind), page=page, per_page=per_page, error_out=False)


def meeting_counts(participant_ids: list[int]) -> dict[int, Counts]:
    """Requests sent and received, meetings accepted and booked, per participant (two queries)."""
    counts: dict[int, Counts] = defaultdict(Counts)
    if not participant_ids:
        return counts
    accepted = func.sum(case((Meeting.status == MeetingStatus.ACCEPTED.value, 1), else_=0))
    booked = func.sum(case((Meeting.slot_id.is_not(None), 1), else_=0))
    for column, attr in ((Meeting.requester_id, "sent"), (Meeting.recipient_id, "received")):
        rows = db.session.execute(select(column, func.count(Meeting.id), accepted, booked)
                                  .where(column.in_(participant_ids)).group_by(column))
        for pid, total, n_accepted, n_booked in rows:
            found = counts[pid]
            setattr(found, attr, total)
            found.accepted += n_accepted or 0
            found.booked += n_booked or 0
    return counts


def kind_counts(event: Event) -> dict[str, int]:
    """How many participants of each kind the event has."""
    return dict(db.session.execute(
        select(Organisation.kind, func.count(MeetingParticipant.id))
        .join(Organisation, Organisation.id == MeetingParticipant.organisation_id)
        .where(MeetingParticipant.event_id == event.id, MeetingParticipant.left_at.is_(None))
        .group_by(Organisation.kind)).all())
