"""Demo part: interest declared and shortlists, from the meetings the matching gave.

Each SSE company with an accepted meeting about a need of the coming fair has declared its interest
in that need, with a short message (as the matching pages let it), and the buyer shortlisted about
a third of them. The showcase companies declare nothing, so that "Nous sommes intéressés" can be
tried by hand. Rows of the matching feature; their buyers' digests count them as already notified.
"""
from datetime import timedelta

from sqlalchemy import delete, or_, select

from ..extensions import db
from ..matching.models import Interest, InterestKind, Shortlist
from ..meetings.models import Meeting, MeetingParticipant, MeetingStatus
from ..needs.models import Need, NeedStatus
from ..programme.models import Event
from .context import DemoContext
from .data_companies import SHOWCASE as COMPANY_SHOWCASE

MESSAGES = (
    "Nous avons déjà réalisé des prestations comparables pour des collectivités de la région.",
    "Nous pouvons répondre seuls sur un lot, ou en groupement pour l'ensemble.",
    "Nous aimerions connaître le calendrier de la consultation pour nous y préparer.",
)
SHORTLIST_SHARE = 0.35


def load(ctx: DemoContext) -> None:
    rng = ctx.rng_for("interests")
    organiser = ctx.organisations["organiser"]
    rows = db.session.execute(
        select(Meeting, MeetingParticipant, Need).join(Need, Need.id == Meeting.need_id)
        .join(Event, Event.id == Meeting.event_id)
        .join(MeetingParticipant, MeetingParticipant.id.in_((Meeting.requester_id, Meeting.recipient_id)))
        .where(Event.organiser_organisation_id == organiser.id, Meeting.status == MeetingStatus.ACCEPTED,
               Need.status == NeedStatus.PUBLISHED)
        .order_by(Meeting.id)).all()
    seen: set[tuple[int, int]] = set()
    for meeting, side, need in rows:
        if side.organisation.kind != "sse" or side.organisation.name in COMPANY_SHOWCASE:
            continue
        key = (need.id, side.organisation_id)
        if key in seen:
            continue
        seen.add(key)
        declared = meeting.created_at - timedelta(hours=rng.randint(2, 48))
        db.session.add(Interest(need_id=need.id, organisation_id=side.organisation_id,
                                kind=InterestKind.INTERESTED.value, message=rng.choice(MESSAGES),
                                declared_by_id=side.user_id, created_at=declared, updated_at=declared,
                                notified_at=declared + timedelta(hours=1)))
        ctx.count("interests")
        if rng.random() < SHORTLIST_SHARE:
            buyer_user = next(m.user_id for m in need.organisation.memberships)
            db.session.add(Shortlist(need_id=need.id, organisation_id=side.organisation_id, added_by_id=buyer_user,
                                     created_at=declared + timedelta(days=1)))
            ctx.count("shortlists")


def reset(org_ids: list[int], _user_ids: list[int]) -> None:
    """Delete the interests and shortlists of the demo's companies, and on the demo buyers' needs."""
    need_ids = select(Need.id).where(Need.organisation_id.in_(org_ids))
    for model in (Interest, Shortlist):
        db.session.execute(delete(model).where(or_(model.need_id.in_(need_ids), model.organisation_id.in_(org_ids)))
                           .execution_options(synchronize_session=False))
