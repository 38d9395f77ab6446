"""The organiser's meeting grid of an event: offering meetings, settings, periods (and the slots they
give), tables and buyers' stands, and the participants overview. Organisers of the event only;
anyone else gets a 404. Rules: grid_services.py; what the pages show: grid_overview.py.
"""
from functools import wraps

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..extensions import db
from ..programme.access import event_or_404
from ..programme.event_forms import ActionForm
from ..programme.models import Event
from ..search_filters import search_words
from . import grid, grid_overview, notify
from . import grid_services as services
from .errors import MeetingError
from .grid_forms import (
    EXAMPLE_PATTERN,
    AddTablesForm,
    PeriodForm,
    RenameTableForm,
    SettingsForm,
    StandForm,
)
from .models import MeetingParticipant, MeetingPeriod, MeetingTable

bp = Blueprint("meeting_grid", __name__)
bp.after_request(notify.after_request)

PREFIX = "/evenements/<int:event_id>/rendez-vous"


def organised_event(view):
    """Route decorator: signed in, and an organiser of <event_id> (else 404); the view gets `event`."""
    @wraps(view)
    @login_required
    def wrapper(event_id: int, **kwargs):
        return view(event=event_or_404(event_id, for_organiser=True), **kwargs)
    return wrapper


def _show_error(form, error: MeetingError) -> None:
    field = getattr(form, getattr(error, "field", None) or "", None)
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, str(error)]
    else:
        flash(str(error), "error")


def _flash_slots(changes) -> None:
    total = changes.kept + changes.added
    flash(ngettext("Grille enregistrée : %(num)d créneau.", "Grille enregistrée : %(num)d créneaux.", total), "success")


# --- The grid: settings and periods --------------------------------------------------------------

def _render_grid(event: Event, settings, settings_form=None, period_form=None, status=200):
    context = {"event": event, "settings": settings, "action_form": ActionForm()}
    if settings is not None:
        context.update(
            settings_form=settings_form or SettingsForm(
                data={name: getattr(settings, name) for name in services.SETTINGS_FIELDS}),
            period_form=period_form or PeriodForm().prepare(event),
            periods=[(p, services.period_label(p, event)) for p in grid.event_periods(event.id)],
            days=grid_overview.slot_days(event), example_pattern=EXAMPLE_PATTERN)
    return render_template("meetings/grid/edit.html", **context), status


@bp.route(f"{PREFIX}/grille", methods=["GET", "POST"], endpoint="edit")
@organised_event
def edit(event: Event):
    settings = grid.settings_of(event)
    if settings is None:
        return _render_grid(event, None)
    if request.method == "POST":
        form = SettingsForm()
        if form.validate_on_submit():
            try:
                changes = services.update_settings(current_user, event, form.settings_data())
            except MeetingError as error:
                db.session.rollback()
                _show_error(form, error)
            else:
                db.session.commit()
                _flash_slots(changes)
                return redirect(url_for("meeting_grid.edit", event_id=event.id))
        return _render_grid(event, grid.settings_of(event), settings_form=form)
    return _render_grid(event, settings)


@bp.post(f"{PREFIX}/grille/proposer", endpoint="offer")
@organised_event
def offer(event: Event):
    if ActionForm().validate_on_submit():
        try:
            services.offer_meetings(current_user, event)
        except MeetingError as error:
            db.session.rollback()
            flash(str(error), "info")
        else:
            db.session.commit()
            flash(_("Rendez-vous d'affaires proposés. Ajoutez maintenant les plages horaires, puis ouvrez-les "
                    "aux participants."), "success")
    return redirect(url_for("meeting_grid.edit", event_id=event.id))


@bp.post(f"{PREFIX}/grille/plages", endpoint="add_period")
@organised_event
def add_period(event: Event):
    settings = grid.settings_of(event)
    if settings is None:
        return redirect(url_for("meeting_grid.edit", event_id=event.id))
    form = PeriodForm().prepare(event)
    if form.validate_on_submit():
        try:
            changes = services.add_period(current_user, event, form.day.data, form.start_time.data,
                                          form.end_time.data)
        except MeetingError as error:
            db.session.rollback()
            _show_error(form, error)
        else:
            db.session.commit()
            _flash_slots(changes)
            return redirect(url_for("meeting_grid.edit", event_id=event.id))
    return _render_grid(event, grid.settings_of(event), period_form=form)


@bp.post(f"{PREFIX}/grille/plages/<int:period_id>/supprimer", endpoint="delete_period")
@organised_event
def delete_period(event: Event, period_id: int):
    period = db.session.get(MeetingPeriod, period_id)
    if period is None or period.event_id != event.id:
        abort(404)
    if ActionForm().validate_on_submit():
        try:
            changes = services.delete_period(current_user, period)
        except MeetingError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            _flash_slots(changes)
    return redirect(url_for("meeting_grid.edit", event_id=event.id))


# --- Tables and stands ---------------------------------------------------------------------------

def _table_or_404(event: Event, table_id: int) -> MeetingTable:
    table = db.session.get(MeetingTable, table_id)
    if table is None or table.event_id != event.id:
        abort(404)
    return table


def _participant_or_404(event: Event, participant_id: int) -> MeetingParticipant:
    participant = db.session.get(MeetingParticipant, participant_id)
    if participant is None or participant.event_id != event.id:
        abort(404)
    return participant


def _render_tables(event: Event, add_form=None, rename=None, stand=None, status=200):
    """The tables page; `rename` (table id, form) and `stand` (participant id, form) carry a form in error."""
    settings = grid.settings_of(event)
    tables = grid.event_tables(event.id)
    buyers = services.stand_participants(event) if settings is not None else []
    stand_forms = {p.id: StandForm(formdata=None, prefix=f"p{p.id}").prepare(services.stand_choices(event, p))
                   for p in buyers}
    for p in buyers:
        if p.stand_table_id:
            stand_forms[p.id].table_id.data = p.stand_table_id
    if stand is not None:
        stand_forms[stand[0]] = stand[1]
    rename_forms = {t.id: RenameTableForm(formdata=None, prefix=f"t{t.id}", data={"name": t.name}) for t in tables}
    if rename is not None:
        rename_forms[rename[0]] = rename[1]
    stands = {p.stand_table_id: p for p in buyers if p.stand_table_id}
    return render_template(
        "meetings/grid/tables.html", event=event, settings=settings, tables=tables, buyers=buyers,
        stands=stands, usage=services.table_usage(event), add_form=add_form or AddTablesForm(formdata=None),
        rename_forms=rename_forms, stand_forms=stand_forms, action_form=ActionForm(),
        open_rename=rename[0] if rename else None), status


@bp.get(f"{PREFIX}/tables", endpoint="tables")
@organised_event
def tables(event: Event):
    return _render_tables(event)


@bp.post(f"{PREFIX}/tables/ajouter", endpoint="add_tables")
@organised_event
def add_tables(event: Event):
    form = AddTablesForm()
    if form.validate_on_submit():
        try:
            made = services.add_tables(current_user, event, form.prefix.data, form.count.data)
        except MeetingError as error:
            db.session.rollback()
            _show_error(form, error)
        else:
            db.session.commit()
            flash(ngettext("%(num)d table ajoutée : %(names)s.", "%(num)d tables ajoutées : %(first)s à %(last)s.",
                           len(made), names=made[0].name, first=made[0].name, last=made[-1].name), "success")
            return redirect(url_for("meeting_grid.tables", event_id=event.id))
    return _render_tables(event, add_form=form)


@bp.post(f"{PREFIX}/tables/<int:table_id>/renommer", endpoint="rename_table")
@organised_event
def rename_table(event: Event, table_id: int):
    table = _table_or_404(event, table_id)
    form = RenameTableForm(prefix=f"t{table.id}")
    if form.validate_on_submit():
        old = table.name
        try:
            services.rename_table(current_user, table, form.name.data)
        except MeetingError as error:
            db.session.rollback()
            _show_error(form, error)
        else:
            db.session.commit()
            flash(_("La table « %(old)s » s'appelle maintenant « %(new)s ».", old=old, new=table.name), "success")
            return redirect(url_for("meeting_grid.tables", event_id=event.id))
    flash(_("La table n'est pas renommée : %(errors)s", errors=" ".join(str(e) for e in form.name.errors)
            or _("le formulaire a expiré, recommencez.")), "error")
    return _render_tables(event, rename=(table.id, form))


@bp.post(f"{PREFIX}/tables/<int:table_id>/activer", endpoint="activate_table")
@organised_event
def activate_table(event: Event, table_id: int):
    return _set_active(event, _table_or_404(event, table_id), True)


@bp.post(f"{PREFIX}/tables/<int:table_id>/desactiver", endpoint="deactivate_table")
@organised_event
def deactivate_table(event: Event, table_id: int):
    return _set_active(event, _table_or_404(event, table_id), False)


def _set_active(event: Event, table: MeetingTable, active: bool):
    if ActionForm().validate_on_submit():
        booked = services.set_table_active(current_user, table, active)
        db.session.commit()
        if active:
            flash(_("La table « %(name)s » est active.", name=table.name), "success")
        elif booked:
            flash(ngettext("La table « %(name)s » est désactivée : elle ne reçoit plus de nouveau rendez-vous. "
                           "Le rendez-vous déjà réservé à cette table est maintenu.",
                           "La table « %(name)s » est désactivée : elle ne reçoit plus de nouveau rendez-vous. "
                           "Les %(num)d rendez-vous déjà réservés à cette table sont maintenus.", booked,
                           name=table.name), "success")
        else:
            flash(_("La table « %(name)s » est désactivée : elle ne reçoit plus de rendez-vous.", name=table.name),
                  "success")
    return redirect(url_for("meeting_grid.tables", event_id=event.id))


@bp.post(f"{PREFIX}/tables/<int:table_id>/supprimer", endpoint="delete_table")
@organised_event
def delete_table(event: Event, table_id: int):
    table = _table_or_404(event, table_id)
    if ActionForm().validate_on_submit():
        name = table.name
        deleted = services.delete_table(current_user, table)
        db.session.commit()
        if deleted:
            flash(_("La table « %(name)s » est supprimée.", name=name), "success")
        else:
            flash(_("La table « %(name)s » a déjà accueilli des rendez-vous : elle ne peut pas être supprimée, "
                    "elle est désactivée à la place.", name=name), "warning")
    return redirect(url_for("meeting_grid.tables", event_id=event.id))


@bp.post(f"{PREFIX}/stands/<int:participant_id>", endpoint="assign_stand")
@organised_event
def assign_stand(event: Event, participant_id: int):
    participant = _participant_or_404(event, participant_id)
    form = StandForm(prefix=f"p{participant.id}").prepare(services.stand_choices(event, participant))
    if form.validate_on_submit():
        table = db.session.get(MeetingTable, form.table_id.data) if form.table_id.data else None
        try:
            if table is None:
                raise services.GridFieldError(_("Choisissez une table de cet événement."), "table_id")
            services.assign_stand(current_user, participant, table)
        except MeetingError as error:
            db.session.rollback()
            # Next to the field and in the one flash below (not a second, "expired form" message).
            form.table_id.errors = [*form.table_id.errors, str(error)]
        else:
            db.session.commit()
            flash(_("%(org)s a maintenant son stand à la table « %(name)s ».", org=participant.organisation.name,
                    name=table.name), "success")
            return redirect(url_for("meeting_grid.tables", event_id=event.id))
    flash(_("Le stand n'est pas attribué : %(errors)s", errors=" ".join(str(e) for e in form.table_id.errors)
            or _("le formulaire a expiré, recommencez.")), "error")
    return _render_tables(event, stand=(participant.id, form))


@bp.post(f"{PREFIX}/stands/<int:participant_id>/retirer", endpoint="remove_stand")
@organised_event
def remove_stand(event: Event, participant_id: int):
    participant = _participant_or_404(event, participant_id)
    if ActionForm().validate_on_submit():
        services.remove_stand(current_user, participant)
        db.session.commit()
        flash(_("%(org)s n'a plus de stand : sa table rejoint les tables partagées.",
                org=participant.organisation.name), "success")
    return redirect(url_for("meeting_grid.tables", event_id=event.id))


# --- Participants overview -----------------------------------------------------------------------

@bp.get(f"{PREFIX}/participants", endpoint="participants")
@organised_event
def participants(event: Event):
    settings = grid.settings_of(event)
    q = (request.args.get("q") or "").strip()[:200]
    kind = request.args.get("type")
    kind = kind if kind in grid_overview.KINDS else None
    page = grid_overview.participants_page(event, search_words(q), kind, request.args.get("page", 1, type=int),
                                           current_app.config["PER_PAGE"])
    return render_template("meetings/grid/participants.html", event=event, settings=settings, page=page, q=q,
                           kind=kind, counts=grid_overview.meeting_counts([p.id for p in page.items]),
                           kinds=grid_overview.kind_counts(event))
