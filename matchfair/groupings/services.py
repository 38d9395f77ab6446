"""Grouping services: form a grouping, invite partners, answer, leave, remove, dissolve, answer a need.

API (the acting user first; each function checks the right and the rules, and flushes; the view
commits, then sends the e-mails of notifications.py):
    create_grouping(actor, lead, *, name, description, need, partners) -> (Grouping, [invited members])
    update_grouping(actor, grouping, *, name, description, need, contributions) -> Grouping
    invite_partners(actor, grouping, partners) -> [GroupingMember]     the new or renewed invitations
    answer_invitation(actor, member, accept) -> bool                   True when the answer changed
    leave_grouping(actor, member) -> None                              an accepted partner leaves
    remove_partner(actor, grouping, org_id) -> Organisation            the lead removes a partner
    dissolve_grouping(actor, grouping) -> [Organisation]               the partners to tell
    declare_grouping_interest(actor, grouping, message=None) -> Interest
    withdraw_grouping_interest(actor, grouping) -> bool
Rules: partners are SSE companies listed in the directory, other than the lead, at most
MAX_PARTNERS; a grouping for a reserved need is made of eligible structures only (checked when
inviting, accepting, linking a need and declaring interest); an invitation declined stays declined
until the lead invites again; the grouping answers its need once a partner has accepted.
Errors: GroupingError (str(error) is a sentence for the person); werkzeug Forbidden when the actor
has no right. Queries for the pages: queries.py.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..matching import services as matching
from ..matching.models import Interest, InterestKind
from ..needs.models import Need, NeedStatus, Reservation
from ..organisations.models import OrgKind, Organisation
from ..organisations.permissions import ensure_member
from ..ratelimit import Limit
from ..timeutil import utcnow
from . import access
from .models import Grouping, GroupingMember, PartnerStatus

NAME_MAX = 200
DESCRIPTION_MAX = 2000
CONTRIBUTION_MAX = 500
MESSAGE_MAX = matching.MESSAGE_MAX
MAX_PARTNERS = 9
# Invitations a lead company may send per hour: enough to form groupings, not to spam.
INVITE_LIMIT = Limit("grouping-invitations", 30, 60)


class GroupingError(ValueError):
    """A rule refused the action; str(error) is a sentence for the person."""


def _names(orgs) -> str:
    return ", ".join(o.name for o in orgs)


def is_reserved(need: Need | None) -> bool:
    """True when `need` is a reserved contract."""
    return need is not None and need.reservation not in (None, Reservation.NONE)


def ineligible(orgs, need: Need | None) -> list[Organisation]:
    """Those of `orgs` that may not answer `need` (it is reserved and they lack the status)."""
    if not is_reserved(need):
        return []
    return [o for o in orgs if not matching.eligible_for(o, need)]


def active_members(grouping: Grouping) -> list[GroupingMember]:
    """The lead and the partners invited or accepted (not those who declined)."""
    return [m for m in grouping.members if m.status in access.VISIBLE_STATUSES]


def accepted_partners(grouping: Grouping) -> list[GroupingMember]:
    """The partners (not the lead) who accepted."""
    return [m for m in grouping.members
            if m.status == PartnerStatus.ACCEPTED and m.organisation_id != grouping.lead_organisation_id]


def _check_text(name: str | None, description: str | None) -> tuple[str, str | None]:
    name = (name or "").strip()
    if not name:
        raise GroupingError(str(_l("Donnez un nom au groupement.")))
    if len(name) > NAME_MAX:
        raise GroupingError(str(_l("Le nom du groupement est trop long.")))
    description = (description or "").strip() or None
    if description and len(description) > DESCRIPTION_MAX:
        raise GroupingError(str(_l("La description est trop longue.")))
    return name, description


def _check_need(need: Need | None, orgs) -> None:
    if need is None:
        return
    if need.status != NeedStatus.PUBLISHED:
        raise GroupingError(str(_l("Ce besoin n'est pas ouvert : choisissez un besoin publié.")))
    refused = ineligible(orgs, need)
    if refused:
        raise GroupingError(_("Ce besoin est réservé : un groupement qui y répond ne peut réunir que des structures "
                              "éligibles. Ne le sont pas : %(names)s.", names=_names(refused)))


def _check_partner(lead: Organisation, org: Organisation) -> None:
    if org.id == lead.id:
        raise GroupingError(str(_l("Votre structure mène le groupement : choisissez d'autres structures comme "
                                   "partenaires.")))
    if org.kind != OrgKind.SSE or not org.is_listed:
        raise GroupingError(_("%(name)s ne peut pas être invitée : seules les structures de l'ESS présentes dans "
                              "l'annuaire peuvent l'être.", name=org.name))


def _hit_limit(lead: Organisation, count: int) -> None:
    for _i in range(count):
        if not INVITE_LIMIT.hit(str(lead.id)):
            raise GroupingError(str(_l("Vous avez envoyé beaucoup d'invitations en peu de temps. Réessayez dans "
                                       "%(minutes)d minutes.",
                                       minutes=INVITE_LIMIT.retry_after_minutes(str(lead.id)))))


def create_grouping(actor, lead: Organisation, *, name: str, description: str | None = None,
                    need: Need | None = None, partners: list[Organisation]) -> tuple[Grouping, list[GroupingMember]]:
    """A new grouping led by `lead` (an SSE company `actor` belongs to), with `lead` as an accepted
    member and each of `partners` invited; returns it and the invitations to send."""
    ensure_member(actor, lead)
    if lead.kind != OrgKind.SSE:
        raise GroupingError(str(_l("Seules les structures de l'ESS forment des groupements.")))
    name, description = _check_text(name, description)
    partners = list({p.id: p for p in partners}.values())
    if not partners:
        raise GroupingError(str(_l("Choisissez au moins une structure partenaire.")))
    if len(partners) > MAX_PARTNERS:
        raise GroupingError(_("Un groupement réunit au plus %(num)d partenaires.", num=MAX_PARTNERS))
    for org in partners:
        _check_partner(lead, org)
    _check_need(need, [lead] + partners)
    _hit_limit(lead, len(partners))
    now = utcnow()
    grouping = Grouping(name=name, description=description, lead_organisation=lead, need=need,
                        created_by_id=actor.id, created_at=now)
    grouping.members.append(GroupingMember(organisation=lead, status=PartnerStatus.ACCEPTED.value,
                                           invited_at=now, responded_at=now))
    invited = [GroupingMember(organisation=org, status=PartnerStatus.INVITED.value, invited_at=now)
               for org in partners]
    grouping.members.extend(invited)
    db.session.add(grouping)
    db.session.flush()
    return grouping, invited


def update_grouping(actor, grouping: Grouping, *, name: str, description: str | None, need: Need | None,
                    contributions: dict[int, str | None] | None = None) -> Grouping:
    """Change the name, description, need and the members' contributions (the lead only)."""
    access.ensure_lead(actor, grouping)
    name, description = _check_text(name, description)
    if need is not None and need.id != grouping.need_id:
        _check_need(need, [m.organisation for m in active_members(grouping)])
    for org_id, text in (contributions or {}).items():
        text = (text or "").strip() or None
        if text and len(text) > CONTRIBUTION_MAX:
            raise GroupingError(str(_l("Un apport ne peut pas dépasser %(max)d caractères.", max=CONTRIBUTION_MAX)))
        member = next((m for m in grouping.members if m.organisation_id == org_id), None)
        if member is not None:
            member.contribution = text
    grouping.name, grouping.description, grouping.need = name, description, need
    db.session.flush()
    return grouping


def invite_partners(actor, grouping: Grouping, partners: list[Organisation]) -> list[GroupingMember]:
    """Invite more partners (the lead only); a partner that declined is invited again, one already
    invited or accepted is left as it is. Returns the invitations to send."""
    access.ensure_lead(actor, grouping)
    lead = grouping.lead_organisation
    current = {m.organisation_id: m for m in grouping.members}
    wanted = [p for p in {p.id: p for p in partners}.values()
              if p.id not in current or current[p.id].status == PartnerStatus.DECLINED]
    for org in wanted:
        _check_partner(lead, org)
    if len(active_members(grouping)) - 1 + len(wanted) > MAX_PARTNERS:
        raise GroupingError(_("Un groupement réunit au plus %(num)d partenaires.", num=MAX_PARTNERS))
    if grouping.need is not None:
        refused = ineligible(wanted, grouping.need)
        if refused:
            raise GroupingError(_("Le besoin de ce groupement est réservé : %(names)s n'a pas le statut requis.",
                                  names=_names(refused)))
    _hit_limit(lead, len(wanted))
    now = utcnow()
    invited = []
    for org in wanted:
        member = current.get(org.id)
        if member is None:
            member = GroupingMember(organisation=org)
            grouping.members.append(member)
        member.status, member.invited_at, member.responded_at = PartnerStatus.INVITED.value, now, None
        invited.append(member)
    db.session.flush()
    return invited


def answer_invitation(actor, member: GroupingMember, accept: bool) -> bool:
    """Accept or decline an invitation for the partner company `actor` belongs to.

    The same answer twice changes nothing (False). An accepted invitation is left by leaving the
    grouping; a declined one can be accepted only after the lead invites again.
    """
    access.ensure_partner_member(actor, member)
    grouping = member.grouping
    wanted = PartnerStatus.ACCEPTED if accept else PartnerStatus.DECLINED
    if member.status == wanted:
        return False
    if member.status == PartnerStatus.ACCEPTED:
        raise GroupingError(str(_l("Vous avez déjà accepté : pour ne plus en faire partie, quittez le groupement.")))
    if member.status == PartnerStatus.DECLINED:
        raise GroupingError(_("Vous avez décliné cette invitation. Pour rejoindre le groupement, demandez à "
                              "%(lead)s de vous inviter de nouveau.", lead=grouping.lead_organisation.name))
    if accept and ineligible([member.organisation], grouping.need):
        raise GroupingError(str(_l("Le besoin de ce groupement est réservé à des structures d'un autre statut que "
                                   "le vôtre : vous ne pouvez pas le rejoindre.")))
    member.status, member.responded_at = wanted.value, utcnow()
    db.session.flush()
    return True


def leave_grouping(actor, member: GroupingMember) -> None:
    """An accepted partner leaves the grouping (the lead cannot: it dissolves it instead)."""
    access.ensure_partner_member(actor, member)
    if member.status != PartnerStatus.ACCEPTED:
        raise GroupingError(str(_l("Vous ne faites pas partie de ce groupement.")))
    member.grouping.members.remove(member)
    db.session.flush()


def remove_partner(actor, grouping: Grouping, org_id: int) -> Organisation:
    """Take a partner (invited, accepted or declined) out of the grouping (the lead only)."""
    access.ensure_lead(actor, grouping)
    member = next((m for m in grouping.members if m.organisation_id == org_id), None)
    if member is None or org_id == grouping.lead_organisation_id:
        raise GroupingError(str(_l("Cette structure n'est pas partenaire du groupement.")))
    org = member.organisation
    grouping.members.remove(member)
    db.session.flush()
    return org


def dissolve_grouping(actor, grouping: Grouping) -> list[Organisation]:
    """Delete the grouping (the lead only). An interest it declared stays, in the lead's name alone.
    Returns the partners (invited or accepted) to tell."""
    access.ensure_lead(actor, grouping)
    partners = [m.organisation for m in active_members(grouping) if m.organisation_id != grouping.lead_organisation_id]
    for interest in db.session.scalars(select(Interest).where(Interest.grouping_id == grouping.id)):
        interest.grouping_id = None
    db.session.delete(grouping)
    db.session.flush()
    return partners


def declare_grouping_interest(actor, grouping: Grouping, message: str | None = None) -> Interest:
    """The lead company tells the buyer of the grouping's need that it is interested, as this grouping.

    The grouping needs a published need and at least one accepted partner; for a reserved need
    every accepted member must be eligible.
    """
    access.ensure_lead(actor, grouping)
    need = grouping.need
    if need is None:
        raise GroupingError(str(_l("Ce groupement n'est lié à aucun besoin : choisissez d'abord le besoin auquel "
                                   "il répond.")))
    partners = accepted_partners(grouping)
    if not partners:
        raise GroupingError(str(_l("Aucun partenaire n'a encore accepté : le groupement pourra déclarer son intérêt "
                                   "dès qu'un partenaire aura accepté.")))
    refused = ineligible([grouping.lead_organisation] + [m.organisation for m in partners], need)
    if refused:
        raise GroupingError(_("Ce besoin est réservé : %(names)s n'a pas le statut requis, le groupement ne peut "
                              "pas y répondre.", names=_names(refused)))
    try:
        return matching.declare_interest(actor, grouping.lead_organisation, need, InterestKind.INTERESTED.value,
                                         message=message, grouping=grouping)
    except matching.MatchingError as exc:
        raise GroupingError(str(exc)) from exc


def grouping_interest(grouping: Grouping) -> Interest | None:
    """The interest the grouping declared in its need, or None."""
    if grouping.need_id is None:
        return None
    interest = db.session.get(Interest, (grouping.need_id, grouping.lead_organisation_id))
    if interest is None or interest.grouping_id != grouping.id or interest.kind != InterestKind.INTERESTED:
        return None
    return interest


def withdraw_grouping_interest(actor, grouping: Grouping) -> bool:
    """Withdraw the grouping's interest in its need (the lead only); False when there was none."""
    access.ensure_lead(actor, grouping)
    if grouping_interest(grouping) is None:
        return False
    return matching.withdraw_interest(actor, grouping.lead_organisation, grouping.need)
