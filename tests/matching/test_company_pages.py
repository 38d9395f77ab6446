"""The company's matches page and its answers to needs: access, ranking, filters, interest."""
import pytest

from matchfair.extensions import db
from matchfair.groupings.models import Grouping, GroupingMember
from matchfair.matching.models import Interest

from .. import factories


@pytest.fixture
def company(make_supplier):
    return make_supplier("Insertion Propreté")


def test_access(client, login, company, buyer):
    response = client.get("/correspondances")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    login(buyer.user)
    response = client.get("/correspondances")
    assert response.status_code == 403 and "structures de l&#39;ESS" in response.get_data(as_text=True)
    login(factories.UserFactory())
    response = client.get("/correspondances")
    assert response.status_code == 302 and "/organisation/nouvelle?kind=sse" in response.headers["Location"]
    login(company.user)
    assert client.get("/correspondances").status_code == 200


def test_ranked_needs_with_reasons_and_direct_award(client, login, company, make_need):
    small = make_need(title="Vitres de la mairie", estimated_amount_eur=20_000, cpv_codes=["90911300"],
                      description="Nettoyage des vitres")
    big = make_need(title="Nettoyage des lycées", estimated_amount_eur=900_000)
    far = make_need(title="Nettoyage à Lille", department_code="59", estimated_amount_eur=900_000,
                    description="Bureaux")
    draft = make_need(publish=False, title="Brouillon secret")
    other = make_need(title="Repas des cantines", cpv_codes=["55520000"], description="Plateaux repas")
    login(company.user)
    html = client.get("/correspondances").get_data(as_text=True)
    assert "Brouillon secret" not in html and "Repas des cantines" not in html
    assert html.index("Nettoyage des lycées") < html.index("Nettoyage à Lille")
    assert "Attribuable sans publicité" in html
    assert "Même classe CPV" in html or "Même catégorie CPV" in html
    assert "N&#39;intervient pas dans ce département" in html
    direct = client.get("/correspondances?direct=1").get_data(as_text=True)
    assert "Vitres de la mairie" in direct and "Nettoyage des lycées" not in direct
    department = client.get("/correspondances?department=59").get_data(as_text=True)
    assert "Nettoyage à Lille" in department and "Nettoyage des lycées" not in department
    assert draft and small and big and far and other


def test_reserved_filter_and_ineligible(client, login, company, make_supplier, make_need):
    make_need(title="Réservé SIAE", reservation="L2113-13")
    make_need(title="Réservé EA", reservation="L2113-12")
    make_need(title="Ouvert à tous")
    login(company.user)
    html = client.get("/correspondances?reserved=1").get_data(as_text=True)
    assert "Réservé SIAE" in html and "Ouvert à tous" not in html and "Réservé EA" not in html
    assert "Réservé EA" not in client.get("/correspondances").get_data(as_text=True)


def test_empty_state_when_the_profile_lacks_activities(client, login, make_supplier, make_need):
    make_need()
    made = make_supplier("Sans activité", cpv_codes=[])
    login(made.user)
    html = client.get("/correspondances").get_data(as_text=True)
    assert "Complétez vos activités pour recevoir des besoins" in html
    assert f"/organisation/{made.org.id}/modifier" in html


def test_no_match_empty_state(client, login, company, make_need):
    make_need(title="Repas", cpv_codes=["55520000"], description="Plateaux repas")
    login(company.user)
    html = client.get("/correspondances").get_data(as_text=True)
    assert "Aucun besoin publié ne correspond encore à votre profil" in html


def test_unlisted_company_sees_its_own_matches(client, login, make_supplier, make_need):
    make_need(title="Nettoyage des lycées")
    hidden = make_supplier("Discrète", listed=False)
    login(hidden.user)
    assert "Nettoyage des lycées" in client.get("/correspondances").get_data(as_text=True)


def test_declare_change_and_withdraw(client, login, buyer, company, make_need):
    need = make_need()
    login(company.user)
    response = client.post(f"/besoins/{need.id}/reponse", data={"kind": "interested", "next": "/correspondances"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/correspondances")
    interest = db.session.get(Interest, (need.id, company.org.id))
    assert interest.kind == "interested" and interest.message is None
    assert "Vous avez déclaré votre intérêt" in client.get("/correspondances").get_data(as_text=True)

    client.post(f"/besoins/{need.id}/reponse",
                data={"kind": "interested", "message": "Nous avons 12 ans d'expérience."})
    db.session.expire_all()
    assert db.session.get(Interest, (need.id, company.org.id)).message == "Nous avons 12 ans d'expérience."

    response = client.post(f"/besoins/{need.id}/reponse", data={"kind": "not_for_us", "reason": "other"})
    assert response.status_code == 200 and "Précisez la raison." in response.get_data(as_text=True)
    client.post(f"/besoins/{need.id}/reponse", data={"kind": "not_for_us", "reason": "other", "detail": "Pas d'équipe"})
    db.session.expire_all()
    interest = db.session.get(Interest, (need.id, company.org.id))
    assert (interest.kind, interest.reason, interest.message) == ("not_for_us", "other", "Pas d'équipe")

    login(buyer.user)
    html = client.get(f"/besoins/{need.id}/fournisseurs?onglet=interets").get_data(as_text=True)
    assert "Autre raison" in html and "Pas d&#39;équipe" in html

    login(company.user)
    assert client.post(f"/besoins/{need.id}/reponse/retirer", data={}).status_code == 302
    assert db.session.get(Interest, (need.id, company.org.id)) is None


def test_answer_page_prefilled_and_refusal_reasons(client, login, company, make_need):
    need = make_need()
    login(company.user)
    html = client.get(f"/besoins/{need.id}/reponse").get_data(as_text=True)
    for label in ("Hors de notre activité", "Trop loin de chez nous", "Trop gros pour nous",
                  "Le calendrier ne nous convient pas", "Autre raison"):
        assert label in html
    assert "Pourquoi ce besoin vous correspond" in html
    client.post(f"/besoins/{need.id}/reponse", data={"kind": "interested", "message": "Bonjour"})
    assert "Bonjour</textarea>" in client.get(f"/besoins/{need.id}/reponse").get_data(as_text=True)
    response = client.post(f"/besoins/{need.id}/reponse", data={"kind": "not_for_us"})
    assert "Choisissez une raison." in response.get_data(as_text=True)


def test_answer_access(client, login, buyer, company, make_need, make_supplier):
    need = make_need()
    draft = make_need(publish=False)
    url = f"/besoins/{need.id}/reponse"
    assert client.post(url, data={"kind": "interested"}).status_code == 302
    assert "/connexion" in client.get(url).headers["Location"]
    login(buyer.user)
    assert client.post(url, data={"kind": "interested"}).status_code == 403
    login(company.user)
    assert client.get(f"/besoins/{draft.id}/reponse").status_code == 404
    assert client.post(f"/besoins/{draft.id}/reponse", data={"kind": "interested"}).status_code == 404
    assert client.post("/besoins/999999/reponse", data={"kind": "interested"}).status_code == 404
    assert client.post(url, data={"kind": "maybe"}).status_code == 400
    assert client.post(f"/besoins/{draft.id}/reponse/retirer").status_code == 404
    assert db.session.query(Interest).count() == 0


def test_ineligible_company_cannot_answer_a_reserved_need(client, login, make_supplier, make_need):
    need = make_need(reservation="L2113-12")
    made = make_supplier("Pas EA")
    login(made.user)
    html = client.get(f"/besoins/{need.id}/reponse").get_data(as_text=True)
    assert "Ce besoin est réservé" in html and "Déclarer notre intérêt" not in html
    client.post(f"/besoins/{need.id}/reponse", data={"kind": "interested"})
    assert db.session.query(Interest).count() == 0


def test_closed_need_refuses_answers(client, login, buyer, company, make_need):
    from matchfair.needs import services as need_services

    need = make_need()
    need_services.close_need(buyer.user, need)
    db.session.commit()
    login(company.user)
    assert client.post(f"/besoins/{need.id}/reponse", data={"kind": "interested"}).status_code == 404


def _grouping(lead, partner, accepted=True):
    grouping = Grouping(name="Groupement Propreté Occitanie", lead_organisation_id=lead.id)
    grouping.members = [GroupingMember(organisation_id=lead.id, status="accepted"),
                        GroupingMember(organisation_id=partner.id, status="accepted" if accepted else "invited")]
    db.session.add(grouping)
    db.session.commit()
    return grouping


def test_interest_as_a_grouping(client, login, buyer, company, make_supplier, make_need):
    need = make_need()
    partner = make_supplier("Partenaire Vitres")
    grouping = _grouping(company.org, partner.org)
    login(company.user)
    html = client.get(f"/besoins/{need.id}/reponse").get_data(as_text=True)
    assert "Au nom du groupement « Groupement Propreté Occitanie »" in html
    client.post(f"/besoins/{need.id}/reponse", data={"kind": "interested", "grouping_id": str(grouping.id)})
    assert db.session.get(Interest, (need.id, company.org.id)).grouping_id == grouping.id
    login(buyer.user)
    html = client.get(f"/besoins/{need.id}/fournisseurs?onglet=interets").get_data(as_text=True)
    assert "En groupement : Groupement Propreté Occitanie" in html and "Partenaire Vitres" in html
    # The partner does not lead it: it cannot answer in its name.
    login(partner.user)
    response = client.post(f"/besoins/{need.id}/reponse", data={"kind": "interested", "grouping_id": str(grouping.id)})
    assert response.status_code == 200
    assert db.session.get(Interest, (need.id, partner.org.id)) is None


def test_withdraw_access(client, login, buyer, company, make_supplier, make_need):
    need = make_need()
    other = make_supplier("Autre structure")
    login(company.user)
    client.post(f"/besoins/{need.id}/reponse", data={"kind": "interested"})
    url = f"/besoins/{need.id}/reponse/retirer"
    client.get("/connexion")  # any page; then sign out by clearing the session
    with client.session_transaction() as session:
        session.clear()
    assert "/connexion" in client.post(url).headers["Location"]
    login(buyer.user)
    assert client.post(url).status_code == 403
    login(other.user)  # another company acts on its own answer only
    assert client.post(url).status_code == 302
    assert db.session.get(Interest, (need.id, company.org.id)) is not None
    login(company.user)
    client.post(url)
    assert db.session.get(Interest, (need.id, company.org.id)) is None
