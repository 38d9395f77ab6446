"""What raises a meeting's priority: the matching engine's score and declared mutual interest.

Scores come from the matching feature's cached index (matching/cache.py) and engine, as the
matching pages compute them; nothing is scored here.

    match_score(sse_org, buyer_org, need=None) -> int | None
        with a need: the SSE company's score for it (None: not a match); without: its best score
        among the buyer's published needs (None: none matches, or its profile is incomplete).
    best_scores(sse_org) -> dict[buyer organisation id, int]
        the company's best score per buyer, over every published need (one ranking).
    declared_mutual(sse_org_id, buyer_org_id) -> bool
        the company declared interest in a need of the buyer, and the buyer shortlisted it.
"""

from sqlalchemy import exists, select

from ..engine.matching import explain
from ..extensions import db
from ..matching import adapters
from ..matching.cache import supplier_entry
from ..matching.models import Interest, InterestKind, Shortlist
from ..matching.ranking import rank_needs
from ..needs.models import Need, NeedStatus


def _score(value: float) -> int:
    return round(value)


def match_score(sse_org, buyer_org, need: Need | None = None) -> int | None:
    if need is not None:
        entry = supplier_entry()
        supplier = entry.supplier(sse_org.id)
        if supplier is None:
            return None
        found = explain(entry.index, adapters.need_to_engine(db.session, need), supplier)
        return _score(found.score) if found is not None else None
    return best_scores(sse_org, [buyer_org.id]).get(buyer_org.id)


def best_scores(sse_org, buyer_org_ids=None) -> dict[int, int]:
    ranked = rank_needs(sse_org)
    if not ranked.matches:
        return {}
    statement = select(Need.id, Need.organisation_id).where(
        Need.id.in_([int(m.need) for m in ranked.matches]), Need.status == NeedStatus.PUBLISHED.value)
    if buyer_org_ids is not None:
        statement = statement.where(Need.organisation_id.in_(list(buyer_org_ids)))
    owner = dict(db.session.execute(statement).all())
    best: dict[int, int] = {}
    for m in ranked.matches:  # best first
        org_id = owner.get(int(m.need))
        if org_id is not None and org_id not in best:
            best[org_id] = _score(m.score)
    return best


def declared_mutual(sse_org_id: int, buyer_org_id: int) -> bool:
    of_buyer = select(Need.id).where(Need.organisation_id == buyer_org_id)
    interested = exists().where(Interest.organisation_id == sse_org_id, Interest.kind == InterestKind.INTERESTED.value,
                                Interest.need_id.in_(of_buyer))
    shortlisted = exists().where(Shortlist.organisation_id == sse_org_id, Shortlist.need_id.in_(of_buyer))
    return bool(db.session.scalar(select(interested & shortlisted)))
