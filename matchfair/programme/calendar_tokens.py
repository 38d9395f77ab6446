"""The secret of each person's private calendar feed (CalendarToken): made once, replaced at will.

The token is the only credential of the feed URL (calendar clients cannot sign in), so it carries
256 bits from `secrets`. It is looked up through the table's unique index rather than compared in
Python: a constant-time comparison protects a secret compared byte by byte against a guess, whereas
here the guess only selects a row of a B-tree; an attacker learns nothing usable from the timing of
a lookup that fails (no prefix of a 43-character random token can be confirmed that way), and
guessing 2**256 values is out of reach.
"""
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow
from .models import CalendarToken


def new_secret() -> str:
    """A fresh random token, safe in a URL (43 characters)."""
    return secrets.token_urlsafe(32)


def token_of(user) -> CalendarToken:
    """The person's feed token, made on first use. Flushes; the caller commits."""
    token = db.session.get(CalendarToken, user.id)
    if token is not None:
        return token
    token = CalendarToken(user_id=user.id, token=new_secret(), created_at=utcnow())
    try:
        with db.session.begin_nested():
            db.session.add(token)
    except IntegrityError:  # made at the same moment by another request (two tabs)
        token = db.session.get(CalendarToken, user.id, populate_existing=True)
    return token


def reset_token(user) -> CalendarToken:
    """Replace the person's token: the old feed URL stops working at once. Flushes; the caller commits."""
    token = token_of(user)
    token.token, token.created_at = new_secret(), utcnow()
    db.session.flush()
    return token


def user_for_token(secret: str) -> User | None:
    """The person whose feed `secret` opens, or None (unknown or replaced token)."""
    if not secret or len(secret) > 64:
        return None
    return db.session.scalar(select(User).join(CalendarToken, CalendarToken.user_id == User.id)
                             .where(CalendarToken.token == secret))
