"""Rate limits of the accounts feature: failed log-ins, and e-mails sent on request.

Failed log-ins are counted per account (the normalised e-mail) and per network address. Requests
that send an e-mail (new confirmation link, password reset) are counted per network address, where
going over the limit is said, and per target address, where it is silent so that the answer never
tells whether an account exists.
"""
from flask import current_app, request

from ..ratelimit import Limit

# E-mails sent on request: enough for a fair's shared Wi-Fi, too few to use the site to spam.
EMAILS_PER_ADDRESS = 10
EMAILS_PER_RECIPIENT = 3
EMAILS_WINDOW_MINUTES = 15


def _login_limits() -> tuple[Limit, Limit]:
    config = current_app.config
    minutes = config["LOGIN_ATTEMPTS_WINDOW_MINUTES"]
    return (
        Limit("login-account", config["LOGIN_ATTEMPTS_PER_ACCOUNT"], minutes),
        Limit("login-address", config["LOGIN_ATTEMPTS_PER_ADDRESS"], minutes),
    )


def _address() -> str:
    return request.remote_addr or "unknown"


def login_blocked_minutes(email_key: str) -> int | None:
    """Minutes to wait before another log-in attempt for this account from this address, or None."""
    per_account, per_address = _login_limits()
    waits = [
        limit.retry_after_minutes(key)
        for limit, key in ((per_account, email_key), (per_address, _address()))
        if limit.exceeded(key)
    ]
    return max(waits) if waits else None


def count_failed_login(email_key: str) -> None:
    per_account, per_address = _login_limits()
    per_account.hit(email_key)
    per_address.hit(_address())


def clear_failed_logins(email_key: str) -> None:
    """Forget the account's failed attempts (after a successful log-in or a password reset)."""
    _login_limits()[0].clear(email_key)


def _email_limits() -> tuple[Limit, Limit]:
    config = current_app.config
    minutes = config.get("ACCOUNT_EMAILS_WINDOW_MINUTES", EMAILS_WINDOW_MINUTES)
    return (
        Limit("account-mail-address", config.get("ACCOUNT_EMAILS_PER_ADDRESS", EMAILS_PER_ADDRESS), minutes),
        Limit("account-mail-recipient", config.get("ACCOUNT_EMAILS_PER_RECIPIENT", EMAILS_PER_RECIPIENT), minutes),
    )


def email_requests_blocked_minutes() -> int | None:
    """Minutes before this network address may ask for another e-mail, or None if it may now."""
    per_address = _email_limits()[0]
    if per_address.exceeded(_address()):
        return per_address.retry_after_minutes(_address())
    return None


def count_email_request(recipient_key: str) -> bool:
    """Count one request for an e-mail to `recipient_key`; False if that recipient had enough already."""
    per_address, per_recipient = _email_limits()
    per_address.hit(_address())
    return per_recipient.hit(recipient_key)
