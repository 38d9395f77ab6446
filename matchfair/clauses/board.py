"""The facilitator's board: the needs of its territory with a social clause, or that could carry one,
soonest (expected publication) or newest first; for each, the insertion structures (SIAE, GEIQ, EA,
ESAT) that the matching engine ranks best for it, with their reasons; and the needs it follows.

A need "could carry" a clause when it has none yet, is for labour-heavy work (works, or a CPV code of
LABOUR_DIVISIONS, LABOUR_GROUPS or LABOUR_CLASSES) and is estimated at CAN_CARRY_FROM € HT or more (or not estimated).
"""
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, or_, select

from ..extensions import db
from ..matching.ranking import SupplierFilters, rank_suppliers, show_suppliers
from ..needs.models import Need, NeedCpv, NeedStatus, SocialClause
from ..organisations.models import Organisation
from .access import territory
from .models import ClauseSupport, SupportStatus
from .work import Progress, progress

# CPV divisions of labour-heavy work: works; repair and maintenance; catering; transport; agricultural
# and green-space services; health and social work; cleaning, waste and environment; other community
# services (laundry...). And, from the business services (division 79, mostly intellectual), the groups
# that are labour-heavy: office support and call centres (795), supply of staff (796), security (797),
# reception and other building services (7999).
LABOUR_DIVISIONS = ("45", "50", "55", "60", "77", "85", "90", "98")
LABOUR_GROUPS = ("795", "796", "797")
LABOUR_CLASSES = ("7999",)
CAN_CARRY_FROM = 90_000
PER_PAGE = 20
STRUCTURES_SHOWN = 3
SHOW = ("all", "clause", "possible")
ORDERS = ("soonest", "newest")


def could_carry():
    labour_heavy = or_(Need.purchase_kind == "works", exists().where(NeedCpv.need_id == Need.id, or_(
        func.substr(NeedCpv.code8, 1, 2).in_(LABOUR_DIVISIONS), func.substr(NeedCpv.code8, 1, 3).in_(LABOUR_GROUPS),
        func.substr(NeedCpv.code8, 1, 4).in_(LABOUR_CLASSES))))
    return and_(Need.social_clause == SocialClause.NONE, labour_heavy,
                or_(Need.estimated_amount_eur.is_(None), Need.estimated_amount_eur >= CAN_CARRY_FROM))


def board_query(facilitator: Organisation, show: str = "all", department: str | None = None,
                order: str = "soonest"):
    departments = territory(facilitator)
    if department in departments:
        departments = [department]
    has_clause = Need.social_clause != SocialClause.NONE
    wanted = {"clause": has_clause, "possible": could_carry()}.get(show, or_(has_clause, could_carry()))
    statement = select(Need).where(Need.status == NeedStatus.PUBLISHED, Need.department_code.in_(departments),
                                   wanted)
    if order == "newest":
        return statement.order_by(Need.published_at.desc(), Need.id.desc())
    return statement.order_by(Need.expected_publication_date.is_(None), Need.expected_publication_date,
                              Need.published_at.desc(), Need.id.desc())


@dataclass
class BoardItem:
    need: Need
    support: ClauseSupport | None
    structures: list  # ShownMatch of the best insertion structures


def board_items(facilitator: Organisation, needs: list[Need]) -> list[BoardItem]:
    supports = {s.need_id: s for s in db.session.scalars(select(ClauseSupport).where(
        ClauseSupport.facilitator_id == facilitator.id, ClauseSupport.need_id.in_([n.id for n in needs])))}
    items = []
    for need in needs:
        ranked = rank_suppliers(need, SupplierFilters(insertion=True, ea_esat=True), limit=STRUCTURES_SHOWN)
        items.append(BoardItem(need, supports.get(need.id), show_suppliers(ranked, ranked.matches)))
    return items


@dataclass
class Followed:
    need: Need
    support: ClauseSupport
    progress: Progress


def followed(facilitator: Organisation) -> list[Followed]:
    """The needs the facilitator helps on (active) or offered to help on, newest first."""
    supports = db.session.scalars(select(ClauseSupport).where(
        ClauseSupport.facilitator_id == facilitator.id,
        ClauseSupport.status.in_((SupportStatus.ACTIVE, SupportStatus.OFFERED)))
        .order_by(ClauseSupport.created_at.desc())).all()
    return [Followed(s.need, s, progress(s.need)) for s in supports]
