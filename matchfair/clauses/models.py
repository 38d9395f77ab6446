"""A facilitator's work on a need: the help relation with the buyer, the calibrations proposed, the
facilitator's private notes and the insertion hours recorded once the need is awarded."""
import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class SupportStatus(enum.StrEnum):
    OFFERED = "offered"  # the facilitator offered its help; the buyer has not answered
    ACTIVE = "active"  # the buyer invited the facilitator, or accepted its offer
    DECLINED = "declined"  # the buyer declined the offer
    ENDED = "ended"  # the buyer or the facilitator ended the help


class ClauseSupport(db.Model):
    """A facilitator organisation helping (or offering to help) a buyer with one need's social clause.
    One row per need and facilitator; at most one active per need (a partial unique index)."""

    __tablename__ = "clause_support"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"))
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10))
    message: Mapped[str | None] = mapped_column(String(1000))  # the offer's or the invitation's words
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # The month (its first day) the facilitator was last reminded to record hours for (`flask clauses remind`).
    reminded_for: Mapped[date | None] = mapped_column(Date)

    need: Mapped["Need"] = relationship()  # noqa: F821
    facilitator: Mapped["Organisation"] = relationship()  # noqa: F821

    __table_args__ = (
        UniqueConstraint("need_id", "facilitator_id", name="uq_clause_support_need_facilitator"),
        CheckConstraint("status IN ('offered', 'active', 'declined', 'ended')", name="status"),
        Index("ix_clause_support_facilitator", "facilitator_id", "status"),
        Index("uq_clause_support_active_need", "need_id", unique=True,
              sqlite_where=text("status = 'active'"), postgresql_where=text("status = 'active'")),
    )


class ClauseProposal(db.Model):
    """A calibration: hours = amount × labour share ÷ hourly cost × insertion rate (engine/clauses.py),
    with the figures the facilitator entered, so that the working can be shown again."""

    __tablename__ = "clause_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    support_id: Mapped[int] = mapped_column(ForeignKey("clause_support.id", ondelete="CASCADE"))
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"))
    amount_eur: Mapped[int]  # € HT
    labour_share_pct: Mapped[int]  # 1-100
    hourly_cost_cents: Mapped[int]  # the loaded hourly cost of labour, in cents
    insertion_rate_tenths: Mapped[int]  # tenths of a percent: 100 is 10 %
    hours: Mapped[int]
    comment: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    adopted_at: Mapped[datetime | None]
    adopted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    support: Mapped[ClauseSupport] = relationship()
    created_by: Mapped["User | None"] = relationship(foreign_keys=[created_by_id])  # noqa: F821

    __table_args__ = (
        CheckConstraint("labour_share_pct BETWEEN 1 AND 100", name="labour_share"),
        CheckConstraint("hours >= 0 AND amount_eur > 0 AND hourly_cost_cents > 0", name="positive"),
        Index("ix_clause_proposal_need", "need_id", "created_at"),
    )


class FacilitatorNote(db.Model):
    """A facilitator's own note on a need: read by the facilitator organisation's members only."""

    __tablename__ = "facilitator_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"))
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped["User | None"] = relationship()  # noqa: F821

    __table_args__ = (Index("ix_facilitator_note_need", "need_id", "facilitator_id", "created_at"),)


class InsertionHours(db.Model):
    """Insertion hours done on an awarded need, for one month and one structure (the structure that
    employs the people on an integration path: the winner itself, an SIAE, a GEIQ...). Recording the
    same month and structure again replaces the figure (the unique constraint guards it)."""

    __tablename__ = "insertion_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"))
    facilitator_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    structure_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    structure_name: Mapped[str] = mapped_column(String(200))  # kept if the structure's profile goes
    period: Mapped[date] = mapped_column(Date)  # the first day of the month
    hours: Mapped[int]
    comment: Mapped[str | None] = mapped_column(String(500))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    structure: Mapped["Organisation | None"] = relationship(foreign_keys=[structure_id])  # noqa: F821

    __table_args__ = (
        UniqueConstraint("need_id", "structure_id", "period", name="uq_insertion_hours_need_structure_period"),
        CheckConstraint("hours > 0", name="hours"),
        Index("ix_insertion_hours_structure", "structure_id"),
    )
