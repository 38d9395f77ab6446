"""The organiser's automatic scheduling of meetings: what there is to place, running the engine,
the preview (placed, unplaced with the reason, meetings and holes per participant), publishing or
discarding it, and the instance and solution as JSON for checks outside the app.

Organisers of the event only (programme.access.event_or_404(for_organiser=True)); anyone else
signed in gets a 404, and a run of another event too. Rules: scheduling_runs.py.
"""
import json

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_datetime, format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from ..engine.scheduling import DEFAULT_TIME_LIMIT
from ..extensions import db
from ..fields import WholeNumberField, bounded
from ..matching.paging import ListPage
from ..programme.access import event_or_404
from ..programme.timezones import to_local
from . import notify
from . import scheduling_runs as services
from .errors import MeetingError
from .grid import settings_of
from .models import RunStatus, SchedulingRun
from .scheduling_preview import percent_label

bp = Blueprint("meeting_scheduling", __name__)
bp.after_request(notify.after_request)

PREFIX = "/evenements/<int:event_id>/rendez-vous/planification"
PER_PAGE = 50
ROWS_PER_BLOCK = 300  # placed meetings shown per block of slots
STATUS_LABELS = {RunStatus.PREVIEW: _l("Aperçu"), RunStatus.PUBLISHED: _l("Publié"),
                 RunStatus.DISCARDED: _l("Abandonné")}


@bp.context_processor
def _helpers():
    def local_when(moment, event) -> str:
        """A stored UTC time as "26/11/2026 14:05" in the event's zone."""
        return format_datetime(to_local(moment, event.timezone), "short", rebase=False) if moment else ""

    return {"local_when": local_when, "percent_of": percent_label}


class RunForm(FlaskForm):
    time_limit = WholeNumberField(_l("Durée maximale du calcul, en secondes (facultatif)"), validators=[
        bounded(1, 30, _l("Indiquez une durée entre 1 et 30 secondes, ou laissez vide."))])


def _event(event_id: int):
    return event_or_404(event_id, for_organiser=True)


def _run(event, run_id: int) -> SchedulingRun:
    run = db.session.get(SchedulingRun, run_id)
    if run is None or run.event_id != event.id:
        abort(404)
    return run


def _render_index(event, form, status=200):
    latest = services.latest_run(event)
    return render_template(
        "meetings/scheduling/index.html", event=event, form=form, settings=settings_of(event),
        counts=services.counts(event), history=services.history(event),
        preview=latest if latest is not None and latest.status == RunStatus.PREVIEW else None,
        auto_limit=DEFAULT_TIME_LIMIT, statuses=STATUS_LABELS), status


@bp.get(PREFIX)
@login_required
def index(event_id):
    event = _event(event_id)
    return _render_index(event, RunForm(formdata=None))


@bp.post(f"{PREFIX}/lancer")
@login_required
def launch(event_id):
    event = _event(event_id)
    form = RunForm()
    if not form.validate():
        return _render_index(event, form, 422)
    try:
        run = services.run(current_user, event, time_limit=form.time_limit.data)
    except MeetingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".index", event_id=event.id))
    db.session.commit()
    seconds = format_decimal(run.elapsed_ms / 1000, format="#,##0.0#")
    flash(" ".join([
        _("Planification calculée en %(seconds)s s :", seconds=seconds),
        ngettext("%(num)d rendez-vous placé,", "%(num)d rendez-vous placés,", run.placed_count),
        ngettext("%(num)d non placé.", "%(num)d non placés.", run.unscheduled_count),
        _("Vérifiez l'aperçu, puis publiez-le."),
    ]), "success")
    return redirect(url_for(".preview", event_id=event.id, run_id=run.id))


def _page_arg(name: str) -> int:
    value = request.args.get(name, type=int)
    return value if value and value > 0 else 1


def _blocks(groups):
    """Slots cut into blocks of about ROWS_PER_BLOCK placed meetings (a slot is never split)."""
    blocks, current, size = [], [], 0
    for group in groups:
        if current and size + len(group.rows) > ROWS_PER_BLOCK:
            blocks.append(current)
            current, size = [], 0
        current.append(group)
        size += len(group.rows)
    if current:
        blocks.append(current)
    return blocks


@bp.get(f"{PREFIX}/<int:run_id>")
@login_required
def preview(event_id, run_id):
    event = _event(event_id)
    run = _run(event, run_id)
    view = services.analyse(run)
    blocks = _blocks(view.groups)
    block = min(_page_arg("tranche"), max(1, len(blocks)))
    shown = blocks[block - 1] if blocks else []
    latest = services.latest_run(event)

    def page_url(name: str, number: int, anchor: str) -> str:
        args = request.args.to_dict()
        args[name] = number
        return url_for(".preview", event_id=event.id, run_id=run.id, _anchor=anchor, **args)

    return render_template(
        "meetings/scheduling/preview.html", event=event, run=run, view=view, statuses=STATUS_LABELS,
        unplaced=ListPage(view.unplaced, _page_arg("np"), PER_PAGE),
        people=ListPage(view.participants, _page_arg("pp"), PER_PAGE),
        blocks=blocks, block=block, shown=shown, open_groups=sum(len(g.rows) for g in shown) <= 60,
        page_url=page_url, settings=settings_of(event),
        can_publish=run.status == RunStatus.PREVIEW and latest is not None and latest.id == run.id)


@bp.post(f"{PREFIX}/<int:run_id>/publier")
@login_required
def publish(event_id, run_id):
    event = _event(event_id)
    run = _run(event, run_id)
    if request.form.get("confirm") != "1":
        flash(_("Rien n'est publié : cochez la case de confirmation, puis cliquez sur « Publier »."), "error")
        return redirect(url_for(".preview", event_id=event.id, run_id=run.id, _anchor="publish-title"))
    try:
        report = services.publish(current_user, run)
    except MeetingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".preview", event_id=event.id, run_id=run.id))
    db.session.commit()
    message = ngettext("%(num)d rendez-vous réservé.", "%(num)d rendez-vous réservés.", report.placed)
    if report.conflicts:
        message += " " + ngettext(
            "%(num)d n'a pas pu l'être : l'un des participants ou la table a été pris entre-temps.",
            "%(num)d n'ont pas pu l'être : l'un des participants ou la table a été pris entre-temps.",
            report.conflicts)
    if report.unplaced:
        message += " " + ngettext("%(num)d rendez-vous accepté reste sans créneau.",
                                  "%(num)d rendez-vous acceptés restent sans créneau.", report.unplaced)
    message += " " + ngettext("%(num)d personne prévenue par e-mail.", "%(num)d personnes prévenues par e-mail.",
                              report.emails)
    flash(message, "warning" if report.conflicts else "success")
    return redirect(url_for(".index", event_id=event.id))


@bp.post(f"{PREFIX}/<int:run_id>/abandonner")
@login_required
def discard(event_id, run_id):
    event = _event(event_id)
    run = _run(event, run_id)
    try:
        services.discard(current_user, run)
    except MeetingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".preview", event_id=event.id, run_id=run.id))
    db.session.commit()
    flash(_("L'aperçu est abandonné : aucun rendez-vous n'a été réservé ni personne prévenu."), "success")
    return redirect(url_for(".index", event_id=event.id))


def _json_download(document: dict, filename: str) -> Response:
    body = json.dumps(document, ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get(f"{PREFIX}/<int:run_id>/instance.json")
@login_required
def instance_json(event_id, run_id):
    event = _event(event_id)
    run = _run(event, run_id)
    return _json_download(run.instance, f"planification-{event.slug}-{run.id}-instance.json")


@bp.get(f"{PREFIX}/<int:run_id>/solution.json")
@login_required
def solution_json(event_id, run_id):
    event = _event(event_id)
    run = _run(event, run_id)
    return _json_download(run.solution, f"planification-{event.slug}-{run.id}-solution.json")
