"""The organisation a signed-in person is acting for (they may belong to several)."""
from flask import g, session
from flask_login import current_user

from ..extensions import db
from .models import Membership, Organisation

SESSION_KEY = "org_id"


def current_membership() -> Membership | None:
    """The membership the signed-in user acts through: the one chosen in the session, else the first."""
    if not current_user.is_authenticated:
        return None
    if "current_membership" in g:
        return g.current_membership
    memberships = sorted(current_user.memberships, key=lambda m: m.created_at)
    chosen = session.get(SESSION_KEY)
    membership = next((m for m in memberships if m.organisation_id == chosen), None)
    if membership is None and memberships:
        membership = memberships[0]
    g.current_membership = membership
    return membership


def current_organisation() -> Organisation | None:
    """The organisation the signed-in user acts for, or None (anonymous, or no organisation yet)."""
    membership = current_membership()
    return membership.organisation if membership else None


def switch_organisation(organisation_id: int) -> bool:
    """Act for another of the user's organisations; False if they are not a member of it."""
    membership = db.session.get(Membership, (current_user.id, organisation_id))
    if membership is None:
        return False
    session[SESSION_KEY] = organisation_id
    g.pop("current_membership", None)
    return True


def forget_organisation(organisation_id: int) -> None:
    """After leaving `organisation_id`: act for another of the user's organisations (the first one)."""
    if session.get(SESSION_KEY) == organisation_id:
        session.pop(SESSION_KEY)
    g.pop("current_membership", None)
