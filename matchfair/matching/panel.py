"""The matching panel of the public need page (templates/matching/_need_panel.html).

For a member of the need's buyer: its five best suppliers and the answers so far, with a link to
the full page. For a signed-in SSE company: its own score and reasons for this need, and its
answer. For anyone else (anonymous visitors included): nothing.
"""
from dataclasses import dataclass

from flask_login import current_user

from ..engine.matching import explain
from ..extensions import db
from ..needs.models import Need, NeedStatus
from ..organisations.current import current_organisation
from ..organisations.models import OrgKind, Organisation
from ..organisations.permissions import is_member
from . import adapters
from .cache import supplier_entry
from .models import Interest, InterestKind
from .ranking import ShownMatch, profile_incomplete, rank_suppliers, show_suppliers
from .reasons import level_label, write_reasons
from .services import eligible_for, interest_of, interests_for_need, shortlisted_ids

OWNER_TOP = 5


@dataclass
class OwnerPanel:
    top: list[ShownMatch]
    interested: int
    not_for_us: int
    shortlisted: int
    role: str = "owner"


@dataclass
class CompanyPanel:
    org: Organisation
    shown: ShownMatch | None
    interest: Interest | None
    eligible: bool
    open: bool
    incomplete: bool
    role: str = "company"


def need_panel(need: Need) -> OwnerPanel | CompanyPanel | None:
    """What the need page shows the current visitor about matching, or None."""
    if not current_user.is_authenticated:
        return None
    if is_member(current_user, need.organisation):
        ranked = rank_suppliers(need, limit=OWNER_TOP)
        answers = interests_for_need(need)
        return OwnerPanel(
            top=show_suppliers(ranked, ranked.matches),
            interested=sum(1 for i in answers if i.kind == InterestKind.INTERESTED),
            not_for_us=sum(1 for i in answers if i.kind == InterestKind.NOT_FOR_US),
            shortlisted=len(shortlisted_ids(need)),
        )
    org = current_organisation()
    if org is None or org.kind != OrgKind.SSE or need.status == NeedStatus.DRAFT:
        return None
    entry = supplier_entry()
    supplier = entry.supplier(org.id)
    shown = None
    if supplier is not None:
        engine_need = adapters.need_to_engine(db.session, need)
        match = explain(entry.index, engine_need, supplier)
        if match is not None:
            sentences = write_reasons([(match.reasons, engine_need, supplier)])[0]
            shown = ShownMatch(match, need, level_label(match.score), sentences)
    return CompanyPanel(org=org, shown=shown, interest=interest_of(org, need), eligible=eligible_for(org, need),
                        open=need.status == NeedStatus.PUBLISHED, incomplete=profile_incomplete(supplier))

