"""The audit log read by organisers: per event, and organiser-wide (its events plus needs published)."""
from flask import Blueprint, abort, current_app, render_template, request
from flask_login import login_required
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..extensions import db
from ..organisations.current import current_organisation
from ..organisations.models import OrgKind
from ..programme.access import event_or_404
from ..programme.models import Event
from ..programme.timezones import to_local
from . import audit_text
from .models import AuditEntry

bp = Blueprint("audit", __name__)
DEFAULT_ZONE = "Europe/Paris"


def _filtered(statement, base):
    """Apply the family and person filters of the query string; returns (statement, family, actor_id, actors)."""
    family = request.args.get("famille", "")
    family = family if family in audit_text.FAMILIES else ""
    actor_id = request.args.get("personne", type=int)
    actors = list(db.session.scalars(select(User).where(User.id.in_(
        select(AuditEntry.actor_id).where(base, AuditEntry.actor_id.is_not(None)).distinct()))
        .order_by(User.full_name)))
    if actor_id not in {a.id for a in actors}:
        actor_id = None
    if family:
        prefixes = audit_text.FAMILIES[family][1]
        statement = statement.where(or_(*(AuditEntry.action.startswith(p) for p in prefixes)))
    if actor_id:
        statement = statement.where(AuditEntry.actor_id == actor_id)
    return statement, family, actor_id, actors


def _render(base, *, event=None, organisation=None):
    statement = (select(AuditEntry).where(base).options(selectinload(AuditEntry.actor))
                 .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()))
    statement, family, actor_id, actors = _filtered(statement, base)
    page = db.paginate(statement, page=request.args.get("page", 1, type=int),
                       per_page=current_app.config["PER_PAGE"], error_out=False)
    zones = {}
    if event is None:
        ids = {e.event_id for e in page.items if e.event_id}
        events = {e.id: e for e in db.session.scalars(select(Event).where(Event.id.in_(ids)))} if ids else {}
    else:
        events = {event.id: event}
    for entry in page.items:
        zones[entry.id] = events[entry.event_id].timezone if entry.event_id in events else DEFAULT_ZONE
    rows = [{"entry": e, "when": to_local(e.created_at, zones[e.id]), "text": audit_text.sentence(e),
             "event": events.get(e.event_id)} for e in page.items]
    return render_template("backoffice/audit/journal.html", event=event, organisation=organisation, page=page,
                           rows=rows, families=audit_text.FAMILIES, family=family, actor_id=actor_id, actors=actors)


@bp.get("/evenements/<int:event_id>/journal")
@login_required
def event_journal(event_id: int):
    event = event_or_404(event_id, for_organiser=True)
    return _render(AuditEntry.event_id == event.id, event=event)


@bp.get("/journal")
@login_required
def organiser_journal():
    organisation = current_organisation()
    if organisation is None or organisation.kind != OrgKind.ORGANISER:
        abort(404)
    events = select(Event.id).where(Event.organiser_organisation_id == organisation.id)
    base = or_(AuditEntry.event_id.in_(events), AuditEntry.action.startswith("need."),
               (AuditEntry.organisation_id == organisation.id) & AuditEntry.event_id.is_(None))
    return _render(base, organisation=organisation)
