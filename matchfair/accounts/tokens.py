"""Signed, time-limited tokens carried by the links sent by e-mail.

Each purpose has its own salt, so that a token made for one purpose is refused by every other one.
"""
import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

CONFIRM = "matchfair.accounts.confirm-email"
RESET = "matchfair.accounts.reset-password"
CHANGE_EMAIL = "matchfair.accounts.change-email"
# An invitation to set a first password (accounts created by an organiser's import): read like a
# reset link, but valid as long as invitations are.
SET_PASSWORD = "matchfair.accounts.set-password"

# The setting that gives each purpose's lifetime, in seconds.
_MAX_AGE_SETTING = {
    CONFIRM: "CONFIRM_TOKEN_MAX_AGE",
    RESET: "RESET_TOKEN_MAX_AGE",
    CHANGE_EMAIL: "CONFIRM_TOKEN_MAX_AGE",
    SET_PASSWORD: "INVITATION_TOKEN_MAX_AGE",
}


class BadToken(Exception):
    """The link is tampered with, made for another purpose, or too old (`expired`)."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose)


def make_token(purpose: str, payload: dict) -> str:
    """Sign `payload` (a small JSON-able dict) for `purpose`."""
    return _serializer(purpose).dumps(payload)


def read_token(purpose: str, token: str) -> dict:
    """The payload of a token made for `purpose`; raises BadToken if it is invalid or expired."""
    max_age = current_app.config[_MAX_AGE_SETTING[purpose]]
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise BadToken(expired=True) from exc
    except BadSignature as exc:
        raise BadToken() from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("uid"), int):
        raise BadToken()
    return payload


def password_fingerprint(password_hash: str) -> str:
    """A short digest of the stored hash: a reset token carries it, so it dies once the password changes."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]
