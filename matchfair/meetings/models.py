"""One-to-one B2B meetings of an event between SSE companies and buyers.

The grid: an event's meeting settings, its meeting periods ("jour 1, 09:00-12:30") cut into slots
of `slot_minutes` followed by `break_minutes`, and its tables (a shared pool; a table given to a
participant as its own stand is used only for that participant's meetings).

A participant is an organisation that opted in to meetings at an event, represented by one person
(`user_id`): that person sits at the meetings, and the meetings show in that person's agenda.

A meeting starts as a request from one participant to the other (an SSE company and a buyer), is
accepted or declined, and once accepted is booked in a slot at a table (directly by either side,
or by the organiser's scheduler). The database guarantees that nobody sits in two meetings in the
same slot (`meeting_seat`, unique per participant and slot: one row per side of a booked meeting)
and that a table holds one meeting per slot (`uq_meeting_slot_table`).

Times are stored in UTC (naive datetimes, UTC by convention) and shown in the event's time zone.
"""
import enum
from datetime import datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class MeetingStatus(enum.StrEnum):
    REQUESTED = "requested"  # waiting for the other side's answer
    ACCEPTED = "accepted"  # accepted; booked when slot_id is set
    DECLINED = "declined"
    EXPIRED = "expired"  # unanswered before expires_at (marked by `flask meetings expire`)
    WITHDRAWN = "withdrawn"  # withdrawn by the requester before an answer
    CANCELLED = "cancelled"  # accepted, then called off by either side or the organiser


class BookingSource(enum.StrEnum):
    DIRECT = "direct"  # picked by one of the two sides
    SCHEDULER = "scheduler"  # placed by a published scheduling run


class Outcome(enum.StrEnum):
    NOT_HELD = "not_held"
    INFORMATIVE = "informative"
    COOPERATION = "cooperation"
    CONSULTATION = "consultation"  # an answer to a consultation is planned
    CONTRACT = "contract"  # a contract was signed (with its amount)


class RunStatus(enum.StrEnum):
    PREVIEW = "preview"
    PUBLISHED = "published"
    DISCARDED = "discarded"


class MeetingSettings(db.Model):
    """How an event runs its meetings (one row per event that offers meetings)."""

    __tablename__ = "meeting_settings"

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    # Participants may opt in, send requests and book (the organiser opens and closes it).
    is_open: Mapped[bool] = mapped_column(Boolean, default=False)
    # Either side may book a slot itself once a request is accepted (else only the scheduler places).
    direct_booking: Mapped[bool] = mapped_column(Boolean, default=True)
    slot_minutes: Mapped[int] = mapped_column(default=25)
    break_minutes: Mapped[int] = mapped_column(default=5)
    # Online meetings: a link per meeting built from this pattern; placeholders {event} (the event's
    # slug), {meeting} (the meeting's number) and {code} (a random code that cannot be guessed).
    # Set: meetings are online (no table); empty: meetings happen at tables at the venue.
    video_link_pattern: Mapped[str | None] = mapped_column(String(500))
    request_expiry_days: Mapped[int] = mapped_column(default=7)
    pending_cap: Mapped[int] = mapped_column(default=10)  # requests sent and still unanswered
    max_meetings: Mapped[int | None]  # per participant; None: no cap
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    event: Mapped["Event"] = relationship()  # noqa: F821

    __table_args__ = (
        CheckConstraint("slot_minutes BETWEEN 5 AND 240", name="slot_minutes"),
        CheckConstraint("break_minutes BETWEEN 0 AND 120", name="break_minutes"),
        CheckConstraint("request_expiry_days BETWEEN 1 AND 90", name="request_expiry_days"),
        CheckConstraint("pending_cap BETWEEN 1 AND 500", name="pending_cap"),
        CheckConstraint("max_meetings IS NULL OR max_meetings >= 1", name="max_meetings"),
    )

    @property
    def is_online(self) -> bool:
        return bool(self.video_link_pattern)


class MeetingPeriod(db.Model):
    """A stretch of time given to meetings, e.g. day 1 09:00-12:30; cut into slots."""

    __tablename__ = "meeting_period"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]  # UTC
    ends_at: Mapped[datetime]  # UTC

    slots: Mapped[list["MeetingSlot"]] = relationship(order_by="MeetingSlot.starts_at", back_populates="period")

    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="times"),
        Index("ix_meeting_period_event_starts", "event_id", "starts_at"),
    )


class MeetingSlot(db.Model):
    """A bookable meeting slot (slots of an event never overlap)."""

    __tablename__ = "meeting_slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("meeting_period.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]  # UTC
    ends_at: Mapped[datetime]  # UTC

    period: Mapped[MeetingPeriod] = relationship(back_populates="slots")

    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="times"),
        UniqueConstraint("event_id", "starts_at", name="uq_meeting_slot_event_starts"),
        Index("ix_meeting_slot_period_id", "period_id"),
    )


class MeetingTable(db.Model):
    """A table at the venue where meetings happen ("Table 12", "Stand Région Occitanie")."""

    __tablename__ = "meeting_table"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)  # inactive: no new meeting placed there

    __table_args__ = (UniqueConstraint("event_id", "name", name="uq_meeting_table_event_name"),)


class MeetingParticipant(db.Model):
    """An organisation taking meetings at an event, and the person who sits at them."""

    __tablename__ = "meeting_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    # What the participant is looking for, shown to the other side with requests (optional).
    pitch: Mapped[str | None] = mapped_column(String(500))
    wants_stand: Mapped[bool] = mapped_column(Boolean, default=False)  # a buyer asking for its own stand
    stand_table_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_table.id", ondelete="SET NULL"), unique=True)
    max_meetings: Mapped[int | None]  # the participant's own cap (None: the event's)
    # Set when the organisation stops taking meetings: it no longer counts as a participant, and
    # its meetings (all ended then) stay in both sides' history. Opting in again clears it.
    left_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped["Organisation"] = relationship()  # noqa: F821
    user: Mapped["User"] = relationship()  # noqa: F821
    stand_table: Mapped[MeetingTable | None] = relationship()

    __table_args__ = (
        UniqueConstraint("event_id", "organisation_id", name="uq_meeting_participant_event_org"),
        CheckConstraint("max_meetings IS NULL OR max_meetings >= 0", name="max_meetings"),
        Index("ix_meeting_participant_user_id", "user_id"),
        Index("ix_meeting_participant_organisation_id", "organisation_id"),
    )


class MeetingUnavailability(db.Model):
    """A slot in which the participant cannot meet (set on the availability page)."""

    __tablename__ = "meeting_unavailability"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_participant.id", ondelete="CASCADE"), primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("meeting_slot.id", ondelete="CASCADE"), primary_key=True)

    __table_args__ = (Index("ix_meeting_unavailability_slot_id", "slot_id"),)


LIVE_STATUSES_SQL = "status IN ('requested', 'accepted')"


def pair_key(a_id: int, b_id: int) -> str:
    low, high = sorted((a_id, b_id))
    return f"{low}-{high}"


class Meeting(db.Model):
    """A meeting request between an SSE company and a buyer, and once accepted, its booking."""

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    requester_id: Mapped[int] = mapped_column(ForeignKey("meeting_participant.id", ondelete="CASCADE"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("meeting_participant.id", ondelete="CASCADE"))
    need_id: Mapped[int | None] = mapped_column(ForeignKey("need.id", ondelete="SET NULL"))
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id", ondelete="SET NULL"))
    message: Mapped[str | None] = mapped_column(Text)
    # "<smaller participant id>-<larger>", set on insert: the same for both directions of a pair, so
    # that the partial unique index below allows one live meeting (requested or accepted) per pair.
    pair_key: Mapped[str | None] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(10), default=MeetingStatus.REQUESTED)
    # Priority: both sides asked for it (a request answered by a request), the matching score of
    # the need or offer it is about; `weight` (>= 1) is what the scheduler maximises.
    is_mutual: Mapped[bool] = mapped_column(Boolean, default=False)
    match_score: Mapped[int | None]
    weight: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]  # UTC: an unanswered request expires then
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    decline_reason: Mapped[str | None] = mapped_column(String(500))
    # Booking (only for accepted meetings): slot, table (None online) and video link (online).
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_slot.id", ondelete="RESTRICT"))
    table_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_table.id", ondelete="RESTRICT"))
    video_url: Mapped[str | None] = mapped_column(String(500))
    booking_source: Mapped[str | None] = mapped_column(String(10))
    # The slot it was last booked in, kept once it is cancelled or moved out (calendar feeds send
    # the cancellation with the times the person knew).
    last_slot_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_slot.id", ondelete="SET NULL"))
    booked_at: Mapped[datetime | None]
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # The day itself.
    checked_in_at: Mapped[datetime | None]
    no_show_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_participant.id", ondelete="SET NULL"))
    cancelled_at: Mapped[datetime | None]
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    # Raised on every change that calendar clients must see (RFC 5545 SEQUENCE).
    sequence: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    event: Mapped["Event"] = relationship()  # noqa: F821
    requester: Mapped[MeetingParticipant] = relationship(foreign_keys=[requester_id])
    recipient: Mapped[MeetingParticipant] = relationship(foreign_keys=[recipient_id])
    need: Mapped["Need | None"] = relationship()  # noqa: F821
    offer: Mapped["Offer | None"] = relationship()  # noqa: F821
    slot: Mapped[MeetingSlot | None] = relationship(foreign_keys=[slot_id])
    last_slot: Mapped[MeetingSlot | None] = relationship(foreign_keys=[last_slot_id])
    table: Mapped[MeetingTable | None] = relationship()
    no_show: Mapped[MeetingParticipant | None] = relationship(foreign_keys=[no_show_id])
    seats: Mapped[list["MeetingSeat"]] = relationship(cascade="all, delete-orphan", back_populates="meeting")
    outcomes: Mapped[list["MeetingOutcome"]] = relationship(cascade="all, delete-orphan", back_populates="meeting")

    __table_args__ = (
        CheckConstraint("requester_id <> recipient_id", name="two_sides"),
        CheckConstraint(
            "status IN ('requested', 'accepted', 'declined', 'expired', 'withdrawn', 'cancelled')", name="status"),
        CheckConstraint("weight >= 1", name="weight"),
        CheckConstraint("slot_id IS NULL OR status = 'accepted'", name="booked_when_accepted"),
        CheckConstraint("table_id IS NULL OR slot_id IS NOT NULL", name="table_with_slot"),
        CheckConstraint("booking_source IS NULL OR booking_source IN ('direct', 'scheduler')", name="booking_source"),
        UniqueConstraint("slot_id", "table_id", name="uq_meeting_slot_table"),
        Index("ix_meeting_event_status", "event_id", "status"),
        Index("ix_meeting_requester_id", "requester_id"),
        Index("ix_meeting_recipient_id", "recipient_id"),
        Index("uq_meeting_live_pair", "event_id", "pair_key", unique=True,
              sqlite_where=text(LIVE_STATUSES_SQL), postgresql_where=text(LIVE_STATUSES_SQL)),
    )

    @property
    def participants(self) -> tuple[MeetingParticipant, MeetingParticipant]:
        return self.requester, self.recipient

    def other(self, participant: MeetingParticipant) -> MeetingParticipant:
        """The other side of the meeting from `participant`."""
        return self.recipient if participant.id == self.requester_id else self.requester

    @property
    def is_booked(self) -> bool:
        return self.slot_id is not None


@event.listens_for(Meeting, "before_insert")
def _set_pair_key(_mapper, _connection, meeting: Meeting) -> None:
    meeting.pair_key = pair_key(meeting.requester_id, meeting.recipient_id)


class MeetingSeat(db.Model):
    """One side of a booked meeting in its slot: unique per participant and slot, so that the
    database refuses a second meeting for the same person in the same slot."""

    __tablename__ = "meeting_seat"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_participant.id", ondelete="CASCADE"), primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("meeting_slot.id", ondelete="RESTRICT"))

    meeting: Mapped[Meeting] = relationship(back_populates="seats")

    __table_args__ = (
        UniqueConstraint("participant_id", "slot_id", name="uq_meeting_seat_participant_slot"),
        Index("ix_meeting_seat_slot_id", "slot_id"),
    )


class MeetingOutcome(db.Model):
    """What came of a meeting, as one side reports it after the fair."""

    __tablename__ = "meeting_outcome"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_participant.id", ondelete="CASCADE"), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(12))
    contract_amount_eur: Mapped[int | None]  # for a signed contract, € HT
    comment: Mapped[str | None] = mapped_column(String(1000))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="outcomes")

    __table_args__ = (
        CheckConstraint(
            "outcome IN ('not_held', 'informative', 'cooperation', 'consultation', 'contract')", name="outcome"),
        CheckConstraint("contract_amount_eur IS NULL OR contract_amount_eur >= 0", name="amount"),
        Index("ix_meeting_outcome_participant_id", "participant_id"),
    )


class SchedulingRun(db.Model):
    """A run of the automatic scheduler on an event: a preview, then published (or discarded)."""

    __tablename__ = "meeting_scheduling_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10), default=RunStatus.PREVIEW)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The engine's instance and solution (../shared/formats/meeting-schedule.md), kept as given.
    instance: Mapped[dict] = mapped_column(JSON)
    solution: Mapped[dict] = mapped_column(JSON)
    # Figures of the preview: meetings placed / left out, weight placed and the engine's bound.
    placed_count: Mapped[int] = mapped_column(default=0)
    unscheduled_count: Mapped[int] = mapped_column(default=0)
    weight: Mapped[int] = mapped_column(default=0)
    upper_bound: Mapped[int] = mapped_column(default=0)
    elapsed_ms: Mapped[int] = mapped_column(default=0)
    published_at: Mapped[datetime | None]
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    __table_args__ = (
        CheckConstraint("status IN ('preview', 'published', 'discarded')", name="status"),
        Index("ix_meeting_scheduling_run_event_id", "event_id", "created_at"),
    )
