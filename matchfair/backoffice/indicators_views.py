"""The event's indicators for its organisers: dashboard with charts, CSV export, printable SPASER report."""
from flask import Blueprint, render_template
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _

from ..needs.choices import RESERVATION_SHORT, SOCIAL_CLAUSE_SHORT
from ..needs.models import Reservation, SocialClause
from ..organisations.choices import STATUS_SHORT_LABELS
from ..organisations.models import OrgKind, SseStatus
from ..programme.event_views import managed_event
from ..programme.events_services import date_range_text
from ..programme.models import Event, RegistrationStatus
from ..programme.timezones import to_local
from ..timeutil import utcnow
from ..engine.territory import DEPARTMENTS, department_name
from . import charts
from .exports import csv_response
from .indicators import Indicators, event_indicators

bp = Blueprint("indicators", __name__)

KINDS = (OrgKind.SSE, OrgKind.BUYER)
STATUSES = (RegistrationStatus.APPROVED, RegistrationStatus.PENDING, RegistrationStatus.REFUSED,
            RegistrationStatus.CANCELLED)


def kind_plurals() -> dict:
    return {OrgKind.SSE: _("Structures de l'ESS"), OrgKind.BUYER: _("Acheteurs")}


def _status_labels() -> dict:
    return {RegistrationStatus.APPROVED: _("validées"), RegistrationStatus.PENDING: _("en attente"),
            RegistrationStatus.REFUSED: _("refusées"), RegistrationStatus.CANCELLED: _("annulées")}


def number(n) -> str:
    return format_decimal(n or 0, format="#,##0")


def euros(n) -> str:
    return number(n) + "\u00a0€"


def percent(part, whole) -> str:
    if not whole:
        return "–"
    return format_decimal(100 * part / whole, format="#,##0.#") + "\u00a0%"


def department_label(code: str) -> str:
    if code == "others":
        return _("Autres départements")
    if not code:
        return _("Non renseigné")
    return f"{department_name(code)} ({code})" if code in DEPARTMENTS else code


def figure_rows(ind: Indicators) -> list[tuple[str, str, str]]:
    """(section, indicator, value) for every figure: the CSV and the report's tables."""
    rows = []
    participants, needs, matches, meetings, sessions, outcomes = (
        _("Participants"), _("Besoins"), _("Mises en relation"), _("Rendez-vous"), _("Ateliers"), _("Suites"))
    status_labels, plurals = _status_labels(), kind_plurals()
    for kind in KINDS:
        rows.append((participants, _("%(kind)s : toutes inscriptions", kind=plurals[kind]),
                     number(ind.registered(kind))))
        for status in STATUSES:
            rows.append((participants, _("%(kind)s : inscriptions %(status)s", kind=plurals[kind],
                                         status=status_labels[status]), number(ind.registered(kind, status))))
    for code, n in ind.departments:
        rows.append((participants, _("Organisations validées du département : %(dep)s", dep=department_label(code)),
                     number(n)))
    for status in SseStatus:
        rows.append((participants, _("Structures de l'ESS validées avec le statut %(status)s",
                                     status=STATUS_SHORT_LABELS[status]), number(ind.sse_statuses.get(status, 0))))
    rows.append((participants, _("Structures de l'ESS validées sans statut particulier"),
                 number(ind.sse_without_status)))
    rows.append((participants, _("Personnes attendues"), number(ind.attendees_expected)))
    rows.append((participants, _("Personnes accueillies à l'entrée"), number(ind.attendees_checked_in)))
    rows.append((participants, _("Taux de présence"), percent(ind.attendees_checked_in, ind.attendees_expected)))

    rows.append((needs, _("Besoins publiés des acheteurs inscrits"), number(ind.needs_total)))
    rows.append((needs, _("Montant estimé des besoins publiés (€ HT)"), number(ind.needs_amount)))
    rows.append((needs, _("Besoins publiés sans montant estimé"), number(ind.needs_without_amount)))
    for value in Reservation:
        figures = ind.needs_by_reservation.get(value, {"count": 0, "amount": 0})
        rows.append((needs, _("Besoins : %(r)s", r=RESERVATION_SHORT[value]), number(figures["count"])))
        rows.append((needs, _("Montant estimé (€ HT) : %(r)s", r=RESERVATION_SHORT[value]), number(figures["amount"])))
    for value in SocialClause:
        figures = ind.needs_by_clause.get(value, {"count": 0, "amount": 0})
        rows.append((needs, _("Besoins : %(c)s", c=SOCIAL_CLAUSE_SHORT[value]), number(figures["count"])))
        rows.append((needs, _("Montant estimé (€ HT) : %(c)s", c=SOCIAL_CLAUSE_SHORT[value]),
                     number(figures["amount"])))

    rows.append((matches, _("Intérêts déclarés par les structures de l'ESS inscrites"), number(ind.interests)))
    rows.append((matches, _("Structures de l'ESS ayant déclaré un intérêt"), number(ind.interested_companies)))
    rows.append((matches, _("Besoins ayant reçu au moins un intérêt"), number(ind.needs_with_interest)))
    rows.append((matches, _("Structures de l'ESS retenues par les acheteurs (présélections)"), number(ind.shortlisted)))

    m = ind.meetings
    for key, label in _meeting_labels():
        rows.append((meetings, label, number(m.get(key, 0))))

    for s in ind.sessions:
        rows.append((sessions, _("%(title)s : inscrits", title=s.title), number(s.registered)))
        rows.append((sessions, _("%(title)s : places", title=s.title),
                     number(s.capacity) if s.capacity else _("sans limite")))
        rows.append((sessions, _("%(title)s : taux de remplissage", title=s.title), percent(s.registered, s.capacity)))
        rows.append((sessions, _("%(title)s : en liste d'attente", title=s.title), number(s.waiting)))

    outcome_counts = m.get("outcomes", {})
    rows.append((outcomes, _("Rendez-vous avec une suite indiquée"), number(m.get("with_outcome", 0))))
    rows.append((outcomes, _("Coopérations possibles"), number(outcome_counts.get("cooperation", 0))))
    rows.append((outcomes, _("Réponses à une consultation prévues"), number(outcome_counts.get("consultation", 0))))
    rows.append((outcomes, _("Contrats signés"), number(ind.contracts)))
    rows.append((outcomes, _("Montant des contrats signés (€ HT)"), number(ind.contract_amount)))
    rows.append((outcomes, _("Contrats signés avec une SIAE"), number(ind.contracts_siae)))
    rows.append((outcomes, _("Montant des contrats avec une SIAE (€ HT)"), number(ind.amount_siae)))
    rows.append((outcomes, _("Part du montant allant aux SIAE"), percent(ind.amount_siae, ind.contract_amount)))
    rows.append((outcomes, _("Contrats signés avec une EA ou un ESAT"), number(ind.contracts_disability)))
    rows.append((outcomes, _("Montant des contrats avec une EA ou un ESAT (€ HT)"), number(ind.amount_disability)))
    rows.append((outcomes, _("Part du montant allant aux EA et ESAT"),
                 percent(ind.amount_disability, ind.contract_amount)))
    rows.append((outcomes, _("Contrats signés avec d'autres structures de l'ESS"), number(ind.contracts_other_sse)))
    rows.append((outcomes, _("Montant des contrats avec d'autres structures de l'ESS (€ HT)"),
                 number(ind.amount_other_sse)))

    hours, ins = _("Heures d'insertion"), ind.insertion
    rows.append((hours, _("Marchés attribués avec des heures d'insertion"), number(ins.needs)))
    rows.append((hours, _("Heures d'insertion dues"), number(ins.due)))
    rows.append((hours, _("Heures d'insertion réalisées"), number(ins.done)))
    rows.append((hours, _("Part des heures dues réalisées"), percent(ins.done, ins.due)))
    for name, due, done in ins.by_buyer:
        rows.append((hours, _("%(buyer)s : heures dues", buyer=name), number(due)))
        rows.append((hours, _("%(buyer)s : heures réalisées", buyer=name), number(done)))
    for name, done in ins.by_structure:
        rows.append((hours, _("Heures réalisées par %(structure)s", structure=name), number(done)))
    return rows


def _meeting_labels():
    return [("requested", _("Demandes de rendez-vous")), ("pending", _("Demandes sans réponse")),
            ("accepted", _("Demandes acceptées")), ("declined", _("Demandes déclinées")),
            ("expired", _("Demandes expirées")), ("withdrawn", _("Demandes retirées")),
            ("cancelled", _("Rendez-vous annulés")), ("booked", _("Rendez-vous placés sur un créneau")),
            ("held", _("Rendez-vous tenus")), ("no_shows", _("Absences signalées"))]


def _charts(ind: Indicators) -> dict:
    found = {}
    kinds = [(kind_plurals()[k],
              ind.registered(k, RegistrationStatus.APPROVED), number(ind.registered(k, RegistrationStatus.APPROVED)))
             for k in KINDS]
    if ind.registered():
        found["kinds"] = charts.bar_chart("chart-kinds", _("Organisations inscrites et validées, par type"),
                                          _("Nombre d'organisations par type."), kinds)
    if ind.departments:
        found["departments"] = charts.bar_chart(
            "chart-departments", _("Organisations validées par département"),
            _("Les dix départements les plus représentés, puis les autres."),
            [(department_label(c), n, number(n)) for c, n in ind.departments])
    if ind.needs_total:
        found["reservations"] = charts.bar_chart(
            "chart-reservations", _("Montant estimé des besoins publiés, par réservation"),
            _("Montant en euros hors taxes et nombre de besoins pour chaque type de réservation."),
            [(f"{RESERVATION_SHORT[r]} ({number(ind.needs_by_reservation.get(r, {}).get('count', 0))})",
              ind.needs_by_reservation.get(r, {}).get("amount", 0),
              euros(ind.needs_by_reservation.get(r, {}).get("amount", 0))) for r in Reservation])
    m = ind.meetings
    if m.get("requested"):
        found["meetings"] = charts.bar_chart(
            "chart-meetings", _("Des demandes aux rendez-vous tenus"),
            _("Demandes, acceptées, placées sur un créneau, tenues, absences."),
            [(label, m.get(key, 0), number(m.get(key, 0))) for key, label in _meeting_labels()
             if key in ("requested", "accepted", "booked", "held", "no_shows")])
    limited = [s for s in ind.sessions if s.capacity]
    if limited:
        found["sessions"] = charts.bar_chart(
            "chart-sessions", _("Taux de remplissage des ateliers"),
            _("Part des places prises dans chaque atelier à places limitées."),
            [(s.title, 100 * s.registered / s.capacity, percent(s.registered, s.capacity)) for s in limited],
            maximum=100)
    if ind.contract_amount:
        found["contracts"] = charts.stacked_bar(
            "chart-contracts", _("Montant des contrats signés, selon la structure de l'ESS"),
            _("Répartition du montant des contrats signés entre SIAE, EA et ESAT, et autres structures."),
            [(_("SIAE"), ind.amount_siae, euros(ind.amount_siae)),
             (_("EA et ESAT"), ind.amount_disability, euros(ind.amount_disability)),
             (_("Autres structures de l'ESS"), ind.amount_other_sse, euros(ind.amount_other_sse))])
    if ind.insertion.by_buyer:
        found["insertion"] = charts.bar_chart(
            "chart-insertion", _("Heures d'insertion réalisées, par acheteur"),
            _("Part des heures d'insertion dues déjà réalisées, pour chaque acheteur."),
            [(name, 100 * done / due if due else 0, f"{number(done)} / {number(due)}")
             for name, due, done in ind.insertion.by_buyer], maximum=100)
    return found


def _context(event: Event) -> dict:
    ind = event_indicators(event)
    return {"event": event, "ind": ind, "rows": figure_rows(ind), "charts": _charts(ind), "number": number,
            "euros": euros, "percent": percent, "department_label": department_label, "kinds": KINDS,
            "statuses": STATUSES, "status_labels": _status_labels(), "kind_labels": kind_plurals(),
            "sse_labels": STATUS_SHORT_LABELS, "sse_statuses": list(SseStatus),
            "reservations": list(Reservation), "reservation_labels": RESERVATION_SHORT,
            "clauses": list(SocialClause), "clause_labels": SOCIAL_CLAUSE_SHORT,
            "meeting_labels": _meeting_labels(), "event_dates": date_range_text(event),
            "report_date": format_date(to_local(utcnow(), event.timezone).date(), "long")}


@bp.get("/evenements/<int:event_id>/indicateurs")
@managed_event
def dashboard(event: Event):
    return render_template("backoffice/indicators/dashboard.html", **_context(event))


@bp.get("/evenements/<int:event_id>/indicateurs/rapport")
@managed_event
def report(event: Event):
    return render_template("backoffice/indicators/report.html", **_context(event))


@bp.get("/evenements/<int:event_id>/indicateurs.csv")
@managed_event
def export_csv(event: Event):
    rows = [[section, label, value.replace("\u202f", "").replace("\u00a0", "")]
            for section, label, value in figure_rows(event_indicators(event))]
    return csv_response([_("section"), _("indicateur"), _("valeur")], rows, f"indicateurs-{event.slug}.csv")
