"""Organisations, their members and invitations, and the SSE profile's many-valued parts."""
import enum
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class OrgKind(enum.StrEnum):
    SSE = "sse"
    BUYER = "buyer"
    ORGANISER = "organiser"
    FACILITATOR = "facilitator"  # a social-clause facilitator (PLIE, Maison de l'emploi...)


class Role(enum.StrEnum):
    ADMIN = "admin"
    MEMBER = "member"


class SseStatus(enum.StrEnum):
    ESS = "ess"
    ESUS = "esus"
    SIAE = "siae"
    EA = "ea"
    ESAT = "esat"
    GEIQ = "geiq"


class SiaeKind(enum.StrEnum):
    EI = "EI"
    ETTI = "ETTI"
    ACI = "ACI"
    AI = "AI"
    EITI = "EITI"


class BuyerType(enum.StrEnum):
    REGION = "region"
    DEPARTMENT = "department"
    CITY = "city"
    EPCI = "epci"
    HOSPITAL = "hospital"
    SOCIAL_LANDLORD = "social_landlord"
    STATE = "state"
    PRIVATE = "private"


class AreaKind(enum.StrEnum):
    DEPARTMENT = "department"
    REGION = "region"


class Organisation(db.Model):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    # 14 digits, validated with python-stdnum; unique when given.
    siret: Mapped[str | None] = mapped_column(String(14), unique=True)
    legal_form: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(100))
    # INSEE department code; the region follows from it (engine/territory.py).
    department_code: Mapped[str | None] = mapped_column(String(3))
    website: Mapped[str | None] = mapped_column(String(300))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(30))
    description: Mapped[str | None] = mapped_column(Text)

    # Logo, re-encoded as PNG by the service (never the uploaded bytes), loaded only when served.
    logo_png: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    logo_updated_at: Mapped[datetime | None]

    # What the organisation chose to publish in the public directory.
    is_listed: Mapped[bool] = mapped_column(Boolean, default=True)
    publish_address: Mapped[bool] = mapped_column(Boolean, default=True)
    publish_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    publish_figures: Mapped[bool] = mapped_column(Boolean, default=True)

    # SSE companies.
    siae_kind: Mapped[str | None] = mapped_column(String(4))
    national: Mapped[bool] = mapped_column(Boolean, default=False)
    headcount: Mapped[int | None]
    insertion_employees: Mapped[int | None]
    # Largest contract the company can take on alone, in euros excluding VAT.
    capacity_eur: Mapped[int | None]
    # Labels and certifications, free text, one per line ("Qualiopi", "Lucie 26000"...).
    labels: Mapped[str | None] = mapped_column(Text)

    # Buyers.
    buyer_type: Mapped[str | None] = mapped_column(String(20))
    purchasing_band: Mapped[str | None] = mapped_column(String(20))
    spaser_adopted: Mapped[bool | None] = mapped_column(Boolean)

    # Lower-cased, accents folded: name, description, labels, city; kept up to date by the service.
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )
    statuses: Mapped[list["OrganisationStatus"]] = relationship(
        cascade="all, delete-orphan", order_by="OrganisationStatus.status"
    )
    areas: Mapped[list["OrganisationArea"]] = relationship(
        cascade="all, delete-orphan", order_by="(OrganisationArea.kind, OrganisationArea.code)"
    )
    cpv_links: Mapped[list["OrganisationCpv"]] = relationship(
        cascade="all, delete-orphan", order_by="OrganisationCpv.code8"
    )

    __table_args__ = (
        CheckConstraint("kind IN ('sse', 'buyer', 'organiser', 'facilitator')", name="kind"),
        Index("ix_organisation_kind_listed", "kind", "is_listed"),
        Index("ix_organisation_department_code", "department_code"),
    )

    @property
    def status_values(self) -> set[str]:
        return {s.status for s in self.statuses}

    @property
    def cpv_codes(self) -> list[str]:
        return [link.code8 for link in self.cpv_links]

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.kind} {self.name!r}>"


class Membership(db.Model):
    __tablename__ = "membership"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(10), default=Role.MEMBER)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped["User"] = relationship(back_populates="memberships")  # noqa: F821
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")

    __table_args__ = (
        CheckConstraint("role IN ('admin', 'member')", name="role"),
        Index("ix_membership_organisation_id", "organisation_id"),
    )


class Invitation(db.Model):
    """An e-mailed invitation to join an organisation; the link carries a signed token of its id."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(10), default=Role.MEMBER)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    accepted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()
    invited_by: Mapped["User | None"] = relationship()  # noqa: F821

    __table_args__ = (Index("ix_invitation_organisation_id", "organisation_id"),)


class OrganisationStatus(db.Model):
    __tablename__ = "organisation_status"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(10), primary_key=True)

    __table_args__ = (Index("ix_organisation_status_status", "status"),)


class OrganisationArea(db.Model):
    """Where an SSE company intervenes: departments and regions (or `Organisation.national`)."""

    __tablename__ = "organisation_area"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    code: Mapped[str] = mapped_column(String(3), primary_key=True)

    __table_args__ = (
        CheckConstraint("kind IN ('department', 'region')", name="kind"),
        Index("ix_organisation_area_kind_code", "kind", "code"),
    )


class OrganisationCpv(db.Model):
    __tablename__ = "organisation_cpv"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    code8: Mapped[str] = mapped_column(ForeignKey("cpv_code.code8"), primary_key=True)

    cpv: Mapped["CpvCode"] = relationship(lazy="joined")  # noqa: F821

    __table_args__ = (Index("ix_organisation_cpv_code8", "code8"),)
