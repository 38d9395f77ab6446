"""Who sees and does what on a need's social clause, decided here and nowhere else.

- A facilitator organisation sees the needs of the departments it covers (its territory). It sees a
  need's clause page when the need is published, closed or awarded and in its territory, or when
  the buyer made it its facilitator (ACTIVE), drafts included: the clause is often set before
  publication. Outside that: 404.
- The buyer's members see the page of their own needs; the winner's members see it once the need
  is awarded to them (the progress of the hours only).
- A facilitator's notes are read by its own members only. The calibrations are shown to the buyer
  and to the facilitator helping it; the hours done to the buyer, the winner and that facilitator.
  Another facilitator of the territory sees the need's page to offer its help, nothing more.
"""
from dataclasses import dataclass

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..needs.models import Need, NeedStatus
from ..organisations.current import current_organisation
from ..organisations.models import AreaKind, Organisation, OrganisationArea, OrgKind
from ..organisations.permissions import is_member
from .models import ClauseSupport, SupportStatus


def acting_facilitator(user) -> Organisation | None:
    """The facilitator organisation `user` acts for now (their current organisation), else None."""
    org = current_organisation() if user.is_authenticated else None
    return org if org is not None and org.kind == OrgKind.FACILITATOR and is_member(user, org) else None


def territory(org: Organisation) -> list[str]:
    """The department codes a facilitator covers."""
    return sorted(a.code for a in org.areas if a.kind == AreaKind.DEPARTMENT)


def support_of(facilitator: Organisation, need: Need) -> ClauseSupport | None:
    return db.session.scalar(select(ClauseSupport).where(ClauseSupport.need_id == need.id,
                                                         ClauseSupport.facilitator_id == facilitator.id))


def active_support(need: Need) -> ClauseSupport | None:
    return db.session.scalar(select(ClauseSupport).where(ClauseSupport.need_id == need.id,
                                                         ClauseSupport.status == SupportStatus.ACTIVE))


@dataclass
class NeedRoles:
    """What the current user is to a need: its buyer, a facilitator (with its support if any), its winner."""

    buyer: bool = False
    facilitator: Organisation | None = None
    support: ClauseSupport | None = None  # the acting facilitator's row, whatever its status
    winner: bool = False

    @property
    def any(self) -> bool:
        return self.buyer or self.facilitator is not None or self.winner

    @property
    def helping(self) -> bool:
        """The acting facilitator is the need's facilitator (the buyer invited it or accepted its offer)."""
        return self.support is not None and self.support.status == SupportStatus.ACTIVE


def roles_for(user, need: Need) -> NeedRoles:
    roles = NeedRoles()
    if not user.is_authenticated:
        return roles
    roles.buyer = is_member(user, need.organisation)
    roles.winner = (need.status == NeedStatus.AWARDED and need.awarded_organisation is not None
                    and is_member(user, need.awarded_organisation))
    facilitator = acting_facilitator(user)
    if facilitator is not None:
        support = support_of(facilitator, need)
        active = support is not None and support.status == SupportStatus.ACTIVE
        if active or (need.status != NeedStatus.DRAFT and need.department_code in territory(facilitator)):
            roles.facilitator, roles.support = facilitator, support
    return roles


def clause_need_or_404(need_id: int) -> tuple[Need, NeedRoles]:
    """The need and the current user's roles, or a 404 when the user has none."""
    need = db.session.get(Need, need_id)
    if need is None:
        abort(404)
    roles = roles_for(current_user, need)
    if not roles.any:
        abort(404)
    return need, roles


def facilitators_covering(department_code: str) -> list[Organisation]:
    """The facilitator organisations whose territory includes the department, by name."""
    return list(db.session.scalars(
        select(Organisation).join(OrganisationArea, OrganisationArea.organisation_id == Organisation.id)
        .where(Organisation.kind == OrgKind.FACILITATOR, OrganisationArea.kind == AreaKind.DEPARTMENT,
               OrganisationArea.code == department_code).order_by(Organisation.name)))
