"""Demo part: social-clause facilitators.

- The PLIE Garonne Emploi covers the Haute-Garonne (its admin is a demo log-in) and the Maison de
  l'emploi du Tarn covers the Tarn.
- The Région Occitanie has invited the PLIE on its showcase need (the high schools' cleaning): no
  hours proposed yet, so that the issue's journey can be done by hand: propose 1 200 hours
  (2 400 000 € × 80 % ÷ 32 €/h × 2 %), adopt, award, record hours.
- The CHU de Toulouse's laundry need (the demo's awarded need) is followed: the PLIE calibrated it
  before the consultation, the CHU adopted the hours, and the hours done since the award are
  recorded month by month for the winner and a GEIQ. This part moves that need's publication and
  award dates back (the consultation was expected months ago) so that there are months to show.
- The PLIE has offered its help to the Département de la Haute-Garonne on another need, waiting
  for an answer; and keeps a few notes.
Rows are written directly; the need and organisation rows are the earlier parts'.
"""
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, or_, select

from ..clauses.models import ClauseProposal, ClauseSupport, FacilitatorNote, InsertionHours, SupportStatus
from ..engine.clauses import calibrate
from ..extensions import db
from ..needs.direct_award import local_today
from ..needs.models import Need, SocialClause
from ..organisations.models import AreaKind, OrganisationArea, OrgKind
from ..organisations.services import refresh_search_text
from ..timeutil import utcnow
from .builder import new_organisation
from .context import DemoContext, Login
from .data_needs import AWARDED, HIGH_SCHOOLS
from .identity import slugify
from .people import add_people

PLIE = "PLIE Garonne Emploi"
PLIE_ADMIN = ("Nadia", "Ferhat")
FACILITATOR_ROLE = "Facilitateur de clauses sociales (Haute-Garonne)"
TARN = "Maison de l'emploi du Tarn"
FACILITATORS = (
    (PLIE, "31", "Toulouse", ("31",),
     "Plan local pour l'insertion et l'emploi : nos facilitatrices aident les acheteurs de la Haute-Garonne à "
     "calibrer leurs clauses sociales, orientent les entreprises vers les structures d'insertion et suivent les "
     "heures réalisées."),
    (TARN, "81", "Albi", ("81",),
     "Maison de l'emploi : facilitation des clauses sociales des marchés publics du Tarn, de la rédaction du "
     "marché au bilan des heures."),
)
INVITATION = ("Bonjour, pouvez-vous nous aider à calibrer la clause d'insertion de ce marché ? Les lots suivent "
              "les bassins de vie.")
OFFER_NEED = "Entretien des espaces naturels sensibles"
OFFER = ("Bonjour, nous suivons déjà des clauses d'entretien d'espaces naturels avec deux chantiers d'insertion du "
         "Comminges : nous pouvons vous aider à fixer les heures et à préparer le suivi.")
NOTES = (
    "Trois SIAE de propreté du Comminges peuvent répondre au lot 3 : les prévenir dès la publication.",
    "Rendez-vous avec l'acheteuse de la Région pris pour le calibrage, en visio.",
)
# The laundry: the PLIE's calibration (amount, labour %, hourly cost in cents, rate in tenths of a %).
LAUNDRY_CALIBRATION = (180_000, 60, 2700, 50)
GEIQ = "GEIQ Bâti'Parcours"


def load(ctx: DemoContext) -> None:
    rng = ctx.rng_for("clauses")
    orgs = {}
    for name, department, town, covered, text in FACILITATORS:
        org = new_organisation(ctx, rng, f"facilitator:{slugify(name)}", OrgKind.FACILITATOR.value, name, department,
                               town, legal_form="association", description=text, publish_contact=True)
        org.areas = [OrganisationArea(kind=AreaKind.DEPARTMENT.value, code=c) for c in covered]
        refresh_search_text(org)
        admin = add_people(ctx, org, admin=PLIE_ADMIN if name == PLIE else None, member=name == PLIE)
        if name == PLIE:
            ctx.logins.append(Login(FACILITATOR_ROLE, name, admin.email))
        orgs[name] = (org, admin)
    db.session.flush()
    plie, nadia = orgs[PLIE]
    needs = {n.title: n for n in db.session.scalars(select(Need).where(
        Need.title.in_((HIGH_SCHOOLS, AWARDED[0], OFFER_NEED))))}
    now = utcnow()
    _invited(ctx, needs[HIGH_SCHOOLS], plie, nadia, now)
    _followed(ctx, needs[AWARDED[0]], plie, nadia)
    offer = ClauseSupport(need_id=needs[OFFER_NEED].id, facilitator_id=plie.id, status=SupportStatus.OFFERED,
                          message=OFFER, created_by_id=nadia.id, created_at=now - timedelta(days=2, hours=3))
    db.session.add(offer)
    ctx.count("clause_supports", 3)


def _buyer_admin(need: Need):
    return next(m.user for m in need.organisation.memberships)


def _invited(ctx, need: Need, plie, nadia, now: datetime) -> None:
    buyer = _buyer_admin(need)
    invited_at = now - timedelta(days=6, hours=2)
    db.session.add(ClauseSupport(need_id=need.id, facilitator_id=plie.id, status=SupportStatus.ACTIVE,
                                 message=INVITATION, created_by_id=buyer.id, created_at=invited_at,
                                 decided_at=invited_at, decided_by_id=buyer.id))
    for n, body in enumerate(NOTES):
        db.session.add(FacilitatorNote(need_id=need.id, facilitator_id=plie.id, author_id=nadia.id, body=body,
                                       created_at=invited_at + timedelta(days=1 + n, hours=3)))


def _followed(ctx, need: Need, plie, nadia) -> None:
    """The laundry: consultation expected months ago, awarded about six weeks after it, hours since."""
    today = local_today()
    consultation = min(need.expected_publication_date or today, today - timedelta(days=100))
    need.expected_publication_date = consultation
    need.created_at = need.updated_at = _at(consultation - timedelta(days=75))
    need.published_at = _at(consultation - timedelta(days=70))
    need.awarded_at = _at(consultation + timedelta(days=45))
    buyer = _buyer_admin(need)
    invited_at = need.published_at + timedelta(days=3)
    support = ClauseSupport(need_id=need.id, facilitator_id=plie.id, status=SupportStatus.ACTIVE,
                            message="Pouvez-vous nous aider à introduire une clause d'insertion ?",
                            created_by_id=buyer.id, created_at=invited_at, decided_at=invited_at,
                            decided_by_id=buyer.id)
    db.session.add(support)
    db.session.flush()
    result = calibrate(*LAUNDRY_CALIBRATION)
    amount, share, cost, rate = LAUNDRY_CALIBRATION
    db.session.add(ClauseProposal(
        support_id=support.id, need_id=need.id, amount_eur=amount, labour_share_pct=share, hourly_cost_cents=cost,
        insertion_rate_tenths=rate, hours=result.hours, created_by_id=nadia.id,
        created_at=invited_at + timedelta(days=8), adopted_at=invited_at + timedelta(days=10), adopted_by_id=buyer.id,
        comment="Le linge plat demande beaucoup de main-d'œuvre : 5 % des heures est un objectif tenable."))
    need.social_clause = SocialClause.EXECUTION.value
    need.insertion_hours = result.hours
    winner = need.awarded_organisation
    geiq = ctx.organisations.get(f"sse:{slugify(GEIQ)}")
    month = need.awarded_at.date().replace(day=1)
    figures = ((winner, (14, 22, 25, 21, 24, 19)), (geiq, (0, 6, 8, 10, 8, 9)))
    n = 0
    while month <= today.replace(day=1) and n < 6:
        for structure, hours in figures:
            if structure is not None and hours[n]:
                db.session.add(InsertionHours(
                    need_id=need.id, facilitator_id=plie.id, structure_id=structure.id, structure_name=structure.name,
                    period=month, hours=hours[n], recorded_by_id=nadia.id,
                    recorded_at=_at(_next_month(month) + timedelta(days=4))))
                ctx.count("insertion_hours")
        month, n = _next_month(month), n + 1


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(9))


def reset(org_ids: list[int], user_ids: list[int]) -> None:
    """Delete the facilitators' rows of the demo organisations (and on demo needs), before those go."""
    need_ids = select(Need.id).where(Need.organisation_id.in_(org_ids))
    for model in (InsertionHours, FacilitatorNote, ClauseProposal, ClauseSupport):
        condition = model.need_id.in_(need_ids)
        if hasattr(model, "facilitator_id"):
            condition = or_(condition, model.facilitator_id.in_(org_ids))
        db.session.execute(delete(model).where(condition).execution_options(synchronize_session=False))
    db.session.execute(delete(InsertionHours).where(InsertionHours.structure_id.in_(org_ids))
                       .execution_options(synchronize_session=False))
