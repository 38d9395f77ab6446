"""Insertion hours for the organiser's indicators (issue 7): the awarded needs of a set of buyers that
carry insertion hours (due, or already recorded), with the hours due and done by buyer and the hours
done by structure. Three aggregate queries, whatever the number of needs.

    insertion_figures(buyer_ids) -> InsertionFigures     buyer_ids: ids, or a select of ids
"""
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select

from ..extensions import db
from ..needs.models import Need, NeedStatus
from ..organisations.models import Organisation
from .models import InsertionHours


@dataclass
class InsertionFigures:
    needs: int = 0
    due: int = 0
    done: int = 0
    by_buyer: list[tuple[str, int, int]] = field(default_factory=list)  # (buyer, due, done), most due first
    by_structure: list[tuple[str, int]] = field(default_factory=list)  # (structure, done), most done first


def insertion_figures(buyer_ids) -> InsertionFigures:
    needs = select(Need.id).where(
        Need.status == NeedStatus.AWARDED, Need.organisation_id.in_(buyer_ids),
        or_(Need.insertion_hours > 0, Need.id.in_(select(InsertionHours.need_id))))
    done_per_need = (select(InsertionHours.need_id, func.sum(InsertionHours.hours).label("done"))
                     .group_by(InsertionHours.need_id).subquery())
    rows = db.session.execute(
        select(Organisation.name, func.count(Need.id), func.coalesce(func.sum(Need.insertion_hours), 0),
               func.coalesce(func.sum(done_per_need.c.done), 0))
        .join(Organisation, Organisation.id == Need.organisation_id)
        .outerjoin(done_per_need, done_per_need.c.need_id == Need.id)
        .where(Need.id.in_(needs)).group_by(Organisation.id, Organisation.name)).all()
    result = InsertionFigures()
    result.by_buyer = sorted(((name, int(due), int(done)) for name, _n, due, done in rows),
                             key=lambda row: (-row[1], -row[2], row[0]))
    result.needs = sum(n for _name, n, _due, _done in rows)
    result.due = sum(row[1] for row in result.by_buyer)
    result.done = sum(row[2] for row in result.by_buyer)
    by_structure = db.session.execute(
        select(InsertionHours.structure_name, func.sum(InsertionHours.hours))
        .where(InsertionHours.need_id.in_(needs)).group_by(InsertionHours.structure_name)).all()
    result.by_structure = sorted(((name, int(hours)) for name, hours in by_structure),
                                 key=lambda row: (-row[1], row[0]))
    return result
