"""The lead's and the partners' actions on a grouping (routes of the groupings blueprint, views.py).

Partners answer, or leave, for the company of <org_id> they belong to; the lead company removes
partners, dissolves the grouping and declares its interest in the need. Who may: access.py.
"""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from . import notifications, services
from .access import involvement, lead_view, partner_view
from .forms import EmptyForm, InterestForm
from .models import PartnerStatus
from .services import GroupingError
from .views import bp, mail_warning, render_show, to_grouping


def _answer(grouping, member, accept: bool):
    try:
        changed = services.answer_invitation(current_user, member, accept)
    except GroupingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("groupings.mine"))
    db.session.commit()
    org = member.organisation
    if not changed:
        flash(_("C'était déjà votre réponse."), "info")
    elif accept:
        flash(_("%(org)s fait maintenant partie du groupement « %(name)s ».", org=org.name, name=grouping.name),
              "success")
        mail_warning(notifications.answer_sent(grouping, org, "accepted"))
    else:
        flash(_("Invitation déclinée. %(lead)s en est informé.", lead=grouping.lead_organisation.name), "success")
        mail_warning(notifications.answer_sent(grouping, org, "declined"))
    if accept or not changed and member.status == PartnerStatus.ACCEPTED:
        return to_grouping(grouping)
    return redirect(url_for("groupings.mine"))


@bp.post("/groupements/<int:grouping_id>/partenaires/<int:org_id>/accepter")
@partner_view
def accept(grouping, member):
    return _answer(grouping, member, True)


@bp.post("/groupements/<int:grouping_id>/partenaires/<int:org_id>/decliner")
@partner_view
def decline(grouping, member):
    return _answer(grouping, member, False)


@bp.post("/groupements/<int:grouping_id>/partenaires/<int:org_id>/quitter")
@partner_view
def leave(grouping, member):
    org = member.organisation
    try:
        services.leave_grouping(current_user, member)
    except GroupingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("groupings.mine"))
    db.session.commit()
    flash(_("%(org)s a quitté le groupement « %(name)s ».", org=org.name, name=grouping.name), "success")
    mail_warning(notifications.answer_sent(grouping, org, "left"))
    return redirect(url_for("groupings.mine"))


@bp.post("/groupements/<int:grouping_id>/partenaires/<int:org_id>/retirer")
@lead_view
def remove(grouping, org_id: int):
    try:
        org = services.remove_partner(current_user, grouping, org_id)
    except GroupingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return to_grouping(grouping)
    db.session.commit()
    flash(_("%(org)s ne fait plus partie du groupement.", org=org.name), "success")
    mail_warning(notifications.partners_removed(grouping.name, grouping.lead_organisation, [org], dissolved=False))
    return to_grouping(grouping)


@bp.route("/groupements/<int:grouping_id>/dissoudre", methods=["GET", "POST"])
@lead_view
def dissolve(grouping):
    form = EmptyForm()
    if request.method == "POST" and form.validate():
        name, lead = grouping.name, grouping.lead_organisation
        partners = services.dissolve_grouping(current_user, grouping)
        db.session.commit()
        flash(_("Le groupement « %(name)s » est dissous.", name=name), "success")
        mail_warning(notifications.partners_removed(name, lead, partners, dissolved=True))
        return redirect(url_for("groupings.mine"))
    return render_template("groupings/dissolve.html", grouping=grouping, form=form,
                           interest=services.grouping_interest(grouping))


@bp.post("/groupements/<int:grouping_id>/interet")
@lead_view
def declare_interest(grouping):
    form = InterestForm()
    if not form.validate():
        return render_show(grouping, involvement(current_user, grouping), interest_form=form)
    try:
        services.declare_grouping_interest(current_user, grouping, form.message.data)
    except GroupingError as exc:  # the state changed under the person's eyes: say why on the page
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("groupings.show", grouping_id=grouping.id) + "#interet")
    db.session.commit()
    flash(_("Intérêt déclaré au nom du groupement : %(buyer)s le voit parmi les réponses à son besoin.",
            buyer=grouping.need.organisation.name), "success")
    return to_grouping(grouping)


@bp.post("/groupements/<int:grouping_id>/interet/retirer")
@lead_view
def withdraw_interest(grouping):
    if services.withdraw_grouping_interest(current_user, grouping):
        db.session.commit()
        flash(_("L'intérêt du groupement est retiré."), "success")
    else:
        flash(_("Le groupement n'avait pas déclaré d'intérêt."), "info")
    return to_grouping(grouping)
