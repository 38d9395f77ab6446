"""Forming a grouping: the form, the partner search, prefilling from a suggestion, the invitations sent."""
from sqlalchemy import select

from matchfair.extensions import db
from matchfair.groupings.models import Grouping, GroupingMember

from .. import factories
from .conftest import page_text


def members_of(grouping):
    return {m.organisation.name: m.status for m in grouping.members}


def test_the_form_prefilled_from_a_suggestion(client, login, make_need, eclat, jardins):
    need = make_need()
    login(eclat.user)
    response = client.get(f"/groupements/nouveau?besoin={need.id}&partenaires={jardins.org.id}"
                          f"&partenaires={eclat.org.id}&partenaires=999")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'value="Groupement pour « Entretien des lycées »"' in html
    assert f'<option selected value="{need.id}">' in html
    picker = html.split("partner-picker")[1]
    assert f'checked id="partner_ids-0" name="partner_ids" type="checkbox" value="{jardins.org.id}"' in picker
    assert f'value="{eclat.org.id}"' not in picker  # the lead itself is not a partner; 999 does not exist
    assert 'value="999"' not in picker


def test_forming_a_grouping_sends_the_invitations(client, login, outbox, make_need, eclat, jardins, peinture):
    need = make_need()
    colleague = factories.MembershipFactory(organisation=jardins.org, role="member").user
    login(eclat.user)
    response = client.post("/groupements/nouveau", data={
        "name": "Lycées propres et verts", "description": "Éclat nettoie, Jardins entretient.",
        "need_id": str(need.id), "partner_ids": [str(jardins.org.id), str(peinture.org.id)], "action": "create"})
    assert response.status_code == 302
    grouping = db.session.scalar(select(Grouping))
    assert response.headers["Location"].endswith(f"/groupements/{grouping.id}")
    assert grouping.lead_organisation_id == eclat.org.id and grouping.need_id == need.id
    assert members_of(grouping) == {"Éclat Propreté": "accepted", "Jardins du Lauragais": "invited",
                                    "Couleurs Coopératives": "invited"}
    # One e-mail per admin of each partner; not to a simple member.
    assert sorted(m.to[0] for m in outbox) == sorted([jardins.user.email, peinture.user.email])
    assert colleague.email not in [m.to[0] for m in outbox]
    mail = next(m for m in outbox if m.to[0] == jardins.user.email)
    assert "Éclat Propreté vous invite dans un groupement" in mail.subject
    assert "Lycées propres et verts" in mail.body and "Entretien des lycées" in mail.body
    assert f"/groupements/{grouping.id}" in mail.body
    page = page_text(client.get(f"/groupements/{grouping.id}"))
    assert "Invitation en attente" in page and "Groupement formé" in page


def test_the_partner_search_works_without_javascript(client, login, eclat, jardins, peinture, make_company):
    make_company("Jardins secrets", listed=False)
    factories.BuyerFactory(name="Jardins de la Ville")
    login(eclat.user)
    response = client.post("/groupements/nouveau", data={
        "name": "Mon groupement", "partner_query": "jardins", "partner_ids": [str(peinture.org.id)],
        "action": "search"})
    assert response.status_code == 200
    text = page_text(response)
    assert "Jardins du Lauragais" in text
    assert "Jardins secrets" not in text and "Jardins de la Ville" not in text  # unlisted, a buyer
    assert "Couleurs Coopératives" in text  # still checked
    assert db.session.scalar(select(Grouping)) is None
    html = response.get_data(as_text=True)
    assert 'value="Mon groupement"' in html
    # Accents and capitals do not matter; nothing found is said.
    # The lead itself is never offered.
    assert "Aucune structure de l'annuaire ne porte ce nom" in page_text(client.post("/groupements/nouveau", data={
        "partner_query": "ECLAT", "action": "search"}))
    assert "Aucune structure de l'annuaire ne porte ce nom" in page_text(client.post("/groupements/nouveau", data={
        "partner_query": "zzz", "action": "search"}))
    assert "Lauragais" in page_text(client.post("/groupements/nouveau", data={
        "partner_query": "lauragáis", "action": "search"}))


def test_bad_input_is_explained_next_to_the_field(client, login, eclat, jardins, make_need):
    login(eclat.user)
    response = client.post("/groupements/nouveau", data={"name": "", "action": "create"})
    assert response.status_code == 200
    text = page_text(response)
    assert "Donnez un nom au groupement." in text
    response = client.post("/groupements/nouveau", data={"name": "G", "action": "create"})
    assert "Choisissez au moins une structure partenaire" in page_text(response)
    response = client.post("/groupements/nouveau", data={"name": "G", "need_id": "123456",
                                                         "partner_ids": [str(jardins.org.id)], "action": "create"})
    assert "Choisissez un besoin de la liste." in page_text(response)
    draft = make_need(publish=False)
    response = client.post("/groupements/nouveau", data={"name": "G", "need_id": str(draft.id),
                                                         "partner_ids": [str(jardins.org.id)], "action": "create"})
    assert "Choisissez un besoin de la liste." in page_text(response)
    assert db.session.scalar(select(Grouping)) is None


def test_too_many_partners(client, login, eclat, make_company):
    partners = [make_company(f"Partenaire {i}").org for i in range(10)]
    login(eclat.user)
    response = client.post("/groupements/nouveau", data={
        "name": "Trop grand", "partner_ids": [str(p.id) for p in partners], "action": "create"})
    assert response.status_code == 200
    assert "Un groupement réunit au plus 9 partenaires." in page_text(response)
    assert db.session.scalar(select(Grouping)) is None


def test_a_reserved_need_refuses_an_ineligible_partner(client, login, make_need, eclat, jardins, peinture):
    need = make_need(reservation="L2113-13")
    login(eclat.user)
    response = client.post("/groupements/nouveau", data={
        "name": "G", "need_id": str(need.id), "partner_ids": [str(jardins.org.id), str(peinture.org.id)],
        "action": "create"})
    assert response.status_code == 200
    assert "Ne le sont pas : Couleurs Coopératives." in page_text(response)
    assert db.session.scalar(select(Grouping)) is None
    response = client.post("/groupements/nouveau", data={
        "name": "G", "need_id": str(need.id), "partner_ids": [str(jardins.org.id)], "action": "create"})
    assert response.status_code == 302


def test_the_needs_offered_are_published_ones_that_fit(client, login, make_need, eclat):
    fitting = make_need(title="Nettoyage du siège")
    make_need(title="Brouillon secret", publish=False)
    login(eclat.user)
    text = page_text(client.get("/groupements/nouveau"))
    assert "Nettoyage du siège · Région Occitanie" in text and "Brouillon secret" not in text
    assert "Aucun besoin précis pour l'instant" in text
    assert fitting.id


def test_my_groupings_page(client, login, make_grouping, make_need, eclat, jardins, peinture):
    login(jardins.user)
    text = page_text(client.get("/groupements"))
    assert "Aucun groupement pour l'instant" in text
    need = make_need()
    make_grouping(eclat.org, {jardins.org: "invited"}, need=need, name="Invité ici")
    make_grouping(peinture.org, {jardins.org: "accepted"}, name="Membre là")
    make_grouping(jardins.org, {peinture.org: "invited"}, name="Mené par moi")
    make_grouping(peinture.org, {jardins.org: "declined"}, name="Décliné")
    text = page_text(client.get("/groupements"))
    assert "1 invitation à répondre" in text and "Invitation de Éclat Propreté" in text
    assert "Pour le besoin « Entretien des lycées »" in text
    assert "Groupements que vous menez Mené par moi" in text
    assert "Groupements dont vous êtes partenaire Membre là" in text and "Décliné" not in text


def test_the_invitation_count_for_the_navigation(app, make_grouping, eclat, jardins, peinture, buyer):
    from flask import g
    from flask_login import login_user

    from matchfair.groupings.views import grouping_invitation_count

    make_grouping(eclat.org, {jardins.org: "invited"}, name="Un")
    make_grouping(peinture.org, {jardins.org: "invited", eclat.org: "accepted"}, name="Deux")
    for user, expected in ((jardins.user, 2), (eclat.user, 0), (buyer.user, 0), (None, 0)):
        with app.test_request_context("/"):
            g.__dict__.clear()
            if user is not None:
                login_user(user)
            assert grouping_invitation_count() == expected


def test_invitations_from_the_grouping_page(client, login, outbox, make_grouping, eclat, jardins, peinture):
    grouping = make_grouping(eclat.org, {jardins.org: "declined"})
    login(eclat.user)
    response = client.post(f"/groupements/{grouping.id}/partenaires", data={"partner_query": "coop",
                                                                             "action": "search"})
    assert response.status_code == 200 and "Couleurs Coopératives" in page_text(response)
    assert outbox == []
    response = client.post(f"/groupements/{grouping.id}/partenaires", data={
        "partner_ids": [str(peinture.org.id), str(jardins.org.id)], "action": "invite"})
    assert response.status_code == 302
    db.session.refresh(grouping)
    assert members_of(grouping) == {"Éclat Propreté": "accepted", "Jardins du Lauragais": "invited",
                                    "Couleurs Coopératives": "invited"}  # the declined one invited again
    assert sorted(m.to[0] for m in outbox) == sorted([jardins.user.email, peinture.user.email])
    # Inviting them again sends nothing more.
    client.post(f"/groupements/{grouping.id}/partenaires", data={
        "partner_ids": [str(peinture.org.id)], "action": "invite"})
    assert len(outbox) == 2
    assert len(db.session.scalars(select(GroupingMember)).all()) == 3
