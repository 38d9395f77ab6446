"""The organiser's timetable: the grid of rooms by time for each day, the session form, moving,
cancelling and publishing sessions. Organisers of the event only; anyone else gets a 404.

Rules: timetable_services.py. The grid: timetable_grid.py.
"""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..organisations.models import Organisation
from . import timetable_services as services
from .access import event_or_404
from .models import EventRegistration, ProgrammeSession, RegistrationStatus
from .timetable_forms import (
    BLANK_SPEAKERS,
    MORE_SPEAKERS,
    MoveForm,
    SessionForm,
    initial_data,
    parse_time,
)
from .timetable_grid import build_grid, day_sessions, event_days
from .timetable_messages import local_day, local_span, local_time
from .timezones import now_utc, to_local

bp = Blueprint("timetable", __name__)

MORE_SPEAKERS_BUTTON = "more_speakers"
PREFIX = "/evenements/<int:event_id>/programme"


@bp.after_request
def _send_notices(response):
    """E-mails to the registrants of sessions changed by this request, now that it has committed."""
    services.notices.send_queued()
    return response


@bp.app_template_filter("timetable_time")
def timetable_time(moment, event) -> str:
    """A stored UTC time as "10:00" in the event's zone."""
    return local_time(moment, event.timezone)


@bp.app_template_filter("timetable_day")
def timetable_day(day: date, fmt: str = "EEEE d MMMM") -> str:
    """A day in words: "mardi 12 mai"."""
    return local_day(day, fmt=fmt)


@bp.app_template_global()
def timetable_span(session: ProgrammeSession) -> str:
    """"mardi 12 mai, 10:00 – 11:30" in the session's event zone."""
    return local_span(session.starts_at, session.ends_at, session.event.timezone)


def _event(event_id: int):
    return event_or_404(event_id, for_organiser=True)


def _session(event, session_id: int) -> ProgrammeSession:
    session = db.session.get(ProgrammeSession, session_id)
    if session is None or session.event_id != event.id:
        abort(404)
    return session


def _chosen_day(event, text: str | None) -> date:
    days = event_days(event)
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        day = None
    if day in days:
        return day
    today = to_local(now_utc(), event.timezone).date()
    return today if today in days else days[0]


def _grid_url(event, day: date) -> str:
    return url_for("timetable.grid", event_id=event.id, jour=day.isoformat())


@bp.get(f"{PREFIX}/grille")
def grid(event_id):
    event = _event(event_id)
    day = _chosen_day(event, request.args.get("jour"))
    sessions = day_sessions(event, day)
    return render_template("programme/timetable/grid.html", event=event, day=day, days=event_days(event),
                           grid=build_grid(event, day, sessions), kind_labels=services.KIND_LABELS)


def _organisations(event, session):
    """Organisations speakers may come from: the organiser, those registered, those already chosen."""
    registered = select(EventRegistration.organisation_id).where(
        EventRegistration.event_id == event.id,
        EventRegistration.status.in_((RegistrationStatus.PENDING, RegistrationStatus.APPROVED)))
    chosen = [s.organisation_id for s in session.speakers if s.organisation_id] if session else []
    return db.session.scalars(select(Organisation).where(
        Organisation.id.in_(registered) | Organisation.id.in_([event.organiser_organisation_id, *chosen]))
        .order_by(Organisation.name)).all()


def _prefill(event):
    """Room, day and start of a new session from the grid's "Ajouter" link (?salle=&jour=&debut=)."""
    room_id = request.args.get("salle", type=int)
    room_id = room_id if room_id in {r.id for r in event.rooms} else None
    day = _chosen_day(event, request.args.get("jour"))
    try:
        start = parse_time(request.args.get("debut"))
    except ValueError:
        start = None
    return room_id, day, start


def _session_form(event, session):
    if request.method == "POST":
        form = SessionForm(formdata=request.form)
    else:
        room_id, day, start = _prefill(event) if session is None else (None, None, None)
        form = SessionForm(formdata=None, data=initial_data(event, session, room_id, day, start))
    form.prepare(event, session, _organisations(event, session))
    if request.method == "GET":
        form.add_blank_speakers(BLANK_SPEAKERS)
    return form


def _wants_more_speakers(form) -> bool:
    if request.method != "POST" or MORE_SPEAKERS_BUTTON not in request.form:
        return False
    form.add_blank_speakers(MORE_SPEAKERS)
    return True


def _render_form(event, form, session=None, move_form=None):
    if session is not None:
        back_day = to_local(session.starts_at, event.timezone).date()
    else:
        back_day = form.day.data if isinstance(form.day.data, date) else event.starts_on
    return render_template("programme/timetable/form.html", event=event, form=form, session=session,
                           back_day=back_day.isoformat(),
                           move_form=move_form, more_speakers_button=MORE_SPEAKERS_BUTTON,
                           registrants=services.notices.registrant_count(session) if session else 0,
                           kind_labels=services.KIND_LABELS)


@bp.route(f"{PREFIX}/seances/nouvelle", methods=["GET", "POST"])
def create_session(event_id):
    event = _event(event_id)
    if not event.rooms and request.method == "GET":
        flash(_("Cet événement n'a pas encore de salle : la séance se tiendra en ligne, ou ajoutez d'abord "
                "des salles à l'événement."), "info")
    form = _session_form(event, None)
    if request.method == "POST" and not _wants_more_speakers(form) and form.validate():
        try:
            session = services.create_session(current_user, event, form.session_data(event))
        except services.TimetableError as error:
            form.show_errors(error.errors)
        else:
            db.session.commit()
            flash(_("La séance « %(title)s » est ajoutée au programme.", title=session.title), "success")
            return redirect(_grid_url(event, to_local(session.starts_at, event.timezone).date()))
    return _render_form(event, form)


def _move_form(event, session, formdata=None):
    form = MoveForm(formdata=formdata, prefix="move",
                    data=None if formdata else initial_data(event, session))
    form.prepare(event, session)
    return form


@bp.route(f"{PREFIX}/seances/<int:session_id>/modifier", methods=["GET", "POST"])
def edit_session(event_id, session_id):
    event = _event(event_id)
    session = _session(event, session_id)
    form = _session_form(event, session)
    if request.method == "POST" and not _wants_more_speakers(form) and form.validate():
        try:
            changed = services.update_session(current_user, session, form.session_data(event))
        except services.TimetableError as error:
            form.show_errors(error.errors)
        else:
            db.session.commit()
            _flash_saved(session, changed)
            return redirect(_grid_url(event, to_local(session.starts_at, event.timezone).date()))
    return _render_form(event, form, session, _move_form(event, session))


@bp.post(f"{PREFIX}/seances/<int:session_id>/deplacer")
def move_session(event_id, session_id):
    event = _event(event_id)
    session = _session(event, session_id)
    move = _move_form(event, session, request.form)
    if move.validate():
        start, end = move.times_utc(event)
        try:
            changed = services.move_session(current_user, session, move.room_value(), start, end)
        except services.TimetableError as error:
            move.show_errors(error.errors)
        else:
            db.session.commit()
            _flash_saved(session, changed)
            return redirect(_grid_url(event, to_local(session.starts_at, event.timezone).date()))
    db.session.rollback()
    form = SessionForm(formdata=None, data=initial_data(event, session))
    form.prepare(event, session, _organisations(event, session))
    return _render_form(event, form, session, move), 422


def _flash_saved(session, changed: bool) -> None:
    if session.is_published and changed:
        flash(_("La séance « %(title)s » est enregistrée. Les personnes inscrites sont prévenues par e-mail "
                "si son horaire, sa salle ou son lien a changé.", title=session.title), "success")
    else:
        flash(_("La séance « %(title)s » est enregistrée.", title=session.title), "success")


@bp.post(f"{PREFIX}/seances/<int:session_id>/annuler")
def cancel_session(event_id, session_id):
    event = _event(event_id)
    session = _session(event, session_id)
    if request.form.get("confirm") != "1" and not session.is_cancelled:
        flash(_("La séance n'est pas annulée : cochez la case de confirmation, puis cliquez sur « Annuler la "
                "séance »."), "error")
        return redirect(url_for("timetable.edit_session", event_id=event.id, session_id=session.id,
                                _anchor="status-title"))
    if services.cancel_session(current_user, session):
        db.session.commit()
        flash(_("La séance « %(title)s » est annulée. Elle reste visible, marquée comme annulée, et les "
                "personnes inscrites ou en liste d'attente sont prévenues par e-mail.", title=session.title),
              "success")
    return redirect(_grid_url(event, to_local(session.starts_at, event.timezone).date()))


@bp.post(f"{PREFIX}/seances/<int:session_id>/publication")
def publication(event_id, session_id):
    event = _event(event_id)
    session = _session(event, session_id)
    published = request.form.get("published") == "1"
    try:
        if services.set_published(current_user, session, published):
            db.session.commit()
    except services.TimetableError as error:
        flash(str(error), "error")
        return redirect(url_for("timetable.edit_session", event_id=event.id, session_id=session.id))
    if published:
        flash(_("La séance « %(title)s » est publiée dans le programme.", title=session.title), "success")
    else:
        flash(_("La séance « %(title)s » n'est plus publiée : seuls les organisateurs la voient.",
                title=session.title), "success")
    return redirect(_grid_url(event, to_local(session.starts_at, event.timezone).date()))
