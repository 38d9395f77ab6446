"""What the board shows of one need, on its card and in its feed entry, computed without a query."""
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from ..needs.direct_award import may_be_awarded_directly
from ..needs.models import Need
from .labels import RESERVATION_BADGES, SOCIAL_CLAUSE_BADGES, STATUS_BADGES


@dataclass(frozen=True)
class Card:
    need: Need
    badges: list[str]
    # (code8, label in the page's language): the need's codes, then its lots' other codes.
    cpv: list[tuple[str, str]]
    direct_award: bool


def need_badges(need: Need, direct: bool) -> list[str]:
    """The badges of a need as plain words: status (when not published), reservation with its
    article, social clause, environmental clause, innovative purchase, direct award."""
    badges = []
    if need.status in STATUS_BADGES:
        badges.append(str(STATUS_BADGES[need.status]))
    if need.reservation in RESERVATION_BADGES:
        badges.append(str(RESERVATION_BADGES[need.reservation]))
    if need.social_clause in SOCIAL_CLAUSE_BADGES:
        badges.append(str(SOCIAL_CLAUSE_BADGES[need.social_clause]))
    if need.environmental_clause:
        badges.append(_("Clause environnementale"))
    if need.innovative:
        badges.append(_("Achat innovant"))
    if direct:
        badges.append(_("Attribuable sans publicité"))
    return badges


def cpv_of(need: Need, locale: str) -> list[tuple[str, str]]:
    """(code8, label) of the need's CPV codes, then of its lots' codes not already listed."""
    seen, result = set(), []
    links = list(need.cpv_links) + [link for lot in need.lots for link in lot.cpv_links]
    for link in links:
        if link.code8 not in seen:
            seen.add(link.code8)
            result.append((link.code8, link.cpv.label(locale) if link.cpv else link.code8))
    return result


def card_for(need: Need, today: date, locale: str) -> Card:
    """The card of a need whose organisation, CPV links and lots are loaded."""
    direct = may_be_awarded_directly(need, today).possible
    return Card(need=need, badges=need_badges(need, direct), cpv=cpv_of(need, locale), direct_award=direct)
