"""The rules a need must follow, on plain data, shared by the form (messages next to the fields),
the forward-plan import (messages with line numbers) and the services (a last check).

`data` is what NeedForm.need_data() gives: Need attributes, plus cpv_codes (list of eight-digit
codes) and lots (list of {"title", "cpv_codes", "estimated_amount_eur"}). Each problem is
(field name, message); a lot's field is named like the form's: "lots-0-title".
"""
from flask_babel import format_date, format_decimal
from flask_babel import lazy_gettext as _l

from .choices import ESS_RESERVATION_MAX_MONTHS
from .models import Need, Reservation, SocialClause

Problem = tuple[str, str]


def _euros(amount: int) -> str:
    return format_decimal(amount, format="#,##0") + "\u00a0€"


def check(data: dict) -> list[Problem]:
    """The problems of a need's data that no single field can see (combinations of fields)."""
    problems: list[Problem] = []
    if data.get("reservation") == Reservation.ESS and (data.get("duration_months") or 0) > ESS_RESERVATION_MAX_MONTHS:
        problems.append(("duration_months", str(_l(
            "Un marché réservé aux entreprises de l'ESS (article L2113-15) dure 3 ans au plus : "
            "indiquez %(max)d mois au plus.", max=ESS_RESERVATION_MAX_MONTHS))))
    if data.get("insertion_hours") is not None and data.get("social_clause") != SocialClause.EXECUTION:
        problems.append(("insertion_hours", str(_l(
            "Les heures d'insertion ne s'indiquent qu'avec une clause sociale en condition d'exécution."))))
    problems += _renewal_problems(data)
    publication, start = data.get("expected_publication_date"), data.get("contract_start_date")
    if publication and start and publication > start:
        problems.append(("expected_publication_date", str(_l(
            "La consultation doit être publiée avant le début du marché (%(start)s) : vérifiez les dates.",
            start=format_date(start, "long")))))
    problems += _lot_problems(data)
    return problems


def _renewal_problems(data: dict) -> list[Problem]:
    end = data.get("current_contract_end_date")
    if data.get("is_renewal") and end is None:
        return [("current_contract_end_date", str(_l(
            "Indiquez la date de fin du marché actuel, puisque ce besoin le renouvelle.")))]
    if end is not None and not data.get("is_renewal"):
        return [("current_contract_end_date", str(_l(
            "La fin du marché actuel ne s'indique que pour un renouvellement : cochez « Ce besoin renouvelle "
            "un marché en cours » ou effacez cette date.")))]
    start = data.get("contract_start_date")
    if end is not None and start is not None and start < end:
        return [("contract_start_date", str(_l(
            "Le nouveau marché commence avant la fin du marché actuel (%(end)s) : vérifiez les dates.",
            end=format_date(end, "long"))))]
    return []


def _lot_problems(data: dict) -> list[Problem]:
    problems: list[Problem] = []
    lots = data.get("lots") or []
    for index, lot in enumerate(lots):
        if not lot.get("title"):
            problems.append((f"lots-{index}-title", str(_l("Donnez un intitulé à ce lot, ou videz la ligne."))))
    lot_total = sum(lot.get("estimated_amount_eur") or 0 for lot in lots)
    amount = data.get("estimated_amount_eur")
    if amount is not None and lot_total > amount:
        problems.append(("estimated_amount_eur", str(_l(
            "Le montant estimé (%(amount)s) est inférieur à la somme des montants des lots (%(lots)s) : "
            "il couvre tout le besoin, lots compris.", amount=_euros(amount), lots=_euros(lot_total)))))
    return problems


def publish_problems(data: dict) -> list[Problem]:
    """What a need still lacks to be published: a title, a department, a CPV code, and for each
    lot its title and a CPV code."""
    problems: list[Problem] = []
    if not data.get("title"):
        problems.append(("title", str(_l("Donnez un intitulé au besoin avant de le publier."))))
    if not data.get("department_code"):
        problems.append(("department_code", str(_l("Indiquez le lieu d'exécution avant de publier."))))
    if not data.get("cpv_codes"):
        problems.append(("cpv_codes", str(_l(
            "Indiquez au moins un code CPV avant de publier : c'est ce qui permet de trouver les bons "
            "fournisseurs."))))
    for index, lot in enumerate(data.get("lots") or []):
        if not lot.get("cpv_codes"):
            problems.append((f"lots-{index}-cpv_codes", str(_l(
                "Indiquez au moins un code CPV pour le lot %(number)d avant de publier.", number=index + 1))))
    return problems


def first_publication_problems(data: dict, today) -> list[Problem]:
    """Dates already past when a need is first published: the board lists upcoming needs only.
    Not checked on later edits, so a published need whose date has come can still be corrected."""
    problems: list[Problem] = []
    for name, message in (
        ("expected_publication_date", _l("Cette date est passée : indiquez quand la consultation sera publiée, "
                                         "ou laissez vide si vous ne le savez pas encore.")),
        ("contract_start_date", _l("Cette date est passée : indiquez quand le futur marché commencera, "
                                   "ou laissez vide si vous ne le savez pas encore.")),
    ):
        value = data.get(name)
        if value is not None and value < today:
            problems.append((name, str(message)))
    return problems


SCALAR_FIELDS = (
    "title", "description", "department_code", "estimated_amount_eur", "expected_publication_date",
    "contract_start_date", "duration_months", "is_renewal", "current_contract_end_date", "procedure",
    "reservation", "social_clause", "insertion_hours", "environmental_clause", "innovative",
    "contact_name", "contact_email", "contact_phone",
)


def need_as_data(need: Need) -> dict:
    """A saved need as the same plain data the form gives (to check it again, or fill the form)."""
    data = {name: getattr(need, name) for name in SCALAR_FIELDS}
    data["cpv_codes"] = need.cpv_codes
    data["lots"] = [{"title": lot.title, "cpv_codes": lot.cpv_codes, "estimated_amount_eur": lot.estimated_amount_eur}
                    for lot in need.lots]
    return data
