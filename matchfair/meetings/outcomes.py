"""What came of meetings: each side records its own outcome once the meeting has started, and the
event's figures for the indicators.

    record(user, meeting, outcome, contract_amount_eur, comment) -> MeetingOutcome
    outcome_of(meeting, participant) -> MeetingOutcome | None
    can_record(meeting, now=None) -> bool
    outcome_counts(event) -> dict
"""
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..extensions import db
from ..timeutil import utcnow
from .errors import MeetingError
from .models import Meeting, MeetingOutcome, MeetingParticipant, MeetingStatus, Outcome

OUTCOME_LABELS = {
    Outcome.NOT_HELD: _l("N'a pas eu lieu"),
    Outcome.INFORMATIVE: _l("Échange d'information"),
    Outcome.COOPERATION: _l("Coopération possible"),
    Outcome.CONSULTATION: _l("Réponse à une consultation prévue"),
    Outcome.CONTRACT: _l("Contrat signé"),
}
MAX_AMOUNT = 2_000_000_000


def outcome_of(meeting: Meeting, participant: MeetingParticipant) -> MeetingOutcome | None:
    return db.session.get(MeetingOutcome, (meeting.id, participant.id))


def can_record(meeting: Meeting, now: datetime | None = None) -> bool:
    """True once a booked meeting's slot has started."""
    return (meeting.status == MeetingStatus.ACCEPTED and meeting.slot is not None
            and meeting.slot.starts_at <= (now or utcnow()))


def record(user, meeting: Meeting, outcome: str, contract_amount_eur: int | None, comment: str | None,
           *, now: datetime | None = None) -> MeetingOutcome:
    """Record (or change) the outcome of the user's side; a contract needs an amount > 0 (€ HT),
    other outcomes none; a meeting with an absence can only be "not held"."""
    from .booking import side_for

    side = side_for(user, meeting)
    if side is None:
        raise MeetingError(_("Seules les deux organisations du rendez-vous indiquent ses suites."))
    if not can_record(meeting, now):
        raise MeetingError(_("Les suites se notent une fois le rendez-vous commencé."))
    if outcome not in set(Outcome):
        raise MeetingError(_("Choisissez une suite dans la liste."))
    if meeting.no_show_id is not None and outcome != Outcome.NOT_HELD:
        raise MeetingError(_("Une absence est notée pour ce rendez-vous : il n'a pas eu lieu."))
    if outcome == Outcome.CONTRACT:
        if contract_amount_eur is None or not 0 < contract_amount_eur <= MAX_AMOUNT:
            raise MeetingError(_("Indiquez le montant du contrat signé, en euros hors taxes (plus de 0 €)."))
    elif contract_amount_eur is not None:
        raise MeetingError(_("Un montant ne s'indique que pour un contrat signé."))
    row = outcome_of(meeting, side)
    if row is None:
        row = MeetingOutcome(meeting_id=meeting.id, participant_id=side.id)
        db.session.add(row)
    row.outcome = str(outcome)
    row.contract_amount_eur = contract_amount_eur
    row.comment = (comment or "").strip()[:1000] or None
    row.recorded_by_id = user.id
    db.session.flush()
    return row


def outcome_counts(event) -> dict:
    """The event's meeting figures:

    requested (every request made), pending, accepted (still accepted, booked or not), declined,
    expired, withdrawn, cancelled, booked, held (checked in), no_shows, outcomes {kind: number of
    meetings where at least one side reported it}, with_outcome (meetings with any outcome),
    contracts (meetings with a signed contract) and contract_amount_eur (per meeting, the larger
    amount the two sides gave, summed: a contract reported by both sides counts once).
    """
    event_id = getattr(event, "id", event)
    by_status = dict(db.session.execute(select(Meeting.status, func.count()).where(
        Meeting.event_id == event_id).group_by(Meeting.status)).all())
    accepted = Meeting.status == MeetingStatus.ACCEPTED

    def count(*conditions) -> int:
        return db.session.scalar(select(func.count()).select_from(Meeting).where(
            Meeting.event_id == event_id, *conditions)) or 0

    outcome_rows = select(MeetingOutcome.meeting_id, MeetingOutcome.outcome, MeetingOutcome.contract_amount_eur).join(
        Meeting, Meeting.id == MeetingOutcome.meeting_id).where(Meeting.event_id == event_id)
    kinds: dict[str, set[int]] = {str(k): set() for k in Outcome}
    amounts: dict[int, int] = {}
    for meeting_id, kind, amount in db.session.execute(outcome_rows):
        kinds.setdefault(kind, set()).add(meeting_id)
        if kind == Outcome.CONTRACT and amount:
            amounts[meeting_id] = max(amounts.get(meeting_id, 0), amount)
    return {
        "requested": sum(by_status.values()),
        "pending": by_status.get(MeetingStatus.REQUESTED, 0),
        "accepted": by_status.get(MeetingStatus.ACCEPTED, 0),
        "declined": by_status.get(MeetingStatus.DECLINED, 0),
        "expired": by_status.get(MeetingStatus.EXPIRED, 0),
        "withdrawn": by_status.get(MeetingStatus.WITHDRAWN, 0),
        "cancelled": by_status.get(MeetingStatus.CANCELLED, 0),
        "booked": count(accepted, Meeting.slot_id.is_not(None)),
        "held": count(accepted, Meeting.checked_in_at.is_not(None)),
        "no_shows": count(accepted, Meeting.no_show_id.is_not(None)),
        "outcomes": {kind: len(ids) for kind, ids in kinds.items()},
        "with_outcome": len(set().union(*kinds.values())),
        "contracts": len(kinds[str(Outcome.CONTRACT)]),
        "contract_amount_eur": sum(amounts.values()),
    }
