"""Matching services: buyers' shortlists, SSE companies' answers to needs, digest settings.

API (the acting user first; each function checks the right and flushes; the view commits):
    set_shortlisted(actor, need, supplier, shortlisted) -> bool   idempotent; True when it changed
    declare_interest(actor, org, need, kind, *, reason=None, message=None, grouping=None) -> Interest
        kind "interested" (alone, or as `grouping`: one `org` leads, with `org` an accepted member)
        or "not_for_us" (reason: a NOT_FOR_US_REASONS code; message: free text). Answering again
        changes the answer.
    withdraw_interest(actor, org, need) -> bool                  True when there was an answer
    led_groupings(org) -> list[Grouping]                         those `org` may answer as
    interests_for_need(need) -> list[Interest]                   every answer, organisations loaded
    interest_of(org, need) -> Interest | None
    digest_frequency(user) -> str; set_digest_frequency(user, frequency) -> None
Errors: MatchingError (str(error) is a sentence for the person); werkzeug Forbidden when the
actor has no right.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from ..engine.matching_score import ELIGIBLE_STATUSES
from ..extensions import db
from ..groupings.models import Grouping, GroupingMember, PartnerStatus
from ..needs.models import Need, NeedStatus, Reservation
from ..organisations.models import OrgKind, Organisation
from ..organisations.permissions import ensure_member
from .models import DigestFrequency, DigestSettings, Interest, InterestKind, Shortlist

MESSAGE_MAX = 2000
REASON_DETAIL_MAX = 2000

NOT_FOR_US_REASONS = {
    "scope": _l("Hors de notre activité"),
    "distance": _l("Trop loin de chez nous"),
    "size": _l("Trop gros pour nous"),
    "timing": _l("Le calendrier ne nous convient pas"),
    "other": _l("Autre raison"),
}

FREQUENCY_LABELS = {
    DigestFrequency.DAILY: _l("Chaque jour au plus (recommandé)"),
    DigestFrequency.WEEKLY: _l("Une fois par semaine au plus"),
    DigestFrequency.NEVER: _l("Jamais"),
}


class MatchingError(ValueError):
    """A rule refused the action; str(error) is a sentence for the person."""


def eligible_for(org: Organisation, need: Need) -> bool:
    """False when `need` is reserved and `org` has none of the statuses the reservation requires."""
    if need.reservation in (None, Reservation.NONE):
        return True
    return not ELIGIBLE_STATUSES.get(need.reservation, frozenset()).isdisjoint(org.status_values)


def set_shortlisted(actor, need: Need, supplier: Organisation, shortlisted: bool) -> bool:
    """Put `supplier` on (or take it off) the shortlist of `need`; the same call twice changes nothing.

    `actor` must belong to the need's buyer. Only SSE companies listed in the directory can be
    added, and for a reserved need only eligible ones.
    """
    ensure_member(actor, need.organisation)
    current = db.session.get(Shortlist, (need.id, supplier.id))
    if not shortlisted:
        if current is None:
            return False
        db.session.delete(current)
        db.session.flush()
        return True
    if current is not None:
        return False
    if supplier.kind != OrgKind.SSE or not supplier.is_listed:
        raise MatchingError(str(_l("Seules les structures de l'ESS présentes dans l'annuaire peuvent être "
                                   "présélectionnées.")))
    if not eligible_for(supplier, need):
        raise MatchingError(str(_l("Ce besoin est réservé : cette structure n'a pas le statut requis.")))
    return _insert(Shortlist(need_id=need.id, organisation_id=supplier.id, added_by_id=actor.id))


def _insert(row) -> bool:
    """Add `row`; False when another request added the same one meanwhile (the primary key decides)."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return False
    return True


def led_groupings(org: Organisation) -> list[Grouping]:
    """The groupings `org` leads and belongs to (accepted): those it may answer a need as."""
    return list(db.session.scalars(
        select(Grouping).join(GroupingMember, GroupingMember.grouping_id == Grouping.id)
        .where(Grouping.lead_organisation_id == org.id, GroupingMember.organisation_id == org.id,
               GroupingMember.status == PartnerStatus.ACCEPTED.value)
        .options(selectinload(Grouping.members).joinedload(GroupingMember.organisation))
        .order_by(Grouping.name, Grouping.id)
    ))


def _check_answer(org: Organisation, need: Need) -> None:
    if org.kind != OrgKind.SSE:
        raise MatchingError(str(_l("Seules les structures de l'ESS répondent aux besoins des acheteurs.")))
    if need.status != NeedStatus.PUBLISHED:
        raise MatchingError(str(_l("Ce besoin n'est plus ouvert : l'acheteur ne recherche plus de fournisseurs.")))
    if not eligible_for(org, need):
        raise MatchingError(str(_l("Ce besoin est réservé à des structures d'un autre statut que le vôtre : "
                                   "vous ne pouvez pas y répondre seul.")))


def _check_grouping(org: Organisation, grouping: Grouping, need: Need) -> None:
    accepted = [m for m in grouping.members if m.status == PartnerStatus.ACCEPTED]
    if grouping.lead_organisation_id != org.id or not any(m.organisation_id == org.id for m in accepted):
        raise MatchingError(str(_l("Vous ne pouvez répondre qu'au nom d'un groupement que votre structure mène "
                                   "et dont elle est membre.")))
    # A reserved contract is answered only by eligible structures: every partner must be one.
    ineligible = [m.organisation.name for m in accepted if not eligible_for(m.organisation, need)]
    if ineligible:
        raise MatchingError(str(_l("Ce besoin est réservé : %(names)s n'y est pas éligible, le groupement ne peut "
                                   "pas y répondre.", names=", ".join(ineligible))))


def declare_interest(actor, org: Organisation, need: Need, kind: str, *, reason: str | None = None,
                     message: str | None = None, grouping: Grouping | None = None) -> Interest:
    """Record `org`'s answer to `need` (a new one, or a change of the previous one) and flush.

    "interested": `message` to the buyer (optional) and `grouping` when answering as one.
    "not_for_us": `reason`, a code of NOT_FOR_US_REASONS ("other" needs a `message`).
    A new or renewed interest goes into the buyer's next digest.
    """
    ensure_member(actor, org)
    _check_answer(org, need)
    message = (message or "").strip() or None
    if kind == InterestKind.INTERESTED:
        reason = None
        if grouping is not None:
            _check_grouping(org, grouping, need)
        if message and len(message) > MESSAGE_MAX:
            raise MatchingError(str(_l("Votre message est trop long.")))
    elif kind == InterestKind.NOT_FOR_US:
        grouping = None
        if reason not in NOT_FOR_US_REASONS:
            raise MatchingError(str(_l("Choisissez une raison.")))
        if reason == "other" and not message:
            raise MatchingError(str(_l("Précisez la raison.")))
        if message and len(message) > REASON_DETAIL_MAX:
            raise MatchingError(str(_l("Votre précision est trop longue.")))
    else:
        raise ValueError(f"unknown interest kind {kind!r}")

    interest = db.session.get(Interest, (need.id, org.id))
    if interest is None:
        interest = Interest(need_id=need.id, organisation_id=org.id, kind=kind)
        if not _insert(interest):  # another member answered at the same moment: theirs is replaced
            interest = db.session.get(Interest, (need.id, org.id))
    elif kind == InterestKind.INTERESTED and interest.kind != InterestKind.INTERESTED:
        interest.notified_at = None  # news for the buyer again
    interest.kind = str(kind)
    interest.reason = reason
    interest.message = message
    interest.grouping_id = grouping.id if grouping is not None else None
    interest.declared_by_id = actor.id
    db.session.flush()
    return interest


def withdraw_interest(actor, org: Organisation, need: Need) -> bool:
    """Remove `org`'s answer to `need`; False when it had none."""
    ensure_member(actor, org)
    interest = db.session.get(Interest, (need.id, org.id))
    if interest is None:
        return False
    db.session.delete(interest)
    db.session.flush()
    return True


def interest_of(org: Organisation, need: Need) -> Interest | None:
    """`org`'s answer to `need`, or None."""
    return db.session.get(Interest, (need.id, org.id))


def interests_for_need(need: Need) -> list[Interest]:
    """Every answer to `need`, interested ones first, then by date; organisations and groupings loaded."""
    rows = db.session.scalars(
        select(Interest).where(Interest.need_id == need.id)
        .options(joinedload(Interest.organisation).selectinload(Organisation.statuses),
                 joinedload(Interest.grouping).selectinload(Grouping.members).joinedload(GroupingMember.organisation))
        .order_by(Interest.updated_at.desc(), Interest.organisation_id)
    ).unique().all()
    return sorted(rows, key=lambda i: i.kind != InterestKind.INTERESTED)


def shortlisted_ids(need: Need) -> set[int]:
    """The organisation ids on the shortlist of `need`."""
    return set(db.session.scalars(select(Shortlist.organisation_id).where(Shortlist.need_id == need.id)))


def digest_frequency(user) -> str:
    """The person's digest choice: daily (the default), weekly or never."""
    settings = db.session.get(DigestSettings, user.id)
    return settings.frequency if settings is not None else DigestFrequency.DAILY.value


def set_digest_frequency(user, frequency: str) -> None:
    """Save the person's digest choice and flush."""
    if frequency not in set(DigestFrequency):
        raise ValueError(f"unknown frequency {frequency!r}")
    settings = db.session.get(DigestSettings, user.id)
    if settings is None:
        settings = DigestSettings(user_id=user.id, frequency=frequency)
        if _insert(settings):
            return
        settings = db.session.get(DigestSettings, user.id)
    settings.frequency = frequency
    db.session.flush()

