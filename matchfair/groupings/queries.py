"""What the grouping pages read: an organisation's groupings and invitations, partners found by
name, the needs a grouping may be formed for, the people to write to."""
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload, selectinload

from ..accounts.models import User
from ..engine.matching import rank_needs_for_supplier
from ..engine.text import words
from ..extensions import db
from ..matching import cache
from ..matching.adapters import need_key
from ..matching.models import Interest, InterestKind
from ..needs.models import Need, NeedStatus
from ..organisations.models import Membership, OrgKind, Organisation, Role
from .models import Grouping, GroupingMember, PartnerStatus

PARTNER_RESULTS = 20
MATCHED_NEEDS = 15


@dataclass
class OrgGroupings:
    """An SSE company's groupings: those it leads, those it joined, the invitations to answer."""

    led: list[Grouping]
    joined: list[Grouping]
    invitations: list[GroupingMember]

    @property
    def empty(self) -> bool:
        return not (self.led or self.joined or self.invitations)


def _with_members(statement):
    return statement.options(
        selectinload(Grouping.members).joinedload(GroupingMember.organisation).selectinload(Organisation.statuses),
        joinedload(Grouping.lead_organisation), joinedload(Grouping.need))


def groupings_of(org: Organisation) -> OrgGroupings:
    """The groupings `org` leads, those it joined (accepted), and its pending invitations; newest first."""
    led = db.session.scalars(_with_members(
        select(Grouping).where(Grouping.lead_organisation_id == org.id)
        .order_by(Grouping.created_at.desc(), Grouping.id.desc()))).unique().all()
    rows = db.session.scalars(
        select(GroupingMember).join(Grouping, Grouping.id == GroupingMember.grouping_id)
        .where(GroupingMember.organisation_id == org.id, Grouping.lead_organisation_id != org.id,
               GroupingMember.status.in_((PartnerStatus.INVITED.value, PartnerStatus.ACCEPTED.value)))
        .options(joinedload(GroupingMember.grouping).joinedload(Grouping.lead_organisation),
                 joinedload(GroupingMember.grouping).joinedload(Grouping.need),
                 joinedload(GroupingMember.grouping).selectinload(Grouping.members)
                 .joinedload(GroupingMember.organisation))
        .order_by(GroupingMember.invited_at.desc(), GroupingMember.grouping_id.desc())).unique().all()
    joined = [m.grouping for m in rows if m.status == PartnerStatus.ACCEPTED]
    invitations = [m for m in rows if m.status == PartnerStatus.INVITED]
    return OrgGroupings(list(led), joined, invitations)


def pending_invitation_count(org: Organisation) -> int:
    """How many invitations `org` has to answer."""
    return db.session.scalar(
        select(func.count()).select_from(GroupingMember).join(Grouping, Grouping.id == GroupingMember.grouping_id)
        .where(GroupingMember.organisation_id == org.id, GroupingMember.status == PartnerStatus.INVITED.value,
               Grouping.lead_organisation_id != org.id))


def _listed_sse():
    return and_(Organisation.kind == OrgKind.SSE.value, Organisation.is_listed.is_(True))


def search_partners(query: str | None, exclude: set[int], limit: int = PARTNER_RESULTS) -> list[Organisation]:
    """Listed SSE companies whose name has every word of `query` (accents and capitals ignored),
    but those of `exclude`, by name; nothing for an empty query."""
    terms = words(query)
    if not terms:
        return []
    # search_text starts with the folded name: its first len(name) characters are the name.
    folded_name = func.substr(Organisation.search_text, 1, func.length(Organisation.name))
    statement = (select(Organisation).where(_listed_sse(), *[folded_name.like(f"%{t}%") for t in terms])
                 .options(selectinload(Organisation.statuses)).order_by(Organisation.name, Organisation.id)
                 .limit(limit))
    if exclude:
        statement = statement.where(Organisation.id.not_in(sorted(exclude)))
    return list(db.session.scalars(statement))


def partner_organisations(ids) -> list[Organisation]:
    """The listed SSE companies among `ids`, in the order of `ids`."""
    wanted = [i for i in dict.fromkeys(ids) if isinstance(i, int)]
    if not wanted:
        return []
    found = {o.id: o for o in db.session.scalars(
        select(Organisation).where(_listed_sse(), Organisation.id.in_(wanted))
        .options(selectinload(Organisation.statuses)))}
    return [found[i] for i in wanted if i in found]


def published_need(need_id: int | None) -> Need | None:
    """The published need `need_id`, or None."""
    if not need_id:
        return None
    need = db.session.get(Need, need_id)
    return need if need is not None and need.status == NeedStatus.PUBLISHED else None


def need_choices(org: Organisation, keep: list[Need | None] = ()) -> list[Need]:
    """The needs a grouping of `org` may be formed for, by title: those of `keep` (the one asked
    for, the current one), the published needs `org` declared interest in, and the published needs
    that fit it best (matching engine)."""
    ids = {n.id for n in keep if n is not None}
    ids.update(db.session.scalars(
        select(Interest.need_id).join(Need, Need.id == Interest.need_id)
        .where(Interest.organisation_id == org.id, Interest.kind == InterestKind.INTERESTED.value,
               Need.status == NeedStatus.PUBLISHED.value)))
    suppliers, needs = cache.needs_entry()
    supplier = suppliers.supplier(org.id)
    if supplier is not None and needs.profiles:
        keys = {need_key(i) for i in ids}
        for match in rank_needs_for_supplier(suppliers.index, supplier, needs.profiles, MATCHED_NEEDS + len(keys)):
            if len(ids) >= MATCHED_NEEDS + len(keys):
                break
            ids.add(int(match.need))
    if not ids:
        return []
    rows = db.session.scalars(select(Need).where(Need.id.in_(sorted(ids)))
                              .options(joinedload(Need.organisation)).order_by(Need.title, Need.id))
    kept = {n.id for n in keep if n is not None}
    return [n for n in rows if n.status == NeedStatus.PUBLISHED or n.id in kept]


def admin_emails(org_ids) -> dict[int, list[str]]:
    """{organisation id: the e-mail addresses of its admins} (all its members when it has no admin)."""
    wanted = sorted(set(org_ids))
    if not wanted:
        return {}
    rows = db.session.execute(
        select(Membership.organisation_id, Membership.role, User.email)
        .join(User, User.id == Membership.user_id)
        .where(Membership.organisation_id.in_(wanted))).all()
    out: dict[int, list[str]] = {}
    for org_id in wanted:
        mine = [r for r in rows if r[0] == org_id]
        admins = [r for r in mine if r[1] == Role.ADMIN] or mine
        out[org_id] = sorted(r[2] for r in admins)
    return out
