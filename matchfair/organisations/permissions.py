"""Who may do what with an organisation, decided here and nowhere else.

- Any member (admin or member) sees the organisation's pages and edits its profile and logo.
- Only admins invite, change roles and remove members.
- Someone who is not a member gets a 404: another organisation's private pages do not exist for them.
"""
from functools import wraps

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import Forbidden

from ..extensions import db
from .models import Membership, Organisation, Role


def membership_of(user, org_id: int) -> Membership | None:
    """The user's membership of organisation `org_id`, or None (also for anonymous visitors)."""
    if user is None or not user.is_authenticated:
        return None
    return db.session.get(Membership, (user.id, org_id))


def is_member(user, org: Organisation) -> bool:
    """True when `user` (possibly anonymous) belongs to `org`, whatever the role."""
    return membership_of(user, org.id) is not None


def is_admin(user, org: Organisation) -> bool:
    """True when `user` (possibly anonymous) is an admin of `org`."""
    membership = membership_of(user, org.id)
    return membership is not None and membership.role == Role.ADMIN


def ensure_member(user, org: Organisation) -> Membership:
    """The user's membership; Forbidden when they have none (services call this as a safety net)."""
    membership = membership_of(user, org.id)
    if membership is None:
        raise Forbidden()
    return membership


def ensure_admin(user, org: Organisation) -> Membership:
    """The user's admin membership; Forbidden when they are not an admin of `org`."""
    membership = ensure_member(user, org)
    if membership.role != Role.ADMIN:
        raise Forbidden()
    return membership


def get_org_for_member_or_404(org_id: int) -> Organisation:
    """The organisation `org_id` if the signed-in user belongs to it, else a 404."""
    membership = membership_of(current_user, org_id)
    if membership is None:
        abort(404)
    return membership.organisation


def require_org_admin(org: Organisation) -> None:
    """403 unless the signed-in user is an admin of `org` (call after get_org_for_member_or_404)."""
    if not is_admin(current_user, org):
        abort(403)


def org_member_required(view):
    """Route decorator: login, then membership of <org_id>; the view receives `org` instead of `org_id`."""
    @wraps(view)
    @login_required
    def wrapper(org_id: int, **kwargs):
        return view(org=get_org_for_member_or_404(org_id), **kwargs)
    return wrapper


def org_admin_required(view):
    """Route decorator: login, membership of <org_id> (else 404) and the admin role (else 403)."""
    @wraps(view)
    @login_required
    def wrapper(org_id: int, **kwargs):
        org = get_org_for_member_or_404(org_id)
        require_org_admin(org)
        return view(org=org, **kwargs)
    return wrapper


def confirmed_email_required(view):
    """Route decorator: login, then a confirmed e-mail address (else back to the account page)."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_confirmed:
            flash(_("Confirmez d'abord votre adresse e-mail : suivez le lien que nous vous avons envoyé."),
                  "warning")
            return redirect(url_for("accounts.settings"))
        return view(*args, **kwargs)
    return wrapper
