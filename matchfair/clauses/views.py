"""Pages of the social clause: the facilitator's board and a need's clause page (help, calibration,
notes, hours). Every object is checked on the server (access.py); the services decide the rules."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..backoffice.exports import csv_response
from ..engine.clauses import calibrate
from ..engine.territory import department_name
from ..extensions import db
from ..meetings import notify
from ..needs.models import NeedStatus
from ..organisations.models import Organisation
from . import access, board, support, work
from .errors import ClauseError
from .forms import ButtonForm, HoursForm, InviteForm, NoteForm, OfferForm, ProposalForm
from .models import ClauseProposal, ClauseSupport, FacilitatorNote, InsertionHours, SupportStatus

bp = Blueprint("clauses", __name__)
bp.after_request(notify.after_request)


def _facilitator_or_404() -> Organisation:
    facilitator = access.acting_facilitator(current_user)
    if facilitator is None:
        abort(404)
    return facilitator


@bp.get("/facilitateur")
@login_required
def board_page():
    facilitator = _facilitator_or_404()
    departments = access.territory(facilitator)
    show = request.args.get("voir", "all") if request.args.get("voir") in board.SHOW else "all"
    order = request.args.get("ordre") if request.args.get("ordre") in board.ORDERS else "soonest"
    department = request.args.get("departement") if request.args.get("departement") in departments else None
    page = db.paginate(board.board_query(facilitator, show, department, order),
                       page=request.args.get("page", 1, type=int), per_page=board.PER_PAGE, error_out=False)
    return render_template(
        "clauses/board.html", facilitator=facilitator, departments=[(c, department_name(c)) for c in departments],
        show=show, order=order, department=department, page=page, items=board.board_items(facilitator, page.items),
        followed=board.followed(facilitator), can_carry_from=board.CAN_CARRY_FROM)


def _page(need, roles, **forms):
    """The clause page, with the forms of the current user's roles (those given keep their input)."""
    active = access.active_support(need)
    proposals = list(db.session.scalars(select(ClauseProposal).where(ClauseProposal.need_id == need.id)
                                        .order_by(ClauseProposal.id.desc())))
    latest = proposals[0] if proposals else None
    context = dict(need=need, roles=roles, active=active, latest=latest, proposals=proposals,
                   working=calibrate(latest.amount_eur, latest.labour_share_pct, latest.hourly_cost_cents,
                                     latest.insertion_rate_tenths) if latest else None,
                   progress=work.progress(need) if need.status == NeedStatus.AWARDED else None,
                   department=department_name(need.department_code), button=ButtonForm())
    if roles.buyer:
        context["offers"] = list(db.session.scalars(select(ClauseSupport).where(
            ClauseSupport.need_id == need.id, ClauseSupport.status == SupportStatus.OFFERED)
            .order_by(ClauseSupport.created_at)))
        choices = access.facilitators_covering(need.department_code)
        invite = forms.get("invite") or InviteForm()
        invite.facilitator.choices = [("", _("Choisissez un facilitateur"))] + [(str(f.id), f.name) for f in choices]
        context.update(invite=invite, facilitator_choices=choices)
    if roles.facilitator is not None:
        context["offer"] = forms.get("offer") or OfferForm()
        context["notes"] = work.notes_of(roles.facilitator, need)
        context["note_form"] = forms.get("note_form") or NoteForm()
        if roles.helping:
            if need.status != NeedStatus.AWARDED:  # once awarded, the hours due are fixed: nothing to propose
                context["proposal_form"] = forms.get("proposal_form") or _proposal_defaults(need, latest)
            else:
                hours = forms.get("hours_form") or HoursForm()
                hours.structure.choices = [("", _("Choisissez la structure"))] + [
                    (str(o.id), o.name) for o in work.structure_choices(need, roles.facilitator)]
                context["hours_form"] = hours
    status = 400 if any(f.errors for f in forms.values() if f is not None) else 200
    return render_template("clauses/need.html", **context), status


def _proposal_defaults(need, latest) -> ProposalForm:
    if latest is not None:
        return ProposalForm(data=dict(amount_eur=latest.amount_eur, labour_share_pct=latest.labour_share_pct,
                                      hourly_cost_cents=latest.hourly_cost_cents,
                                      insertion_rate_tenths=latest.insertion_rate_tenths))
    return ProposalForm(data=dict(amount_eur=need.estimated_amount_eur))


@bp.get("/besoins/<int:need_id>/clause-sociale")
@login_required
def need(need_id: int):
    need, roles = access.clause_need_or_404(need_id)
    return _page(need, roles)


def _done(need, message: str, anchor: str = ""):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("clauses.need", need_id=need.id) + anchor)


def _refused(need, error: ClauseError, anchor: str = ""):
    db.session.rollback()
    flash(str(error), "error")
    return redirect(url_for("clauses.need", need_id=need.id) + anchor)


@bp.post("/besoins/<int:need_id>/clause-sociale/aide")
@login_required
def offer(need_id: int):
    need, roles = access.clause_need_or_404(need_id)
    if roles.facilitator is None:
        abort(404)
    form = OfferForm()
    if not form.validate_on_submit():
        return _page(need, roles, offer=form)
    try:
        support.offer_help(current_user, roles.facilitator, need, form.message.data)
    except ClauseError as error:
        return _refused(need, error)
    return _done(need, _("Votre proposition d'aide est envoyée à l'acheteur."))


@bp.post("/besoins/<int:need_id>/clause-sociale/inviter")
@login_required
def invite(need_id: int):
    need, roles = access.clause_need_or_404(need_id)
    if not roles.buyer:
        abort(404)
    form = InviteForm()
    form.facilitator.choices = [(str(f.id), f.name) for f in access.facilitators_covering(need.department_code)]
    if form.validate_on_submit():
        chosen = db.session.get(Organisation, int(form.facilitator.data)) if form.facilitator.data.isdigit() else None
        try:
            done = support.invite(current_user, need, chosen, form.message.data)
        except ClauseError as error:
            db.session.rollback()
            if error.field:
                getattr(form, error.field).errors.append(str(error))
            else:
                flash(str(error), "error")
                return redirect(url_for("clauses.need", need_id=need.id))
        else:
            return _done(need, _("%(name)s est invité à vous accompagner.", name=done.facilitator.name))
    return _page(need, roles, invite=form)


def _support_or_404(support_id: int) -> tuple[ClauseSupport, object]:
    row = db.session.get(ClauseSupport, support_id)
    if row is None:
        abort(404)
    need, roles = access.clause_need_or_404(row.need_id)
    mine = roles.facilitator is not None and roles.facilitator.id == row.facilitator_id
    if not (roles.buyer or mine):
        abort(404)
    return row, roles


@bp.post("/clause-sociale/accompagnements/<int:support_id>/<any(accepter, decliner):answer>")
@login_required
def answer(support_id: int, answer: str):
    row, roles = _support_or_404(support_id)
    if not roles.buyer or not ButtonForm().validate_on_submit():
        abort(404 if not roles.buyer else 400)
    try:
        support.answer_offer(current_user, row, accept=answer == "accepter")
    except ClauseError as error:
        return _refused(row.need, error)
    return _done(row.need, _("Aide de %(name)s acceptée.", name=row.facilitator.name) if answer == "accepter"
                 else _("Aide de %(name)s déclinée.", name=row.facilitator.name))


@bp.post("/clause-sociale/accompagnements/<int:support_id>/terminer")
@login_required
def end(support_id: int):
    row, _roles = _support_or_404(support_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        support.end(current_user, row)
    except ClauseError as error:
        return _refused(row.need, error)
    return _done(row.need, _("L'accompagnement est terminé."))


@bp.post("/besoins/<int:need_id>/clause-sociale/proposition")
@login_required
def propose(need_id: int):
    need, roles = access.clause_need_or_404(need_id)
    if roles.facilitator is None:
        abort(404)
    form = ProposalForm()
    if not form.validate_on_submit():
        return _page(need, roles, proposal_form=form)
    if not roles.helping:
        return _refused(need, ClauseError(_("L'acheteur n'a pas (ou plus) accepté votre accompagnement sur ce besoin.")))
    try:
        made = work.propose(current_user, roles.support, form.amount_eur.data, form.labour_share_pct.data,
                            form.hourly_cost_cents.data, form.insertion_rate_tenths.data, form.comment.data)
    except ClauseError as error:
        if error.field and need.status != NeedStatus.AWARDED:
            db.session.rollback()
            getattr(form, error.field).errors.append(str(error))
            return _page(need, roles, proposal_form=form)
        return _refused(need, error)
    return _done(need, _("Proposition envoyée à l'acheteur : %(hours)s heures d'insertion.",
                         hours=f"{made.hours:,}".replace(",", "\u202f")), "#proposition")


@bp.post("/clause-sociale/propositions/<int:proposal_id>/adopter")
@login_required
def adopt(proposal_id: int):
    proposal = db.session.get(ClauseProposal, proposal_id)
    if proposal is None:
        abort(404)
    need, roles = access.clause_need_or_404(proposal.need_id)
    if not roles.buyer:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        work.adopt(current_user, proposal)
    except ClauseError as error:
        return _refused(need, error)
    return _done(need, _("C'est adopté : le besoin porte maintenant %(hours)s heures d'insertion.",
                         hours=f"{proposal.hours:,}".replace(",", "\u202f")), "#proposition")


@bp.post("/besoins/<int:need_id>/clause-sociale/notes")
@login_required
def add_note(need_id: int):
    need, roles = access.clause_need_or_404(need_id)
    if roles.facilitator is None:
        abort(404)
    form = NoteForm()
    if not form.validate_on_submit():
        return _page(need, roles, note_form=form)
    try:
        work.add_note(current_user, roles.facilitator, need, form.body.data)
    except ClauseError as error:
        return _refused(need, error, "#notes")
    return _done(need, _("Note enregistrée."), "#notes")


@bp.post("/clause-sociale/notes/<int:note_id>/supprimer")
@login_required
def delete_note(note_id: int):
    note = db.session.get(FacilitatorNote, note_id)
    if note is None:
        abort(404)
    need, roles = access.clause_need_or_404(note.need_id)
    if roles.facilitator is None or note.facilitator_id != roles.facilitator.id:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    work.delete_note(current_user, note)
    return _done(need, _("Note supprimée."), "#notes")


@bp.post("/besoins/<int:need_id>/clause-sociale/heures")
@login_required
def record_hours(need_id: int):
    need, roles = access.clause_need_or_404(need_id)
    if not roles.helping:
        abort(404)
    form = HoursForm()
    form.structure.choices = [(str(o.id), o.name) for o in work.structure_choices(need, roles.facilitator)]
    if form.validate_on_submit():
        structure = db.session.get(Organisation, int(form.structure.data)) if form.structure.data.isdigit() else None
        try:
            row, replaced = work.record_hours(current_user, roles.support, form.period.data, structure,
                                              form.hours.data, form.comment.data)
        except ClauseError as error:
            db.session.rollback()
            getattr(form, error.field or "hours").errors.append(str(error))
        else:
            return _done(need, _("Heures mises à jour pour %(name)s.", name=row.structure_name) if replaced
                         else _("Heures enregistrées pour %(name)s.", name=row.structure_name), "#heures")
    return _page(need, roles, hours_form=form)


@bp.post("/clause-sociale/heures/<int:row_id>/supprimer")
@login_required
def delete_hours(row_id: int):
    row = db.session.get(InsertionHours, row_id)
    if row is None:
        abort(404)
    need, roles = access.clause_need_or_404(row.need_id)
    # Only the facilitator that recorded the row, and only while it still helps on the need.
    if not roles.helping or row.facilitator_id != roles.facilitator.id:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    work.delete_hours(current_user, row)
    return _done(need, _("Saisie retirée."), "#heures")


@bp.get("/besoins/<int:need_id>/clause-sociale/heures.csv")
@login_required
def hours_csv(need_id: int):
    """The hours done on an awarded need, one row per month and structure, for the three sides'
    own reporting (the buyer's SPASER, the winner's, the facilitator's)."""
    need, roles = access.clause_need_or_404(need_id)
    if not (roles.buyer or roles.helping or roles.winner) or need.status != NeedStatus.AWARDED:
        abort(404)
    progress = work.progress(need)
    rows = [[row.period.strftime("%Y-%m"), row.structure_name, row.hours, row.comment]
            for row in sorted(progress.rows, key=lambda r: (r.period, r.structure_name))]
    rows.append(["", _("Total réalisé"), progress.done, ""])
    rows.append(["", _("Heures dues"), progress.due if progress.due is not None else "", ""])
    return csv_response([_("mois"), _("structure"), _("heures"), _("commentaire")], rows,
                        f"heures-insertion-besoin-{need.id}.csv")
