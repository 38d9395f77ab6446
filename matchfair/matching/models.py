"""What buyers and SSE companies do with matches: shortlists, interest, e-mail digests."""
import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class InterestKind(enum.StrEnum):
    INTERESTED = "interested"
    NOT_FOR_US = "not_for_us"


class DigestFrequency(enum.StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"


class MatchingState(db.Model):
    """One row: a counter raised, in the same transaction, by every change that alters matches
    (a profile, an offer, a need). Each app process compares it with the version of its cached
    index, so results are fresh after any edit and no state lives only in a process."""

    __tablename__ = "matching_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    suppliers_version: Mapped[int] = mapped_column(default=0)
    needs_version: Mapped[int] = mapped_column(default=0)


class Shortlist(db.Model):
    """A supplier a buyer keeps in mind for one of its needs."""

    __tablename__ = "shortlist"

    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped["Organisation"] = relationship()  # noqa: F821

    __table_args__ = (Index("ix_shortlist_organisation_id", "organisation_id"),)


class Interest(db.Model):
    """An SSE company's answer to a need: interested (alone or as a grouping) or not for us."""

    __tablename__ = "interest"

    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(String(500))
    message: Mapped[str | None] = mapped_column(String(2000))
    grouping_id: Mapped[int | None] = mapped_column(ForeignKey("grouping.id", ondelete="SET NULL"))
    declared_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Buyers' digest of new interest: set when it went out.
    notified_at: Mapped[datetime | None]

    organisation: Mapped["Organisation"] = relationship()  # noqa: F821
    need: Mapped["Need"] = relationship()  # noqa: F821
    grouping: Mapped["Grouping | None"] = relationship()  # noqa: F821

    __table_args__ = (
        CheckConstraint("kind IN ('interested', 'not_for_us')", name="kind"),
        Index("ix_interest_organisation_id", "organisation_id"),
    )


class DigestSettings(db.Model):
    """A person's choice for the match and interest digests, and when the last one went out."""

    __tablename__ = "digest_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    frequency: Mapped[str] = mapped_column(String(8), default=DigestFrequency.DAILY)
    last_sent_at: Mapped[datetime | None]

    __table_args__ = (CheckConstraint("frequency IN ('daily', 'weekly', 'never')", name="frequency"),)


class NeedNotice(db.Model):
    """A published need that matches a supplier well, waiting for that supplier's next digest."""

    __tablename__ = "need_notice"

    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    score: Mapped[float]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]

    need: Mapped["Need"] = relationship()  # noqa: F821

    __table_args__ = (Index("ix_need_notice_organisation_sent", "organisation_id", "sent_at"),)


class NeedNoticeScan(db.Model):
    """A published need whose well-matched suppliers got their NeedNotice rows (digests.py): the
    digest command scans each publication once, however often it runs."""

    __tablename__ = "need_notice_scan"

    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), primary_key=True)
    # The need's published_at when scanned: a later publication is scanned again.
    published_at: Mapped[datetime | None]
    scanned_at: Mapped[datetime] = mapped_column(default=utcnow)
