"""A facilitator's work on a need: calibrations proposed to the buyer (and adopted by it), private
notes, and the insertion hours done once the need is awarded.

    propose(actor, support, amount_eur, labour_share_pct, hourly_cost_cents, insertion_rate_tenths,
            comment) -> ClauseProposal
    adopt(actor, proposal) -> Need            the buyer writes the hours into the need
    add_note(actor, facilitator, need, body) -> FacilitatorNote;  delete_note(actor, note)
    record_hours(actor, support, period, structure, hours, comment) -> (InsertionHours, replaced)
    delete_hours(actor, row)
    progress(need) -> Progress                hours due and done, by month and by structure
"""
from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..engine.clauses import calibrate
from ..extensions import db
from ..matching.state import needs_changed
from ..needs.direct_award import local_today
from ..needs.models import Need, NeedStatus, SocialClause
from ..organisations.models import Organisation, OrganisationStatus, OrgKind
from ..organisations.permissions import is_member
from ..timeutil import utcnow
from .access import territory
from .errors import ClauseError
from .models import ClauseProposal, ClauseSupport, FacilitatorNote, InsertionHours, SupportStatus

NOTE_MAX = 5000
HOURS_MAX = 1_000_000


def _check_helping(actor, support: ClauseSupport) -> None:
    if not is_member(actor, support.facilitator):
        raise ClauseError(_l("Seul le facilitateur qui accompagne ce besoin peut faire cela."))
    if support.status != SupportStatus.ACTIVE:
        raise ClauseError(_l("L'acheteur n'a pas (ou plus) accepté votre accompagnement sur ce besoin."))


def propose(actor, support: ClauseSupport, amount_eur: int, labour_share_pct: int, hourly_cost_cents: int,
            insertion_rate_tenths: int, comment: str | None) -> ClauseProposal:
    _check_helping(actor, support)
    if support.need.status == NeedStatus.AWARDED:
        # The buyer can no longer adopt anything: a new figure would only stand beside the hours due.
        raise ClauseError(_l("Le besoin est attribué : les heures dues ne changent plus."))
    try:
        result = calibrate(amount_eur, labour_share_pct, hourly_cost_cents, insertion_rate_tenths)
    except ValueError:
        raise ClauseError(_l("Vérifiez les montants et les taux : ils doivent être positifs.")) from None
    if not 1 <= result.hours <= HOURS_MAX:
        # The need's own form takes 1 to 1 000 000 hours: adopting more, or none, would leave the need
        # in a state that form refuses (or with an execution clause of no hours).
        raise ClauseError(_l("Ce calcul donne %(hours)s heures d'insertion ; un besoin en porte entre 1 et 1 000 000. "
                             "Vérifiez les montants et les taux.", hours=format_decimal(result.hours, format="#,##0")),
                          field="insertion_rate_tenths")
    proposal = ClauseProposal(
        support_id=support.id, need_id=support.need_id, amount_eur=amount_eur, labour_share_pct=labour_share_pct,
        hourly_cost_cents=hourly_cost_cents, insertion_rate_tenths=insertion_rate_tenths, hours=result.hours,
        comment=(comment or "").strip() or None, created_by_id=actor.id)
    db.session.add(proposal)
    db.session.flush()
    return proposal


def adopt(actor, proposal: ClauseProposal) -> Need:
    need = db.session.get(Need, proposal.need_id)
    if not is_member(actor, need.organisation):
        raise ClauseError(_l("Seul l'acheteur du besoin peut adopter une proposition."))
    if need.status == NeedStatus.AWARDED:
        raise ClauseError(_l("Le besoin est attribué : les heures dues ne changent plus."))
    if proposal.support.status != SupportStatus.ACTIVE:
        raise ClauseError(_l("Ce facilitateur n'accompagne plus ce besoin."))
    if not 1 <= proposal.hours <= HOURS_MAX:
        raise ClauseError(_l("Indiquez un nombre d'heures entre 1 et 1 000 000."))
    latest = db.session.scalar(select(func.max(ClauseProposal.id)).where(ClauseProposal.need_id == need.id))
    if proposal.id != latest:
        raise ClauseError(_l("Une proposition plus récente existe : c'est elle que vous pouvez adopter."))
    need.insertion_hours = proposal.hours
    # Insertion hours are an execution condition (an award criterion carries none: the needs' rules).
    need.social_clause = SocialClause.EXECUTION
    proposal.adopted_at, proposal.adopted_by_id = utcnow(), actor.id
    db.session.flush()
    needs_changed()
    return need


def add_note(actor, facilitator: Organisation, need: Need, body: str) -> FacilitatorNote:
    if facilitator.kind != OrgKind.FACILITATOR or not is_member(actor, facilitator):
        raise ClauseError(_l("Seuls les facilitateurs prennent des notes ici."))
    body = (body or "").strip()
    if not body:
        raise ClauseError(_l("Écrivez la note."), field="body")
    if len(body) > NOTE_MAX:
        raise ClauseError(_l("Une note tient en %(max)s caractères au plus.", max="5 000"), field="body")
    note = FacilitatorNote(need_id=need.id, facilitator_id=facilitator.id, author_id=actor.id, body=body)
    db.session.add(note)
    db.session.flush()
    return note


def delete_note(actor, note: FacilitatorNote) -> None:
    facilitator = db.session.get(Organisation, note.facilitator_id)
    if not is_member(actor, facilitator):
        raise ClauseError(_l("Cette note n'est pas la vôtre."))
    db.session.delete(note)
    db.session.flush()


def notes_of(facilitator: Organisation, need: Need) -> list[FacilitatorNote]:
    return list(db.session.scalars(select(FacilitatorNote).where(
        FacilitatorNote.need_id == need.id, FacilitatorNote.facilitator_id == facilitator.id)
        .order_by(FacilitatorNote.created_at.desc(), FacilitatorNote.id.desc())))


def structure_choices(need: Need, facilitator: Organisation) -> list[Organisation]:
    """Who may employ the people on an integration path: the winner, then the insertion structures
    (SIAE, GEIQ, EA, ESAT) of the need's department and of the facilitator's territory, by name."""
    departments = set(territory(facilitator)) | {need.department_code}
    orgs = list(db.session.scalars(
        select(Organisation).join(OrganisationStatus, OrganisationStatus.organisation_id == Organisation.id)
        .where(Organisation.kind == OrgKind.SSE, Organisation.department_code.in_(departments),
               OrganisationStatus.status.in_(("siae", "geiq", "ea", "esat")))
        .distinct().order_by(Organisation.name)))
    winner = need.awarded_organisation
    if winner is not None:
        orgs = [winner] + [o for o in orgs if o.id != winner.id]
    return orgs


def record_hours(actor, support: ClauseSupport, period: date, structure: Organisation | None, hours: int,
                 comment: str | None) -> tuple[InsertionHours, bool]:
    """Record (or replace) the hours of one month and one structure; True when it replaced a figure."""
    _check_helping(actor, support)
    need = support.need
    if need.status != NeedStatus.AWARDED:
        raise ClauseError(_l("Les heures se suivent une fois le besoin attribué."))
    if structure is None or structure.id not in {o.id for o in structure_choices(need, support.facilitator)}:
        raise ClauseError(_l("Choisissez la structure dans la liste."), field="structure")
    if not 0 < hours <= HOURS_MAX:
        raise ClauseError(_l("Indiquez un nombre d'heures entre 1 et 1 000 000."), field="hours")
    period = period.replace(day=1)
    if need.awarded_at is not None and period < need.awarded_at.date().replace(day=1):
        raise ClauseError(_l("Ce mois est antérieur à l'attribution du besoin."), field="period")
    if period > local_today():
        raise ClauseError(_l("Ce mois n'a pas encore commencé."), field="period")
    row = db.session.scalar(select(InsertionHours).where(
        InsertionHours.need_id == need.id, InsertionHours.structure_id == structure.id,
        InsertionHours.period == period))
    replaced = row is not None
    if row is None:
        row = InsertionHours(need_id=need.id, structure_id=structure.id, period=period)
        db.session.add(row)
    row.facilitator_id, row.structure_name, row.hours = support.facilitator_id, structure.name[:200], hours
    row.comment = (comment or "").strip()[:500] or None
    row.recorded_by_id, row.recorded_at = actor.id, utcnow()
    db.session.flush()
    return row, replaced


def delete_hours(actor, row: InsertionHours) -> None:
    """Only while the facilitator that recorded the row still helps on the need (its help may end)."""
    facilitator = db.session.get(Organisation, row.facilitator_id) if row.facilitator_id else None
    support = db.session.scalar(select(ClauseSupport).where(
        ClauseSupport.need_id == row.need_id, ClauseSupport.facilitator_id == row.facilitator_id,
        ClauseSupport.status == SupportStatus.ACTIVE)) if facilitator is not None else None
    if facilitator is None or support is None or not is_member(actor, facilitator):
        raise ClauseError(_l("Seul le facilitateur qui a saisi ces heures peut les retirer."))
    db.session.delete(row)
    db.session.flush()


@dataclass
class Progress:
    due: int | None
    done: int = 0
    rows: list[InsertionHours] = field(default_factory=list)  # newest month first
    by_structure: list[tuple[str, int]] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.due) if self.due else None

    @property
    def left(self) -> int | None:
        return max(0, self.due - self.done) if self.due is not None else None


def progress(need: Need) -> Progress:
    rows = list(db.session.scalars(select(InsertionHours).where(InsertionHours.need_id == need.id)
                                   .order_by(InsertionHours.period.desc(), InsertionHours.structure_name)))
    by_structure: dict[str, int] = {}
    for row in rows:
        by_structure[row.structure_name] = by_structure.get(row.structure_name, 0) + row.hours
    return Progress(due=need.insertion_hours, done=sum(r.hours for r in rows), rows=rows,
                    by_structure=sorted(by_structure.items(), key=lambda item: (-item[1], item[0])))


def won_contracts_with_hours(org: Organisation) -> list[tuple[Need, Progress]]:
    """The needs awarded to `org` that carry insertion hours (due, or already recorded), newest first."""
    recorded = select(InsertionHours.need_id)
    needs = db.session.scalars(select(Need).where(
        Need.status == NeedStatus.AWARDED, Need.awarded_organisation_id == org.id,
        (Need.insertion_hours > 0) | Need.id.in_(recorded)).order_by(Need.awarded_at.desc())).all()
    return [(need, progress(need)) for need in needs]
