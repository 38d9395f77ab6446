"""Status actions on a need (publish, close, reopen, delete a draft, publish a selection) and the
award page, on the needs blueprint (see views.py)."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..matching.models import Interest, InterestKind, Shortlist
from ..organisations.models import Organisation, OrgKind
from . import services
from .forms import AwardForm
from .models import Need, NeedStatus
from .permissions import buyer_required, managed_need
from .presenter import euros
from .transitions import NeedError, allowed
from .views import bp


def _run(need: Need, action, success: str):
    try:
        action(current_user, need)
    except NeedError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(url_for("needs.show", need_id=need.id))


@bp.post("/besoins/<int:need_id>/publier")
@managed_need
def publish(need: Need):
    return _run(need, services.publish_need, _("Besoin publié : les structures de l'ESS peuvent maintenant le voir."))


@bp.post("/besoins/<int:need_id>/clore")
@managed_need
def close(need: Need):
    return _run(need, services.close_need, _("Besoin clos : il reste visible, mais n'attend plus de fournisseurs."))


@bp.post("/besoins/<int:need_id>/rouvrir")
@managed_need
def reopen(need: Need):
    return _run(need, services.reopen_need, _("Besoin rouvert : il est de nouveau publié."))


@bp.post("/besoins/<int:need_id>/supprimer")
@managed_need
def delete(need: Need):
    title = need.title
    try:
        services.delete_draft(current_user, need)
    except NeedError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("needs.show", need_id=need.id))
    db.session.commit()
    flash(_("Le brouillon « %(title)s » est supprimé.", title=title), "success")
    return redirect(url_for("needs.mine"))


@bp.post("/besoins/publier-la-selection")
@buyer_required
def publish_selected(org):
    ids = request.form.getlist("need_ids", type=int)
    drafts = db.session.scalars(select(Need).where(
        Need.id.in_(ids), Need.organisation_id == org.id, Need.status == NeedStatus.DRAFT.value)).all() if ids else []
    if not drafts:
        flash(_("Cochez d'abord les brouillons à publier."), "warning")
        return redirect(url_for("needs.mine", statut=NeedStatus.DRAFT.value))
    published, refused = 0, []
    for need in drafts:
        try:
            services.publish_need(current_user, need)
            published += 1
        except NeedError as error:
            refused.append(_("« %(title)s » : %(reason)s", title=need.title, reason=str(error)))
    db.session.commit()
    if published:
        flash(ngettext("%(num)d besoin publié.", "%(num)d besoins publiés.", published), "success")
    for message in refused:
        flash(_("Non publié, à compléter : %(message)s", message=message), "error")
    return redirect(url_for("needs.mine", statut=NeedStatus.DRAFT.value if refused else None))


def award_candidates(need: Need) -> list[tuple[Organisation, str]]:
    """The SSE companies that declared interest in the need or that the buyer shortlisted, by name."""
    interested = set(db.session.scalars(select(Interest.organisation_id).where(
        Interest.need_id == need.id, Interest.kind == InterestKind.INTERESTED.value)))
    shortlisted = set(db.session.scalars(select(Shortlist.organisation_id).where(Shortlist.need_id == need.id)))
    ids = interested | shortlisted
    if not ids:
        return []
    orgs = db.session.scalars(select(Organisation).where(Organisation.id.in_(ids), Organisation.kind == OrgKind.SSE.value)
                              .order_by(Organisation.name)).all()
    return [(org, _("intéressée") if org.id in interested else _("présélectionnée")) for org in orgs]


@bp.route("/besoins/<int:need_id>/attribuer", methods=["GET", "POST"])
@managed_need
def award(need: Need):
    if not allowed(need, "award"):
        flash(_("Seul un besoin publié ou clos peut être marqué attribué."), "error")
        return redirect(url_for("needs.show", need_id=need.id))
    candidates = award_candidates(need)
    form = AwardForm()
    form.organisation_id.choices = [("", _("Choisissez une structure"))] + [
        (str(org.id), f"{org.name} ({why})") for org, why in candidates]
    if request.method == "GET" and need.estimated_amount_eur:
        form.amount_eur.data = need.estimated_amount_eur
    if form.validate_on_submit():
        organisation, outside_name = _winner(form, candidates)
        if organisation is not None or outside_name is not None:
            try:
                services.award_need(current_user, need, organisation=organisation, outside_name=outside_name,
                                    amount_eur=form.amount_eur.data)
            except NeedError as error:
                db.session.rollback()
                form.amount_eur.errors.append(str(error))
            else:
                db.session.commit()
                flash(_("Besoin marqué attribué à %(name)s pour %(amount)s HT. Merci : cela nourrit les "
                        "indicateurs d'achats responsables.", name=need.awarded_to_name,
                        amount=euros(need.awarded_amount_eur)), "success")
                return redirect(url_for("needs.show", need_id=need.id))
    return render_template("needs/award.html", need=need, form=form, candidates=candidates)


def _winner(form: AwardForm, candidates) -> tuple[Organisation | None, str | None]:
    """The organisation chosen in the list, or found by its exact name, or an outside name; errors on the form."""
    chosen, name = form.organisation_id.data, form.organisation_name.data
    if chosen and name:
        form.organisation_name.errors.append(_("Choisissez une structure dans la liste ou écrivez un nom, pas les deux."))
        return None, None
    if chosen:
        by_id = {str(org.id): org for org, _why in candidates}
        if chosen not in by_id:
            form.organisation_id.errors.append(_("Choisissez une structure de la liste."))
            return None, None
        return by_id[chosen], None
    if not name:
        form.organisation_name.errors.append(_("Indiquez à qui le marché a été attribué."))
        return None, None
    found = services.sse_organisation_by_name(name)
    return (found, None) if found is not None else (None, name)
