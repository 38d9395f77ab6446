"""A buyer's need (an upcoming purchase), its lots and CPV codes."""
import enum
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class NeedStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"
    AWARDED = "awarded"


class Reservation(enum.StrEnum):
    NONE = "none"
    EA_ESAT = "L2113-12"
    SIAE = "L2113-13"
    EA_ESAT_SIAE = "L2113-14"
    ESS = "L2113-15"


class SocialClause(enum.StrEnum):
    NONE = "none"
    EXECUTION = "execution"  # an execution condition: insertion hours
    AWARD = "award"  # an award criterion


class Procedure(enum.StrEnum):
    UNDECIDED = "undecided"
    DIRECT = "direct"  # without publicity or competition, under the threshold
    ADAPTED = "adapted"  # procédure adaptée (MAPA)
    TENDER = "tender"  # appel d'offres
    NEGOTIATED = "negotiated"
    FRAMEWORK = "framework"  # subsequent contract of a framework agreement
    OTHER = "other"


class Need(db.Model):
    __tablename__ = "need"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(12), default=NeedStatus.DRAFT)

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    # Place of execution (INSEE department code).
    department_code: Mapped[str] = mapped_column(String(3))
    # Euros excluding VAT, for the whole contract (all lots, all years).
    estimated_amount_eur: Mapped[int | None]
    expected_publication_date: Mapped[date | None] = mapped_column(Date)
    contract_start_date: Mapped[date | None] = mapped_column(Date)
    duration_months: Mapped[int | None]
    is_renewal: Mapped[bool] = mapped_column(Boolean, default=False)
    current_contract_end_date: Mapped[date | None] = mapped_column(Date)
    procedure: Mapped[str] = mapped_column(String(12), default=Procedure.UNDECIDED)
    reservation: Mapped[str] = mapped_column(String(10), default=Reservation.NONE)
    social_clause: Mapped[str] = mapped_column(String(10), default=SocialClause.NONE)
    insertion_hours: Mapped[int | None]
    environmental_clause: Mapped[bool] = mapped_column(Boolean, default=False)
    innovative: Mapped[bool] = mapped_column(Boolean, default=False)
    # Kind of purchase for the direct-award thresholds, derived from the CPV codes by the service
    # on every save: "works" when every code is a works code, else "supplies_services".
    purchase_kind: Mapped[str] = mapped_column(String(20), default="supplies_services")
    contact_name: Mapped[str | None] = mapped_column(String(120))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(30))

    published_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Award (feeds the indicators): to an organisation of Matchfair, or to a named outside company.
    awarded_at: Mapped[datetime | None]
    awarded_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    awarded_to_name: Mapped[str | None] = mapped_column(String(200))
    awarded_amount_eur: Mapped[int | None]

    # Folded title, description, CPV labels: the board's word search.
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped["Organisation"] = relationship(foreign_keys=[organisation_id])  # noqa: F821
    awarded_organisation: Mapped["Organisation | None"] = relationship(  # noqa: F821
        foreign_keys=[awarded_organisation_id]
    )
    cpv_links: Mapped[list["NeedCpv"]] = relationship(cascade="all, delete-orphan", order_by="NeedCpv.code8")
    lots: Mapped[list["NeedLot"]] = relationship(
        cascade="all, delete-orphan", order_by="NeedLot.number", back_populates="need"
    )

    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published', 'closed', 'awarded')", name="status"),
        CheckConstraint(
            "reservation IN ('none', 'L2113-12', 'L2113-13', 'L2113-14', 'L2113-15')", name="reservation"
        ),
        CheckConstraint("social_clause IN ('none', 'execution', 'award')", name="social_clause"),
        CheckConstraint("purchase_kind IN ('works', 'supplies_services')", name="purchase_kind"),
        Index("ix_need_organisation_id", "organisation_id"),
        Index("ix_need_status_expected", "status", "expected_publication_date"),
        Index("ix_need_department_code", "department_code"),
    )

    @property
    def cpv_codes(self) -> list[str]:
        return [link.code8 for link in self.cpv_links]

    def __repr__(self) -> str:
        return f"<Need {self.id} {self.status} {self.title!r}>"


class NeedCpv(db.Model):
    __tablename__ = "need_cpv"

    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), primary_key=True)
    code8: Mapped[str] = mapped_column(ForeignKey("cpv_code.code8"), primary_key=True)

    cpv: Mapped["CpvCode"] = relationship(lazy="joined")  # noqa: F821

    __table_args__ = (Index("ix_need_cpv_code8", "code8"),)


class NeedLot(db.Model):
    __tablename__ = "need_lot"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    estimated_amount_eur: Mapped[int | None]

    need: Mapped[Need] = relationship(back_populates="lots")
    cpv_links: Mapped[list["NeedLotCpv"]] = relationship(
        cascade="all, delete-orphan", order_by="NeedLotCpv.code8"
    )

    __table_args__ = (UniqueConstraint("need_id", "number", name="uq_need_lot_need_id_number"),)

    @property
    def cpv_codes(self) -> list[str]:
        return [link.code8 for link in self.cpv_links]


class NeedLotCpv(db.Model):
    __tablename__ = "need_lot_cpv"

    lot_id: Mapped[int] = mapped_column(ForeignKey("need_lot.id", ondelete="CASCADE"), primary_key=True)
    code8: Mapped[str] = mapped_column(ForeignKey("cpv_code.code8"), primary_key=True)

    cpv: Mapped["CpvCode"] = relationship(lazy="joined")  # noqa: F821

    __table_args__ = (Index("ix_need_lot_cpv_code8", "code8"),)
