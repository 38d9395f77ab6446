"""The columns of the forward-plan CSV file: names (English, or French), what each holds, the form
field it fills, and the words accepted for the coded values. The import page documents them from here."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .models import Procedure, Reservation, SocialClause


@dataclass(frozen=True)
class Column:
    field: str  # the NeedForm field it fills
    french: str  # the French name, also accepted in the header
    help: object  # a lazy string
    example: str
    accepted: str = ""  # the accepted words, for coded values


COLUMNS: dict[str, Column] = {
    "title": Column("title", "intitule", _l("Intitulé du besoin (obligatoire, 200 caractères au plus)."),
                    "Nettoyage des collèges du nord du département"),
    "description": Column("description", "description", _l("Description libre (10 000 caractères au plus)."),
                          "Nettoyage quotidien de 12 collèges, 45 000 m² au total."),
    "cpv": Column("cpv_codes", "codes_cpv", _l("Codes CPV à 8 chiffres, séparés par des espaces."),
                  "90911200 90910000"),
    "department": Column("department_code", "departement",
                         _l("Lieu d'exécution : numéro ou nom du département (obligatoire)."), "31"),
    "estimated_amount": Column("estimated_amount_eur", "montant_estime",
                               _l("Montant estimé en euros hors taxes, nombre entier."), "240000"),
    "expected_publication_date": Column("expected_publication_date", "date_publication_prevue",
                                        _l("Date prévue de publication : JJ/MM/AAAA ou AAAA-MM-JJ."), "15/03/2027"),
    "contract_start": Column("contract_start_date", "debut_marche", _l("Début du marché : JJ/MM/AAAA ou AAAA-MM-JJ."),
                             "01/09/2027"),
    "duration_months": Column("duration_months", "duree_mois", _l("Durée en mois, reconductions comprises."), "48"),
    "renewal": Column("is_renewal", "renouvellement", _l("Renouvelle un marché en cours : oui ou non."), "oui",
                      "oui, non"),
    "current_contract_end": Column("current_contract_end_date", "fin_marche_actuel",
                                   _l("Fin du marché actuel, si renouvellement : JJ/MM/AAAA."), "31/08/2027"),
    "procedure": Column("procedure", "procedure", _l("Procédure envisagée (vide : pas encore décidée)."), "mapa",
                        "a_definir, sans_publicite, mapa, appel_offres, negociee, accord_cadre, autre"),
    "reservation": Column("reservation", "reservation", _l("Marché réservé (vide : aucune)."), "L2113-13",
                          "aucune, L2113-12, L2113-13, L2113-14, L2113-15"),
    "social_clause": Column("social_clause", "clause_sociale", _l("Clause sociale (vide : aucune)."), "execution",
                            "aucune, execution, attribution"),
    "insertion_hours": Column("insertion_hours", "heures_insertion",
                              _l("Heures d'insertion, avec une clause en condition d'exécution."), "2000"),
    "environmental_clause": Column("environmental_clause", "clause_environnementale",
                                   _l("Clause environnementale : oui ou non."), "oui", "oui, non"),
    "innovative": Column("innovative", "achat_innovant", _l("Achat innovant : oui ou non."), "non", "oui, non"),
    "contact_name": Column("contact_name", "contact_nom", _l("Nom du contact."), "Camille Martin"),
    "contact_email": Column("contact_email", "contact_email", _l("E-mail du contact."), "achats@exemple.fr"),
}

REQUIRED_COLUMNS = ("title", "department")
BOOLEAN_COLUMNS = frozenset({"renewal", "environmental_clause", "innovative"})
ALIASES = {**{name: name for name in COLUMNS}, **{c.french: name for name, c in COLUMNS.items()}}
FIELD_OF = {c.field: name for name, c in COLUMNS.items()}

# Coded values, written folded with spaces for separators ("appel d'offres" -> "appel d offres").
VALUE_ALIASES: dict[str, dict[str, str]] = {
    "procedure": {
        "": Procedure.UNDECIDED, "a definir": Procedure.UNDECIDED, "undecided": Procedure.UNDECIDED,
        "pas encore decidee": Procedure.UNDECIDED,
        "sans publicite": Procedure.DIRECT, "direct": Procedure.DIRECT, "gre a gre": Procedure.DIRECT,
        "mapa": Procedure.ADAPTED, "adaptee": Procedure.ADAPTED, "procedure adaptee": Procedure.ADAPTED,
        "adapted": Procedure.ADAPTED,
        "appel offres": Procedure.TENDER, "appel d offres": Procedure.TENDER, "ao": Procedure.TENDER,
        "tender": Procedure.TENDER,
        "negociee": Procedure.NEGOTIATED, "procedure negociee": Procedure.NEGOTIATED,
        "negotiated": Procedure.NEGOTIATED,
        "accord cadre": Procedure.FRAMEWORK, "marche subsequent": Procedure.FRAMEWORK,
        "framework": Procedure.FRAMEWORK,
        "autre": Procedure.OTHER, "other": Procedure.OTHER,
    },
    "reservation": {
        "": Reservation.NONE, "aucune": Reservation.NONE, "non": Reservation.NONE, "none": Reservation.NONE,
        **{f"{prefix}2113 {n}": value for n, value in (("12", Reservation.EA_ESAT), ("13", Reservation.SIAE),
                                                       ("14", Reservation.EA_ESAT_SIAE), ("15", Reservation.ESS))
           for prefix in ("l", "l ", "")},
    },
    "social_clause": {
        "": SocialClause.NONE, "aucune": SocialClause.NONE, "non": SocialClause.NONE, "none": SocialClause.NONE,
        "execution": SocialClause.EXECUTION, "condition d execution": SocialClause.EXECUTION,
        "heures d insertion": SocialClause.EXECUTION,
        "attribution": SocialClause.AWARD, "critere d attribution": SocialClause.AWARD, "award": SocialClause.AWARD,
    },
}
