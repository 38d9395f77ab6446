"""Printable badges with a QR code, a person's own badge, and the entrance check-in page (issue 6)."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField

from ..extensions import db
from ..organisations.models import OrgKind
from ..programme.event_forms import ActionForm
from ..programme.event_views import managed_event, visible_event_by_slug
from ..programme.models import Event, RegistrationStatus
from . import badges

bp = Blueprint("badges", __name__)

KINDS = (OrgKind.SSE.value, OrgKind.BUYER.value)


class CheckInForm(FlaskForm):
    """The entrance field: a handheld scanner types the code and presses Enter."""

    code = StringField()


@bp.app_template_global("badge_kind_label")
def _kind_label(kind: str) -> str:
    return badges.kind_label(kind)


@bp.context_processor
def _labels():
    return {"registration_labels": {
        "pending": _("En attente de validation"), "approved": _("Validée"), "refused": _("Refusée"),
        "cancelled": _("Annulée"),
    }}


def _badge(attendee) -> dict:
    code = badges.badge_code(attendee)
    return {"attendee": attendee, "code": code, "qr": badges.qr_svg(code)}


@bp.get("/evenements/<int:event_id>/badges")
@managed_event
def badge_list(event: Event):
    org_query = (request.args.get("organisation") or "").strip()[:100]
    kind = request.args.get("type")
    kind = kind if kind in KINDS else None
    attendees = badges.badge_attendees(event, org_query=org_query or None, kind=kind)
    return render_template("backoffice/badges/list.html", event=event, items=[_badge(a) for a in attendees],
                           org_query=org_query, kind=kind, total=badges.attendance_counts(event)["expected"])


@bp.get("/evenements/<int:event_id>/badges/<int:attendee_id>")
@managed_event
def badge_one(event: Event, attendee_id: int):
    attendee = badges.event_attendee(event, attendee_id)
    if attendee is None:
        abort(404)
    return render_template("backoffice/badges/single.html", event=event, item=_badge(attendee))


@bp.get("/evenements/<slug>/mon-badge")
@login_required
def my_badge(slug: str):
    event = visible_event_by_slug(slug)
    mine = badges.own_attendees(current_user, event)
    approved = [a for a in mine if a.registration.status == RegistrationStatus.APPROVED]
    return render_template("backoffice/badges/mine.html", event=event, items=[_badge(a) for a in approved],
                           others=[a for a in mine if a.registration.status != RegistrationStatus.APPROVED])


def _back(event: Event):
    query = (request.form.get("q") or "").strip()[:100]
    return redirect(url_for("badges.check_in", event_id=event.id, q=query or None))


@bp.get("/evenements/<int:event_id>/accueil")
@managed_event
def check_in(event: Event):
    query = (request.args.get("q") or "").strip()[:100]
    return render_template("backoffice/badges/check_in.html", event=event, form=CheckInForm(formdata=None),
                           action_form=ActionForm(), query=query,
                           found=badges.search_attendees(event, query) if query else [],
                           counts=badges.attendance_counts(event), recent=badges.recent_check_ins(event))


@bp.post("/evenements/<int:event_id>/accueil")
@managed_event
def scan(event: Event):
    form = CheckInForm()
    if not form.validate_on_submit():
        flash(_("Le formulaire a expiré : rechargez la page puis scannez à nouveau."), "error")
        return _back(event)
    return _enter(event, lambda: badges.attendee_for_code(current_user, event, form.code.data))


def _enter(event: Event, find):
    """Check in the attendee `find()` gives (it may refuse too), say so, back to the entrance page."""
    try:
        attendee = find()
        entered = badges.check_in(current_user, event, attendee)
    except badges.CheckInRefused as error:
        db.session.rollback()
        flash(str(error), "error")
        return _back(event)
    message = badges.welcome_message(event, attendee, entered)
    db.session.commit()
    flash(message, "success" if entered else "warning")
    return _back(event)


def _attendee_or_404(event: Event, attendee_id: int):
    attendee = badges.event_attendee(event, attendee_id, approved_only=False)
    if attendee is None:
        abort(404)
    return attendee


@bp.post("/evenements/<int:event_id>/accueil/<int:attendee_id>/present")
@managed_event
def mark_present(event: Event, attendee_id: int):
    attendee = _attendee_or_404(event, attendee_id)
    if not ActionForm().validate_on_submit():
        flash(_("Le formulaire a expiré : rechargez la page puis recommencez."), "error")
        return _back(event)
    return _enter(event, lambda: attendee)


@bp.post("/evenements/<int:event_id>/accueil/<int:attendee_id>/annuler")
@managed_event
def undo(event: Event, attendee_id: int):
    attendee = _attendee_or_404(event, attendee_id)
    if not ActionForm().validate_on_submit():
        flash(_("Le formulaire a expiré : rechargez la page puis recommencez."), "error")
        return _back(event)
    name = attendee.user.full_name
    try:
        undone = badges.undo_check_in(current_user, event, attendee)
    except badges.CheckInRefused as error:
        db.session.rollback()
        flash(str(error), "error")
        return _back(event)
    db.session.commit()
    if undone:
        flash(_("Entrée annulée pour %(name)s : la personne n'est plus comptée présente.", name=name), "success")
    else:
        flash(_("%(name)s n'était pas enregistré·e comme présent·e : rien à annuler.", name=name), "info")
    return _back(event)
