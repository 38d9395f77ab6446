"""A grouping of SSE companies: a lead company invites partners, who accept or decline."""
import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class PartnerStatus(enum.StrEnum):
    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Grouping(db.Model):
    __tablename__ = "grouping"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    # The company that formed it (the mandataire); it is also an accepted member.
    lead_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    # The need it was formed for, if any.
    need_id: Mapped[int | None] = mapped_column(ForeignKey("need.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    lead_organisation: Mapped["Organisation"] = relationship()  # noqa: F821
    need: Mapped["Need | None"] = relationship()  # noqa: F821
    members: Mapped[list["GroupingMember"]] = relationship(
        cascade="all, delete-orphan", back_populates="grouping", order_by="GroupingMember.invited_at"
    )

    __table_args__ = (Index("ix_grouping_lead_organisation_id", "lead_organisation_id"),)


class GroupingMember(db.Model):
    __tablename__ = "grouping_member"

    grouping_id: Mapped[int] = mapped_column(ForeignKey("grouping.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(10), default=PartnerStatus.INVITED)
    # What this partner brings: lots or part of the work, in the lead's words.
    contribution: Mapped[str | None] = mapped_column(String(500))
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    responded_at: Mapped[datetime | None]

    grouping: Mapped[Grouping] = relationship(back_populates="members")
    organisation: Mapped["Organisation"] = relationship()  # noqa: F821

    __table_args__ = (
        CheckConstraint("status IN ('invited', 'accepted', 'declined')", name="status"),
        Index("ix_grouping_member_organisation_id", "organisation_id"),
    )
