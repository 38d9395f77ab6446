"""How the board names what it filters on and shows (the needs' own labels where they exist)."""
from flask_babel import lazy_gettext as _l

from ..needs.choices import RESERVATION_SHORT, SOCIAL_CLAUSE_SHORT, STATUS_LABELS
from ..needs.models import NeedStatus, Reservation, SocialClause

# Badges on the cards: the reservation with its article, the social clause, the status when not published.
RESERVATION_BADGES = {value.value: text for value, text in RESERVATION_SHORT.items() if value != Reservation.NONE}
SOCIAL_CLAUSE_BADGES = {
    value.value: text for value, text in SOCIAL_CLAUSE_SHORT.items() if value != SocialClause.NONE
}
STATUS_BADGES = {value.value: STATUS_LABELS[value] for value in (NeedStatus.CLOSED, NeedStatus.AWARDED)}

# The filters' values ("" is "any").
RESERVED_ANY = "reserved"
RESERVATION_CHOICES = [
    ("", _l("Tous les besoins")),
    (RESERVED_ANY, _l("Réservés (tous les types)")),
    *RESERVATION_BADGES.items(),
    (Reservation.NONE.value, _l("Non réservés")),
]
SOCIAL_ANY = "with"
SOCIAL_CHOICES = [
    ("", _l("Tous les besoins")),
    (SOCIAL_ANY, _l("Avec une clause sociale (tous types)")),
    (SocialClause.EXECUTION.value, _l("Condition d'exécution (heures d'insertion)")),
    (SocialClause.AWARD.value, _l("Critère d'attribution")),
]
WITHIN_CHOICES = [
    ("", _l("Toutes les dates")),
    ("3", _l("Dans les 3 mois")),
    ("6", _l("Dans les 6 mois")),
]


def reservation_filter_label(value: str) -> str:
    """The name of a reservation filter value, for the list of active filters."""
    return str(dict(RESERVATION_CHOICES).get(value, value))


def social_filter_label(value: str) -> str:
    """The name of a social-clause filter value, for the list of active filters."""
    return str(dict(SOCIAL_CHOICES).get(value, value))

