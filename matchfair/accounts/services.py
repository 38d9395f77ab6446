"""Account services: creating people's accounts, passwords, e-mail confirmation and changes.

Services check the rules and flush; the view (or CLI command) commits.
"""
import hmac
from contextlib import nullcontext
from functools import cache

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..mailer import send_email
from ..timeutil import utcnow
from . import tokens
from .models import User
from .tokens import BadToken


class EmailTaken(ValueError):
    """Another account already uses this e-mail address."""


class PasswordTooShort(ValueError):
    """The password is shorter than PASSWORD_MIN_LENGTH."""


class WrongPassword(ValueError):
    """The current password given to confirm a change is not the right one."""


class SameEmail(ValueError):
    """The new e-mail address is the one the account already has."""


def normalize_email(email: str) -> str:
    """The form under which addresses are stored and compared: no surrounding spaces, lower case."""
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    """The account with this address (in any case), or None."""
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def create_user(email: str, full_name: str, password: str, *, confirmed: bool = False,
                locale: str | None = None) -> User:
    """Create and flush an account; raises EmailTaken if the address is used, PasswordTooShort."""
    email = normalize_email(email)
    if find_user_by_email(email) is not None:
        raise EmailTaken(email)
    user = User(email=email, full_name=full_name.strip(), locale=locale,
                email_confirmed_at=utcnow() if confirmed else None)
    set_password(user, password)
    _flush_unique_email(user)
    return user


def _flush_unique_email(user: User) -> None:
    # The unique constraint settles a race between two requests for the same address.
    try:
        with db.session.begin_nested():
            db.session.add(user)
            db.session.flush()
    except IntegrityError as exc:
        raise EmailTaken(user.email) from exc


def set_password(user: User, password: str) -> None:
    """Hash and store `password`; for an existing account this ends its other log-in sessions.

    Raises PasswordTooShort under PASSWORD_MIN_LENGTH characters.
    """
    if len(password) < current_app.config["PASSWORD_MIN_LENGTH"]:
        raise PasswordTooShort()
    user.password_hash = generate_password_hash(password)
    if user.session_version is not None:
        # Sessions and remember-me cookies carry "id:session_version" (User.get_id): raising it logs them out.
        user.session_version += 1


@cache
def _decoy_hash() -> str:
    return generate_password_hash("matchfair-decoy-password")


def check_password(user: User, password: str) -> bool:
    """True if `password` is the account's password."""
    return check_password_hash(user.password_hash, password)


def authenticate(email: str, password: str) -> User | None:
    """The account if the address and password match, else None (in the same time either way)."""
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_decoy_hash(), password)  # so that timing does not tell who has an account
        return None
    return user if check_password(user, password) else None


def record_login(user: User) -> None:
    """Note the time of a successful log-in."""
    user.last_login_at = utcnow()
    db.session.flush()


def update_profile(user: User, full_name: str, locale: str | None) -> None:
    """Change the name shown to others and the preferred language (None: follow the browser)."""
    user.full_name = full_name.strip()
    user.locale = locale if locale in current_app.config["LANGUAGES"] else None
    db.session.flush()


def _send(user: User, to: str, subject, template: str, **context) -> None:
    # In the account's language when it has chosen one.
    with force_locale(user.locale) if user.locale else nullcontext():
        send_email(to, str(subject), f"emails/accounts_{template}", user=user, **context)


def _days(seconds: int) -> int:
    return max(1, seconds // 86400)


def send_confirmation(user: User, *, kind: str | None = None, next_url: str | None = None) -> None:
    """E-mail a link that confirms the account's address; `kind` and `next_url` ride in the link."""
    extra = {key: value for key, value in (("kind", kind), ("next", next_url)) if value}
    token = tokens.make_token(tokens.CONFIRM, {"uid": user.id, "email": user.email, **extra})
    _send(user, user.email, _l("Confirmez votre adresse e-mail"), "confirm",
          link=url_for("accounts.confirm_email", token=token, _external=True),
          days=_days(current_app.config["CONFIRM_TOKEN_MAX_AGE"]))


def read_confirmation(token: str) -> tuple[User, dict]:
    """The account and payload of a confirmation link; BadToken if invalid, expired or for an old address."""
    payload = tokens.read_token(tokens.CONFIRM, token)
    user = db.session.get(User, payload["uid"])
    if user is None or user.email != payload.get("email"):
        raise BadToken()
    return user, payload


def confirm_email(user: User) -> None:
    """Mark the account's address as confirmed."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        db.session.flush()


def send_password_reset(user: User) -> None:
    """E-mail a link to choose a new password; it stops working once the password changes."""
    payload = {"uid": user.id, "pw": tokens.password_fingerprint(user.password_hash)}
    token = tokens.make_token(tokens.RESET, payload)
    _send(user, user.email, _l("Choisissez un nouveau mot de passe"), "reset",
          link=url_for("accounts.reset_password", token=token, _external=True),
          hours=max(1, current_app.config["RESET_TOKEN_MAX_AGE"] // 3600))


def read_password_reset(token: str) -> User:
    """The account of a password-reset link (or of an invitation to set a first password);
    BadToken if invalid, expired or already used."""
    try:
        payload = tokens.read_token(tokens.RESET, token)
    except BadToken as reset_error:
        try:
            payload = tokens.read_token(tokens.SET_PASSWORD, token)
        except BadToken as invitation_error:
            raise (reset_error if not invitation_error.expired else invitation_error) from None
    user = db.session.get(User, payload["uid"])
    fingerprint = str(payload.get("pw", ""))
    if user is None or not hmac.compare_digest(fingerprint, tokens.password_fingerprint(user.password_hash)):
        raise BadToken()
    return user


def reset_password(user: User, password: str) -> None:
    """Set a new password from a reset link; the link proved the mailbox, so the address is confirmed."""
    set_password(user, password)
    confirm_email(user)
    db.session.flush()
    _send(user, user.email, _l("Votre mot de passe a été modifié"), "password_changed")


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change the password of a signed-in person; raises WrongPassword, PasswordTooShort."""
    if not check_password(user, current_password):
        raise WrongPassword()
    set_password(user, new_password)
    db.session.flush()
    _send(user, user.email, _l("Votre mot de passe a été modifié"), "password_changed")


def request_email_change(user: User, new_email: str, password: str) -> None:
    """Send a link to `new_email`; the address changes only when it is followed.

    Raises WrongPassword, SameEmail or EmailTaken.
    """
    new_email = normalize_email(new_email)
    if not check_password(user, password):
        raise WrongPassword()
    if new_email == user.email:
        raise SameEmail()
    if find_user_by_email(new_email) is not None:
        raise EmailTaken(new_email)
    token = tokens.make_token(tokens.CHANGE_EMAIL, {"uid": user.id, "email": new_email, "old": user.email})
    _send(user, new_email, _l("Confirmez votre nouvelle adresse e-mail"), "change_email",
          link=url_for("accounts.confirm_email_change", token=token, _external=True), new_email=new_email,
          days=_days(current_app.config["CONFIRM_TOKEN_MAX_AGE"]))


def apply_email_change(token: str) -> User:
    """Give the account the address of a change link and tell the old address.

    Raises BadToken (invalid, expired, already used) or EmailTaken (taken since the request).
    """
    payload = tokens.read_token(tokens.CHANGE_EMAIL, token)
    user = db.session.get(User, payload["uid"])
    new_email = payload.get("email")
    if user is None or not isinstance(new_email, str) or user.email != payload.get("old"):
        raise BadToken()
    if find_user_by_email(new_email) is not None:
        raise EmailTaken(new_email)
    old_email = user.email
    user.email = new_email
    user.email_confirmed_at = utcnow()
    _flush_unique_email(user)
    _send(user, old_email, _l("Votre adresse e-mail a été modifiée"), "email_changed",
          old_email=old_email, new_email=new_email)
    return user


def load_user_from_session_id(session_id: str) -> User | None:
    """Flask-Login's user loader: "id:session_version"; a stale version logs the person out."""
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version):
        return None
    return user
