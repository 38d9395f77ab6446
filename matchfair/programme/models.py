"""Events, their rooms and sessions, who registers for what, and private calendar feeds.

Times are stored in UTC (naive datetimes, UTC by convention) and shown in the event's time zone.
"""
import enum
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class SessionKind(enum.StrEnum):
    WORKSHOP = "workshop"
    ROUND_TABLE = "round_table"
    PLENARY = "plenary"
    PITCH = "pitch"
    TRAINING = "training"


class RegistrationStatus(enum.StrEnum):
    """An organisation's registration for an event."""

    PENDING = "pending"  # waiting for the organiser's approval
    APPROVED = "approved"
    REFUSED = "refused"
    CANCELLED = "cancelled"


class SeatStatus(enum.StrEnum):
    """A person's registration for a session."""

    REGISTERED = "registered"
    WAITING = "waiting"
    CANCELLED = "cancelled"


class Event(db.Model):
    """An edition of a fair: "Coventis 2026" (two days at a venue) or "TRAIDS 2027" (online)."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    organiser_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    # IANA time zone: Europe/Paris by default; America/Cayenne, Indian/Reunion... overseas.
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    is_online: Mapped[bool] = mapped_column(Boolean, default=False)
    venue_name: Mapped[str | None] = mapped_column(String(200))
    venue_address: Mapped[str | None] = mapped_column(String(300))
    department_code: Mapped[str | None] = mapped_column(String(3))
    online_url: Mapped[str | None] = mapped_column(String(500))
    # Registration window (UTC); None: open from publication / until the event starts.
    registration_opens_at: Mapped[datetime | None]
    registration_closes_at: Mapped[datetime | None]
    requires_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    is_published: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organiser: Mapped["Organisation"] = relationship()  # noqa: F821
    rooms: Mapped[list["Room"]] = relationship(
        cascade="all, delete-orphan", order_by="Room.position, Room.name", back_populates="event"
    )

    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="dates"),
        Index("ix_event_organiser_organisation_id", "organiser_organisation_id"),
    )


class EventRegistration(db.Model):
    """An organisation registered for an event, with the people who will attend."""

    __tablename__ = "event_registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10), default=RegistrationStatus.PENDING)
    note: Mapped[str | None] = mapped_column(String(1000))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    refusal_reason: Mapped[str | None] = mapped_column(String(500))

    event: Mapped[Event] = relationship()
    organisation: Mapped["Organisation"] = relationship()  # noqa: F821
    attendees: Mapped[list["Attendee"]] = relationship(
        cascade="all, delete-orphan", order_by="Attendee.id", back_populates="registration"
    )

    __table_args__ = (
        UniqueConstraint("event_id", "organisation_id", name="uq_event_registration_event_org"),
        CheckConstraint("status IN ('pending', 'approved', 'refused', 'cancelled')", name="status"),
        Index("ix_event_registration_organisation_id", "organisation_id"),
    )


class Attendee(db.Model):
    """A person who will attend an event for a registered organisation (a user of the organisation)."""

    __tablename__ = "attendee"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("event_registration.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))

    # Entrance check-in (issue 6): when the person's badge was scanned or their code typed, and by whom.
    checked_in_at: Mapped[datetime | None]
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    registration: Mapped[EventRegistration] = relationship(back_populates="attendees")
    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821

    __table_args__ = (
        UniqueConstraint("registration_id", "user_id", name="uq_attendee_registration_user"),
        Index("ix_attendee_user_id", "user_id"),
    )


class Room(db.Model):
    __tablename__ = "room"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    capacity: Mapped[int]
    description: Mapped[str | None] = mapped_column(String(500))  # floor, access, equipment
    position: Mapped[int] = mapped_column(default=0)  # column order in the timetable

    event: Mapped[Event] = relationship(back_populates="rooms")

    __table_args__ = (
        UniqueConstraint("event_id", "name", name="uq_room_event_name"),
        CheckConstraint("capacity > 0", name="capacity"),
    )


class ProgrammeSession(db.Model):
    """A workshop, round table, plenary, pitch or training slot of an event's programme."""

    __tablename__ = "programme_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime]  # UTC
    ends_at: Mapped[datetime]  # UTC
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"))
    online_url: Mapped[str | None] = mapped_column(String(500))
    # Places; None: the room's capacity (no room and no capacity: unlimited).
    capacity: Mapped[int | None]
    # Counter kept by the registration service with an atomic conditional UPDATE: the database,
    # not Python, guarantees that it never exceeds the capacity (see the check constraint).
    registered_count: Mapped[int] = mapped_column(default=0)
    is_published: Mapped[bool] = mapped_column(Boolean, default=False)
    is_cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Raised on every change that calendar clients must see (RFC 5545 SEQUENCE).
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    event: Mapped[Event] = relationship()
    room: Mapped[Room | None] = relationship()
    speakers: Mapped[list["Speaker"]] = relationship(
        cascade="all, delete-orphan", order_by="Speaker.position, Speaker.id", back_populates="session"
    )
    themes: Mapped[list["SessionTheme"]] = relationship(cascade="all, delete-orphan", order_by="SessionTheme.theme")

    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="times"),
        CheckConstraint("kind IN ('workshop', 'round_table', 'plenary', 'pitch', 'training')", name="kind"),
        CheckConstraint("registered_count >= 0", name="registered_count"),
        CheckConstraint("capacity IS NULL OR registered_count <= capacity", name="within_capacity"),
        Index("ix_programme_session_event_starts", "event_id", "starts_at"),
        Index("ix_programme_session_room_id", "room_id"),
    )


class Speaker(db.Model):
    """Who speaks at a session: a person, possibly a user and from a participating organisation."""

    __tablename__ = "speaker"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("programme_session.id", ondelete="CASCADE"))
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str | None] = mapped_column(String(200))  # "Chargée de mission achats, Région"
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)

    session: Mapped[ProgrammeSession] = relationship(back_populates="speakers")
    user: Mapped["User | None"] = relationship()  # noqa: F821
    organisation: Mapped["Organisation | None"] = relationship()  # noqa: F821

    __table_args__ = (Index("ix_speaker_session_id", "session_id"), Index("ix_speaker_user_id", "user_id"))


class SessionTheme(db.Model):
    """A theme of a session: a CPV division ("cpv:90") or a topic ("social-clauses")."""

    __tablename__ = "session_theme"

    session_id: Mapped[int] = mapped_column(ForeignKey("programme_session.id", ondelete="CASCADE"), primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)

    __table_args__ = (Index("ix_session_theme_theme", "theme"),)


class SessionRegistration(db.Model):
    """A person's place at a session, or their rank on its waiting list (by `queued_at`, then id)."""

    __tablename__ = "session_registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("programme_session.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10))
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    promoted_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    session: Mapped[ProgrammeSession] = relationship()
    user: Mapped["User"] = relationship()  # noqa: F821

    __table_args__ = (
        UniqueConstraint("session_id", "user_id", name="uq_session_registration_session_user"),
        CheckConstraint("status IN ('registered', 'waiting', 'cancelled')", name="status"),
        Index("ix_session_registration_session_status", "session_id", "status", "queued_at"),
        Index("ix_session_registration_user_id", "user_id"),
    )


class CalendarToken(db.Model):
    """The secret of a person's private calendar subscription feed (reset to a new one at will)."""

    __tablename__ = "calendar_token"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
