"""The help relation between a facilitator and a buyer on one need.

    offer_help(actor, facilitator, need, message) -> ClauseSupport        (facilitator side)
    invite(actor, need, facilitator, message) -> ClauseSupport            (buyer side: active at once)
    answer_offer(actor, support, accept) -> ClauseSupport                 (buyer side)
    end(actor, support) -> ClauseSupport                                  (either side)

A need has at most one active facilitator: inviting or accepting another is refused until the
current help is ended. Each change tells the other side by e-mail after the commit.
"""
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..extensions import db
from ..meetings.notify import queue_email
from ..needs.models import Need, NeedStatus
from ..organisations.models import Membership, Organisation, OrgKind, Role
from ..organisations.permissions import is_member
from ..timeutil import utcnow
from .access import active_support, support_of, territory
from .errors import ClauseError
from .models import ClauseSupport, SupportStatus


def _check_facilitator(actor, facilitator: Organisation, need: Need) -> None:
    if facilitator.kind != OrgKind.FACILITATOR or not is_member(actor, facilitator):
        raise ClauseError(_l("Seul un facilitateur de clauses sociales peut proposer son aide."))
    if need.department_code not in territory(facilitator):
        raise ClauseError(_l("Ce besoin est hors du territoire que couvre votre organisation."))


def _check_buyer(actor, need: Need) -> None:
    if not is_member(actor, need.organisation):
        raise ClauseError(_l("Seul l'acheteur du besoin peut faire cela."))


def _clean(message: str | None) -> str | None:
    message = (message or "").strip()
    if len(message) > 1000:
        raise ClauseError(_l("Le message tient en 1 000 caractères au plus."), field="message")
    return message or None


def offer_help(actor, facilitator: Organisation, need: Need, message: str | None) -> ClauseSupport:
    _check_facilitator(actor, facilitator, need)
    if need.status == NeedStatus.DRAFT:
        raise ClauseError(_l("Ce besoin n'est pas publié."))
    support = support_of(facilitator, need)
    if support is not None and support.status in (SupportStatus.OFFERED, SupportStatus.ACTIVE):
        raise ClauseError(_l("Votre aide est déjà proposée pour ce besoin."))
    if support is None:
        support = ClauseSupport(need_id=need.id, facilitator_id=facilitator.id)
        db.session.add(support)
    support.status, support.message, support.created_by_id = SupportStatus.OFFERED, _clean(message), actor.id
    support.created_at, support.decided_at, support.decided_by_id = utcnow(), None, None
    db.session.flush()
    _tell_buyer(need, facilitator, "offered")
    return support


def invite(actor, need: Need, facilitator: Organisation | None, message: str | None) -> ClauseSupport:
    _check_buyer(actor, need)
    if facilitator is None or facilitator.kind != OrgKind.FACILITATOR:
        raise ClauseError(_l("Choisissez un facilitateur de la liste."), field="facilitator")
    if need.department_code not in territory(facilitator):
        raise ClauseError(_l("Ce facilitateur ne couvre pas le département du besoin."), field="facilitator")
    _no_other_active(need, facilitator)
    support = support_of(facilitator, need)
    if support is None:
        support = ClauseSupport(need_id=need.id, facilitator_id=facilitator.id)
        db.session.add(support)
    elif support.status == SupportStatus.ACTIVE:
        raise ClauseError(_l("Ce facilitateur vous accompagne déjà."), field="facilitator")
    now = utcnow()
    support.status, support.message, support.created_by_id, support.created_at = (
        SupportStatus.ACTIVE, _clean(message), actor.id, now)
    support.decided_at, support.decided_by_id = now, actor.id
    _flush_one_active(need)
    _tell_facilitator(support, "invited")
    return support


def _no_other_active(need: Need, facilitator: Organisation) -> None:
    current = active_support(need)
    if current is not None and current.facilitator_id != facilitator.id:
        raise ClauseError(_l("%(name)s vous accompagne déjà sur ce besoin : mettez fin à son accompagnement avant "
                             "d'en choisir un autre.", name=current.facilitator.name))


def _flush_one_active(need: Need) -> None:
    """Flush; the database keeps one active facilitator per need (a colleague may have chosen another
    at the same moment: then this change is refused, and the session stays usable)."""
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise ClauseError(_l("Un autre facilitateur vient d'être choisi pour ce besoin : rechargez la page.")) from None


def answer_offer(actor, support: ClauseSupport, accept: bool) -> ClauseSupport:
    need = support.need
    _check_buyer(actor, need)
    if support.status != SupportStatus.OFFERED:
        raise ClauseError(_l("Cette proposition d'aide a déjà reçu une réponse."))
    if accept:
        _no_other_active(need, support.facilitator)
    support.status = SupportStatus.ACTIVE if accept else SupportStatus.DECLINED
    support.decided_at, support.decided_by_id = utcnow(), actor.id
    _flush_one_active(need)
    _tell_facilitator(support, "accepted" if accept else "declined")
    return support


def end(actor, support: ClauseSupport) -> ClauseSupport:
    need = support.need
    if not (is_member(actor, need.organisation) or is_member(actor, support.facilitator)):
        raise ClauseError(_l("Seuls l'acheteur et le facilitateur peuvent mettre fin à l'accompagnement."))
    if support.status not in (SupportStatus.ACTIVE, SupportStatus.OFFERED):
        raise ClauseError(_l("Cet accompagnement est déjà terminé."))
    by_buyer = is_member(actor, need.organisation)
    support.status = SupportStatus.ENDED
    support.decided_at, support.decided_by_id = utcnow(), actor.id
    db.session.flush()
    if by_buyer:
        _tell_facilitator(support, "ended")
    else:
        _tell_buyer(need, support.facilitator, "ended")
    return support


def _admins(org: Organisation) -> list:
    return [m.user for m in org.memberships if m.role == Role.ADMIN] or [m.user for m in org.memberships]


def _buyer_people(need: Need) -> list:
    """The need's author when still a member, else the buyer's admins."""
    author = db.session.get(User, need.created_by_id) if need.created_by_id else None
    if author is not None and db.session.get(Membership, (author.id, need.organisation_id)) is not None:
        return [author]
    return _admins(need.organisation)


SUBJECTS = {
    "offered": lambda name, title: _l("%(name)s propose son aide pour la clause sociale de « %(title)s »",
                                      name=name, title=title),
    "invited": lambda name, title: _l("%(name)s vous invite à accompagner la clause sociale de « %(title)s »",
                                      name=name, title=title),
    "accepted": lambda name, title: _l("%(name)s accepte votre aide pour « %(title)s »", name=name, title=title),
    "declined": lambda name, title: _l("%(name)s décline votre aide pour « %(title)s »", name=name, title=title),
    "ended": lambda name, title: _l("Fin de l'accompagnement de la clause sociale de « %(title)s »",
                                    name=name, title=title),
}


def _link(need: Need) -> str:
    return url_for("clauses.need", need_id=need.id, _external=True)


def _tell_buyer(need: Need, facilitator: Organisation, what: str) -> None:
    name, title = facilitator.name, need.title
    for user in _buyer_people(need):
        queue_email(user, lambda: str(SUBJECTS[what](name, title)), "emails/clauses_support", what=what,
                    other=name, need_title=title, link=_link(need), to_buyer=True)


def _tell_facilitator(support: ClauseSupport, what: str) -> None:
    need = support.need
    name, title = need.organisation.name, need.title
    for user in _admins(support.facilitator):
        queue_email(user, lambda: str(SUBJECTS[what](name, title)), "emails/clauses_support", what=what,
                    other=name, need_title=title, link=_link(need), to_buyer=False)
