"""Taking part in an event's meetings: opt in (or change, or opt out) and say when one is available.

Who may do what: signed in, the event visible (programme.access.event_or_404) and offering meetings
(else a 404); the organisation acted for (organisations.current) opts in when participation.eligibility
says so, else the page says why. Rules: participation.py.
"""
from dataclasses import dataclass, field

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..extensions import db
from ..organisations.current import current_organisation
from ..programme.access import event_or_404
from ..programme.models import Event
from ..programme.timezones import to_local
from . import notify, participation
from .access import participant_of
from .availability import busy_slots, unavailable_slots
from .errors import MeetingError
from .grid import event_periods, event_slots, settings_of, slot_label
from .models import Meeting, MeetingParticipant, MeetingUnavailability
from .participation_forms import ParticipationForm
from .request_forms import ActionForm

bp = Blueprint("meeting_participation", __name__)
bp.after_request(notify.after_request)


@dataclass
class EventPanel:
    """What the event page says about meetings (templates/meetings/participation/_event_panel.html)."""

    settings: object
    participant: MeetingParticipant | None
    eligibility: participation.Eligibility | None
    received: int = 0


@bp.app_template_global("meetings_event_panel")
def event_panel(event: Event) -> EventPanel | None:
    """None when the event offers no meetings; else the visitor's participation, or why there is none."""
    settings = settings_of(event)
    if settings is None:
        return None
    if not current_user.is_authenticated:
        return EventPanel(settings, None, None)
    org = current_organisation()
    participant = participant_of(event, org)
    if participant is None:
        return EventPanel(settings, None, participation.eligibility(event, org))
    from .requests import received_count

    return EventPanel(settings, participant, None, received_count(participant))


def meetings_event_or_404(event_id: int) -> Event:
    """The visible event, when it offers meetings; else a 404."""
    event = event_or_404(event_id)
    if settings_of(event) is None:
        abort(404)
    return event


def _form_error(form, error: MeetingError) -> None:
    target = getattr(form, getattr(error, "field", "") or "", None)
    if target is not None:
        target.errors = [*target.errors, str(error)]
    else:
        flash(str(error), "error")


@bp.route("/evenements/<int:event_id>/rendez-vous/participer", methods=["GET", "POST"])
@login_required
def edit(event_id: int):
    event = meetings_event_or_404(event_id)
    settings = settings_of(event)
    org = current_organisation()
    participant = participant_of(event, org)
    eligibility = participation.eligibility(event, org)
    if participant is None and not eligibility.ok:
        return render_template("meetings/participation/cannot.html", event=event, org=org, eligibility=eligibility)
    form = ParticipationForm()
    form.set_representatives(participation.representative_choices(event, org), org.kind == "buyer")
    if request.method == "GET":
        source = participant
        form.representative.data = str(source.user_id if source else current_user.id)
        form.pitch.data = source.pitch if source else None
        if "wants_stand" in form:
            form.wants_stand.data = bool(source and source.wants_stand)
    if form.validate_on_submit():
        values = (form.representative_id, form.pitch.data,
                  bool(form.wants_stand.data) if "wants_stand" in form else False)
        created = participant is None
        try:
            if created:
                participant = participation.opt_in(current_user, event, org, *values)
            else:
                participation.update(current_user, participant, *values)
        except MeetingError as error:
            db.session.rollback()
            _form_error(form, error)
            participant = participant_of(event, org)
        else:
            db.session.commit()
            _flash_saved(event, org, participant, created)
            return redirect(url_for(".availability", event_id=event.id) if created
                            else url_for("meeting_requests.hub", event_id=event.id))
    return render_template("meetings/participation/edit.html", event=event, org=org, form=form,
                           participant=participant, settings=settings, action_form=ActionForm(),
                           attendees=participation.attendee_ids(event, org))


def _flash_saved(event: Event, org, participant: MeetingParticipant, created: bool) -> None:
    if created:
        flash(_("%(org)s participe aux rendez-vous d'affaires. Indiquez maintenant les créneaux où vous êtes "
                "disponibles.", org=org.name), "success")
    else:
        flash(_("Participation enregistrée."), "success")
    if participant.user_id not in participation.attendee_ids(event, org):
        flash(_("%(name)s ne figure pas parmi les personnes inscrites à l'événement pour %(org)s : ajoutez-la à "
                "l'inscription de votre organisation.", name=participant.user.full_name, org=org.name), "warning")


@bp.post("/evenements/<int:event_id>/rendez-vous/participer/retirer")
@login_required
def opt_out(event_id: int):
    event = meetings_event_or_404(event_id)
    participant = participant_of(event, current_organisation())
    if participant is None:
        flash(_("Votre organisation ne participe pas aux rendez-vous de cet événement."), "info")
        return redirect(url_for(".edit", event_id=event.id))
    if not ActionForm().validate_on_submit():
        flash(_("Le formulaire a expiré : recommencez."), "error")
        return redirect(url_for(".edit", event_id=event.id))
    name = participant.organisation.name
    try:
        done = participation.opt_out(current_user, participant)
    except MeetingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".edit", event_id=event.id))
    db.session.commit()
    flash(_("%(org)s ne participe plus aux rendez-vous d'affaires de l'événement.", org=name), "success")
    ended = done.withdrawn + done.declined + done.cancelled
    if ended:
        flash(_("Demandes et rendez-vous non placés terminés : %(num)d. Les autres organisations sont prévenues "
                "par e-mail.", num=ended), "info")
    return redirect(url_for("events.show", slug=event.slug))


@dataclass
class SlotRow:
    id: int
    label: str
    checked: bool
    locked: str | None = None  # why it cannot change (a session's title, a booked meeting)
    booked: bool = False


@dataclass
class PeriodRows:
    id: int
    label: str
    rows: list[SlotRow] = field(default_factory=list)


def _period_label(period, event: Event) -> str:
    start, end = to_local(period.starts_at, event.timezone), to_local(period.ends_at, event.timezone)
    return _("%(day)s, %(start)s–%(end)s", day=format_date(start, "full", rebase=False),
             start=f"{start:%H:%M}", end=f"{end:%H:%M}")


def _grid_rows(event: Event, participant: MeetingParticipant, preset: str | None) -> list[PeriodRows]:
    reasons = unavailable_slots(participant)
    declared = set(db.session.scalars(select(MeetingUnavailability.slot_id).where(
        MeetingUnavailability.participant_id == participant.id)))
    held = participation.session_held(reasons, declared)
    busy = busy_slots(participant)
    meetings = {m.id: m for m in db.session.scalars(select(Meeting).where(Meeting.id.in_(list(busy.values()))))}
    periods = {p.id: PeriodRows(p.id, _period_label(p, event)) for p in event_periods(event.id)}
    for slot in event_slots(event.id):
        start, end = to_local(slot.starts_at, event.timezone), to_local(slot.ends_at, event.timezone)
        row = SlotRow(slot.id, f"{start:%H:%M}–{end:%H:%M}", slot.id not in declared)
        if slot.id in busy:
            meeting = meetings[busy[slot.id]]
            row.booked, row.checked = True, True
            row.locked = _("Rendez-vous avec %(org)s", org=meeting.other(participant).organisation.name)
        elif slot.id in held:
            row.checked, row.locked = False, _("Session : %(title)s", title=reasons[slot.id])
        elif preset in ("tout", "aucun"):
            row.checked = preset == "tout"
        periods.setdefault(slot.period_id, PeriodRows(slot.period_id, slot_label(slot, event))).rows.append(row)
    return [p for p in periods.values() if p.rows]


@bp.route("/evenements/<int:event_id>/rendez-vous/disponibilites", methods=["GET", "POST"])
@login_required
def availability(event_id: int):
    event = meetings_event_or_404(event_id)
    participant = participant_of(event, current_organisation())
    if participant is None:
        flash(_("Participez d'abord aux rendez-vous d'affaires : vos disponibilités viennent ensuite."), "info")
        return redirect(url_for(".edit", event_id=event.id))
    settings = settings_of(event)
    form = ActionForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            flash(_("Le formulaire a expiré : recommencez."), "error")
            return redirect(url_for(".availability", event_id=event.id))
        ticked = [v for v in request.form.getlist("available") if v.isdigit()]
        try:
            change = participation.set_availability(current_user, participant, ticked)
        except MeetingError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Disponibilités enregistrées (%(off)d créneau(x) rendu(s) indisponible(s), %(on)d rendu(s) "
                    "disponible(s)).", off=change.made_unavailable, on=change.made_available), "success")
            return redirect(url_for(".availability", event_id=event.id))
    preset = request.args.get("cocher")
    return render_template("meetings/participation/availability.html", event=event, participant=participant,
                           settings=settings, periods=_grid_rows(event, participant, preset), form=form,
                           preset=preset if preset in ("tout", "aucun") else None)
