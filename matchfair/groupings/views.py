"""Grouping pages: my groupings, forming one, its page, and what the lead and the partners do.

Who may do what: access.py. The rules: services.py. Suggestions for a need: suggestions.py, shown
by templates/groupings/_suggestions.html through the `grouping_suggestions(need)` template helper.
"""
import logging

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..needs.models import NeedStatus
from ..organisations.current import current_organisation
from ..organisations.models import OrgKind
from ..organisations.permissions import is_member
from . import notifications, queries, services
from .access import grouping_view, involvement, lead_view, sse_required
from .forms import GroupingEditForm, GroupingForm, InterestForm, InviteForm
from .models import PartnerStatus
from .services import GroupingError
from .suggestions import grouping_coverage, suggestions_for

bp = Blueprint("groupings", __name__)
log = logging.getLogger(__name__)


def grouping_suggestions(need):
    """For templates/groupings/_suggestions.html: the buyer's members see every suggestion for
    their need; an SSE company sees, for a published need, those that include it; others nothing."""
    if not current_user.is_authenticated or need is None:
        return None
    try:
        if is_member(current_user, need.organisation):
            return suggestions_for(need)
        org = current_organisation()
        if org is not None and org.kind == OrgKind.SSE and need.status == NeedStatus.PUBLISHED:
            return suggestions_for(need, org)
    except Exception:  # a side panel: the host page must still answer
        log.exception("Grouping suggestions failed for need %s", need.id)
    return None


def grouping_invitation_count() -> int:
    """For the navigation: the invitations the current SSE company has to answer (0 otherwise)."""
    org = current_organisation() if current_user.is_authenticated else None
    if org is None or org.kind != OrgKind.SSE:
        return 0
    return queries.pending_invitation_count(org)


@bp.app_context_processor
def _grouping_helpers():
    return {"grouping_suggestions": grouping_suggestions, "grouping_invitation_count": grouping_invitation_count}


def mail_warning(ok: bool) -> None:
    """Say so when a notification e-mail could not leave (the change itself is saved)."""
    if not ok:
        flash(_("C'est enregistré, mais un e-mail de notification n'a pas pu partir."), "warning")


def to_grouping(grouping):
    """A redirect to the grouping's page."""
    return redirect(url_for("groupings.show", grouping_id=grouping.id))


@bp.get("/groupements")
@sse_required
def mine(org):
    return render_template("groupings/mine.html", org=org, found=queries.groupings_of(org))


def _partner_pool(form, exclude: set[int]):
    """(chosen, results): the checked partners, and the search results when a search was asked for."""
    chosen = queries.partner_organisations([i for i in form.chosen_partner_ids() if i not in exclude])
    results = []
    if request.method == "POST" and request.form.get("action") == "search":
        results = queries.search_partners(form.partner_query.data, exclude | {o.id for o in chosen})
    return chosen, results


@bp.route("/groupements/nouveau", methods=["GET", "POST"])
@sse_required
def create(org):
    form = GroupingForm()
    if request.method == "GET":
        need = queries.published_need(request.args.get("besoin", type=int))
        if need is not None:
            form.need_id.data = need.id
            form.name.data = _("Groupement pour « %(title)s »", title=need.title)
        form.partner_ids.data = [str(i) for i in request.args.getlist("partenaires", type=int)]
    else:
        need = queries.published_need(form.need_id.data)
    chosen, results = _partner_pool(form, {org.id})
    form.partner_ids.data = [str(o.id) for o in chosen]
    form.set_need_choices(queries.need_choices(org, [need]), _("Aucun besoin précis pour l'instant"))
    form.set_partner_choices(chosen + results)
    searched = request.method == "POST" and request.form.get("action") == "search"
    if request.method == "POST" and not searched and form.validate():
        if not chosen:
            form.partner_ids.errors.append(_("Choisissez au moins une structure partenaire : cherchez-la par son nom."))
        else:
            try:
                grouping, invited = services.create_grouping(
                    current_user, org, name=form.name.data, description=form.description.data, need=need,
                    partners=chosen)
            except GroupingError as exc:
                db.session.rollback()
                form.partner_ids.errors.append(str(exc))
            else:
                db.session.commit()
                flash(_("Groupement formé. Les invitations sont parties : chaque partenaire accepte ou décline "
                        "depuis sa page « Groupements »."), "success")
                mail_warning(notifications.invitations_sent(grouping, invited, current_user))
                return to_grouping(grouping)
    return render_template("groupings/create.html", org=org, form=form, searched=searched, need=need)


def render_show(grouping, involved, invite_form=None, interest_form=None, searched=False):
    members = sorted(grouping.members, key=lambda m: (m.organisation_id != grouping.lead_organisation_id,
                                                      m.status != PartnerStatus.ACCEPTED, m.organisation.name))
    return render_template(
        "groupings/show.html", grouping=grouping, involved=involved, members=members,
        coverage=grouping_coverage(grouping), interest=services.grouping_interest(grouping),
        accepted_partners=services.accepted_partners(grouping),
        ineligible=services.ineligible([m.organisation for m in services.active_members(grouping)], grouping.need),
        invite_form=invite_form or InviteForm(formdata=None),
        interest_form=interest_form or InterestForm(formdata=None),
        searched=searched, max_partners=services.MAX_PARTNERS,
    )


@bp.get("/groupements/<int:grouping_id>")
@grouping_view
def show(grouping, involved):
    return render_show(grouping, involved)


@bp.route("/groupements/<int:grouping_id>/modifier", methods=["GET", "POST"])
@lead_view
def edit(grouping):
    members = services.active_members(grouping)
    names = {m.organisation_id: m.organisation.name for m in members}
    if request.method == "GET":
        form = GroupingEditForm(data={
            "name": grouping.name, "description": grouping.description, "need_id": grouping.need_id,
            "contributions": [{"organisation_id": m.organisation_id, "contribution": m.contribution} for m in members]})
    else:
        form = GroupingEditForm()
    form.set_need_choices(queries.need_choices(grouping.lead_organisation, [grouping.need]),
                          _("Aucun besoin précis pour l'instant"))
    if request.method == "POST" and form.validate():
        contributions = {}
        for entry in form.contributions:
            org_id = entry.organisation_id.data
            if str(org_id).isdigit() and int(org_id) in names:
                contributions[int(org_id)] = entry.contribution.data
        need = grouping.need if form.need_id.data == grouping.need_id else queries.published_need(form.need_id.data)
        try:
            services.update_grouping(current_user, grouping, name=form.name.data, description=form.description.data,
                                     need=need, contributions=contributions)
        except GroupingError as exc:
            db.session.rollback()
            form.need_id.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("Groupement enregistré."), "success")
            return to_grouping(grouping)
    return render_template("groupings/edit.html", grouping=grouping, form=form, names=names)


@bp.post("/groupements/<int:grouping_id>/partenaires")
@lead_view
def invite(grouping):
    form = InviteForm()
    current = {m.organisation_id for m in services.active_members(grouping)}
    chosen, results = _partner_pool(form, current)
    form.partner_ids.data = [str(o.id) for o in chosen]
    form.set_partner_choices(chosen + results)
    involved = involvement(current_user, grouping)
    if request.form.get("action") == "search" or not form.validate():
        return render_show(grouping, involved, invite_form=form, searched=request.form.get("action") == "search")
    if not chosen:
        form.partner_ids.errors.append(_("Cherchez une structure par son nom, puis cochez-la."))
        return render_show(grouping, involved, invite_form=form)
    try:
        invited = services.invite_partners(current_user, grouping, chosen)
    except GroupingError as exc:
        db.session.rollback()
        form.partner_ids.errors.append(str(exc))
        return render_show(grouping, involved, invite_form=form)
    db.session.commit()
    if invited:
        flash(_("Invitation envoyée à %(names)s.", names=", ".join(m.organisation.name for m in invited)), "success")
    else:
        flash(_("Ces structures sont déjà invitées ou membres du groupement."), "info")
    mail_warning(notifications.invitations_sent(grouping, invited, current_user))
    return to_grouping(grouping)


from . import action_views  # noqa: E402,F401  (the routes of the lead's and partners' actions)
