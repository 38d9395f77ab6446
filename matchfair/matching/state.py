"""The matching version counters (see MatchingState): raise them in the transaction that changes data."""
from sqlalchemy import select, update

from ..extensions import db
from .models import MatchingState

STATE_ID = 1


def _ensure_row() -> None:
    if db.session.get(MatchingState, STATE_ID) is None:
        db.session.add(MatchingState(id=STATE_ID, suppliers_version=0, needs_version=0))
        db.session.flush()


def suppliers_changed() -> None:
    """Call after any change to an SSE company's profile or offers (in the same transaction)."""
    _ensure_row()
    db.session.execute(
        update(MatchingState).where(MatchingState.id == STATE_ID)
        .values(suppliers_version=MatchingState.suppliers_version + 1)
    )


def needs_changed() -> None:
    """Call after any change to a need (in the same transaction)."""
    _ensure_row()
    db.session.execute(
        update(MatchingState).where(MatchingState.id == STATE_ID)
        .values(needs_version=MatchingState.needs_version + 1)
    )


def versions() -> tuple[int, int]:
    """(suppliers_version, needs_version) as committed, (0, 0) before any change."""
    row = db.session.execute(
        select(MatchingState.suppliers_version, MatchingState.needs_version).where(MatchingState.id == STATE_ID)
    ).first()
    return (row[0], row[1]) if row else (0, 0)
