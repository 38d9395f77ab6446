"""Labels of the need enums, and the plain-word explanations the need page shows.

Values are what the database stores; labels go through Flask-Babel (French source strings).
"""
from flask_babel import lazy_gettext as _l

from ..engine.thresholds import INNOVATIVE, SUPPLIES_SERVICES, WORKS
# The helpers that turn a label mapping into choices or a label, shared with the organisation enums.
from ..organisations.choices import choices, label  # noqa: F401
from .models import NeedStatus, Procedure, Reservation, SocialClause

STATUS_LABELS = {
    NeedStatus.DRAFT: _l("Brouillon"),
    NeedStatus.PUBLISHED: _l("Publié"),
    NeedStatus.CLOSED: _l("Clos"),
    NeedStatus.AWARDED: _l("Attribué"),
}
STATUS_ORDER = (NeedStatus.DRAFT, NeedStatus.PUBLISHED, NeedStatus.CLOSED, NeedStatus.AWARDED)
STATUS_PLURALS = {
    NeedStatus.DRAFT: _l("Brouillons"),
    NeedStatus.PUBLISHED: _l("Publiés"),
    NeedStatus.CLOSED: _l("Clos"),
    NeedStatus.AWARDED: _l("Attribués"),
}

RESERVATION_LABELS = {
    Reservation.NONE: _l("Aucune réservation : ouvert à toutes les entreprises"),
    Reservation.EA_ESAT: _l("Réservé aux entreprises adaptées et aux ESAT (article L2113-12)"),
    Reservation.SIAE: _l("Réservé aux structures d'insertion par l'activité économique, SIAE (article L2113-13)"),
    Reservation.EA_ESAT_SIAE: _l("Réservé à la fois aux EA, aux ESAT et aux SIAE (article L2113-14)"),
    Reservation.ESS: _l("Réservé aux entreprises de l'ESS pour certains services sociaux, de santé et "
                        "culturels (article L2113-15)"),
}
RESERVATION_SHORT = {
    Reservation.NONE: _l("Non réservé"),
    Reservation.EA_ESAT: _l("Réservé EA et ESAT (L2113-12)"),
    Reservation.SIAE: _l("Réservé SIAE (L2113-13)"),
    Reservation.EA_ESAT_SIAE: _l("Réservé EA, ESAT et SIAE (L2113-14)"),
    Reservation.ESS: _l("Réservé ESS (L2113-15)"),
}
RESERVATION_MEANINGS = {
    Reservation.NONE: _l("Toutes les entreprises peuvent répondre, y compris les structures de l'ESS, seules ou "
                         "en groupement."),
    Reservation.EA_ESAT: _l("Seules les entreprises adaptées (EA), les établissements et services d'accompagnement "
                            "par le travail (ESAT) et les structures équivalentes, dont les travailleurs handicapés "
                            "forment au moins la moitié de l'effectif, peuvent répondre."),
    Reservation.SIAE: _l("Seules les structures d'insertion par l'activité économique (entreprises d'insertion, "
                         "ateliers et chantiers d'insertion, associations intermédiaires, ETTI, EITI) et les "
                         "structures équivalentes, dont les personnes éloignées de l'emploi forment au moins la "
                         "moitié de l'effectif, peuvent répondre."),
    Reservation.EA_ESAT_SIAE: _l("Le marché est réservé à la fois aux entreprises adaptées, aux ESAT et aux "
                                 "structures d'insertion (SIAE) : chacune peut répondre, seule ou en groupement "
                                 "avec les autres."),
    Reservation.ESS: _l("Seules les entreprises de l'économie sociale et solidaire (loi du 31 juillet 2014) peuvent "
                        "répondre, pour certains services sociaux, de santé et culturels fixés par arrêté. Le marché "
                        "dure 3 ans au plus, et l'entreprise retenue ne doit pas avoir obtenu de cet acheteur un "
                        "marché pour les mêmes services dans les 3 années précédentes."),
}
# Article L2113-15: a contract reserved to ESS companies lasts three years at most.
ESS_RESERVATION_MAX_MONTHS = 36

SOCIAL_CLAUSE_LABELS = {
    SocialClause.NONE: _l("Pas de clause sociale"),
    SocialClause.EXECUTION: _l("Condition d'exécution : des heures d'insertion"),
    SocialClause.AWARD: _l("Critère d'attribution : la performance en matière d'insertion"),
}
SOCIAL_CLAUSE_SHORT = {
    SocialClause.NONE: _l("Sans clause sociale"),
    SocialClause.EXECUTION: _l("Clause sociale : heures d'insertion"),
    SocialClause.AWARD: _l("Clause sociale : critère d'attribution"),
}

PROCEDURE_LABELS = {
    Procedure.UNDECIDED: _l("Pas encore décidée"),
    Procedure.DIRECT: _l("Sans publicité ni mise en concurrence (sous le seuil)"),
    Procedure.ADAPTED: _l("Procédure adaptée (MAPA)"),
    Procedure.TENDER: _l("Appel d'offres"),
    Procedure.NEGOTIATED: _l("Procédure négociée"),
    Procedure.FRAMEWORK: _l("Marché subséquent d'un accord-cadre"),
    Procedure.OTHER: _l("Autre procédure"),
}

# For "applicable aux %(kind)s ...".
PURCHASE_KIND_PLURALS = {
    SUPPLIES_SERVICES: _l("fournitures et services"),
    WORKS: _l("travaux"),
    INNOVATIVE: _l("achats innovants"),
}
