"""Grouping suggestions for a need: the glue (suggestions.py), and the partial shown to the buyer and to
SSE companies."""
import re

from flask import g, render_template_string
from flask_login import login_user

from matchfair.extensions import db
from matchfair.groupings.suggestions import grouping_coverage, need_parts, suggestions_for
from matchfair.organisations import services as org_services

from .. import factories
from .conftest import CLEANING, GREEN, PAINTING, profile

PARTIAL = '{% include "groupings/_suggestions.html" %}'


def text(html: str) -> str:
    """The page's text with tags removed and every kind of space made one plain space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", re.sub(r"<[^>]+>", " ", html))


def render_partial(app, user, need) -> str:
    with app.test_request_context("/"):
        g.__dict__.clear()  # as each real request starts (the test's app context outlives it)
        if user is not None:
            login_user(user)
        return render_template_string(PARTIAL, need=need)


def test_need_parts_are_its_lots(make_need):
    need = make_need()
    parts = need_parts(need)
    assert [(p.id, n.cpv, n.amount_eur, label) for p, n, label in parts] == [
        ("lot:1", (CLEANING,), 400_000, "Lot 1 Nettoyage"), ("lot:2", (GREEN,), 350_000, "Lot 2 Espaces verts")]
    assert parts[0][1].department == "31" and parts[0][1].reserved is None


def test_need_parts_without_lots_are_its_divisions(make_need):
    need = make_need(lots=[], cpv_codes=[CLEANING, GREEN, PAINTING])
    parts = need_parts(need)
    assert [p.id for p, _n, _l in parts] == ["division:45", "division:77", "division:90"]
    assert parts[2][1].cpv == (CLEANING,) and parts[2][2]  # a label, from the CPV divisions


def test_two_complementary_companies_are_suggested_to_the_buyer(app, make_need, eclat, jardins, buyer):
    need = make_need()
    found = suggestions_for(need)
    assert found.mode == "buyer"
    [first] = found.items
    assert [o.name for o in first.members] == ["Éclat Propreté", "Jardins du Lauragais"]
    assert [(line.label, line.org.name) for line in first.lines] == [
        ("Lot 1 Nettoyage", "Éclat Propreté"), ("Lot 2 Espaces verts", "Jardins du Lauragais")]
    assert first.capacity_total == 800_000 and first.amount == 750_000
    page = text(render_partial(app, buyer.user, need))
    assert "Groupements possibles" in page
    assert "Lot 1 Nettoyage : Éclat Propreté (ESS, SIAE (EI), Haute-Garonne)" in page
    assert "Lot 2 Espaces verts : Jardins du Lauragais" in page
    assert "Capacité cumulée 800 000 € pour un montant estimé de 750 000 €." in page
    assert "Former ce groupement" not in page


def test_the_buyer_page_of_suppliers_shows_them(client, login, make_need, eclat, jardins, buyer):
    need = make_need()
    login(buyer.user)
    response = client.get(f"/besoins/{need.id}/fournisseurs")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = text(html)
    assert "Groupements possibles" in page and "Capacité cumulée 800 000 €" in page
    # Each part and its company in one translatable "label : value" string, the markup kept (not escaped).
    assert f'<li><strong>Lot 1 Nettoyage</strong> : <a href="/annuaire/{eclat.org.id}">Éclat Propreté</a>' in html


def test_an_sse_company_sees_the_suggestions_with_itself(app, make_need, eclat, jardins, peinture):
    need = make_need()
    page = text(render_partial(app, eclat.user, need))
    assert "Répondre en groupement" in page
    assert "Vous pourriez répondre avec Jardins du Lauragais (Lot 2 Espaces verts)." in page
    assert "Vous prendriez : Lot 1 Nettoyage." in page
    html = render_partial(app, eclat.user, need)
    assert f"/groupements/nouveau?besoin={need.id}&amp;partenaires={jardins.org.id}" in html
    # Couleurs Coopératives covers lot 2 with more capacity: its own suggestion names Éclat for lot 1.
    found = suggestions_for(need, peinture.org)
    assert [[o.name for o in s.members] for s in found.items] == [["Éclat Propreté", "Couleurs Coopératives"]]


def test_nobody_else_sees_suggestions(app, make_need, eclat, jardins, outsider):
    need = make_need()
    assert text(render_partial(app, None, need)).strip() == ""
    other_buyer = factories.MembershipFactory(organisation=factories.BuyerFactory()).user
    assert text(render_partial(app, other_buyer, need)).strip() == ""
    # An SSE company that covers nothing: a way to form a grouping, no suggestion.
    page = text(render_partial(app, outsider, need))
    assert "Pas de groupement suggéré avec votre structure" in page


def test_a_draft_is_shown_to_its_buyer_only(app, make_need, eclat, jardins, buyer):
    need = make_need(publish=False)
    assert "Groupements possibles" in text(render_partial(app, buyer.user, need))
    assert text(render_partial(app, eclat.user, need)).strip() == ""


def test_reserved_need_only_eligible_companies(app, make_need, eclat, jardins, peinture, buyer):
    need = make_need(reservation="L2113-13")
    found = suggestions_for(need)
    assert found.items and all("Couleurs Coopératives" not in [o.name for o in s.members] for s in found.items)
    page = text(render_partial(app, buyer.user, need))
    assert "Toutes ces structures sont éligibles au marché réservé (L2113-13)." in page
    # Jardins loses its SIAE status: nobody eligible covers lot 2 any more.
    org_services.save_profile(jardins.user, jardins.org, profile(statuses=["ess"], siae_kind=None,
                                                                 cpv_codes=[GREEN], capacity_eur=300_000))
    db.session.commit()
    found = suggestions_for(need)
    assert found.items == [] and found.uncovered == ["Lot 2 Espaces verts"]
    assert "Aucune structure de l'annuaire ne couvre encore : Lot 2 Espaces verts." in text(
        render_partial(app, buyer.user, need))


def test_no_suggestion_when_one_company_answers_alone(app, make_need, make_company, eclat, jardins, buyer):
    make_company("Multiservices Solidaires", cpv_codes=[CLEANING, GREEN], capacity_eur=2_000_000)
    need = make_need()
    found = suggestions_for(need)
    assert found.items == [] and found.reason("single-supplier")
    assert "peut répondre seule" in text(render_partial(app, buyer.user, need))


def test_unlisted_companies_are_not_suggested(make_need, make_company, eclat):
    make_company("Jardins cachés", listed=False, cpv_codes=[GREEN], capacity_eur=300_000)
    need = make_need()
    assert suggestions_for(need).items == []


def test_fresh_after_a_profile_changes(make_need, eclat, jardins):
    need = make_need()
    assert suggestions_for(need).items[0].capacity_total == 800_000
    org_services.save_profile(jardins.user, jardins.org, profile(cpv_codes=[GREEN], capacity_eur=200_000))
    db.session.commit()
    assert suggestions_for(need).items == []  # 700 000 € < 750 000 €
    assert suggestions_for(need).reason("capacity:unreachable")


def test_coverage_of_a_formed_grouping(make_need, make_grouping, eclat, jardins, peinture):
    need = make_need()
    grouping = make_grouping(eclat.org, {jardins.org: "invited", peinture.org: "declined"}, need=need)
    coverage = grouping_coverage(grouping)
    assert [(line.label, line.org.name) for line in coverage.lines] == [
        ("Lot 1 Nettoyage", "Éclat Propreté"), ("Lot 2 Espaces verts", "Jardins du Lauragais")]
    assert coverage.complete and coverage.capacity_total == 500_000 and not coverage.capacity_ok
    assert grouping_coverage(make_grouping(eclat.org, {jardins.org: "accepted"}, name="Sans besoin")) is None
