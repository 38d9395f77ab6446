"""The matching panel on the public need page (needs.show includes templates/matching/_need_panel.html)."""
from flask import g, render_template_string
from flask_login import login_user

from matchfair.extensions import db
from matchfair.matching import services

from .. import factories

PANEL = 'id="match-panel-title"'


def _panel(app, user, need) -> str:
    """The partial as the need page renders it for `user` (None: an anonymous visitor)."""
    g.__dict__.clear()
    with app.test_request_context(f"/besoins/{need.id}"):
        if user is not None:
            login_user(user)
        return render_template_string('{% include "matching/_need_panel.html" %}', need=need)


def test_anonymous_and_other_buyers_see_nothing(client, login, make_supplier, make_need):
    make_supplier("Insertion Propreté")
    need = make_need()
    html = client.get(f"/besoins/{need.id}").get_data(as_text=True)
    assert PANEL not in html and "Insertion Propreté" not in html
    login(factories.MembershipFactory(organisation=factories.BuyerFactory()).user)
    html = client.get(f"/besoins/{need.id}").get_data(as_text=True)
    assert PANEL not in html


def test_owner_sees_the_top_five_and_a_link(client, login, buyer, make_supplier, make_need):
    for i in range(7):
        make_supplier(f"Nettoyeur {i}")
    need = make_need()
    login(buyer.user)
    html = client.get(f"/besoins/{need.id}").get_data(as_text=True)
    assert PANEL in html
    assert sum(f"Nettoyeur {i}" in html for i in range(7)) == 5
    assert f'href="/besoins/{need.id}/fournisseurs"' in html
    assert "0 intérêt" in html


def test_owner_sees_it_on_a_draft(client, login, buyer, make_supplier, make_need):
    make_supplier("Insertion Propreté")
    draft = make_need(publish=False)
    login(buyer.user)
    html = client.get(f"/besoins/{draft.id}").get_data(as_text=True)
    assert PANEL in html and "Insertion Propreté" in html


def test_the_partial_shows_nothing_to_anonymous_visitors_and_other_buyers(app, make_supplier, make_need):
    make_supplier("Insertion Propreté")
    need = make_need()
    assert _panel(app, None, need).strip() == ""
    other = factories.MembershipFactory(organisation=factories.BuyerFactory()).user
    assert _panel(app, other, need).strip() == ""


def test_company_sees_its_reasons_and_can_answer(app, make_supplier, make_need):
    made = make_supplier("Insertion Propreté")
    need = make_need()
    html = _panel(app, made.user, need)
    assert PANEL in html and "Intervient en Haute-Garonne" in html
    assert "Nous sommes intéressés" in html and f'action="/besoins/{need.id}/reponse"' in html
    services.declare_interest(made.user, made.org, need, "interested")
    db.session.commit()
    html = _panel(app, made.user, need)
    assert "Vous avez déclaré votre intérêt." in html and "Retirer ma réponse" in html


def test_company_not_eligible_for_a_reserved_need(app, make_supplier, make_need):
    made = make_supplier("Coopérative", statuses=["ess"], siae_kind=None)
    need = make_need(reservation="L2113-13")
    html = _panel(app, made.user, need)
    assert "un autre statut que le vôtre" in html
    assert "Nous sommes intéressés" not in html


def test_company_with_an_incomplete_profile(app, make_supplier, make_need):
    made = make_supplier("Nouvelle", cpv_codes=[])
    html = _panel(app, made.user, make_need())
    assert "Complétez vos activités" in html and f"/organisation/{made.org.id}/modifier" in html
