"""Needs pages: a buyer's list, create and edit, the need page (public once published).

Status actions and the award: action_views.py; the forward-plan import: import_views.py (both on
this blueprint). Who may do what: permissions.py; the rules: services.py and rules.py.
"""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext as _
from flask_login import current_user
from sqlalchemy import case, select
from sqlalchemy.orm import selectinload

from ..engine.territory import department_name, region_name, region_of
from ..extensions import db
from . import presenter, services
from .choices import (
    RESERVATION_LABELS, RESERVATION_SHORT, SOCIAL_CLAUSE_SHORT, STATUS_LABELS, STATUS_ORDER, STATUS_PLURALS, label,
)
from .dates import long_date
from .forms import MAX_LOTS, NeedForm, initial_data
from .models import Need, NeedStatus
from .permissions import buyer_required, can_manage, managed_need, visible_need_or_404
from .transitions import REFUSED, NeedError, allowed

bp = Blueprint("needs", __name__)


bp.add_app_template_filter(long_date, "needs_date")


@bp.context_processor
def _labels():
    return {
        "status_labels": {str(k): v for k, v in STATUS_LABELS.items()},
        "status_plurals": [(str(s), STATUS_PLURALS[s]) for s in STATUS_ORDER],
        "reservation_short": {str(k): v for k, v in RESERVATION_SHORT.items()},
        "social_short": {str(k): v for k, v in SOCIAL_CLAUSE_SHORT.items()},
    }


@bp.get("/besoins/mes-besoins")
@buyer_required
def mine(org):
    status = request.args.get("statut")
    status = status if status in {s.value for s in NeedStatus} else None
    statement = select(Need).where(Need.organisation_id == org.id)
    if status:
        statement = statement.where(Need.status == status)
    rank = case({s.value: i for i, s in enumerate(STATUS_ORDER)}, value=Need.status)
    statement = statement.order_by(rank, Need.expected_publication_date.is_(None), Need.expected_publication_date,
                                   Need.id.desc()).options(selectinload(Need.lots))
    page = db.paginate(statement, page=request.args.get("page", 1, type=int),
                       per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template("needs/mine.html", org=org, page=page, status=status, counts=services.status_counts(org))


@bp.route("/besoins/nouveau", methods=["GET", "POST"])
@buyer_required
def create(org):
    form = NeedForm()
    if request.method == "GET":
        form.contact_name.data = current_user.full_name
        form.contact_email.data = current_user.email
    action = request.form.get("action")
    if request.method == "POST" and action == "add_lots":
        _add_lot_rows(form)
    elif request.method == "POST":
        form.publishing = form.first_publication = action == "publish"
        if form.validate():
            try:
                need = services.create_need(current_user, org, form.need_data())
                if form.publishing:
                    services.publish_need(current_user, need)
            except NeedError as error:
                db.session.rollback()
                flash(str(error), "error")
            else:
                db.session.commit()
                flash(_("Besoin publié : les structures de l'ESS peuvent maintenant le voir.") if form.publishing
                      else _("Brouillon enregistré. Seuls les membres de votre organisation le voient."), "success")
                return redirect(url_for("needs.show", need_id=need.id))
    return _render_form(form, org=org, need=None)


@bp.route("/besoins/<int:need_id>/modifier", methods=["GET", "POST"])
@managed_need
def edit(need: Need):
    if not allowed(need, "edit"):
        flash(str(REFUSED["edit"]), "error")
        return redirect(url_for("needs.show", need_id=need.id))
    form = NeedForm() if request.method == "POST" else NeedForm(data=initial_data(need))
    action = request.form.get("action")
    if request.method == "POST" and action == "add_lots":
        _add_lot_rows(form)
    elif request.method == "POST":
        publish = action == "publish" and need.status == NeedStatus.DRAFT
        form.publishing = publish or need.status != NeedStatus.DRAFT
        form.first_publication = publish
        if form.validate():
            try:
                services.update_need(current_user, need, form.need_data())
                if publish:
                    services.publish_need(current_user, need)
            except NeedError as error:
                db.session.rollback()
                flash(str(error), "error")
            else:
                db.session.commit()
                flash(_("Besoin publié : les structures de l'ESS peuvent maintenant le voir.") if publish
                      else _("Modifications enregistrées."), "success")
                return redirect(url_for("needs.show", need_id=need.id))
    return _render_form(form, org=need.organisation, need=need)


def _add_lot_rows(form: NeedForm) -> None:
    if not form.add_lot_rows():
        flash(_("Un besoin compte %(max)d lots au plus.", max=MAX_LOTS), "warning")


def _render_form(form: NeedForm, org, need: Need | None):
    form.ensure_empty_lot_rows()
    return render_template("needs/form.html", form=form, org=org, need=need, errors=form.field_errors())


@bp.get("/besoins/<int:need_id>")
def show(need_id: int):
    need = visible_need_or_404(need_id)
    is_owner = can_manage(current_user, need)
    direct = services.may_be_awarded_directly(need)
    locale = str(get_locale() or "fr")

    def cpv_text(link) -> str:
        return link.cpv.label(locale) if link.cpv is not None else ""

    return render_template(
        "needs/show.html", need=need, is_owner=is_owner, facts=presenter.need_facts(need), direct=direct,
        direct_sentence=presenter.direct_award_sentence(direct), date_basis=presenter.date_basis_sentence(direct),
        procedure_warning=presenter.procedure_warning(need, direct) if is_owner else None,
        reservation_meaning=presenter.reservation_meaning(need), social_sentence=presenter.social_clause_sentence(need),
        status_label=label(STATUS_LABELS, need.status), reservation_label=label(RESERVATION_LABELS, need.reservation),
        reservation_short=label(RESERVATION_SHORT, need.reservation),
        social_short=label(SOCIAL_CLAUSE_SHORT, need.social_clause),
        department=department_name(need.department_code), region=region_name(region_of(need.department_code) or ""),
        cpv=[(link.code8, cpv_text(link)) for link in need.cpv_links], cpv_text=cpv_text,
        modified_at=_modified_at(need), can=lambda action: is_owner and allowed(need, action),
        clause_roles=clause_roles_for(current_user, need),
    )


def _modified_at(need: Need):
    """When a published need was changed after its publication (a minute's grace), else None."""
    if need.published_at and need.updated_at and (need.updated_at - need.published_at).total_seconds() > 60:
        return need.updated_at
    return None


from ..clauses.access import roles_for as clause_roles_for  # noqa: E402  (clauses builds on needs)
from . import action_views, import_views  # noqa: E402,F401  (register their pages on bp)
