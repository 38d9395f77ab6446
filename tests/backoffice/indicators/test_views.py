"""Dashboard, CSV export and printable report: access for every route, content, empty event."""
import csv
import io

import pytest

from tests import factories
from tests.programme.events.conftest import EventFactory


def _urls(event):
    e = event.id
    return [f"/evenements/{e}/indicateurs", f"/evenements/{e}/indicateurs.csv", f"/evenements/{e}/indicateurs/rapport"]


def test_anonymous_is_sent_to_login(client, event):
    for url in _urls(event):
        response = client.get(url)
        assert response.status_code == 302 and "/connexion" in response.headers["Location"], url


def test_non_organisers_get_404(client, login, fair):
    other_organiser = factories.MembershipFactory(organisation=EventFactory().organiser).user
    for user in (fair.users["buyer1"], fair.users["siae"], other_organiser):
        login(user)
        for url in _urls(fair.event):
            assert client.get(url).status_code == 404, url
    login(other_organiser)
    assert client.get("/evenements/999999/indicateurs").status_code == 404


def test_organiser_gets_every_page(client, login, organiser, fair):
    login(organiser)
    for url in _urls(fair.event):
        assert client.get(url).status_code == 200, url


def _csv(client, event):
    response = client.get(f"/evenements/{event.id}/indicateurs.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == f'attachment; filename="indicateurs-{event.slug}.csv"'
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["section", "indicateur", "valeur"]
    return {(section, label): value for section, label, value in rows[1:]}


def test_csv_has_the_same_figures(client, login, organiser, fair):
    login(organiser)
    figures = _csv(client, fair.event)
    assert figures[("Participants", "Structures de l'ESS : toutes inscriptions")] == "7"
    assert figures[("Participants", "Structures de l'ESS : inscriptions validées")] == "5"
    assert figures[("Participants", "Acheteurs : inscriptions en attente")] == "1"
    assert figures[("Participants", "Organisations validées du département : Haute-Garonne (31)")] == "3"
    assert figures[("Participants", "Structures de l'ESS validées avec le statut SIAE")] == "1"
    assert figures[("Participants", "Personnes attendues")] == "8"
    assert figures[("Participants", "Personnes accueillies à l'entrée")] == "3"
    assert figures[("Besoins", "Besoins publiés des acheteurs inscrits")] == "4"
    assert figures[("Besoins", "Montant estimé des besoins publiés (€ HT)")] == "180000"
    assert figures[("Besoins", "Besoins : Réservé SIAE (L2113-13)")] == "1"
    assert figures[("Besoins", "Montant estimé (€ HT) : Réservé SIAE (L2113-13)")] == "100000"
    assert figures[("Besoins", "Montant estimé (€ HT) : Sans clause sociale")] == "30000"
    assert figures[("Mises en relation", "Intérêts déclarés par les structures de l'ESS inscrites")] == "3"
    assert figures[("Rendez-vous", "Demandes de rendez-vous")] == "8"
    assert figures[("Rendez-vous", "Rendez-vous tenus")] == "4"
    assert figures[("Rendez-vous", "Absences signalées")] == "1"
    assert figures[("Ateliers", "Marchés réservés : taux de remplissage")] == "100%"
    assert figures[("Ateliers", "Marchés réservés : en liste d'attente")] == "2"
    assert figures[("Ateliers", "Plénière : places")] == "sans limite"
    assert figures[("Suites", "Contrats signés")] == "3"
    assert figures[("Suites", "Montant des contrats signés (€ HT)")] == "100000"
    assert figures[("Suites", "Part du montant allant aux SIAE")] == "45%"
    assert figures[("Suites", "Part du montant allant aux EA et ESAT")] == "20%"
    assert figures[("Suites", "Coopérations possibles")] == "1"


def test_dashboard_shows_figures_and_accessible_charts(client, login, organiser, fair):
    login(organiser)
    html = client.get(f"/evenements/{fair.event.id}/indicateurs").get_data(as_text=True)
    for chart in ("chart-kinds", "chart-departments", "chart-reservations", "chart-meetings", "chart-sessions",
                  "chart-contracts"):
        assert f'id="{chart}" role="img" aria-labelledby="{chart}-title {chart}-desc"' in html, chart
        assert f'<title id="{chart}-title">' in html
    assert "Montant des contrats signés, selon la structure de l&#39;ESS" in html
    assert html.count("Voir les chiffres") >= 5
    assert "100\u00a0000\u00a0€" in html.replace("\u202f", "\u00a0")
    assert "45\u00a0%" in html
    assert ' style="' not in html  # the CSP forbids inline styles
    assert "<script" not in html.split("</main>")[0].split('id="main"')[1]


def test_report_page(client, login, organiser, fair):
    login(organiser)
    html = client.get(f"/evenements/{fair.event.id}/indicateurs/rapport").get_data(as_text=True).replace("&#39;", "'")
    assert "Rapport d'indicateurs : Rencontres ESS Occitanie" in html
    assert "Rapport établi le" in html and "SPASER" in html
    assert "backoffice-indicators.css" in html
    text = html.replace("\u202f", "\u00a0")
    assert "Inscriptions validées : 5 structures de l'ESS et 2 acheteurs" in text
    assert "accueillies à l'entrée : 3 sur 8 attendues" in text
    assert "Contrats signés : 3, pour 100\u00a0000\u00a0€ HT, dont 45\u00a0% du montant" in text
    assert "Rendez-vous : 8 demandés, 6 acceptés, 5 placés sur un créneau, 4 tenus ; absences signalées : 1." in text
    assert "Marchés réservés : taux de remplissage" in html


@pytest.mark.parametrize("url", ["/indicateurs", "/indicateurs/rapport", "/indicateurs.csv"])
def test_empty_event(client, login, organiser, event, url):
    login(organiser)
    response = client.get(f"/evenements/{event.id}{url}")
    assert response.status_code == 200
    if url == "/indicateurs":
        html = response.get_data(as_text=True).replace("&#39;", "'")
        assert "Aucune organisation n'est encore inscrite" in html
        assert "Aucune demande de rendez-vous pour l'instant" in html
        assert "Aucune suite indiquée pour l'instant" in html
        assert 'role="img"' not in html
    if url == "/indicateurs.csv":
        figures = _csv(client, event)
        assert figures[("Suites", "Part du montant allant aux SIAE")] == "–"
        assert figures[("Rendez-vous", "Demandes de rendez-vous")] == "0"
