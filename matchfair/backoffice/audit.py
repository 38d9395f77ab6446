"""The audit log: one call per action worth tracing, in the same transaction as the action.

    record(actor, action, *, event=None, organisation=None, obj=None, **details) -> AuditEntry
        actor: the User who acted (None for commands); action: a stable code such as
        "registration.approved", "need.published", "schedule.published"; event / organisation: what
        the entry belongs to (ids or objects); obj: the object acted on (its table name and id are
        kept); details: plain JSON values (names, counts, before/after) shown with the entry.
"""
from ..extensions import db
from .models import AuditEntry


def _id(value):
    return getattr(value, "id", value)


def record(actor, action: str, *, event=None, organisation=None, obj=None, **details) -> AuditEntry:
    entry = AuditEntry(
        actor_id=_id(actor) if actor is not None and getattr(actor, "is_authenticated", True) else None,
        organisation_id=_id(organisation), event_id=_id(event), action=action,
        object_type=getattr(obj, "__tablename__", None) if obj is not None else None,
        object_id=_id(obj) if obj is not None else None, details=details)
    db.session.add(entry)
    return entry
