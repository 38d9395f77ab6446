"""A meeting's page and its actions (book, move, cancel, check-in, absence, outcome, .ics), and the
organisers' day-of pages. The rules: booking.py and outcomes.py; the day's lists: dayof.py."""
from datetime import datetime
from itertools import groupby

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
from flask_babel import format_date, format_time
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..directory.services import get_public_profile
from ..extensions import db
from ..programme.access import event_or_404
from ..programme.calendars import meeting_calendar
from ..programme.registration_mail import format_when
from ..programme.timezones import to_local
from ..timeutil import utcnow
from ..urls import safe_next
from . import booking, notify, outcomes
from . import dayof as day_lists
from .access import meeting_or_404
from .availability import free_slots, meeting_cap
from .errors import MeetingError
from .grid import event_slots, event_tables, settings_of
from .meeting_forms import ActionForm, CancelForm, NoShowForm, OutcomeForm, SlotForm
from .models import MeetingStatus, MeetingTable
from .requests import shown_status

bp = Blueprint("meetings", __name__)
bp.after_request(notify.after_request)
# For the e-mails (rendered outside this blueprint's requests too): meeting_when(starts, ends, zone).
bp.add_app_template_global(format_when, "meeting_when")

@bp.context_processor
def _helpers():
    def hour(moment: datetime, event) -> str:
        return format_time(to_local(moment, event.timezone), "short", rebase=False)

    def day_text(day) -> str:
        text = format_date(day, "full")
        return text[:1].upper() + text[1:]

    def day_inline(day) -> str:
        """The day inside a sentence ("Annulé le mardi 5 janvier 2027."): the language's own case."""
        return format_date(day, "full")

    def local_day(moment: datetime, event):
        return to_local(moment, event.timezone).date()

    def status_label(status: str) -> str:
        return {
            MeetingStatus.REQUESTED: _("Demande en attente de réponse"), MeetingStatus.ACCEPTED: _("Accepté"),
            MeetingStatus.DECLINED: _("Refusé"), MeetingStatus.EXPIRED: _("Demande expirée"),
            MeetingStatus.WITHDRAWN: _("Demande retirée"), MeetingStatus.CANCELLED: _("Annulé"),
        }.get(status, status)

    return {"hour": hour, "day_text": day_text, "day_inline": day_inline, "local_day": local_day,
            "status_label": status_label,
            "outcome_label": lambda kind: outcomes.OUTCOME_LABELS.get(kind, kind)}


def _by_day(slots, event) -> list:
    return [(day, list(group)) for day, group in groupby(slots, key=lambda s: to_local(s.starts_at, event.timezone).date())]


def _link(endpoint: str, **values) -> str | None:
    """The address of another part's page (participation, requests), when that page exists."""
    return url_for(endpoint, **values) if endpoint in current_app.view_functions else None


def _public_profile(participant) -> bool:
    return get_public_profile(participant.organisation_id) is not None


def _render_show(meeting, *, slot_form=None, cancel_form=None, outcome_form=None, status=200):
    now = utcnow()
    event = meeting.event
    side, organiser = booking.actor(current_user, meeting)
    settings = settings_of(event.id)
    accepted = meeting.status == MeetingStatus.ACCEPTED
    slot = meeting.slot
    may_book = accepted and settings is not None and (
        organiser or (settings.direct_booking and settings.is_open))
    can_book = may_book and slot is None
    can_move = may_book and slot is not None and slot.starts_at > now
    # A side at its cap of booked meetings: say so instead of offering slots that booking refuses.
    capped = [p for p in meeting.participants if can_book and _at_cap(p)]
    slots = free_slots(meeting, now=now) if ((can_book and not capped) or can_move) else []
    future_slots = [s for s in event_slots(event.id) if s.starts_at > now] if settings is not None else []
    my_outcome = outcomes.outcome_of(meeting, side) if side is not None else None
    if outcome_form is None and side is not None:
        outcome_form = OutcomeForm(formdata=None, obj=my_outcome)
    return render_template(
        "meetings/meeting/show.html", meeting=meeting, event=event, side=side, organiser=organiser,
        status=shown_status(meeting, now), answer_links="meeting_requests.accept" in current_app.view_functions,
        other=meeting.other(side) if side is not None else None, settings=settings, now=now,
        listed={p.id: _public_profile(p) for p in meeting.participants},
        when=format_when(slot.starts_at, slot.ends_at, event.timezone) if slot is not None else None,
        last_when=(format_when(meeting.last_slot.starts_at, meeting.last_slot.ends_at, event.timezone)
                   if meeting.last_slot is not None else None),
        venue=", ".join(p for p in (event.venue_name, event.venue_address) if p),
        can_book=can_book, can_move=can_move, capped=capped, may_book=may_book, free_days=_by_day(slots, event),
        future_slots=future_slots, participation_link=_link("meeting_participation.availability", event_id=event.id),
        hub_link=_link("meeting_requests.hub", event_id=event.id),
        can_cancel=accepted and (slot is None or slot.ends_at > now),
        can_check_in=booking.can_check_in(meeting, now) and meeting.checked_in_at is None,
        can_no_show=accepted and slot is not None and slot.starts_at <= now,
        can_undo_no_show=booking.can_undo_no_show(meeting, side, organiser),
        can_record=side is not None and outcomes.can_record(meeting, now),
        check_in_opens=booking.check_in_window(meeting)[0] if slot is not None else None,
        my_outcome=my_outcome, all_outcomes=meeting.outcomes if organiser else [],
        slot_form=slot_form or SlotForm(formdata=None), cancel_form=cancel_form or CancelForm(formdata=None),
        outcome_form=outcome_form, action_form=ActionForm(formdata=None),
        has_ics=side is not None and (meeting.slot_id or meeting.last_slot_id),
    ), status


def _at_cap(participant) -> bool:
    cap = meeting_cap(participant)
    return cap is not None and booking.booked_count(participant) >= cap


def _back(meeting):
    target = safe_next(request.form.get("next"))
    return redirect(target or url_for("meetings.show", meeting_id=meeting.id))


@bp.get("/rendez-vous/<int:meeting_id>")
@login_required
def show(meeting_id: int):
    return _render_show(meeting_or_404(meeting_id))


def _by_organiser(meeting) -> bool:
    """True when the user acted as an organiser (on neither side): both sides get the e-mail."""
    return booking.side_for(current_user, meeting) is None


def _slot_action(meeting_id: int, action, done):
    """`done(when, both)`: the flash message (`both`: the two sides were e-mailed, not the other one)."""
    meeting = meeting_or_404(meeting_id)
    form = SlotForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            flash(_("Le formulaire a expiré : choisissez de nouveau le créneau."), "error")
        return _render_show(meeting, slot_form=form, status=400)
    try:
        action(current_user, meeting, form.slot_id.data)
    except MeetingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("meetings.show", meeting_id=meeting_id))
    db.session.commit()
    when = format_when(meeting.slot.starts_at, meeting.slot.ends_at, meeting.event.timezone)
    flash(done(when, _by_organiser(meeting)), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@bp.post("/rendez-vous/<int:meeting_id>/reserver")
@login_required
def book(meeting_id: int):
    return _slot_action(meeting_id, booking.book, lambda when, both: (
        _("Créneau réservé : %(when)s. Les deux organisations sont prévenues par e-mail.", when=when) if both
        else _("Créneau réservé : %(when)s. L'autre organisation est prévenue par e-mail.", when=when)))


@bp.post("/rendez-vous/<int:meeting_id>/deplacer")
@login_required
def reschedule(meeting_id: int):
    return _slot_action(meeting_id, booking.reschedule, lambda when, both: (
        _("Rendez-vous déplacé : %(when)s. Les deux organisations sont prévenues par e-mail.", when=when) if both
        else _("Rendez-vous déplacé : %(when)s. L'autre organisation est prévenue par e-mail.", when=when)))


@bp.post("/rendez-vous/<int:meeting_id>/annuler")
@login_required
def cancel(meeting_id: int):
    meeting = meeting_or_404(meeting_id)
    form = CancelForm()
    if not form.validate_on_submit():
        return _render_show(meeting, cancel_form=form, status=400)
    try:
        booking.cancel(current_user, meeting, form.reason.data)
    except MeetingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("meetings.show", meeting_id=meeting_id))
    db.session.commit()
    flash(_("Rendez-vous annulé. Les deux organisations sont prévenues par e-mail.") if _by_organiser(meeting)
          else _("Rendez-vous annulé. L'autre organisation est prévenue par e-mail."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


def _button_action(meeting_id: int, form_class, work, done: str):
    meeting = meeting_or_404(meeting_id)
    form = form_class()
    if not form.validate_on_submit():
        flash(_("Le formulaire a expiré : cliquez de nouveau sur le bouton."), "error")
        return _back(meeting)
    try:
        work(meeting, form)
    except MeetingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _back(meeting)
    db.session.commit()
    flash(done, "success")
    return _back(meeting)


@bp.post("/rendez-vous/<int:meeting_id>/presence")
@login_required
def check_in(meeting_id: int):
    return _button_action(meeting_id, ActionForm, lambda m, f: booking.check_in(current_user, m),
                          _("Présence notée : le rendez-vous a lieu."))


@bp.post("/rendez-vous/<int:meeting_id>/absence")
@login_required
def no_show(meeting_id: int):
    return _button_action(meeting_id, NoShowForm,
                          lambda m, f: booking.mark_no_show(current_user, m, f.participant_id.data),
                          _("Absence notée."))


@bp.post("/rendez-vous/<int:meeting_id>/absence/retirer")
@login_required
def undo_no_show(meeting_id: int):
    return _button_action(meeting_id, ActionForm, lambda m, f: booking.undo_no_show(current_user, m),
                          _("Absence retirée."))


@bp.post("/rendez-vous/<int:meeting_id>/suites")
@login_required
def outcome(meeting_id: int):
    meeting = meeting_or_404(meeting_id)
    form = OutcomeForm()
    if not form.validate_on_submit():
        return _render_show(meeting, outcome_form=form, status=400)
    try:
        outcomes.record(current_user, meeting, form.outcome.data, form.contract_amount_eur.data, form.comment.data)
    except MeetingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("meetings.show", meeting_id=meeting_id))
    db.session.commit()
    flash(_("Suites enregistrées. Vous pouvez les modifier à tout moment."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id) + "#suites")


@bp.get("/rendez-vous/<int:meeting_id>.ics")
@login_required
def ics(meeting_id: int):
    meeting = meeting_or_404(meeting_id, allow_organiser=False)
    side, _organiser = booking.actor(current_user, meeting)
    body = meeting_calendar(meeting, side)
    if body is None:
        abort(404)
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="rendez-vous-{meeting.id}.ics"'
    return response


@bp.get("/evenements/<int:event_id>/rendez-vous/deroule")
@login_required
def dayof(event_id: int):
    event = event_or_404(event_id, for_organiser=True)
    now = utcnow()
    days = day_lists.slots_by_day(event)
    day = day_lists.pick_day([d for d, __ in days], request.args.get("jour"), to_local(now, event.timezone).date())
    slots = dict(days).get(day, [])
    slot = day_lists.pick_slot(slots, request.args.get("creneau"), now)
    tables = event_tables(event.id)
    table = _table_arg(tables)
    meetings = day_lists.slot_meetings(slot, table.id if table else None) if slot is not None else []
    return render_template(
        "meetings/dayof/slot.html", event=event, days=days, day=day, slots=slots, slot=slot, tables=tables,
        table=table, meetings=meetings, counts=day_lists.slot_counts(slots), now=now,
        can_check_in=lambda m: booking.can_check_in(m, now), check_in_opens=booking.CHECK_IN_OPENS,
        action_form=ActionForm(formdata=None), settings=settings_of(event.id),
        here=request.full_path.rstrip("?"))


@bp.get("/evenements/<int:event_id>/rendez-vous/deroule/tables/<int:table_id>")
@login_required
def dayof_table(event_id: int, table_id: int):
    event = event_or_404(event_id, for_organiser=True)
    table = db.session.get(MeetingTable, table_id)
    if table is None or table.event_id != event.id:
        abort(404)
    now = utcnow()
    days = day_lists.slots_by_day(event)
    day = day_lists.pick_day([d for d, __ in days], request.args.get("jour"), to_local(now, event.timezone).date())
    slots = dict(days).get(day, [])
    return render_template("meetings/dayof/table.html", event=event, days=days, day=day, table=table,
                           meetings=day_lists.table_meetings(table, slots), tables=event_tables(event.id))


def _table_arg(tables):
    value = request.args.get("table", "")
    return next((t for t in tables if value.isdigit() and t.id == int(value)), None)
