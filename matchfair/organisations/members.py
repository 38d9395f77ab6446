"""Members of an organisation: roles, removal, leaving. An organisation always keeps an admin."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..accounts.models import User
from ..extensions import db
from . import permissions
from .models import Membership, Organisation, Role


class MembershipError(ValueError):
    """A change that the rules refuse; str(error) is the message for the person."""


LAST_ADMIN = _l("L'organisation doit garder au moins un administrateur : nommez d'abord un autre "
                "administrateur.")


def members(org: Organisation) -> list[Membership]:
    """The organisation's memberships, admins first, then by name."""
    statement = (select(Membership).join(User, Membership.user_id == User.id)
                 .where(Membership.organisation_id == org.id)
                 .order_by(Membership.role, func.lower(User.full_name), User.id))
    return list(db.session.scalars(statement))


def member_count(org: Organisation) -> int:
    """How many people belong to the organisation."""
    return db.session.scalar(select(func.count()).select_from(Membership)
                             .where(Membership.organisation_id == org.id))


def _lock_organisation(org: Organisation) -> None:
    # Two admins demoting each other at the same time must not leave the organisation without one:
    # on PostgreSQL the organisation row serialises membership changes (SQLite serialises writes anyway).
    db.session.execute(select(Organisation.id).where(Organisation.id == org.id).with_for_update())


def _admin_count(org: Organisation) -> int:
    return db.session.scalar(select(func.count()).select_from(Membership).where(
        Membership.organisation_id == org.id, Membership.role == Role.ADMIN))


def _target(org: Organisation, user_id: int) -> Membership:
    membership = db.session.get(Membership, (user_id, org.id))
    if membership is None:
        raise MembershipError(_l("Cette personne ne fait pas partie de l'organisation."))
    return membership


def change_role(actor, org: Organisation, user_id: int, role: str) -> Membership:
    """Give member `user_id` the role `role` (admins only); the last admin cannot be demoted."""
    permissions.ensure_admin(actor, org)
    if role not in set(Role):
        raise MembershipError(_l("Ce rôle n'existe pas."))
    _lock_organisation(org)
    membership = _target(org, user_id)
    if membership.role == Role.ADMIN and role != Role.ADMIN and _admin_count(org) <= 1:
        raise MembershipError(LAST_ADMIN)
    membership.role = role
    db.session.flush()
    return membership


def remove_member(actor, org: Organisation, user_id: int) -> User:
    """Remove member `user_id` from the organisation (admins only); the last admin stays."""
    permissions.ensure_admin(actor, org)
    _lock_organisation(org)
    membership = _target(org, user_id)
    if membership.role == Role.ADMIN and _admin_count(org) <= 1:
        raise MembershipError(LAST_ADMIN)
    user = membership.user
    db.session.delete(membership)
    db.session.flush()
    return user


def leave(actor, org: Organisation) -> None:
    """`actor` leaves the organisation; the last admin cannot."""
    membership = permissions.ensure_member(actor, org)
    _lock_organisation(org)
    if membership.role == Role.ADMIN and _admin_count(org) <= 1:
        raise MembershipError(_l("Vous êtes le dernier administrateur : nommez d'abord un autre "
                                 "administrateur avant de quitter l'organisation."))
    db.session.delete(membership)
    db.session.flush()
