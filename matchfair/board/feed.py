"""The board's Atom feed (RFC 4287), written with feedgen: one entry a need, newest published first."""
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from flask import current_app, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from ..engine.territory import department_name
from ..needs.models import Need
from .cards import Card

# Characters XML 1.0 forbids (lxml refuses them): C0 controls but tab and new lines, and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SUMMARY_LENGTH = 280
EXCERPT_LENGTH = 1000


@dataclass(frozen=True)
class FeedHeader:
    """What describes the feed itself: its id (the canonical self URL), links and titles."""

    self_url: str
    page_url: str
    title: str
    subtitle: str
    locale: str


def xml_text(text: str | None) -> str:
    """`text` without the characters XML cannot carry, so that no description breaks the feed."""
    return _NOT_XML.sub("", text or "")


def excerpt(text: str | None, length: int) -> str:
    """The first `length` characters of `text`, cut at a word and marked with "…"."""
    text = " ".join(xml_text(text).split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def _utc(moment: datetime | None) -> datetime | None:
    # The database keeps naive UTC times (see timeutil).
    if moment is None:
        return None
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.replace(microsecond=0)


def key_facts(need: Need, badges: list[str], cpv_labels: list[str]) -> list[str]:
    """The lines that sum a need up in the feed: buyer, place, amount, date, badges, activities, lots."""
    amount = need.estimated_amount_eur
    facts = [
        _("Acheteur : %(name)s", name=need.organisation.name),
        _("Lieu d'exécution : %(name)s (%(code)s)", name=department_name(need.department_code),
          code=need.department_code),
        _("Montant estimé : %(amount)s HT", amount=current_app.jinja_env.filters["euros"](amount)) if amount is not None
        else _("Montant non communiqué"),
    ]
    if need.expected_publication_date:
        facts.append(_("Publication prévue de la consultation : %(date)s",
                       date=format_date(need.expected_publication_date, "long")))
    else:
        facts.append(_("Date de publication de la consultation non communiquée"))
    if badges:
        facts.append(" · ".join(badges))
    if cpv_labels:
        facts.append(_("Activités : %(labels)s", labels=" ; ".join(cpv_labels)))
    if need.lots:
        facts.append(_("Lots : %(num)d", num=len(need.lots)))
    return [xml_text(fact) for fact in facts]


def build_feed(header: FeedHeader, cards: list[Card], now: datetime) -> bytes:
    """The Atom document of the needs of `cards`, in their order, as UTF-8 bytes.

    Entry ids are the needs' absolute page URLs, stable as long as the site's address is; the
    feed's updated time is the latest of its entries' (`now` when it is empty).
    """
    generator = FeedGenerator()
    generator.id(header.self_url)
    generator.title(xml_text(header.title))
    if header.subtitle:
        generator.subtitle(xml_text(header.subtitle))
    generator.link(href=header.self_url, rel="self", type="application/atom+xml")
    generator.link(href=header.page_url, rel="alternate", type="text/html")
    generator.language(header.locale)
    generator.generator("Matchfair")
    latest = None
    for card in cards:
        need = card.need
        url = url_for("needs.show", need_id=need.id, _external=True)
        updated = _utc(need.updated_at or need.published_at or need.created_at)
        latest = updated if latest is None else max(latest, updated)
        entry = generator.add_entry(order="append")
        entry.id(url)
        entry.title(xml_text(need.title))
        entry.updated(updated)
        if need.published_at:
            entry.published(_utc(need.published_at))
        entry.link(href=url, rel="alternate", type="text/html")
        entry.author(name=xml_text(need.organisation.name))
        for code8, label in card.cpv:
            entry.category(term=code8, label=xml_text(label))
        facts = key_facts(need, card.badges, [f"{code8} {label}" for code8, label in card.cpv])
        description = excerpt(need.description, EXCERPT_LENGTH)
        entry.summary(excerpt(need.description, SUMMARY_LENGTH) or " · ".join(facts[:4]), type="text")
        entry.content("\n".join(facts) + ("\n\n" + description if description else ""), type="text")
    generator.updated(latest or _utc(now))
    return generator.atom_str(pretty=True)
