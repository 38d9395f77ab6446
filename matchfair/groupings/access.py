"""Who may see and do what with a grouping, decided here and nowhere else.

- A grouping exists only for the members (any role) of the organisations involved in it: the lead
  company and the partners invited or accepted. Everybody else, anonymous visitors included, gets
  a 404; a partner that declined, left or was removed no longer sees it.
- The members of the lead company manage it: invite and remove partners, edit, dissolve, declare
  interest in its need.
- The members of a partner company answer its invitation (accept or decline) and may leave.
- Only SSE companies form groupings; a person acting for a buyer gets a 403 that says so.
"""
from dataclasses import dataclass, field
from functools import wraps

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.exceptions import Forbidden

from ..extensions import db
from ..needs.permissions import forbidden_page
from ..organisations.current import current_organisation
from ..organisations.models import Membership, OrgKind, Organisation
from .models import Grouping, GroupingMember, PartnerStatus

VISIBLE_STATUSES = (PartnerStatus.INVITED.value, PartnerStatus.ACCEPTED.value)


@dataclass
class Involvement:
    """How a person is involved in a grouping: through the lead company, and/or through partners."""

    lead: bool = False
    partners: list[GroupingMember] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return self.lead or bool(self.partners)


def user_org_ids(user) -> set[int]:
    """The ids of the organisations `user` belongs to (none for anonymous visitors)."""
    if user is None or not user.is_authenticated:
        return set()
    return set(db.session.scalars(select(Membership.organisation_id).where(Membership.user_id == user.id)))


def involvement(user, grouping: Grouping) -> Involvement:
    """How `user` is involved in `grouping` (nothing for anonymous visitors)."""
    orgs = user_org_ids(user)
    result = Involvement(lead=grouping.lead_organisation_id in orgs)
    result.partners = [m for m in grouping.members
                       if m.organisation_id in orgs and m.organisation_id != grouping.lead_organisation_id
                       and m.status in VISIBLE_STATUSES]
    return result


def load_grouping(grouping_id: int) -> Grouping | None:
    """The grouping with its members, their organisations and statuses, and its need (or None)."""
    return db.session.scalar(
        select(Grouping).where(Grouping.id == grouping_id)
        .options(selectinload(Grouping.members).joinedload(GroupingMember.organisation)
                 .selectinload(Organisation.statuses),
                 joinedload(Grouping.lead_organisation), joinedload(Grouping.need))
    )


def ensure_lead(actor, grouping: Grouping) -> None:
    """Forbidden unless `actor` belongs to the lead company (services call this as a safety net)."""
    if grouping.lead_organisation_id not in user_org_ids(actor):
        raise Forbidden()


def ensure_partner_member(actor, member: GroupingMember) -> None:
    """Forbidden unless `actor` belongs to the partner company of `member`."""
    if member.organisation_id not in user_org_ids(actor):
        raise Forbidden()


def grouping_view(view):
    """Route decorator: login, then involvement in <grouping_id> (else 404); the view receives
    `grouping` and `involved` (an Involvement)."""
    @wraps(view)
    @login_required
    def wrapper(grouping_id: int, **kwargs):
        grouping = load_grouping(grouping_id)
        if grouping is None:
            abort(404)
        involved = involvement(current_user, grouping)
        if not involved.any:
            abort(404)
        return view(grouping=grouping, involved=involved, **kwargs)
    return wrapper


def lead_view(view):
    """Route decorator: like grouping_view, and the person belongs to the lead company (else 404:
    a partner may not manage the grouping, and learns nothing from the answer)."""
    @wraps(view)
    @grouping_view
    def wrapper(grouping: Grouping, involved: Involvement, **kwargs):
        if not involved.lead:
            abort(404)
        return view(grouping=grouping, **kwargs)
    return wrapper


def partner_view(view):
    """Route decorator: login, then <grouping_id> and <org_id> a partner of it (invited or accepted)
    that the person belongs to, else 404; the view receives `grouping` and `member`."""
    @wraps(view)
    @login_required
    def wrapper(grouping_id: int, org_id: int, **kwargs):
        grouping = load_grouping(grouping_id)
        if grouping is None or org_id == grouping.lead_organisation_id or org_id not in user_org_ids(current_user):
            abort(404)
        member = next((m for m in grouping.members if m.organisation_id == org_id), None)
        if member is None:
            abort(404)
        return view(grouping=grouping, member=member, **kwargs)
    return wrapper


def sse_required(view):
    """Route decorator: signed in and acting for an SSE company; the view receives `org`.

    No organisation yet: on to creating one (as an SSE company). Another kind: a 403 that says why.
    """
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        org = current_organisation()
        if org is None:
            flash(_("Créez d'abord la fiche de votre structure de l'ESS pour former des groupements."), "info")
            return redirect(url_for("organisations.create", kind=OrgKind.SSE.value))
        if org.kind != OrgKind.SSE:
            abort(forbidden_page(_(
                "Seules les structures de l'ESS forment des groupements. Vous agissez pour %(name)s, qui n'en est "
                "pas une : si vous êtes aussi membre d'une structure de l'ESS, choisissez-la depuis votre tableau "
                "de bord.", name=org.name)))
        return view(*args, org=org, **kwargs)
    return wrapper
