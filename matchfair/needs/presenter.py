"""What the need page says, in plain sentences: may it be awarded without publicity, what its
reservation and its social clause mean, and the key facts."""
from dataclasses import dataclass

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from ..engine.thresholds import INNOVATIVE
from .choices import (
    PROCEDURE_LABELS,
    PURCHASE_KIND_PLURALS,
    RESERVATION_LABELS,
    RESERVATION_MEANINGS,
    SOCIAL_CLAUSE_LABELS,
    label,
)
from .dates import long_date
from .direct_award import DirectAward
from .models import Need, Procedure, Reservation, SocialClause


def euros(amount: int) -> str:
    return format_decimal(amount, format="#,##0") + "\u00a0€"


def direct_award_sentence(direct: DirectAward) -> str:
    """"Montant estimé 45 000 € HT, sous le seuil de 60 000 € HT applicable aux fournitures et
    services à partir du 1er avril 2026 : l'acheteur peut attribuer ce marché sans publicité ni
    mise en concurrence." and its variants."""
    threshold = direct.threshold
    if threshold is None:
        return _("Aucun seuil de dispense de publicité n'est configuré pour ce type d'achat à cette date.")
    values = {"threshold": euros(threshold.amount_eur), "kind": PURCHASE_KIND_PLURALS[threshold.kind],
              "since": long_date(threshold.effective_from)}
    if direct.amount_eur is None:
        return _("Le montant estimé n'est pas indiqué : impossible de dire si ce marché peut être attribué sans "
                 "publicité (seuil de %(threshold)s HT applicable aux %(kind)s à partir du %(since)s).", **values)
    values["amount"] = euros(direct.amount_eur)
    if direct.possible:
        return _("Montant estimé %(amount)s HT, sous le seuil de %(threshold)s HT applicable aux %(kind)s à partir "
                 "du %(since)s : l'acheteur peut attribuer ce marché sans publicité ni mise en concurrence.", **values)
    return _("Montant estimé %(amount)s HT, égal ou supérieur au seuil de %(threshold)s HT applicable aux %(kind)s "
             "à partir du %(since)s : une publicité et une mise en concurrence sont nécessaires.", **values)


def date_basis_sentence(direct: DirectAward) -> str:
    """On which date the threshold was taken, and why."""
    if direct.on_expected_date:
        text = _("Seuil en vigueur à la date prévue de publication de la consultation, le %(date)s.",
                 date=long_date(direct.on))
    else:
        text = _("La date prévue de publication n'est pas indiquée : seuil en vigueur aujourd'hui, le %(date)s.",
                 date=long_date(direct.on))
    if direct.threshold is not None and direct.threshold.kind == INNOVATIVE:
        text += " " + _("Achat innovant : le seuil des achats innovants s'applique, plus élevé.")
    return text


def procedure_warning(need: Need, direct: DirectAward) -> str | None:
    """For the buyer: a procedure without publicity chosen while the amount is not under the threshold."""
    if need.procedure == Procedure.DIRECT and not direct.possible:
        return _("Vous avez choisi une procédure sans publicité ni mise en concurrence, mais le montant estimé "
                 "n'est pas sous le seuil : vérifiez qu'une autre dispense du code de la commande publique "
                 "s'applique (urgence, fournisseur unique…).")
    return None


def reservation_meaning(need: Need) -> str:
    return label(RESERVATION_MEANINGS, need.reservation)


def social_clause_sentence(need: Need) -> str:
    if need.social_clause == SocialClause.EXECUTION:
        if need.insertion_hours:
            hours = format_decimal(need.insertion_hours, format="#,##0")
            return ngettext(
                "Le titulaire réservera %(hours)s heure de travail à des personnes éloignées de l'emploi (condition "
                "d'exécution) : il peut embaucher lui-même, sous-traiter à une structure d'insertion ou faire appel "
                "à une SIAE ou un GEIQ.",
                "Le titulaire réservera %(hours)s heures de travail à des personnes éloignées de l'emploi (condition "
                "d'exécution) : il peut embaucher lui-même, sous-traiter à une structure d'insertion ou faire appel "
                "à une SIAE ou un GEIQ.", need.insertion_hours, hours=hours)
        return _("Le titulaire réservera des heures de travail à des personnes éloignées de l'emploi (condition "
                 "d'exécution) ; leur nombre n'est pas encore fixé : un facilitateur des clauses sociales peut "
                 "aider à le déterminer.")
    if need.social_clause == SocialClause.AWARD:
        return _("Les offres seront jugées notamment sur leurs performances en matière d'insertion professionnelle "
                 "des publics en difficulté (critère d'attribution).")
    return _("Pas de clause sociale pour l'instant.")


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


def need_facts(need: Need) -> list[Fact]:
    """The key facts of a need, in the order the page lists them (only those that are known)."""
    facts = []
    if need.estimated_amount_eur is not None:
        facts.append(Fact(_("Montant estimé"), _("%(amount)s HT", amount=euros(need.estimated_amount_eur))))
    if need.expected_publication_date:
        facts.append(Fact(_("Publication prévue de la consultation"), long_date(need.expected_publication_date)))
    if need.contract_start_date:
        facts.append(Fact(_("Début du marché"), long_date(need.contract_start_date)))
    if need.duration_months:
        facts.append(Fact(_("Durée"), ngettext("%(num)d mois", "%(num)d mois", need.duration_months)))
    if need.is_renewal:
        facts.append(Fact(_("Renouvellement"), _("Oui, le marché actuel se termine le %(date)s",
                                                 date=long_date(need.current_contract_end_date))
                          if need.current_contract_end_date else _("Oui")))
    facts.append(Fact(_("Procédure envisagée"), label(PROCEDURE_LABELS, need.procedure)))
    facts.append(Fact(_("Réservation"), label(RESERVATION_LABELS, need.reservation)
                      if need.reservation != Reservation.NONE else _("Aucune")))
    facts.append(Fact(_("Clause sociale"), label(SOCIAL_CLAUSE_LABELS, need.social_clause)))
    facts.append(Fact(_("Clause environnementale"), _("Oui") if need.environmental_clause else _("Non")))
    facts.append(Fact(_("Achat innovant"), _("Oui") if need.innovative else _("Non")))
    return facts
