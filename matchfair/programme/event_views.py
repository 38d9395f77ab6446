"""Events pages: the public list and page of an event; organisers create, edit and manage them.

Rooms: event_room_views.py; organisations' registrations: event_registration_views.py (both on
this blueprint). Who may do what: access.py and `organiser_required` below; rules: events_services.py.
"""
from functools import wraps

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from ..extensions import db
from ..organisations.current import current_organisation
from ..organisations.models import OrgKind
from ..backoffice import badges
from ..meetings import grid as meeting_grid
from ..meetings import outcomes as meeting_outcomes
from . import events_registrations as registrations
from . import events_services as services
from .access import event_or_404, is_event_organiser
from .event_forms import EventForm, event_initial
from .models import Event, ProgrammeSession
from .timezones import now_utc

bp = Blueprint("events", __name__)

bp.add_app_template_global(services.when_text, "event_when")
bp.add_app_template_global(services.zone_text, "event_zone")
bp.add_app_template_global(services.date_range_text, "event_dates")


@bp.context_processor
def _labels():
    return {"registration_labels": {
        "pending": _("En attente de validation"), "approved": _("Validée"), "refused": _("Refusée"),
        "cancelled": _("Annulée"),
    }, "window_labels": {"upcoming": _("Bientôt ouvertes"), "open": _("Ouvertes"), "closed": _("Closes")}}


def forbidden_page(message: str):
    """A 403 page with a sentence saying why."""
    return make_response(render_template("errors/error.html", code=403, title=_("Accès refusé"), text=message), 403)


def organiser_required(view):
    """Route decorator: signed in and acting for an organiser organisation; the view receives `org`."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        org = current_organisation()
        if org is None or org.kind != OrgKind.ORGANISER:
            abort(forbidden_page(_("Seuls les organisateurs du salon créent des événements. Si vous êtes aussi "
                                   "membre d'une organisation organisatrice, choisissez-la depuis votre tableau de bord.")))
        return view(*args, org=org, **kwargs)
    return wrapper


def managed_event(view):
    """Route decorator: login, then an organiser of <event_id> (else 404); the view receives `event`."""
    @wraps(view)
    @login_required
    def wrapper(event_id: int, **kwargs):
        return view(event=event_or_404(event_id, for_organiser=True), **kwargs)
    return wrapper


def visible_event_by_slug(slug: str) -> Event:
    """The event with `slug`: published, or seen by one of its organisers; else a 404."""
    event = db.session.scalar(select(Event).where(Event.slug == slug))
    if event is None or not (event.is_published or is_event_organiser(current_user, event)):
        abort(404)
    return event


@bp.get("/evenements")
def index():
    today = now_utc().date()
    published = select(Event).where(Event.is_published)
    upcoming = db.session.scalars(published.where(Event.ends_on >= today).order_by(Event.starts_on, Event.id)).all()
    past = db.paginate(published.where(Event.ends_on < today).order_by(Event.starts_on.desc(), Event.id.desc()),
                       page=request.args.get("page", 1, type=int), per_page=current_app.config["PER_PAGE"],
                       error_out=False)
    org = current_organisation() if current_user.is_authenticated else None
    organising = None
    if org is not None and org.kind == OrgKind.ORGANISER:
        organising = db.session.scalars(select(Event).where(Event.organiser_organisation_id == org.id)
                                        .order_by(Event.starts_on.desc(), Event.id.desc())).all()
    return render_template("programme/events/index.html", upcoming=upcoming, past=past, organising=organising,
                           org=org)


@bp.route("/evenements/nouveau", methods=["GET", "POST"])
@organiser_required
def create(org):
    form = EventForm()
    if form.validate_on_submit():
        try:
            event = services.create_event(current_user, org, form.event_data(), form.slug.data)
        except services.EventError as error:
            db.session.rollback()
            _show_error(form, error)
        else:
            db.session.commit()
            flash(_("Événement créé. Ajoutez maintenant ses salles, puis ses sessions."), "success")
            return redirect(url_for("events.manage", event_id=event.id))
    return render_template("programme/events/form.html", form=form, event=None, org=org)


@bp.route("/evenements/<int:event_id>/modifier", methods=["GET", "POST"])
@managed_event
def edit(event: Event):
    form = EventForm() if request.method == "POST" else EventForm(data=event_initial(event))
    if form.validate_on_submit():
        try:
            services.update_event(current_user, event, form.event_data(), form.slug.data)
        except services.EventError as error:
            db.session.rollback()
            _show_error(form, error)
        else:
            db.session.commit()
            flash(_("Modifications enregistrées."), "success")
            return redirect(url_for("events.manage", event_id=event.id))
    return render_template("programme/events/form.html", form=form, event=event, org=event.organiser)


def _show_error(form, error: services.EventError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error)]
    else:
        flash(str(error), "error")


@bp.get("/evenements/<int:event_id>/gestion")
@managed_event
def manage(event: Event):
    session_count = db.session.scalar(select(func.count(ProgrammeSession.id)).where(
        ProgrammeSession.event_id == event.id))
    published_count = db.session.scalar(select(func.count(ProgrammeSession.id)).where(
        ProgrammeSession.event_id == event.id, ProgrammeSession.is_published,
        ProgrammeSession.is_cancelled.is_(False)))
    return render_template("programme/events/manage.html", event=event, window=services.registration_window(event),
                           counts=registrations.status_counts(event), attendees=registrations.attendee_count(event),
                           session_count=session_count, published_count=published_count,
                           meeting_settings=meeting_grid.settings_of(event),
                           meeting_figures=meeting_outcomes.outcome_counts(event),
                           attendance=badges.attendance_counts(event))


@bp.get("/evenements/<slug>")
def show(slug: str):
    event = visible_event_by_slug(slug)
    org = current_organisation() if current_user.is_authenticated else None
    return render_template("programme/events/show.html", event=event, window=services.registration_window(event),
                           org=org, registration=registrations.registration_of(event, org),
                           can_register=org is not None and org.kind in registrations.REGISTERING_KINDS,
                           is_organiser=is_event_organiser(current_user, event),
                           attending=services.attending_event(current_user, event))


from . import event_registration_views, event_room_views  # noqa: F401  (routes on this blueprint)
