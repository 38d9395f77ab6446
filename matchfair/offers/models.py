"""An SSE company's offer, its area, CPV codes and references (past clients and contracts)."""
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class Offer(db.Model):
    __tablename__ = "offer"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    # The offer's own area; none given: the organisation's area applies.
    national: Mapped[bool] = mapped_column(Boolean, default=False)
    # Largest contract for this offer, euros excluding VAT; None: the organisation's capacity.
    capacity_eur: Mapped[int | None]
    is_published: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped["Organisation"] = relationship()  # noqa: F821
    cpv_links: Mapped[list["OfferCpv"]] = relationship(cascade="all, delete-orphan", order_by="OfferCpv.code8")
    areas: Mapped[list["OfferArea"]] = relationship(
        cascade="all, delete-orphan", order_by="(OfferArea.kind, OfferArea.code)"
    )
    references: Mapped[list["OfferReference"]] = relationship(
        cascade="all, delete-orphan", order_by="OfferReference.id", back_populates="offer"
    )

    __table_args__ = (Index("ix_offer_organisation_id", "organisation_id"),)

    @property
    def cpv_codes(self) -> list[str]:
        return [link.code8 for link in self.cpv_links]


class OfferCpv(db.Model):
    __tablename__ = "offer_cpv"

    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True)
    code8: Mapped[str] = mapped_column(ForeignKey("cpv_code.code8"), primary_key=True)

    cpv: Mapped["CpvCode"] = relationship(lazy="joined")  # noqa: F821

    __table_args__ = (Index("ix_offer_cpv_code8", "code8"),)


class OfferArea(db.Model):
    __tablename__ = "offer_area"

    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    code: Mapped[str] = mapped_column(String(3), primary_key=True)

    __table_args__ = (CheckConstraint("kind IN ('department', 'region')", name="kind"),)


class OfferReference(db.Model):
    """A past client or contract that vouches for the offer."""

    __tablename__ = "offer_reference"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"))
    client: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(1000))
    year: Mapped[int | None]
    amount_eur: Mapped[int | None]

    offer: Mapped[Offer] = relationship(back_populates="references")

    __table_args__ = (Index("ix_offer_reference_offer_id", "offer_id"),)
