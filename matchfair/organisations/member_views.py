"""Members and invitations pages, on the organisations blueprint (see views.py).

Every member sees the list; only admins invite, change roles and remove (permissions.py).
The invitation link (/invitation/<token>) is open to visitors: the signed token is the key.
"""
import logging

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts import services as accounts
from ..accounts.views import log_in
from ..extensions import db
from . import invitations, members as member_services
from .current import forget_organisation, switch_organisation
from .forms import InvitationSignupForm, InviteForm, RoleForm
from .models import Organisation, Role
from .permissions import is_admin, org_admin_required, org_member_required
from .views import bp

log = logging.getLogger(__name__)


def _render_members(org: Organisation, invite_form=None):
    return render_template(
        "organisations/members.html", org=org, is_admin=is_admin(current_user, org),
        members=member_services.members(org), invitations=invitations.pending_invitations(org),
        invite_form=invite_form or InviteForm(formdata=None), role_form=RoleForm(formdata=None),
        is_expired=invitations.is_expired,
    )


def _back(org: Organisation):
    return redirect(url_for("organisations.members", org_id=org.id))


@bp.get("/organisation/<int:org_id>/membres")
@org_member_required
def members(org: Organisation):
    return _render_members(org)


@bp.post("/organisation/<int:org_id>/membres/inviter")
@org_admin_required
def invite(org: Organisation):
    form = InviteForm()
    if not form.validate():
        return _render_members(org, form)
    try:
        invitation, created = invitations.invite(current_user, org, form.email.data, form.role.data)
    except invitations.InvitationError as exc:
        db.session.rollback()
        form.email.errors.append(str(exc))
        return _render_members(org, form)
    db.session.commit()
    try:
        invitations.send_invitation(invitation)
    except Exception:  # the mail server is down: the invitation is saved and can be sent again
        log.exception("Could not send the invitation %s", invitation.id)
        flash(_("L'invitation de %(email)s est enregistrée mais l'e-mail n'a pas pu partir. Réessayez plus tard "
                "avec « Renvoyer ».", email=invitation.email), "warning")
        return _back(org)
    if created:
        flash(_("Invitation envoyée à %(email)s.", email=invitation.email), "success")
    else:
        flash(_("%(email)s avait déjà une invitation en attente : elle a été renvoyée avec un nouveau lien.",
                email=invitation.email), "success")
    return _back(org)


@bp.post("/organisation/<int:org_id>/invitations/<int:invitation_id>/annuler")
@org_admin_required
def revoke_invitation(org: Organisation, invitation_id: int):
    try:
        invitation = invitations.revoke(current_user, org, invitation_id)
    except invitations.InvitationError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("L'invitation de %(email)s est annulée : son lien ne fonctionne plus.", email=invitation.email),
              "success")
    return _back(org)


@bp.post("/organisation/<int:org_id>/membres/<int:user_id>/role")
@org_admin_required
def change_role(org: Organisation, user_id: int):
    form = RoleForm()
    if not form.validate():
        flash(_("Choisissez un rôle de la liste."), "error")
        return _back(org)
    try:
        membership = member_services.change_role(current_user, org, user_id, form.role.data)
    except member_services.MembershipError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return _back(org)
    db.session.commit()
    if membership.role == Role.ADMIN:
        flash(_("%(name)s est maintenant administrateur.", name=membership.user.full_name), "success")
    else:
        flash(_("%(name)s est maintenant membre.", name=membership.user.full_name), "success")
    if user_id == current_user.id and membership.role != Role.ADMIN:
        return redirect(url_for("organisations.dashboard"))
    return _back(org)


@bp.post("/organisation/<int:org_id>/membres/<int:user_id>/retirer")
@org_admin_required
def remove_member(org: Organisation, user_id: int):
    if user_id == current_user.id:
        return _leave(org)
    try:
        user = member_services.remove_member(current_user, org, user_id)
    except member_services.MembershipError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return _back(org)
    name = user.full_name
    db.session.commit()
    flash(_("%(name)s ne fait plus partie de l'organisation.", name=name), "success")
    return _back(org)


@bp.post("/organisation/<int:org_id>/quitter")
@org_member_required
def leave(org: Organisation):
    return _leave(org)


def _leave(org: Organisation):
    try:
        member_services.leave(current_user, org)
    except member_services.MembershipError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return _back(org)
    name = org.name
    db.session.commit()
    forget_organisation(org.id)
    flash(_("Vous avez quitté %(name)s.", name=name), "success")
    return redirect(url_for("organisations.dashboard"))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def invitation(token: str):
    try:
        invitation = invitations.read_token(token)
    except invitations.InvalidInvitation as exc:
        return _invalid(exc)
    org = invitation.organisation
    page = {"invitation": invitation, "org": org, "token": token,
            "role_is_admin": invitation.role == Role.ADMIN}

    if current_user.is_authenticated:
        if current_user.email != accounts.normalize_email(invitation.email):
            return render_template("organisations/invitation.html", state="other_account", **page)
        if request.method == "POST":
            invitations.accept(current_user, invitation)
            db.session.commit()
            return _joined(org)
        return render_template("organisations/invitation.html", state="accept", **page)

    if accounts.find_user_by_email(invitation.email) is not None:
        login_url = url_for("accounts.login", next=url_for("organisations.invitation", token=token))
        return render_template("organisations/invitation.html", state="login", login_url=login_url, **page)

    form = InvitationSignupForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(invitation.email, form.full_name.data, form.password.data,
                                        confirmed=True, locale=session.get("lang"))
        except accounts.EmailTaken:
            db.session.rollback()
            return redirect(url_for("organisations.invitation", token=token))
        except accounts.PasswordTooShort:
            form.password.errors.append(_("Ce mot de passe est trop court."))
        else:
            invitations.accept(user, invitation)
            accounts.record_login(user)
            db.session.commit()
            log_in(user)
            return _joined(org)
    return render_template("organisations/invitation.html", state="signup", form=form, **page)


def _joined(org: Organisation):
    switch_organisation(org.id)
    flash(_("Bienvenue dans %(name)s ! Vous agissez maintenant pour cette organisation.", name=org.name), "success")
    return redirect(url_for("organisations.dashboard"))


def _invalid(exc: invitations.InvalidInvitation):
    org = exc.invitation.organisation if exc.invitation is not None else None
    member = org is not None and current_user.is_authenticated and any(
        m.organisation_id == org.id for m in current_user.memberships)
    status = 404 if exc.reason == "invalid" else 410
    return render_template("organisations/invitation_invalid.html", reason=exc.reason, org=org,
                           already_member=member), status
