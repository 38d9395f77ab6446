"""What "Mes rendez-vous" lists for a participant, and whom it may ask.

    hub_lists(me, now) -> HubLists
        received and sent live requests, accepted meetings (booked ones in slot order first), and
        the history (declined, expired, withdrawn, cancelled; a request past its expiry counts as
        expired before `flask meetings expire` marks it).
    candidates(me, query_words, now) -> list[Candidate]
        the event's participants of the other kind, filtered by name; for an SSE company the best
        match score of each buyer's needs first (request_scores.best_scores), else by name; each
        with the live meeting joining it to `me`, if any.
    subjects(me, other) -> (needs, offers)
        what a request may be about: the buyer side's published needs, the SSE side's published offers.
    meeting_events_of(organisation) -> list[Event]
        the published events not over where it takes meetings (template global, for the navigation).
"""
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ..engine.text import fold
from ..extensions import db
from ..needs.models import Need, NeedStatus
from ..offers.models import Offer
from ..organisations.models import OrgKind, Organisation
from ..programme.models import Event
from ..timeutil import utcnow
from .models import Meeting, MeetingParticipant, MeetingStatus
from .request_scores import best_scores
from .requests import is_live, shown_status


@dataclass
class HubLists:
    received: list[Meeting] = field(default_factory=list)
    sent: list[Meeting] = field(default_factory=list)
    accepted: list[Meeting] = field(default_factory=list)
    history: list[Meeting] = field(default_factory=list)

    @property
    def booked_count(self) -> int:
        return sum(1 for m in self.accepted if m.slot_id is not None)


@dataclass
class Candidate:
    participant: MeetingParticipant
    score: int | None = None
    meeting: Meeting | None = None  # the live meeting joining it to the current participant


def _meetings_of(me: MeetingParticipant) -> list[Meeting]:
    side = (Meeting.requester, Meeting.recipient)
    options = [joinedload(rel).joinedload(MeetingParticipant.organisation) for rel in side]
    options += [joinedload(rel).joinedload(MeetingParticipant.user) for rel in side]
    options += [joinedload(rel) for rel in (Meeting.need, Meeting.offer, Meeting.slot, Meeting.table)]
    return list(db.session.scalars(select(Meeting).where(
        or_(Meeting.requester_id == me.id, Meeting.recipient_id == me.id)).options(*options)).unique())


def hub_lists(me: MeetingParticipant, now: datetime) -> HubLists:
    lists = HubLists()
    for meeting in _meetings_of(me):
        status = shown_status(meeting, now)
        if status == MeetingStatus.REQUESTED:
            (lists.received if meeting.recipient_id == me.id else lists.sent).append(meeting)
        elif status == MeetingStatus.ACCEPTED:
            lists.accepted.append(meeting)
        else:
            lists.history.append(meeting)
    lists.received.sort(key=lambda m: (m.expires_at, m.id))
    lists.sent.sort(key=lambda m: (m.expires_at, m.id))
    lists.accepted.sort(key=lambda m: (m.slot is None, m.slot.starts_at if m.slot else m.answered_at or m.created_at,
                                       m.id))
    lists.history.sort(key=lambda m: (m.updated_at or m.created_at, m.id), reverse=True)
    return lists


def candidates(me: MeetingParticipant, query_words: list[str], now: datetime) -> list[Candidate]:
    mine = me.organisation.kind
    wanted = OrgKind.BUYER.value if mine == OrgKind.SSE.value else OrgKind.SSE.value
    others = db.session.scalars(
        select(MeetingParticipant).join(Organisation, Organisation.id == MeetingParticipant.organisation_id)
        .where(MeetingParticipant.event_id == me.event_id, Organisation.kind == wanted,
               MeetingParticipant.id != me.id, MeetingParticipant.left_at.is_(None))
        .options(joinedload(MeetingParticipant.organisation), joinedload(MeetingParticipant.user))).all()
    if query_words:
        others = [p for p in others if all(w in fold(p.organisation.name) for w in query_words)]
    live = {}
    for meeting in _meetings_of(me):
        if is_live(meeting, now):
            other_id = meeting.other(me).id
            if other_id not in live or meeting.status == MeetingStatus.ACCEPTED:
                live[other_id] = meeting
    scores = best_scores(me.organisation, [p.organisation_id for p in others]) if mine == OrgKind.SSE.value and others \
        else {}
    found = [Candidate(p, scores.get(p.organisation_id), live.get(p.id)) for p in others]
    found.sort(key=lambda c: (-(c.score if c.score is not None else -1), fold(c.participant.organisation.name),
                              c.participant.id))
    return found


def subjects(me: MeetingParticipant, other: MeetingParticipant) -> tuple[list[Need], list[Offer]]:
    buyer = me if me.organisation.kind == OrgKind.BUYER.value else other
    sse = other if buyer is me else me
    needs = db.session.scalars(select(Need).where(
        Need.organisation_id == buyer.organisation_id, Need.status == NeedStatus.PUBLISHED.value)
        .order_by(Need.title, Need.id)).all()
    offers = db.session.scalars(select(Offer).where(
        Offer.organisation_id == sse.organisation_id, Offer.is_published.is_(True))
        .order_by(Offer.title, Offer.id)).all()
    return list(needs), list(offers)


def meeting_events_of(organisation) -> list[Event]:
    """The published events not over yet where `organisation` takes meetings, the soonest first (for the
    navigation's "Mes rendez-vous")."""
    if organisation is None or organisation.kind not in (OrgKind.SSE.value, OrgKind.BUYER.value):
        return []
    return list(db.session.scalars(
        select(Event).join(MeetingParticipant, MeetingParticipant.event_id == Event.id)
        .where(MeetingParticipant.organisation_id == organisation.id, MeetingParticipant.left_at.is_(None),
               Event.is_published.is_(True),
               Event.ends_on >= utcnow().date())
        .order_by(Event.starts_on, Event.id)))
