"""Matching pages: a need's suppliers for its buyer, a company's matching needs, answers, digests.

Who may see what is decided by the two decorators below: buyer_need (members of the need's buyer,
else a 404, drafts included) and company_required (acting for an SSE company).
"""
from functools import wraps

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date, format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..engine.matching import explain
from ..extensions import db
from ..needs.choices import RESERVATION_SHORT, SOCIAL_CLAUSE_SHORT, STATUS_LABELS
from ..needs.direct_award import local_today, may_be_awarded_directly
from ..needs.models import Need, NeedStatus
from ..organisations.current import current_organisation
from ..organisations.models import OrgKind, Organisation
from ..organisations.permissions import is_member
from ..urls import safe_next
from . import adapters, digests, services
from .cache import supplier_entry
from .forms import (
    DigestSettingsForm, InterestForm, NeedFilterForm, NextForm, NotForUsForm, ShortlistForm, SupplierFilterForm,
)
from .models import DigestFrequency, Interest, InterestKind
from .paging import ListPage
from .panel import need_panel
from .ranking import (
    NeedFilters, ShownMatch, SupplierFilters, explain_suppliers, rank_needs, rank_suppliers, show_needs,
    show_suppliers,
)
from .reasons import level_label, write_reasons

bp = Blueprint("matching", __name__)

SUPPLIERS_PER_PAGE = 10
TABS = ("classement", "preselection", "interets")


@bp.app_context_processor
def _matching_helpers():
    return {"matching_need_panel": need_panel, "matching_reservation_short": RESERVATION_SHORT,
            "matching_not_for_us_reasons": services.NOT_FOR_US_REASONS}


@bp.app_template_filter("format_score")
def _format_score(score: float) -> str:
    return format_decimal(score, format="#,##0.#")


@bp.app_template_filter("format_match_date")
def _format_match_date(value) -> str:
    return format_date(value, "long") if value else ""


def buyer_need(view):
    """Route decorator: login, then membership of the buyer of <need_id> (else a 404, whatever the
    need's status); the view receives `need`."""
    @wraps(view)
    @login_required
    def wrapper(need_id: int, **kwargs):
        need = db.session.get(Need, need_id)
        if need is None or not is_member(current_user, need.organisation):
            abort(404)
        return view(need=need, **kwargs)
    return wrapper


def company_required(view):
    """Route decorator: login, acting for an SSE company; the view receives `org`.

    No organisation yet: on to creating one. Acting for a buyer or an organiser: a 403 that says why.
    """
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        org = current_organisation()
        if org is None:
            flash(_("Créez d'abord la fiche de votre structure pour recevoir les besoins qui lui correspondent."),
                  "info")
            return redirect(url_for("organisations.create", kind=OrgKind.SSE.value))
        if org.kind != OrgKind.SSE:
            message = _("Cette page est celle des structures de l'ESS. Vous agissez pour %(name)s, qui n'en est pas "
                        "une : si vous êtes aussi membre d'une structure de l'ESS, choisissez-la depuis votre "
                        "tableau de bord.", name=org.name)
            return render_template("errors/error.html", code=403, title=_("Accès refusé"), text=message), 403
        return view(*args, org=org, **kwargs)
    return wrapper


def _page_arg() -> int:
    return min(max(request.args.get("page", 1, type=int), 1), 10_000)


@bp.get("/besoins/<int:need_id>/fournisseurs")
@buyer_need
def need_suppliers(need: Need):
    tab = request.args.get("onglet", TABS[0])
    if tab not in TABS:
        tab = TABS[0]
    form = SupplierFilterForm(request.args)
    filters = SupplierFilters(bool(form.insertion.data), bool(form.ea_esat.data), bool(form.in_department.data))
    ranked = rank_suppliers(need, filters)
    shortlisted = services.shortlisted_ids(need)
    answers = services.interests_for_need(need)
    page = ListPage(ranked.matches, _page_arg(), SUPPLIERS_PER_PAGE)
    shown = show_suppliers(ranked, page.items) if tab == "classement" else []
    shortlist_rows = []
    if tab == "preselection" and shortlisted:
        orgs = db.session.scalars(select(Organisation).where(
            Organisation.id.in_(shortlisted), Organisation.kind == OrgKind.SSE.value, Organisation.is_listed.is_(True))
            .options(selectinload(Organisation.statuses)).order_by(Organisation.name)).all()
        shortlist_rows = explain_suppliers(ranked, list(orgs))
    answer_matches = {}
    if tab == "interets" and answers:
        answer_matches = {o.id: m for o, m in explain_suppliers(ranked, [a.organisation for a in answers])}
    return render_template(
        "matching/need_suppliers.html", need=need, tab=tab, form=form, filters=filters, page=page, shown=shown,
        shortlisted=shortlisted, shortlist_rows=shortlist_rows, answers=answers, answer_matches=answer_matches,
        interested=[a for a in answers if a.kind == InterestKind.INTERESTED],
        not_for_us=[a for a in answers if a.kind == InterestKind.NOT_FOR_US],
        answers_by_org={a.organisation_id: a for a in answers},
        status_label=STATUS_LABELS.get(need.status, need.status), locale=str(get_locale()),
    )


@bp.post("/besoins/<int:need_id>/fournisseurs/<int:org_id>/preselection")
@buyer_need
def shortlist(need: Need, org_id: int):
    form = ShortlistForm()
    wanted = form.shortlisted.data == "1"
    supplier = db.session.get(Organisation, org_id)
    if supplier is None or supplier.kind != OrgKind.SSE or (wanted and not supplier.is_listed):
        abort(404)
    if not form.validate():
        abort(400)
    try:
        changed = services.set_shortlisted(current_user, need, supplier, wanted)
    except services.MatchingError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        if changed and wanted:
            flash(_("%(name)s est dans votre présélection pour ce besoin.", name=supplier.name), "success")
        elif changed:
            flash(_("%(name)s n'est plus dans votre présélection.", name=supplier.name), "success")
    return redirect(safe_next(form.next.data) or url_for(".need_suppliers", need_id=need.id))


@bp.get("/correspondances")
@company_required
def my_matches(org: Organisation):
    form = NeedFilterForm(request.args)
    form.validate()
    department = form.department.data if form.department.data and not form.department.errors else None
    filters = NeedFilters(direct_only=bool(form.direct.data), reserved_only=bool(form.reserved.data),
                          department=department)
    today = local_today()
    ranked = rank_needs(org, filters, today)
    page = ListPage(ranked.matches, _page_arg(), current_app.config["PER_PAGE"])
    shown = show_needs(ranked, page.items)
    ids = [m.row.id for m in shown]
    answers = {i.need_id: i for i in db.session.scalars(
        select(Interest).where(Interest.organisation_id == org.id, Interest.need_id.in_(ids)))} if ids else {}
    direct = {m.row.id: may_be_awarded_directly(m.row, today) for m in shown}
    return render_template(
        "matching/my_matches.html", org=org, form=form, filters=filters, ranked=ranked, page=page, shown=shown,
        answers=answers, direct=direct, social_short=SOCIAL_CLAUSE_SHORT,
    )


def _open_need_or_404(need_id: int) -> Need:
    need = db.session.get(Need, need_id)
    if need is None or need.status != NeedStatus.PUBLISHED:
        abort(404)
    return need


@bp.route("/besoins/<int:need_id>/reponse", methods=["GET", "POST"])
@company_required
def answer(org: Organisation, need_id: int):
    need = _open_need_or_404(need_id)
    groupings = services.led_groupings(org)
    interest = services.interest_of(org, need)
    kind = request.form.get("kind") if request.method == "POST" else None
    interest_form = InterestForm(formdata=request.form if kind == InterestKind.INTERESTED else None)
    interest_form.set_groupings(groupings)
    refusal_form = NotForUsForm(formdata=request.form if kind == InterestKind.NOT_FOR_US else None)
    if request.method == "GET" and interest is not None:
        _prefill(interest, interest_form, refusal_form)
    if request.method == "POST":
        if kind not in (InterestKind.INTERESTED, InterestKind.NOT_FOR_US):
            abort(400)
        form = interest_form if kind == InterestKind.INTERESTED else refusal_form
        if form.validate():
            done = _declare(org, need, kind, form, groupings)
            if done is not None:
                return done
    return render_template(
        "matching/answer.html", org=org, need=need, interest=interest, interest_form=interest_form,
        refusal_form=refusal_form, groupings=groupings, eligible=services.eligible_for(org, need),
        shown=_own_match(org, need), next_url=safe_next(request.values.get("next")),
        reservation_short=RESERVATION_SHORT,
    )


def _prefill(interest: Interest, interest_form: InterestForm, refusal_form: NotForUsForm) -> None:
    if interest.kind == InterestKind.INTERESTED:
        interest_form.message.data = interest.message
        interest_form.grouping_id.data = str(interest.grouping_id or "")
    else:
        refusal_form.reason.data = interest.reason
        refusal_form.detail.data = interest.message


def _declare(org: Organisation, need: Need, kind: str, form, groupings):
    grouping = None
    if kind == InterestKind.INTERESTED:
        wanted = form.grouping_id.data or ""
        grouping = next((g for g in groupings if str(g.id) == wanted), None)
        if wanted and grouping is None:
            form.grouping_id.errors = [_("Choisissez un groupement que votre structure mène.")]
            return None
        message, reason = form.message.data, None
    else:
        message, reason = form.detail.data, form.reason.data
    try:
        services.declare_interest(current_user, org, need, kind, reason=reason, message=message, grouping=grouping)
    except services.MatchingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return None
    db.session.commit()
    if kind == InterestKind.INTERESTED:
        flash(_("Votre intérêt est transmis à %(buyer)s, qui le voit dès maintenant.", buyer=need.organisation.name),
              "success")
    else:
        flash(_("C'est noté : ce besoin n'est pas pour vous. Votre réponse aide l'acheteur à ajuster ses besoins."),
              "success")
    return redirect(safe_next(form.next.data) or url_for(".my_matches"))


def _own_match(org: Organisation, need: Need) -> ShownMatch | None:
    entry = supplier_entry()
    supplier = entry.supplier(org.id)
    if supplier is None:
        return None
    engine_need = adapters.need_to_engine(db.session, need)
    match = explain(entry.index, engine_need, supplier)
    if match is None:
        return None
    return ShownMatch(match, need, level_label(match.score), write_reasons([(match.reasons, engine_need, supplier)])[0])


@bp.post("/besoins/<int:need_id>/reponse/retirer")
@company_required
def withdraw(org: Organisation, need_id: int):
    need = db.session.get(Need, need_id)
    if need is None or need.status == NeedStatus.DRAFT:
        abort(404)
    form = NextForm()
    if not form.validate():
        abort(400)
    if services.withdraw_interest(current_user, org, need):
        db.session.commit()
        flash(_("Votre réponse est retirée."), "success")
    return redirect(safe_next(form.next.data) or url_for(".my_matches"))


@bp.route("/notifications", methods=["GET", "POST"])
@login_required
def digest_settings():
    form = DigestSettingsForm()
    if request.method == "GET":
        form.frequency.data = services.digest_frequency(current_user)
    if form.validate_on_submit():
        services.set_digest_frequency(current_user, form.frequency.data)
        db.session.commit()
        flash(_("Vos préférences de notification sont enregistrées."), "success")
        return redirect(url_for(".digest_settings"))
    return render_template("matching/digest_settings.html", form=form)


@bp.route("/notifications/desabonnement/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    user = digests.user_from_unsubscribe_token(token)
    if user is None:
        return render_template("matching/unsubscribe.html", invalid=True, form=None), 404
    form = NextForm()
    if request.method == "POST" and form.validate():
        services.set_digest_frequency(user, DigestFrequency.NEVER.value)
        db.session.commit()
        return render_template("matching/unsubscribe.html", done=True, form=None, user=user)
    already = services.digest_frequency(user) == DigestFrequency.NEVER
    return render_template("matching/unsubscribe.html", form=form, user=user, already=already)
