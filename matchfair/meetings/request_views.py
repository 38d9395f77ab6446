"""Meeting requests: "Mes rendez-vous" (received, sent, accepted, history, whom to meet), asking for a
meeting, and answering (accept, decline with a reason) or withdrawing a request.

Who may do what: signed in, the event visible and offering meetings (else a 404); the pages act for
the current organisation's participant (none: the page says how to take part); a meeting is found
with access.meeting_or_404 (members of either side only: anyone else gets a 404) and the services
check which side may act. Rules: requests.py.
"""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup
from werkzeug.routing import BuildError

from ..engine.text import words
from ..extensions import db
from ..matching.paging import ListPage
from ..organisations.current import current_organisation
from ..timeutil import utcnow
from . import notify, request_lists, requests
from .access import current_participant, meeting_or_404, participant_of
from .errors import MeetingError
from .grid import settings_of, slot_label
from .models import Meeting, MeetingStatus
from .participation_views import meetings_event_or_404
from .request_forms import ActionForm, DeclineForm, RequestForm
from .request_mail import format_moment

bp = Blueprint("meeting_requests", __name__)
bp.after_request(notify.after_request)

bp.add_app_template_global(requests.meeting_targets, "meeting_targets")
bp.add_app_template_global(requests.meeting_already, "meeting_already")
bp.add_app_template_global(format_moment, "meetings_moment")
bp.add_app_template_global(request_lists.meeting_events_of, "meeting_events_of")


@bp.app_template_global("meeting_page_url")
def meeting_page_url(meeting: Meeting) -> str:
    """The meeting's page (where a slot is booked); the meeting on "Mes rendez-vous" while there is none."""
    try:
        return url_for("meetings.show", meeting_id=meeting.id)
    except BuildError:
        return url_for("meeting_requests.hub", event_id=meeting.event_id, _anchor=f"rdv-{meeting.id}")


@bp.context_processor
def _labels():
    return {"meeting_status_labels": {
        "requested": _("En attente"), "accepted": _("Accepté"), "declined": _("Déclinée"), "expired": _("Expirée"),
        "withdrawn": _("Retirée"), "cancelled": _("Annulé"),
    }, "slot_label": slot_label}


def _flash_link(text: str, url: str, link_text: str, category: str) -> None:
    flash(Markup("{} <a href=\"{}\">{}</a>").format(text, url, link_text), category)


def _flash_linked(error: requests.AlreadyLinked) -> None:
    meeting = error.meeting
    if meeting.status == MeetingStatus.ACCEPTED:
        _flash_link(str(error), meeting_page_url(meeting), _("Voir le rendez-vous"), "info")
    else:
        _flash_link(str(error), url_for(".hub", event_id=meeting.event_id, _anchor=f"rdv-{meeting.id}"),
                    _("Voir la demande"), "info")


@bp.get("/evenements/<int:event_id>/rendez-vous")
@login_required
def hub(event_id: int):
    event = meetings_event_or_404(event_id)
    settings = settings_of(event)
    org = current_organisation()
    me = participant_of(event, org)
    if me is None:
        return render_template("meetings/requests/not_participant.html", event=event, org=org, settings=settings)
    now = utcnow()
    lists = request_lists.hub_lists(me, now)
    query = (request.args.get("q") or "").strip()[:100]
    candidates = request_lists.candidates(me, words(query), now)
    page = ListPage(candidates, min(max(request.args.get("page", 1, type=int), 1), 10_000),
                    current_app.config["PER_PAGE"])
    return render_template("meetings/requests/hub.html", event=event, org=org, me=me, settings=settings,
                           lists=lists, page=page, query=query, now=now, action_form=ActionForm(),
                           decline_form=DeclineForm(), pending=requests.pending_count(me, now))


def _asked_participant(event, me):
    """The participant named by ?organisation= (flash and None when there is none to ask)."""
    org_id = request.args.get("organisation", type=int)
    other = participant_of(event, org_id) if org_id else None
    if other is None:
        flash(_("Cette organisation ne participe pas aux rendez-vous d'affaires de cet événement : choisissez "
                "quelqu'un dans la liste « Qui rencontrer ? »."), "error")
        return None
    if other.id == me.id or other.organisation.kind == me.organisation.kind:
        flash(_("Les rendez-vous d'affaires réunissent une structure de l'ESS et un acheteur : vous ne pouvez pas "
                "en demander un à %(org)s.", org=other.organisation.name), "error")
        return None
    return other


@bp.route("/evenements/<int:event_id>/rendez-vous/demander", methods=["GET", "POST"])
@login_required
def new(event_id: int):
    event = meetings_event_or_404(event_id)
    me = current_participant(event)
    if me is None:
        flash(_("Participez d'abord aux rendez-vous d'affaires de l'événement : vous pourrez ensuite en demander."),
              "info")
        return redirect(url_for("meeting_participation.edit", event_id=event.id))
    hub_url = url_for(".hub", event_id=event.id)
    settings = settings_of(event)
    if not settings.is_open:
        flash(_("Les organisateurs ont fermé les rendez-vous d'affaires de cet événement : les demandes ne sont "
                "plus possibles pour le moment."), "error")
        return redirect(hub_url)
    other = _asked_participant(event, me)
    if other is None:
        return redirect(hub_url)
    existing = requests.live_between(me, other)
    incoming = existing is not None and existing.status == MeetingStatus.REQUESTED and existing.requester_id == other.id
    if existing is not None and not incoming:
        _flash_linked(requests.already_linked(existing, other))
        return redirect(hub_url)
    needs, offers = request_lists.subjects(me, other)
    form = RequestForm()
    form.set_choices(needs, offers)
    if request.method == "GET":
        for name, arg, rows in (("need", "besoin", needs), ("offer", "offre", offers)):
            wanted = request.args.get(arg, "")
            if name in form and any(str(row.id) == wanted for row in rows):
                form[name].data = wanted
    if form.validate_on_submit():
        done = _send(form, me, other)
        if done is not None:
            return done
    return render_template("meetings/requests/new.html", event=event, me=me, other=other, form=form,
                           settings=settings, pending=requests.pending_count(me), incoming=incoming)


def _send(form: RequestForm, me, other):
    values = {name: form[name].data for name in ("need", "offer") if name in form}
    try:
        meeting = requests.send_request(current_user, me, other, need_id=values.get("need"),
                                        offer_id=values.get("offer"), message=form.message.data)
    except requests.AlreadyLinked as error:
        db.session.rollback()
        _flash_linked(error)
        return redirect(url_for(".hub", event_id=me.event_id))
    except MeetingError as error:
        db.session.rollback()
        name = getattr(error, "field", None)
        if name and name in form:
            form[name].errors = [*form[name].errors, str(error)]
        else:
            flash(str(error), "error")
        return None
    db.session.commit()
    if meeting.requester_id == other.id:
        _flash_link(_("%(org)s vous avait déjà demandé un rendez-vous : votre demande vaut acceptation, le rendez-vous "
                      "est accepté.", org=other.organisation.name), meeting_page_url(meeting),
                    _("Choisir un créneau"), "success")
    else:
        flash(_("Demande envoyée à %(org)s, qui a jusqu'au %(when)s pour répondre.", org=other.organisation.name,
                when=format_moment(meeting.expires_at, meeting.event.timezone)), "success")
    return redirect(url_for(".hub", event_id=me.event_id))


def _event_meeting(event_id: int, meeting_id: int) -> Meeting:
    meeting = meeting_or_404(meeting_id, allow_organiser=False)
    if meeting.event_id != event_id:
        abort(404)
    return meeting


def _act(event_id: int, meeting_id: int, action, success):
    meeting = _event_meeting(event_id, meeting_id)
    if not ActionForm().validate_on_submit():
        flash(_("Le formulaire a expiré : recommencez."), "error")
        return redirect(url_for(".hub", event_id=event_id))
    try:
        action(current_user, meeting)
    except MeetingError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        success(meeting)
    return redirect(url_for(".hub", event_id=event_id, _anchor=f"rdv-{meeting.id}"))


@bp.post("/evenements/<int:event_id>/rendez-vous/demandes/<int:meeting_id>/accepter")
@login_required
def accept(event_id: int, meeting_id: int):
    def done(meeting):
        _flash_link(_("Rendez-vous accepté avec %(org)s. Choisissez maintenant un créneau où vous êtes libres tous "
                      "les deux.", org=meeting.requester.organisation.name), meeting_page_url(meeting),
                    _("Réserver un créneau"), "success")
    return _act(event_id, meeting_id, requests.accept, done)


@bp.post("/evenements/<int:event_id>/rendez-vous/demandes/<int:meeting_id>/retirer")
@login_required
def withdraw(event_id: int, meeting_id: int):
    def done(meeting):
        flash(_("Demande à %(org)s retirée.", org=meeting.recipient.organisation.name), "success")
    return _act(event_id, meeting_id, requests.withdraw, done)


@bp.route("/evenements/<int:event_id>/rendez-vous/demandes/<int:meeting_id>/refuser", methods=["GET", "POST"])
@login_required
def decline(event_id: int, meeting_id: int):
    meeting = _event_meeting(event_id, meeting_id)
    try:
        requests.answerable(current_user, meeting)
    except MeetingError as error:
        flash(str(error), "error")
        return redirect(url_for(".hub", event_id=event_id))
    form = DeclineForm()
    if form.validate_on_submit():
        try:
            requests.decline(current_user, meeting, form.reason.data)
        except requests.FieldError as error:
            db.session.rollback()
            form.reason.errors = [*form.reason.errors, str(error)]
        except MeetingError as error:
            db.session.rollback()
            flash(str(error), "error")
            return redirect(url_for(".hub", event_id=event_id))
        else:
            db.session.commit()
            flash(_("Demande de %(org)s déclinée ; l'organisation est prévenue par e-mail.",
                    org=meeting.requester.organisation.name), "success")
            return redirect(url_for(".hub", event_id=event_id))
    return render_template("meetings/requests/decline.html", event=meeting.event, meeting=meeting, form=form)
