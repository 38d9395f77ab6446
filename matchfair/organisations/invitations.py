"""Invitations: an admin invites a colleague by e-mail; the signed link lets them join.

The token is an itsdangerous URLSafeTimedSerializer signature (salt "invitation") of the
invitation's id and e-mail; it lasts INVITATION_TOKEN_MAX_AGE seconds.
"""
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from ..accounts.services import find_user_by_email, normalize_email
from ..extensions import db
from ..mailer import send_email
from ..ratelimit import Limit
from ..timeutil import utcnow
from . import permissions
from .models import Invitation, Membership, Organisation, Role

SALT = "invitation"
# Invitations an organisation may send per hour: enough for a team, not for spamming strangers.
SEND_LIMIT = Limit("org-invitations", 30, 60)


class InvitationError(ValueError):
    """An invitation the rules refuse; str(error) is the message for the person."""


class InvalidInvitation(Exception):
    """A link that cannot be used; `reason` is "invalid", "expired", "revoked" or "used"."""

    def __init__(self, reason: str, invitation: Invitation | None = None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=SALT)


def make_token(invitation: Invitation) -> str:
    """The signed token of an invitation's link."""
    return _serializer().dumps({"id": invitation.id, "email": invitation.email})


def max_age() -> int:
    """How long an invitation link lasts, in seconds (INVITATION_TOKEN_MAX_AGE)."""
    return int(current_app.config["INVITATION_TOKEN_MAX_AGE"])


def is_expired(invitation: Invitation) -> bool:
    """True when the invitation was sent (or sent again) longer ago than INVITATION_TOKEN_MAX_AGE."""
    return invitation.created_at + timedelta(seconds=max_age()) < utcnow()


def is_pending(invitation: Invitation) -> bool:
    """Neither accepted nor revoked (it may have expired)."""
    return invitation.accepted_at is None and invitation.revoked_at is None


def pending_invitations(org: Organisation) -> list[Invitation]:
    """Invitations neither accepted nor revoked, the most recent first (expired ones included)."""
    return list(db.session.scalars(
        select(Invitation).where(Invitation.organisation_id == org.id, Invitation.accepted_at.is_(None),
                                 Invitation.revoked_at.is_(None))
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())))


def _pending_for(org: Organisation, email: str) -> Invitation | None:
    return db.session.scalar(
        select(Invitation).where(Invitation.organisation_id == org.id, Invitation.email == email,
                                 Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
        .order_by(Invitation.id.desc()).limit(1))


def invite(actor, org: Organisation, email: str, role: str) -> tuple[Invitation, bool]:
    """Invite `email` with `role` (admins only) and flush; (invitation, True if it was new).

    Inviting an address that already has a pending invitation refreshes it (new date, role and
    link) instead of adding another. Raises InvitationError for a member's address, or when the
    organisation sent too many invitations in the last hour.
    """
    permissions.ensure_admin(actor, org)
    email = normalize_email(email)
    if role not in set(Role):
        raise InvitationError(_l("Ce rôle n'existe pas."))
    user = find_user_by_email(email)
    if user is not None and db.session.get(Membership, (user.id, org.id)) is not None:
        raise InvitationError(_("%(email)s fait déjà partie de l'organisation.", email=email))
    if not SEND_LIMIT.hit(str(org.id)):
        raise InvitationError(_l("Vous avez envoyé beaucoup d'invitations en peu de temps. "
                                 "Réessayez dans %(minutes)d minutes.",
                                 minutes=SEND_LIMIT.retry_after_minutes(str(org.id))))
    invitation = _pending_for(org, email)
    created = invitation is None
    if created:
        invitation = Invitation(organisation=org, email=email)
        db.session.add(invitation)
    invitation.role = role
    invitation.invited_by = actor
    invitation.created_at = utcnow()
    db.session.flush()
    return invitation, created


def send_invitation(invitation: Invitation) -> None:
    """E-mail the invitation's link (call it once the invitation is committed)."""
    org = invitation.organisation
    inviter = invitation.invited_by
    send_email(
        invitation.email,
        str(_l("Invitation à rejoindre %(org)s sur %(site)s", org=org.name, site=current_app.config["SITE_NAME"])),
        "emails/organisations_invitation",
        organisation=org, inviter=inviter, invitation=invitation,
        role_is_admin=invitation.role == Role.ADMIN,
        link=url_for("organisations.invitation", token=make_token(invitation), _external=True),
        days=max(1, max_age() // 86400),
    )


def revoke(actor, org: Organisation, invitation_id: int) -> Invitation:
    """Cancel a pending invitation of `org` (admins only); its link stops working."""
    permissions.ensure_admin(actor, org)
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.organisation_id != org.id or not is_pending(invitation):
        raise InvitationError(_l("Cette invitation n'est plus en attente."))
    invitation.revoked_at = utcnow()
    db.session.flush()
    return invitation


def read_token(token: str) -> Invitation:
    """The pending invitation of a link; raises InvalidInvitation with the reason it cannot be used."""
    try:
        payload = _serializer().loads(token, max_age=max_age())
    except SignatureExpired:
        raise InvalidInvitation("expired") from None
    except BadSignature:
        raise InvalidInvitation("invalid") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), int):
        raise InvalidInvitation("invalid")
    invitation = db.session.get(Invitation, payload["id"])
    if invitation is None or invitation.email != payload.get("email"):
        raise InvalidInvitation("invalid")
    if invitation.revoked_at is not None:
        raise InvalidInvitation("revoked", invitation)
    if invitation.accepted_at is not None:
        raise InvalidInvitation("used", invitation)
    if is_expired(invitation):
        raise InvalidInvitation("expired", invitation)
    return invitation


def accept(user, invitation: Invitation) -> Membership:
    """`user` joins the invitation's organisation with its role, and flush.

    The user must have the invited address. Following the e-mailed link proves the mailbox, so the
    address counts as confirmed. A person who is already a member keeps their role.
    """
    if user.email != normalize_email(invitation.email):
        raise InvitationError(_l("Cette invitation est adressée à une autre adresse e-mail."))
    membership = db.session.get(Membership, (user.id, invitation.organisation_id))
    if membership is None:
        membership = Membership(user=user, organisation=invitation.organisation, role=invitation.role)
        db.session.add(membership)
    invitation.accepted_at = utcnow()
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
    db.session.flush()
    return membership
