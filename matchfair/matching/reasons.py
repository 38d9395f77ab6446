"""The engine's reason codes as plain sentences, in the reader's language, and score levels.

"cpv:class" -> "Même classe CPV : 90910000 Services de nettoyage", "area:department" ->
"Intervient en Haute-Garonne", "text:nettoyage", "text:lycées" -> "Mots en commun : nettoyage,
lycées"... The CPV sentence names the deepest code the need and the supplier share, with its label
in the current language (one query for every match of a page).
"""
from dataclasses import dataclass
from typing import Iterable, Sequence

from flask_babel import format_decimal, get_locale, gettext as _, lazy_gettext as _l

from ..engine.cpv import prefix
from ..engine.matching_input import Need, Supplier
from ..engine.territory import department_name, region_name, region_of
from ..reference.services import labels_for
from .locatives import french_locative

VERY_RELEVANT, RELEVANT = 75, 50

CPV_SENTENCES = {
    "cpv:division": _l("Même division CPV : %(code)s"),
    "cpv:group": _l("Même groupe CPV : %(code)s"),
    "cpv:class": _l("Même classe CPV : %(code)s"),
    "cpv:category": _l("Même catégorie CPV : %(code)s"),
}
CPV_SENTENCES_LABELLED = {
    "cpv:division": _l("Même division CPV : %(code)s %(label)s"),
    "cpv:group": _l("Même groupe CPV : %(code)s %(label)s"),
    "cpv:class": _l("Même classe CPV : %(code)s %(label)s"),
    "cpv:category": _l("Même catégorie CPV : %(code)s %(label)s"),
}
RESERVED_SENTENCES = {
    "L2113-12": _l("Éligible au marché réservé aux entreprises adaptées et ESAT (L2113-12)"),
    "L2113-13": _l("Éligible au marché réservé aux SIAE (L2113-13)"),
    "L2113-14": _l("Éligible au lot réservé aux EA, ESAT et SIAE (L2113-14)"),
    "L2113-15": _l("Éligible au marché réservé aux entreprises de l'ESS (L2113-15)"),
}


@dataclass(frozen=True)
class Sentence:
    """One reason, written out; `tone` "plus" helps the match, "minus" weighs against it."""

    text: str
    tone: str = "plus"


def level_label(score: float) -> str:
    """The plain level of a score: "Très pertinent" (75 and more), "Pertinent" (50), "À considérer"."""
    if score >= VERY_RELEVANT:
        return _("Très pertinent")
    if score >= RELEVANT:
        return _("Pertinent")
    return _("À considérer")


def shared_cpv_code(need_codes: Iterable[str], supplier_codes: Iterable[str]) -> str | None:
    """The deepest CPV code shared by a need and a supplier, as 8 digits ("90910000"), or None.

    As the engine counts it: the best pair of codes by significant digits in common, a code that
    is an ancestor of the other sharing its own digits; of two codes as deep, the lower.
    """
    best = ""
    supplier_prefixes = sorted({prefix(c) for c in supplier_codes})
    for n in sorted({prefix(c) for c in need_codes}):  # sorted: of two as deep, the lower code
        for s in supplier_prefixes:
            if n[:2] != s[:2]:
                continue
            depth, limit = 2, min(len(n), len(s))
            while depth < limit and n[depth] == s[depth]:
                depth += 1
            if depth > len(best):
                best = n[:depth]
    return best.ljust(8, "0") if best else None


def format_euros(amount: float | None) -> str:
    """ "150 000 €" in the current locale (as the templates' `euros` filter writes it)."""
    return "" if amount is None else format_decimal(amount, format="#,##0") + "\u00a0€"


def department_phrase(code: str) -> str:
    """ "en Haute-Garonne" in French, "in Haute-Garonne" otherwise (the translated phrase)."""
    if str(get_locale() or "fr").startswith("fr"):
        return french_locative(code)
    return _("dans le département %(name)s", name=department_name(code))


def write_reasons(items: Sequence[tuple[Sequence[str], Need, Supplier]]) -> list[list[Sentence]]:
    """The sentences of each (reason codes, need, supplier), in order; CPV labels in one query."""
    shared = [shared_cpv_code(need.cpv, supplier.cpv) if any(r.startswith("cpv:") for r in reasons) else None
              for reasons, need, supplier in items]
    locale = str(get_locale() or "fr")
    labels = labels_for({code for code in shared if code}, locale)
    return [_sentences(reasons, need, supplier, code, labels.get(code) if code else None)
            for (reasons, need, supplier), code in zip(items, shared, strict=True)]


def _sentences(reasons: Sequence[str], need: Need, supplier: Supplier, code: str | None,
               label: str | None) -> list[Sentence]:
    out: list[Sentence] = []
    words = []
    for reason in reasons:
        if reason.startswith("text:"):
            words.append(reason[5:])
        elif reason in CPV_SENTENCES:
            if code and label:
                out.append(Sentence(str(CPV_SENTENCES_LABELLED[reason]) % {"code": code, "label": label}))
            elif code:
                out.append(Sentence(str(CPV_SENTENCES[reason]) % {"code": code}))
        elif reason == "area:department" and need.department:
            out.append(Sentence(_("Intervient %(where)s", where=department_phrase(need.department))))
        elif reason == "area:region" and need.department:
            out.append(Sentence(_("Intervient dans la région %(region)s",
                                  region=region_name(region_of(need.department) or ""))))
        elif reason == "area:national":
            out.append(Sentence(_("Intervient dans toute la France")))
        elif reason == "area:not-covered":
            out.append(Sentence(_("N'intervient pas dans ce département"), "minus"))
        elif reason == "reserved:eligible" and need.reserved in RESERVED_SENTENCES:
            out.append(Sentence(str(RESERVED_SENTENCES[need.reserved])))
        elif reason == "social-clause:insertion":
            out.append(Sentence(_("Structure d'insertion : atout pour la clause sociale")))
        elif reason == "capacity:below-amount":
            out.append(Sentence(_("Capacité (%(capacity)s) inférieure au montant estimé (%(amount)s) : "
                                  "un groupement peut répondre", capacity=format_euros(supplier.capacity_eur),
                                  amount=format_euros(need.amount_eur)), "minus"))
    if words:
        out.append(Sentence(_("Mots en commun : %(words)s", words=", ".join(words))))
    return out
