"""An organisation registers for an event with its attendees; the organiser approves or refuses."""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..organisations.current import current_organisation
from ..organisations.models import Organisation, OrgKind
from . import events_registrations as registrations
from . import events_services as services
from .event_forms import ActionForm, RefusalForm, RegistrationForm
from .event_views import (
    _show_error,
    bp,
    forbidden_page,
    managed_event,
    visible_event_by_slug,
)
from .models import Attendee, Event, EventRegistration, RegistrationStatus


def _registering_org(event: Event) -> Organisation:
    org = current_organisation()
    if org is None:
        flash(_("Créez d'abord la fiche de votre organisation : c'est elle qui s'inscrit à l'événement."), "info")
        abort(redirect(url_for("organisations.create")))
    if org.kind not in registrations.REGISTERING_KINDS:
        abort(forbidden_page(_("Seules les structures de l'ESS et les acheteurs s'inscrivent à un événement. "
                               "Vous agissez pour %(name)s, qui n'en est pas un.", name=org.name)))
    return org


@bp.route("/evenements/<slug>/inscription", methods=["GET", "POST"])
@login_required
def register(slug: str):
    event = visible_event_by_slug(slug)
    org = _registering_org(event)
    registration = registrations.registration_of(event, org)
    live = registration is not None and registration.status in registrations.LIVE
    form = RegistrationForm()
    form.attendees.choices = registrations.member_choices(org)
    if request.method == "GET":
        form.attendees.data = [a.user_id for a in registration.attendees] if live else [current_user.id]
        form.note.data = registration.note if live else None
    if form.validate_on_submit():
        try:
            if live:
                registrations.update_attendees(current_user, registration, form.attendees.data, form.note.data)
            else:
                registration = registrations.register(current_user, event, org, form.attendees.data, form.note.data)
        except services.EventError as error:
            db.session.rollback()
            _show_error(form, error)
        else:
            db.session.commit()
            if live:
                flash(_("Liste des participants enregistrée."), "success")
            elif registration.status == RegistrationStatus.PENDING:
                flash(_("Inscription envoyée. Les organisateurs doivent la valider : les participants recevront "
                        "un e-mail."), "success")
            else:
                flash(_("Votre organisation est inscrite. Les participants peuvent maintenant s'inscrire aux sessions."),
                      "success")
            return redirect(url_for("events.register", slug=event.slug))
    return render_template("programme/events/register.html", event=event, org=org, form=form,
                           registration=registration, live=live, window=services.registration_window(event),
                           action_form=ActionForm())


@bp.post("/evenements/<slug>/inscription/annuler")
@login_required
def cancel_registration(slug: str):
    event = visible_event_by_slug(slug)
    org = _registering_org(event)
    registration = registrations.registration_of(event, org)
    if registration is None:
        abort(404)
    if ActionForm().validate_on_submit():
        try:
            registrations.cancel(current_user, registration)
        except services.EventError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("L'inscription de votre organisation est annulée."), "success")
    return redirect(url_for("events.show", slug=event.slug))


@bp.get("/evenements/<int:event_id>/inscriptions", endpoint="registrations")
@managed_event
def registrations_list(event: Event):
    status = request.args.get("statut")
    status = status if status in {s.value for s in RegistrationStatus} else None
    kind = request.args.get("type")
    kind = kind if kind in registrations.REGISTERING_KINDS else None
    statement = (select(EventRegistration).join(Organisation, Organisation.id == EventRegistration.organisation_id)
                 .where(EventRegistration.event_id == event.id)
                 .options(selectinload(EventRegistration.organisation),
                          selectinload(EventRegistration.attendees).selectinload(Attendee.user)))
    if status:
        statement = statement.where(EventRegistration.status == status)
    if kind:
        statement = statement.where(Organisation.kind == kind)
    statement = statement.order_by(EventRegistration.created_at.desc(), EventRegistration.id.desc())
    page = db.paginate(statement, page=request.args.get("page", 1, type=int),
                       per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template("programme/events/registrations.html", event=event, page=page, status=status, kind=kind,
                           counts=registrations.status_counts(event), attendees=registrations.attendee_count(event),
                           action_form=ActionForm(), refusal_form=RefusalForm(), kinds=_kinds())


def _kinds() -> list[tuple[str, str]]:
    return [(OrgKind.SSE.value, _("Structures de l'ESS")), (OrgKind.BUYER.value, _("Acheteurs"))]


def _registration_or_404(event: Event, registration_id: int) -> EventRegistration:
    registration = db.session.get(EventRegistration, registration_id)
    if registration is None or registration.event_id != event.id:
        abort(404)
    return registration


@bp.post("/evenements/<int:event_id>/inscriptions/<int:registration_id>/valider")
@managed_event
def approve_registration(event: Event, registration_id: int):
    return _decide(event, _registration_or_404(event, registration_id), ActionForm(), approve=True)


@bp.post("/evenements/<int:event_id>/inscriptions/<int:registration_id>/refuser")
@managed_event
def refuse_registration(event: Event, registration_id: int):
    registration = _registration_or_404(event, registration_id)
    form = RefusalForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for e in form.reason.errors) or _("Le formulaire a expiré : recommencez."), "error")
        return _back(event)
    return _decide(event, registration, form, approve=False)


def _decide(event: Event, registration: EventRegistration, form, approve: bool):
    if not form.validate_on_submit():
        return _back(event)
    name = registration.organisation.name
    try:
        changed = registrations.decide(current_user, registration, approve, getattr(form, "reason", None) and
                                       form.reason.data)
    except services.EventError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _back(event)
    db.session.commit()
    if changed and not registrations.notify_decision(registration):
        flash(_("La décision est enregistrée, mais un e-mail n'a pas pu être envoyé aux participants."), "warning")
    if not changed:
        flash(_("L'inscription de %(name)s était déjà validée.", name=name) if approve
              else _("L'inscription de %(name)s était déjà refusée.", name=name), "info")
    else:
        flash(_("Inscription de %(name)s validée.", name=name) if approve
              else _("Inscription de %(name)s refusée.", name=name), "success")
    return _back(event)


def _back(event: Event):
    target = request.form.get("next") or ""
    allowed = (url_for("events.registrations", event_id=event.id),
               url_for("event_participants.index", event_id=event.id))
    if not target.startswith(allowed):
        target = url_for("events.registrations", event_id=event.id)
    return redirect(target)
