"""Labels of the organisation enums and the lists offered in the profile forms.

Values are what the database stores; labels go through Flask-Babel (French source strings).
"""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from .models import BuyerType, OrgKind, Role, SiaeKind, SseStatus

KIND_LABELS = {
    OrgKind.SSE: _l("Structure de l'ESS"),
    OrgKind.BUYER: _l("Acheteur"),
    OrgKind.ORGANISER: _l("Organisateur"),
    OrgKind.FACILITATOR: _l("Facilitateur de clauses sociales"),
}

# The kinds a person may create themselves; organisers are made with `flask organiser create`.
SELF_SERVICE_KINDS = (OrgKind.SSE, OrgKind.BUYER, OrgKind.FACILITATOR)

KIND_CHOICES = [
    (OrgKind.SSE.value, _l("Une structure de l'économie sociale et solidaire (association, coopérative, "
                           "structure d'insertion, entreprise adaptée, ESAT…)")),
    (OrgKind.BUYER.value, _l("Un acheteur public ou privé (collectivité, hôpital, bailleur social, "
                             "service de l'État, entreprise…)")),
    (OrgKind.FACILITATOR.value, _l("Un facilitateur de clauses sociales (PLIE, Maison de l'emploi, service emploi "
                                   "d'une collectivité…)")),
]

ROLE_LABELS = {
    Role.ADMIN: _l("Administrateur"),
    Role.MEMBER: _l("Membre"),
}

ROLE_CHOICES = [
    (Role.MEMBER.value, _l("Membre : modifie la fiche de l'organisation")),
    (Role.ADMIN.value, _l("Administrateur : gère aussi les membres")),
]

STATUS_LABELS = {
    SseStatus.ESS: _l("Entreprise de l'ESS (loi du 31 juillet 2014)"),
    SseStatus.ESUS: _l("Agrément ESUS (entreprise solidaire d'utilité sociale)"),
    SseStatus.SIAE: _l("SIAE (structure d'insertion par l'activité économique)"),
    SseStatus.EA: _l("EA (entreprise adaptée)"),
    SseStatus.ESAT: _l("ESAT (établissement et service d'accompagnement par le travail)"),
    SseStatus.GEIQ: _l("GEIQ (groupement d'employeurs pour l'insertion et la qualification)"),
}

STATUS_SHORT_LABELS = {
    SseStatus.ESS: _l("ESS"),
    SseStatus.ESUS: _l("ESUS"),
    SseStatus.SIAE: _l("SIAE"),
    SseStatus.EA: _l("EA"),
    SseStatus.ESAT: _l("ESAT"),
    SseStatus.GEIQ: _l("GEIQ"),
}

SIAE_KIND_LABELS = {
    SiaeKind.EI: _l("EI : entreprise d'insertion"),
    SiaeKind.ETTI: _l("ETTI : entreprise de travail temporaire d'insertion"),
    SiaeKind.ACI: _l("ACI : atelier et chantier d'insertion"),
    SiaeKind.AI: _l("AI : association intermédiaire"),
    SiaeKind.EITI: _l("EITI : entreprise d'insertion par le travail indépendant"),
}

# With a context: "Région", "Département" and "Commune" are also the plain words, translated otherwise.
BUYER_TYPE_LABELS = {
    BuyerType.REGION: lazy_pgettext("type d'acheteur", "Région"),
    BuyerType.DEPARTMENT: lazy_pgettext("type d'acheteur", "Département"),
    BuyerType.CITY: lazy_pgettext("type d'acheteur", "Commune"),
    BuyerType.EPCI: _l("Intercommunalité (EPCI)"),
    BuyerType.HOSPITAL: _l("Hôpital, établissement de santé"),
    BuyerType.SOCIAL_LANDLORD: _l("Bailleur social"),
    BuyerType.STATE: _l("Service de l'État"),
    BuyerType.PRIVATE: _l("Entreprise privée"),
}

LEGAL_FORM_LABELS = {
    "association": _l("Association loi 1901"),
    "scop": _l("SCOP (société coopérative et participative)"),
    "scic": _l("SCIC (société coopérative d'intérêt collectif)"),
    "cooperative": _l("Autre coopérative"),
    "societe_ess": _l("Société commerciale de l'ESS (SAS, SARL…)"),
    "mutuelle": _l("Mutuelle"),
    "fondation": _l("Fondation"),
    "collectivite": _l("Collectivité territoriale"),
    "etablissement_public": _l("Établissement public"),
    "gip": _l("GIP (groupement d'intérêt public)"),
    "entreprise_privee": _l("Entreprise privée (hors ESS)"),
    "autre": _l("Autre forme"),
}

# Annual purchasing volume, in bands; above 50 M€ a SPASER is mandatory.
PURCHASING_BAND_LABELS = {
    "lt1m": _l("Moins de 1 M€"),
    "1-10m": _l("De 1 à 10 M€"),
    "10-50m": _l("De 10 à 50 M€"),
    "50-100m": _l("De 50 à 100 M€"),
    "gt100m": _l("Plus de 100 M€"),
}
SPASER_MANDATORY_BANDS = frozenset({"50-100m", "gt100m"})


def choices(labels: dict) -> list[tuple[str, str]]:
    """(value, label) pairs for a select or checkbox list, in the mapping's order."""
    return [(str(value), label) for value, label in labels.items()]


def label(labels: dict, value: str | None) -> str:
    """The label of `value`, or the value itself when it is not in the mapping (empty for None)."""
    if value is None:
        return ""
    return str(labels.get(value, value))
