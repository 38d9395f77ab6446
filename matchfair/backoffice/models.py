"""The organiser's back office: the audit log and imports of organisations (issue 6)."""
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class AuditEntry(db.Model):
    """Who did what and when: organiser actions, publication of needs and of meeting schedules.

    `action` is a stable code ("registration.approved", "need.published", "schedule.published"...),
    `object_type`/`object_id` name what it was done to, `details` holds plain values (names, counts,
    before/after) so that the entry still reads once the object is gone.
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[int | None]
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped["User | None"] = relationship()  # noqa: F821

    __table_args__ = (
        Index("ix_audit_entry_event_created", "event_id", "created_at"),
        Index("ix_audit_entry_organisation_created", "organisation_id", "created_at"),
        Index("ix_audit_entry_object", "object_type", "object_id"),
    )


class OrganisationImport(db.Model):
    """A CSV of organisations uploaded by an organiser: mapped, checked, previewed, then imported
    (nothing is written to the organisations until the organiser confirms a valid file)."""

    __tablename__ = "organisation_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    organiser_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    filename: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))  # "sse" or "buyer": what the rows are
    # "mapping" (columns to map), "preview" (checked), "imported" or "cancelled".
    status: Mapped[str] = mapped_column(String(10), default="mapping")
    header: Mapped[list] = mapped_column(JSON, default=list)  # the file's column names
    rows: Mapped[list] = mapped_column(JSON, default=list)  # the file's rows, as lists of strings
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)  # field -> column index
    report: Mapped[dict] = mapped_column(JSON, default=dict)  # errors, duplicates, counts
    imported_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint("kind IN ('sse', 'buyer')", name="kind"),
        CheckConstraint("status IN ('mapping', 'preview', 'imported', 'cancelled')", name="status"),
        Index("ix_organisation_import_organiser", "organiser_organisation_id", "created_at"),
    )
