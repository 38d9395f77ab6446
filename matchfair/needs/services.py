"""Needs services: the life of a buyer's need, from draft to award.

API (the acting user first; each function checks the right, flushes and calls
matching.state.needs_changed() in the caller's transaction; the view commits):
    create_need(actor, org, data) -> Need        a draft of buyer organisation `org`
    update_need(actor, need, data) -> Need       a draft, published or closed need; it keeps its status
    publish_need(actor, need) -> Need            draft -> published (sets published_at)
    close_need(actor, need) -> Need              published -> closed (no longer looking for suppliers)
    reopen_need(actor, need) -> Need             closed -> published
    award_need(actor, need, *, organisation=None, outside_name=None, amount_eur) -> Need
                                                 published or closed -> awarded, to an SSE company of
                                                 Matchfair or to a named outside company
    delete_draft(actor, need) -> None            drafts only
For the board and the pages (direct_award.py):
    direct_award_clause(today: date | None = None) -> SQL boolean over Need, True where the need
        may be awarded without publicity (amount, Need.purchase_kind, innovative, expected
        publication date or `today`); never NULL; status not included.
    may_be_awarded_directly(need, today=None) -> DirectAward(possible, threshold, kind, on, ...)
`data` is NeedForm.need_data(): Need attributes (rules.SCALAR_FIELDS), cpv_codes (list of
eight-digit codes) and lots (list of {"title", "cpv_codes", "estimated_amount_eur"}).
Errors: NeedError (a sentence for the person) for an impossible transition or broken rule;
werkzeug Forbidden when the actor has no right.
"""
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm.attributes import flag_modified

from ..backoffice import audit
from ..engine.text import fold
from ..extensions import db
from ..matching.state import needs_changed
from ..organisations.models import Organisation, OrgKind
from ..reference.models import CpvCode
from ..timeutil import utcnow
from . import permissions, rules
# direct_award_clause and may_be_awarded_directly are re-exported (see the module's docstring).
from .direct_award import SUPPLIES_SERVICES, WORKS, direct_award_clause, may_be_awarded_directly  # noqa: F401
from .models import Need, NeedCpv, NeedLot, NeedLotCpv, NeedStatus
from .transitions import NeedError, ensure_transition

MAX_AMOUNT_EUR = 2_000_000_000  # the amount columns are 32-bit integers on PostgreSQL


def create_need(actor, org: Organisation, data: dict) -> Need:
    """A new draft need of buyer `org`, created by `actor` (a member of it)."""
    permissions.ensure_can_create(actor, org)
    _check(data)
    need = Need(organisation=org, created_by_id=actor.id, status=NeedStatus.DRAFT.value, search_text="")
    db.session.add(need)
    _apply(need, data)
    db.session.flush()
    needs_changed()
    return need


def update_need(actor, need: Need, data: dict) -> Need:
    """Save `data` on `need`. A published need stays published, so it must stay publishable."""
    permissions.ensure_can_manage(actor, need)
    ensure_transition(need, "edit")
    _check(data)
    if need.status != NeedStatus.DRAFT:
        _check_publishable(data)
    _apply(need, data)
    need.updated_at = utcnow()
    db.session.flush()
    needs_changed()
    return need


def publish_need(actor, need: Need) -> Need:
    """Publish a draft: it appears on the board and in the matches of SSE companies."""
    permissions.ensure_can_manage(actor, need)
    ensure_transition(need, "publish")
    _check_publishable(rules.need_as_data(need))
    need.status = NeedStatus.PUBLISHED.value
    need.published_at = utcnow()
    audit.record(actor, "need.published", organisation=need.organisation_id, obj=need, title=need.title)
    return _changed(need)


def close_need(actor, need: Need) -> Need:
    """Close a published need: still public, no longer looking for suppliers."""
    permissions.ensure_can_manage(actor, need)
    ensure_transition(need, "close")
    need.status = NeedStatus.CLOSED.value
    need.closed_at = utcnow()
    audit.record(actor, "need.closed", organisation=need.organisation_id, obj=need, title=need.title)
    return _changed(need)


def reopen_need(actor, need: Need) -> Need:
    """Publish a closed need again."""
    permissions.ensure_can_manage(actor, need)
    ensure_transition(need, "reopen")
    need.status = NeedStatus.PUBLISHED.value
    need.closed_at = None
    audit.record(actor, "need.reopened", organisation=need.organisation_id, obj=need, title=need.title)
    return _changed(need)


def award_need(actor, need: Need, *, organisation: Organisation | None = None, outside_name: str | None = None,
               amount_eur: int | None) -> Need:
    """Record who won a published or closed need, and for how much (euros excluding VAT): either
    an SSE company of Matchfair (`organisation`) or an outside company (`outside_name`)."""
    permissions.ensure_can_manage(actor, need)
    ensure_transition(need, "award")
    outside_name = (outside_name or "").strip() or None
    if (organisation is None) == (outside_name is None):
        raise NeedError(_("Indiquez l'attributaire : une structure de Matchfair ou le nom d'une autre entreprise."))
    if organisation is not None and organisation.kind != OrgKind.SSE:
        raise NeedError(_("L'attributaire choisi sur Matchfair doit être une structure de l'ESS."))
    if outside_name is not None and len(outside_name) > 200:
        raise NeedError(_("Le nom de l'attributaire tient en 200 caractères au plus."))
    if amount_eur is None or not 0 < amount_eur <= MAX_AMOUNT_EUR:
        raise NeedError(_("Indiquez le montant attribué, en euros hors taxes (un nombre entier positif)."))
    need.status = NeedStatus.AWARDED.value
    need.awarded_at = utcnow()
    need.awarded_organisation = organisation
    need.awarded_to_name = organisation.name if organisation is not None else outside_name
    need.awarded_amount_eur = amount_eur
    audit.record(actor, "need.awarded", organisation=need.organisation_id, obj=need, title=need.title,
                 awarded_to=need.awarded_to_name, amount_eur=amount_eur)
    return _changed(need)


def delete_draft(actor, need: Need) -> None:
    """Delete a draft for good (a published need is closed instead)."""
    permissions.ensure_can_manage(actor, need)
    ensure_transition(need, "delete")
    db.session.delete(need)
    db.session.flush()
    needs_changed()


def sse_organisation_by_name(name: str | None) -> Organisation | None:
    """The one SSE company of Matchfair with this name (case and accents ignored), or None."""
    wanted = fold(name)
    if not wanted:
        return None
    # Organisation.search_text starts with the folded name (organisations.services.refresh_search_text).
    candidates = [org for org in db.session.scalars(select(Organisation).where(
        Organisation.kind == OrgKind.SSE.value, Organisation.search_text.startswith(wanted)).limit(50))
        if fold(org.name) == wanted]
    return candidates[0] if len(candidates) == 1 else None


def status_counts(org: Organisation) -> dict[str, int]:
    """{status: number of needs} of a buyer organisation, every status present (0 when none)."""
    rows = db.session.execute(
        select(Need.status, func.count()).where(Need.organisation_id == org.id).group_by(Need.status)
    )
    counts = {status.value: 0 for status in NeedStatus}
    counts.update({status: count for status, count in rows})
    return counts


def refresh_search_text(need: Need, codes: dict[str, CpvCode] | None = None) -> None:
    """What the board's word search looks into: title, description, lot titles and the French and
    English labels of the need's and its lots' CPV codes, folded (engine.text.fold)."""
    codes = codes if codes is not None else _cpv_rows(_all_codes(need))
    parts = [need.title, need.description, *(lot.title for lot in need.lots)]
    for code8 in _all_codes(need):
        if code8 in codes:
            parts += [codes[code8].label_fr, codes[code8].label_en]
    need.search_text = fold(" ".join(p for p in parts if p))


def purchase_kind(types: list[str]) -> str:
    """works when every CPV code is a works code; anything else (mixed, or no code) is supplies and
    services, whose threshold is the lower one: the page never promises a direct award wrongly."""
    return WORKS if types and all(t == "works" for t in types) else SUPPLIES_SERVICES


def _check(data: dict) -> None:
    problems = rules.check(data)
    if problems:
        raise NeedError(problems[0][1])


def _check_publishable(data: dict) -> None:
    problems = rules.publish_problems(data)
    if problems:
        raise NeedError(" ".join(message for _field, message in problems))


def _changed(need: Need) -> Need:
    # A change of status is not a change of content: keep updated_at (the page's "modifié le")
    # as it was, instead of letting the column's onupdate move it.
    flag_modified(need, "updated_at")
    db.session.flush()
    needs_changed()
    return need


def _all_codes(need: Need) -> list[str]:
    return list(dict.fromkeys([*need.cpv_codes, *(c for lot in need.lots for c in lot.cpv_codes)]))


def _cpv_rows(codes) -> dict[str, CpvCode]:
    if not codes:
        return {}
    return {c.code8: c for c in db.session.scalars(select(CpvCode).where(CpvCode.code8.in_(set(codes))))}


def _sync_codes(links: list, wanted: list[str], known: dict[str, CpvCode], make) -> None:
    """Make the link rows of a collection match `wanted` (known codes only), keeping those that stay."""
    wanted = [c for c in dict.fromkeys(wanted) if c in known]
    for link in [link for link in links if link.code8 not in wanted]:
        links.remove(link)
    present = {link.code8 for link in links}
    links.extend(make(c) for c in wanted if c not in present)


def _apply(need: Need, data: dict) -> None:
    with db.session.no_autoflush:
        for name in rules.SCALAR_FIELDS:
            if name in data:
                setattr(need, name, data[name])
        lots = data.get("lots") or []
        known = _cpv_rows([*data.get("cpv_codes", []), *(c for lot in lots for c in lot.get("cpv_codes") or [])])
        _sync_codes(need.cpv_links, data.get("cpv_codes") or [], known,
                    lambda c: NeedCpv(code8=c, cpv=known[c]))
        # Lots are updated in place, by number: replacing them would insert a lot number before
        # deleting the old one with the same number (a unique constraint).
        for index, lot_data in enumerate(lots):
            if index < len(need.lots):
                lot = need.lots[index]
            else:
                lot = NeedLot(number=index + 1)
                need.lots.append(lot)
            lot.title = lot_data["title"]
            lot.estimated_amount_eur = lot_data.get("estimated_amount_eur")
            _sync_codes(lot.cpv_links, lot_data.get("cpv_codes") or [], known,
                        lambda c: NeedLotCpv(code8=c, cpv=known[c]))
        del need.lots[len(lots):]
        if need.estimated_amount_eur is None and lots and all(lot.get("estimated_amount_eur") is not None for lot in lots):
            need.estimated_amount_eur = sum(lot["estimated_amount_eur"] for lot in lots)
        need.purchase_kind = purchase_kind([known[c].type for c in _all_codes(need) if c in known])
        refresh_search_text(need, known)
