"""A grouping's life: answers to invitations and their rules, leaving, removing, editing, dissolving,
and declaring interest in the need as a grouping (seen by the buyer)."""
from sqlalchemy import select

from matchfair.extensions import db
from matchfair.groupings import services
from matchfair.groupings.models import Grouping
from matchfair.matching.models import Interest
from matchfair.matching.services import interests_for_need
from matchfair.organisations import services as org_services

from .conftest import GREEN, page_text, profile


def status_of(grouping, org):
    db.session.expire_all()
    member = next((m for m in db.session.get(Grouping, grouping.id).members if m.organisation_id == org.id), None)
    return None if member is None else member.status


def answer(client, grouping, org, verb):
    return client.post(f"/groupements/{grouping.id}/partenaires/{org.id}/{verb}", follow_redirects=True)


def test_accepting_tells_the_lead(client, login, outbox, make_grouping, make_need, eclat, jardins):
    grouping = make_grouping(eclat.org, {jardins.org: "invited"}, need=make_need())
    login(jardins.user)
    response = answer(client, grouping, jardins.org, "accepter")
    assert "Jardins du Lauragais fait maintenant partie du groupement" in page_text(response)
    assert status_of(grouping, jardins.org) == "accepted"
    [mail] = outbox
    assert mail.to == [eclat.user.email] and "a accepté de rejoindre" in mail.subject
    assert "peut maintenant déclarer son intérêt" in mail.body
    # Accepting twice changes nothing and sends nothing.
    response = answer(client, grouping, jardins.org, "accepter")
    assert "C'était déjà votre réponse." in page_text(response) and len(outbox) == 1
    # Declining after accepting: leave instead.
    response = answer(client, grouping, jardins.org, "decliner")
    assert "quittez le groupement" in page_text(response)
    assert status_of(grouping, jardins.org) == "accepted"


def test_a_declined_invitation_stays_declined_until_invited_again(client, login, outbox, make_grouping, eclat,
                                                                   jardins):
    grouping = make_grouping(eclat.org, {jardins.org: "invited"})
    login(jardins.user)
    response = answer(client, grouping, jardins.org, "decliner")
    assert "Invitation déclinée" in page_text(response)
    assert status_of(grouping, jardins.org) == "declined"
    assert outbox[0].to == [eclat.user.email] and "a décliné" in outbox[0].subject
    response = answer(client, grouping, jardins.org, "decliner")
    assert "C'était déjà votre réponse." in page_text(response)
    response = answer(client, grouping, jardins.org, "accepter")
    assert "demandez à Éclat Propreté de vous inviter de nouveau" in page_text(response)
    assert status_of(grouping, jardins.org) == "declined" and len(outbox) == 1
    # The lead invites again: the partner can accept.
    services.invite_partners(eclat.user, db.session.get(Grouping, grouping.id), [jardins.org])
    db.session.commit()
    answer(client, grouping, jardins.org, "accepter")
    assert status_of(grouping, jardins.org) == "accepted"


def test_only_members_of_the_partner_company_answer(client, login, make_grouping, eclat, jardins, peinture):
    grouping = make_grouping(eclat.org, {jardins.org: "invited", peinture.org: "invited"})
    login(peinture.user)
    assert client.post(f"/groupements/{grouping.id}/partenaires/{jardins.org.id}/accepter").status_code == 404
    login(eclat.user)
    assert client.post(f"/groupements/{grouping.id}/partenaires/{jardins.org.id}/accepter").status_code == 404
    assert client.post(f"/groupements/{grouping.id}/partenaires/{eclat.org.id}/quitter").status_code == 404
    assert status_of(grouping, jardins.org) == "invited"


def test_a_reserved_need_refuses_an_ineligible_acceptance(client, login, make_grouping, make_need, eclat, jardins):
    need = make_need(reservation="L2113-13")
    grouping = make_grouping(eclat.org, {jardins.org: "invited"}, need=need)
    org_services.save_profile(jardins.user, jardins.org, profile(statuses=["ess"], siae_kind=None, cpv_codes=[GREEN]))
    db.session.commit()
    login(jardins.user)
    response = answer(client, grouping, jardins.org, "accepter")
    assert "vous ne pouvez pas le rejoindre" in page_text(response)
    assert status_of(grouping, jardins.org) == "invited"


def test_a_partner_leaves(client, login, outbox, make_grouping, eclat, jardins):
    grouping = make_grouping(eclat.org, {jardins.org: "accepted"})
    login(jardins.user)
    response = answer(client, grouping, jardins.org, "quitter")
    assert "a quitté le groupement" in page_text(response)
    assert status_of(grouping, jardins.org) is None
    assert outbox[0].to == [eclat.user.email] and "a quitté" in outbox[0].subject
    assert client.get(f"/groupements/{grouping.id}").status_code == 404


def test_the_lead_removes_a_partner(client, login, outbox, make_grouping, eclat, jardins):
    grouping = make_grouping(eclat.org, {jardins.org: "accepted"})
    login(eclat.user)
    response = client.post(f"/groupements/{grouping.id}/partenaires/{jardins.org.id}/retirer", follow_redirects=True)
    assert "Jardins du Lauragais ne fait plus partie du groupement." in page_text(response)
    assert status_of(grouping, jardins.org) is None
    assert outbox[0].to == [jardins.user.email] and "Vous ne faites plus partie" in outbox[0].subject
    # The lead cannot remove itself; a stranger is not a partner.
    response = client.post(f"/groupements/{grouping.id}/partenaires/{eclat.org.id}/retirer", follow_redirects=True)
    assert "n'est pas partenaire du groupement" in page_text(response)


def test_editing_the_grouping(client, login, make_grouping, make_need, eclat, jardins):
    need = make_need()
    grouping = make_grouping(eclat.org, {jardins.org: "accepted"})
    login(eclat.user)
    page = client.get(f"/groupements/{grouping.id}/modifier")
    assert "Apport de Jardins du Lauragais" in page_text(page)
    response = client.post(f"/groupements/{grouping.id}/modifier", data={
        "name": "Nouveau nom", "description": "Ensemble", "need_id": str(need.id),
        "contributions-0-organisation_id": str(eclat.org.id), "contributions-0-contribution": "Lot 1 : nettoyage",
        "contributions-1-organisation_id": str(jardins.org.id), "contributions-1-contribution": "Lot 2",
    })
    assert response.status_code == 302
    db.session.expire_all()
    grouping = db.session.get(Grouping, grouping.id)
    assert (grouping.name, grouping.description, grouping.need_id) == ("Nouveau nom", "Ensemble", need.id)
    assert {m.organisation_id: m.contribution for m in grouping.members} == {
        eclat.org.id: "Lot 1 : nettoyage", jardins.org.id: "Lot 2"}
    html = client.get(f"/groupements/{grouping.id}").get_data(as_text=True)
    text = page_text(html)
    assert "Apport : Lot 2" in text and "Ce que le groupement couvre" in text
    assert "<li><strong>Lot 1 Nettoyage</strong> : Éclat Propreté <span" in html
    assert f'<a href="/besoins/{need.id}">« Entretien des lycées »</a>' in html
    response = client.post(f"/groupements/{grouping.id}/modifier", data={"name": ""})
    assert response.status_code == 200 and "Donnez un nom au groupement." in page_text(response)


def test_dissolving(client, login, outbox, make_grouping, make_need, eclat, jardins, peinture):
    need = make_need()
    grouping = make_grouping(eclat.org, {jardins.org: "accepted", peinture.org: "declined"}, need=need)
    services.declare_grouping_interest(eclat.user, grouping)
    db.session.commit()
    login(eclat.user)
    page = page_text(client.get(f"/groupements/{grouping.id}/dissoudre"))
    assert "restera au nom de votre seule structure" in page
    response = client.post(f"/groupements/{grouping.id}/dissoudre", follow_redirects=True)
    assert "est dissous" in page_text(response)
    assert db.session.scalar(select(Grouping)) is None
    assert [m.to for m in outbox] == [[jardins.user.email]]  # not the one that declined
    interest = db.session.get(Interest, (need.id, eclat.org.id))
    assert interest.kind == "interested" and interest.grouping_id is None


def test_interest_as_a_grouping_needs_an_accepted_partner(client, login, make_grouping, make_need, eclat, jardins):
    need = make_need()
    grouping = make_grouping(eclat.org, {jardins.org: "invited"}, need=need)
    login(eclat.user)
    text = page_text(client.get(f"/groupements/{grouping.id}"))
    assert "dès qu'un partenaire aura accepté" in text and "Déclarer l'intérêt du groupement" not in text
    response = client.post(f"/groupements/{grouping.id}/interet", data={"message": "Bonjour"}, follow_redirects=True)
    assert "Aucun partenaire n'a encore accepté" in page_text(response)
    assert db.session.scalar(select(Interest)) is None


def test_interest_as_a_grouping_is_seen_by_the_buyer(client, login, make_grouping, make_need, eclat, jardins,
                                                     buyer):
    need = make_need()
    grouping = make_grouping(eclat.org, {jardins.org: "accepted"}, need=need, name="Lycées propres")
    login(eclat.user)
    response = client.post(f"/groupements/{grouping.id}/interet", data={"message": "Nous répondons ensemble."},
                           follow_redirects=True)
    assert "Intérêt déclaré au nom du groupement" in page_text(response)
    assert "Le groupement a déclaré son intérêt" in page_text(response)
    [interest] = interests_for_need(need)
    assert (interest.organisation_id, interest.grouping_id, interest.message) == (
        eclat.org.id, grouping.id, "Nous répondons ensemble.")
    # The partner sees it too, without the buttons.
    login(jardins.user)
    text = page_text(client.get(f"/groupements/{grouping.id}"))
    assert "Le groupement a déclaré son intérêt" in text and "Retirer l'intérêt" not in text
    # The buyer sees the grouping among the answers.
    login(buyer.user)
    text = page_text(client.get(f"/besoins/{need.id}/fournisseurs?onglet=interets"))
    assert "En groupement : Lycées propres" in text and "Jardins du Lauragais" in text
    # The lead withdraws it.
    login(eclat.user)
    client.post(f"/groupements/{grouping.id}/interet/retirer")
    assert interests_for_need(need) == []
    response = client.post(f"/groupements/{grouping.id}/interet/retirer", follow_redirects=True)
    assert "n'avait pas déclaré d'intérêt" in page_text(response)


def test_interest_refused_for_a_reserved_need_with_an_ineligible_member(make_grouping, make_need, eclat, jardins,
                                                                        peinture):
    need = make_need(reservation="L2113-13")
    grouping = make_grouping(eclat.org, {jardins.org: "accepted", peinture.org: "accepted"}, need=need)
    try:
        services.declare_grouping_interest(eclat.user, grouping)
    except services.GroupingError as exc:
        assert "Couleurs Coopératives n'a pas le statut requis" in str(exc)
    else:
        raise AssertionError("an ineligible member must block the answer")
    assert db.session.scalar(select(Interest)) is None


def test_interest_refused_for_a_closed_need(client, login, make_grouping, make_need, eclat, jardins, buyer):
    from matchfair.needs import services as need_services

    need = make_need()
    grouping = make_grouping(eclat.org, {jardins.org: "accepted"}, need=need)
    need_services.close_need(buyer.user, need)
    db.session.commit()
    login(eclat.user)
    assert "Ce besoin n'est plus ouvert" in page_text(client.get(f"/groupements/{grouping.id}"))
    response = client.post(f"/groupements/{grouping.id}/interet", data={}, follow_redirects=True)
    assert "n'est plus ouvert" in page_text(response)
    assert db.session.scalar(select(Interest)) is None
