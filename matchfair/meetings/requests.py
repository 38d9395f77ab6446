"""Meeting requests between an SSE company and a buyer: send, accept, decline, withdraw, expire.

API (the acting user first; each function checks the right and flushes; the view commits):
    send_request(user, requester, recipient, need_id=None, offer_id=None, message=None, now=None) -> Meeting
        A request from `requester` to `recipient` (participants of the same event, one SSE company
        and one buyer, meetings open). Refused when a live meeting joins them already
        (`AlreadyLinked`, with that meeting), when the need is not a published need of the buyer
        side or the offer not a published offer of the SSE side (`FieldError`), or when the
        requester's live pending requests reach the event's cap. When the recipient had already
        asked the requester (a live request), that request is accepted at once, marked mutual, and
        returned instead of a new one (its requester is then `recipient`). Priority: match_score
        (request_scores.match_score) and is_mutual give the weight (priority.meeting_weight).
    accept(user, meeting, now=None), decline(user, meeting, reason=None, now=None)
        the recipient's answer, while the request is live (requested and not expired).
    withdraw(user, meeting)                      the requester takes back its unanswered request
    expire_due(now=None) -> int                  requests past expires_at marked expired (e-mailed)
    live_between(a, b, now=None) -> Meeting | None      a requested (not expired) or accepted meeting
    pending_count(participant, now=None) -> int         its live requests sent and unanswered
    is_live(meeting, now=None) -> bool; shown_status(meeting, now=None) -> str ("expired" when due)
    meeting_targets(current_org, other_org_id) -> list[Event]   (templates: "Demander un rendez-vous")
    meeting_already(current_org, other_org_id, event) -> Meeting | None   (templates: "Voir le rendez-vous")
Errors: MeetingError (str(error) for the person); FieldError (its `field`: message, need, offer,
reason); werkzeug Forbidden when the user does not act for the side that must act.
"""
from datetime import datetime, timedelta

from flask import g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import Forbidden

from ..extensions import db
from ..needs.models import Need, NeedStatus
from ..offers.models import Offer
from ..organisations.models import OrgKind, Organisation
from ..programme.models import Event
from ..timeutil import utcnow
from . import request_mail
from .access import acts_for
from .errors import MeetingError
from .grid import settings_of
from .models import Meeting, MeetingParticipant, MeetingSettings, MeetingStatus
from .participation import FieldError
from .priority import meeting_weight
from .request_scores import declared_mutual, match_score

MESSAGE_MIN, MESSAGE_MAX, REASON_MAX = 10, 2000, 500


class AlreadyLinked(MeetingError):
    """A live meeting (requested or accepted) already joins the two participants: `meeting`."""

    def __init__(self, message: str, meeting: Meeting):
        super().__init__(message)
        self.meeting = meeting


def already_linked(existing: Meeting, other: MeetingParticipant) -> AlreadyLinked:
    """The refusal of a request to `other` while `existing` (live) joins them already."""
    name = other.organisation.name
    if existing.status == MeetingStatus.ACCEPTED:
        return AlreadyLinked(_("Vous avez déjà un rendez-vous accepté avec %(org)s.", org=name), existing)
    if existing.requester_id == other.id:
        return AlreadyLinked(_("%(org)s vous a déjà demandé un rendez-vous : répondez à sa demande.", org=name),
                             existing)
    return AlreadyLinked(_("Vous avez déjà demandé un rendez-vous à %(org)s : attendez sa réponse.", org=name),
                         existing)


def is_live(meeting: Meeting, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return (meeting.status == MeetingStatus.ACCEPTED
            or (meeting.status == MeetingStatus.REQUESTED and meeting.expires_at > now))


def shown_status(meeting: Meeting, now: datetime | None = None) -> str:
    """The status to show: a request past its expiry not marked yet is shown as expired."""
    if meeting.status == MeetingStatus.REQUESTED and meeting.expires_at <= (now or utcnow()):
        return MeetingStatus.EXPIRED.value
    return meeting.status


def _live_clause(now: datetime):
    return or_(Meeting.status == MeetingStatus.ACCEPTED.value,
               and_(Meeting.status == MeetingStatus.REQUESTED.value, Meeting.expires_at > now))


def live_between(a: MeetingParticipant, b: MeetingParticipant, now: datetime | None = None) -> Meeting | None:
    """The live meeting joining `a` and `b` (the accepted one first), or None."""
    pair = or_(and_(Meeting.requester_id == a.id, Meeting.recipient_id == b.id),
               and_(Meeting.requester_id == b.id, Meeting.recipient_id == a.id))
    return db.session.scalar(select(Meeting).where(pair, _live_clause(now or utcnow()))
                             .order_by(Meeting.status, Meeting.id).limit(1))


def pending_count(participant: MeetingParticipant, now: datetime | None = None) -> int:
    return db.session.scalar(select(func.count(Meeting.id)).where(
        Meeting.requester_id == participant.id, Meeting.status == MeetingStatus.REQUESTED.value,
        Meeting.expires_at > (now or utcnow())))


def received_count(participant: MeetingParticipant, now: datetime | None = None) -> int:
    """Its live requests received and waiting for its answer."""
    return db.session.scalar(select(func.count(Meeting.id)).where(
        Meeting.recipient_id == participant.id, Meeting.status == MeetingStatus.REQUESTED.value,
        Meeting.expires_at > (now or utcnow())))


def _open_settings(event_id: int) -> MeetingSettings:
    settings = settings_of(event_id)
    if settings is None or not settings.is_open:
        raise MeetingError(_("Les organisateurs ont fermé les rendez-vous d'affaires de cet événement : les "
                             "demandes ne sont plus possibles pour le moment."))
    return settings


def _sides(a: MeetingParticipant, b: MeetingParticipant) -> tuple[MeetingParticipant, MeetingParticipant]:
    """(SSE side, buyer side), or MeetingError when the two are not one of each."""
    kinds = {a.organisation.kind: a, b.organisation.kind: b}
    if a.id == b.id or set(kinds) != {OrgKind.SSE.value, OrgKind.BUYER.value}:
        raise MeetingError(_("Les rendez-vous d'affaires réunissent une structure de l'ESS et un acheteur : "
                             "vous ne pouvez pas en demander un à %(org)s.", org=b.organisation.name))
    return kinds[OrgKind.SSE.value], kinds[OrgKind.BUYER.value]


def _need(need_id, buyer: MeetingParticipant) -> Need | None:
    if need_id in (None, ""):
        return None
    need = db.session.get(Need, int(need_id)) if str(need_id).isdigit() else None
    if need is None or need.organisation_id != buyer.organisation_id or need.status != NeedStatus.PUBLISHED:
        raise FieldError(_l("Choisissez un besoin publié de %(org)s.", org=buyer.organisation.name), "need")
    return need


def _offer(offer_id, sse: MeetingParticipant) -> Offer | None:
    if offer_id in (None, ""):
        return None
    offer = db.session.get(Offer, int(offer_id)) if str(offer_id).isdigit() else None
    if offer is None or offer.organisation_id != sse.organisation_id or not offer.is_published:
        raise FieldError(_l("Choisissez une offre publiée de %(org)s.", org=sse.organisation.name), "offer")
    return offer


def _check_message(message: str | None) -> str:
    text = (message or "").strip()
    if len(text) < MESSAGE_MIN:
        raise FieldError(_l("Écrivez un message d'au moins %(min)d caractères : dites ce que vous attendez du "
                            "rendez-vous.", min=MESSAGE_MIN), "message")
    if len(text) > MESSAGE_MAX:
        raise FieldError(_l("%(max)d caractères au plus.", max=MESSAGE_MAX), "message")
    return text


def send_request(user, requester: MeetingParticipant, recipient: MeetingParticipant, need_id=None, offer_id=None,
                 message: str | None = None, now: datetime | None = None) -> Meeting:
    """Ask `recipient` for a meeting (see the module docstring)."""
    if not acts_for(user, requester):
        raise Forbidden()
    now = now or utcnow()
    if requester.event_id != recipient.event_id:
        raise MeetingError(_("%(org)s ne participe pas aux rendez-vous de cet événement.",
                             org=recipient.organisation.name))
    settings = _open_settings(requester.event_id)
    sse, buyer = _sides(requester, recipient)
    text = _check_message(message)
    need, offer = _need(need_id, buyer), _offer(offer_id, sse)
    existing = live_between(requester, recipient, now)
    if existing is not None and existing.status == MeetingStatus.REQUESTED and existing.requester_id == recipient.id:
        return _accept_mutual(user, existing, need, offer, now)
    if existing is not None:
        raise already_linked(existing, recipient)
    pending = pending_count(requester, now)
    if pending >= settings.pending_cap:
        raise MeetingError(ngettext(
            "Vous avez déjà %(num)d demande en attente de réponse (maximum %(cap)d) : attendez une réponse ou "
            "retirez-la.",
            "Vous avez déjà %(num)d demandes en attente de réponse (maximum %(cap)d) : attendez une réponse ou "
            "retirez-en une.", pending, cap=settings.pending_cap))
    score = match_score(sse.organisation, buyer.organisation, need)
    mutual = declared_mutual(sse.organisation_id, buyer.organisation_id)
    _expire_overdue_between(requester, recipient, now)
    meeting = Meeting(event_id=requester.event_id, requester_id=requester.id, recipient_id=recipient.id,
                      need_id=need.id if need else None, offer_id=offer.id if offer else None, message=text,
                      status=MeetingStatus.REQUESTED.value, is_mutual=mutual, match_score=score,
                      weight=meeting_weight(score, mutual), created_by_id=user.id, created_at=now,
                      expires_at=now + timedelta(days=settings.request_expiry_days))
    try:
        with db.session.begin_nested():
            db.session.add(meeting)
            db.session.flush()
    except IntegrityError:  # the other side asked at the very same moment: one live meeting per pair
        raise MeetingError(_("%(org)s vient de vous envoyer une demande, ou une demande entre vous vient d'être "
                             "enregistrée : ouvrez « Mes rendez-vous ».", org=recipient.organisation.name)) from None
    request_mail.received(meeting)
    return meeting


def _expire_overdue_between(a: MeetingParticipant, b: MeetingParticipant, now: datetime) -> None:
    """A request of the pair past its expiry but not yet marked (the command runs hourly) is marked
    expired now, as the command would: the database allows one live meeting per pair."""
    pair = or_(and_(Meeting.requester_id == a.id, Meeting.recipient_id == b.id),
               and_(Meeting.requester_id == b.id, Meeting.recipient_id == a.id))
    for overdue in db.session.scalars(select(Meeting).where(
            pair, Meeting.status == MeetingStatus.REQUESTED.value, Meeting.expires_at <= now)):
        overdue.status = MeetingStatus.EXPIRED.value
        request_mail.expired(overdue)
    db.session.flush()


def _accept_mutual(user, theirs: Meeting, need: Need | None, offer: Offer | None, now: datetime) -> Meeting:
    if theirs.need_id is None and need is not None:
        theirs.need_id = need.id
        theirs.match_score = match_score(*(_sse_buyer_orgs(theirs)), need)
    if theirs.offer_id is None and offer is not None:
        theirs.offer_id = offer.id
    theirs.status = MeetingStatus.ACCEPTED.value
    theirs.is_mutual = True
    theirs.weight = meeting_weight(theirs.match_score, True)
    theirs.answered_at, theirs.answered_by_id = now, user.id
    db.session.flush()
    db.session.expire(theirs, ["need", "offer"])
    request_mail.accepted(theirs)
    return theirs


def _sse_buyer_orgs(meeting: Meeting):
    sse, buyer = _sides(meeting.requester, meeting.recipient)
    return sse.organisation, buyer.organisation


def answerable(user, meeting: Meeting, now: datetime | None = None) -> None:
    """MeetingError (or Forbidden) unless `user` may answer the request now."""
    now = now or utcnow()
    if not acts_for(user, meeting.recipient):
        if acts_for(user, meeting.requester):
            raise MeetingError(_("Seule l'organisation qui a reçu la demande peut y répondre."))
        raise Forbidden()
    if meeting.status != MeetingStatus.REQUESTED:
        raise MeetingError(_("Cette demande a déjà reçu une réponse ou a été retirée."))
    if meeting.expires_at <= now:
        raise MeetingError(_("Cette demande a expiré le %(when)s : elle ne peut plus recevoir de réponse. "
                             "Demandez vous-même un rendez-vous si vous souhaitez rencontrer %(org)s.",
                             when=request_mail.format_moment(meeting.expires_at, meeting.event.timezone),
                             org=meeting.requester.organisation.name))


def accept(user, meeting: Meeting, now: datetime | None = None) -> None:
    """The recipient accepts a live request (meetings open); the requester is e-mailed."""
    now = now or utcnow()
    answerable(user, meeting, now)
    _open_settings(meeting.event_id)
    meeting.status = MeetingStatus.ACCEPTED.value
    meeting.answered_at, meeting.answered_by_id = now, user.id
    db.session.flush()
    request_mail.accepted(meeting)


def decline(user, meeting: Meeting, reason: str | None = None, now: datetime | None = None) -> None:
    """The recipient declines a live request, with an optional reason sent to the requester."""
    now = now or utcnow()
    answerable(user, meeting, now)
    reason = (reason or "").strip() or None
    if reason and len(reason) > REASON_MAX:
        raise FieldError(_l("%(max)d caractères au plus.", max=REASON_MAX), "reason")
    meeting.status = MeetingStatus.DECLINED.value
    meeting.decline_reason = reason
    meeting.answered_at, meeting.answered_by_id = now, user.id
    db.session.flush()
    request_mail.declined(meeting)


def withdraw(user, meeting: Meeting) -> None:
    """The requester withdraws its unanswered request; the recipient is e-mailed."""
    if not acts_for(user, meeting.requester):
        if acts_for(user, meeting.recipient):
            raise MeetingError(_("Seule l'organisation qui a envoyé la demande peut la retirer."))
        raise Forbidden()
    if meeting.status != MeetingStatus.REQUESTED:
        raise MeetingError(_("Cette demande a déjà reçu une réponse ou a été retirée."))
    meeting.status = MeetingStatus.WITHDRAWN.value
    meeting.answered_at, meeting.answered_by_id = utcnow(), user.id
    db.session.flush()
    request_mail.withdrawn(meeting)


def expire_due(now: datetime | None = None) -> int:
    """Mark the requests unanswered at their expiry as expired and e-mail their requesters; the count."""
    now = now or utcnow()
    due = db.session.scalars(select(Meeting).where(
        Meeting.status == MeetingStatus.REQUESTED.value, Meeting.expires_at <= now).order_by(Meeting.id)).all()
    for meeting in due:
        meeting.status = MeetingStatus.EXPIRED.value
        request_mail.expired(meeting)
    db.session.flush()
    return len(due)


def meeting_targets(current_org, other_org_id) -> list[Event]:
    """The events whose meetings are open where both organisations take part, one an SSE company
    and the other a buyer (templates show "Demander un rendez-vous" for each); [] otherwise."""
    if current_org is None or other_org_id is None or current_org.id == other_org_id:
        return []
    if current_org.kind not in (OrgKind.SSE.value, OrgKind.BUYER.value):
        return []
    cache = g.setdefault("meetings_open_events", {})
    if current_org.id not in cache:
        cache[current_org.id] = {e.id: e for e in db.session.scalars(
            select(Event).join(MeetingSettings, MeetingSettings.event_id == Event.id)
            .join(MeetingParticipant, MeetingParticipant.event_id == Event.id)
            .where(MeetingParticipant.organisation_id == current_org.id, MeetingParticipant.left_at.is_(None),
                   MeetingSettings.is_open.is_(True),
                   Event.is_published.is_(True)))}
    mine = cache[current_org.id]
    if not mine:
        return []
    key = (current_org.id, other_org_id)
    if key not in cache:
        other_kind = OrgKind.BUYER.value if current_org.kind == OrgKind.SSE.value else OrgKind.SSE.value
        event_ids = db.session.scalars(
            select(MeetingParticipant.event_id)
            .join(Organisation, Organisation.id == MeetingParticipant.organisation_id)
            .where(MeetingParticipant.organisation_id == other_org_id, Organisation.kind == other_kind,
                   MeetingParticipant.left_at.is_(None), MeetingParticipant.event_id.in_(list(mine)))).all()
        cache[key] = sorted((mine[i] for i in set(event_ids)), key=lambda e: (e.starts_on, e.id))
    return list(cache[key])


def meeting_already(current_org, other_org_id, event) -> Meeting | None:
    """The live meeting the two organisations already have at `event` (an accepted one, or a request
    `current_org` sent), which the "Demander un rendez-vous" entry points show instead of the
    button; None when there is none or when the other side asked (asking back accepts it)."""
    if current_org is None or other_org_id is None:
        return None
    mine = db.session.scalar(select(MeetingParticipant).where(
        MeetingParticipant.event_id == event.id, MeetingParticipant.organisation_id == current_org.id))
    other = db.session.scalar(select(MeetingParticipant).where(
        MeetingParticipant.event_id == event.id, MeetingParticipant.organisation_id == other_org_id))
    if mine is None or other is None:
        return None
    live = live_between(mine, other)
    if live is None or (live.status == MeetingStatus.REQUESTED.value and live.requester_id == other.id):
        return None
    return live
