"""The facilitator's journey on one need, through the pages: offer, the buyer accepts, proposal of
1 200 hours with its working, adoption into the need, award (the needs' own page), hours recorded
month by month and structure by structure, progress on the three sides; invitation by the buyer;
one active facilitator per need; decline and end; bad input refused next to the field; e-mails."""
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from matchfair.clauses.models import ClauseProposal, ClauseSupport, InsertionHours, SupportStatus
from matchfair.extensions import db
from matchfair.needs.models import Need

from .conftest import (
    ISSUE_PROPOSAL,
    add_hours,
    add_proposal,
    add_support,
    award_earlier,
    months_ago,
    text_of,
    this_month,
)


def page_of(client, need) -> str:
    response = client.get(f"/besoins/{need.id}/clause-sociale")
    assert response.status_code == 200
    return text_of(response)


def error_next_to(page: str, field: str) -> str:
    marker = f'id="{field}-error"'
    assert marker in page, f"no error shown next to {field}"
    return page.split(marker)[1].split("</small>")[0]


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def hours_form(period, structure, hours, comment=""):
    return {"period": period.strftime("%Y-%m") if hasattr(period, "strftime") else period,
            "structure": str(structure.id) if hasattr(structure, "id") else structure,
            "hours": str(hours), "comment": comment}


# --- The whole journey ---------------------------------------------------------------------------------

def test_offer_accept_propose_adopt_award_record_and_progress_on_three_sides(
        client, login, outbox, buyer, winner, geiq, plie, make_need):
    need = make_need(social_clause="none", title="Nettoyage des lycées de la Haute-Garonne")

    # The facilitator offers its help; the buyer is told.
    login(plie.user)
    assert "Proposer mon aide" in page_of(client, need)
    response = client.post(f"/besoins/{need.id}/clause-sociale/aide",
                           data={"message": "Nous pouvons vous aider à calibrer la clause."}, follow_redirects=True)
    assert "Votre proposition d'aide est envoyée à l'acheteur." in text_of(response)
    assert [m.to for m in outbox] == [[buyer.user.email]]
    assert "PLIE Garonne Emploi propose son aide" in outbox[0].subject
    assert f"/besoins/{need.id}/clause-sociale" in outbox[0].body

    # The buyer accepts; the facilitator is told.
    login(buyer.user)
    page = page_of(client, need)
    assert "PLIE Garonne Emploi propose son aide" in page and "Nous pouvons vous aider à calibrer" in page
    support = db.session.scalar(select(ClauseSupport).where(ClauseSupport.need_id == need.id))
    response = client.post(f"/clause-sociale/accompagnements/{support.id}/accepter", follow_redirects=True)
    assert "Aide de PLIE Garonne Emploi acceptée." in text_of(response)
    assert outbox[1].to == [plie.user.email] and "Région Occitanie accepte votre aide" in outbox[1].subject

    # The facilitator proposes 1 200 hours (2 400 000 € × 80 % ÷ 32 €/h × 2 %).
    login(plie.user)
    assert "Calculer et proposer à l'acheteur" in page_of(client, need)
    response = client.post(f"/besoins/{need.id}/clause-sociale/proposition",
                           data=dict(ISSUE_PROPOSAL, comment="Le nettoyage demande beaucoup de main-d'œuvre."),
                           follow_redirects=True)
    assert "Proposition envoyée à l'acheteur : 1 200 heures d'insertion." in text_of(response)
    proposal = db.session.scalar(select(ClauseProposal))
    assert (proposal.amount_eur, proposal.labour_share_pct, proposal.hourly_cost_cents,
            proposal.insertion_rate_tenths, proposal.hours) == (2_400_000, 80, 3200, 20, 1200)

    # The buyer sees the working and adopts it.
    login(buyer.user)
    page = page_of(client, need)
    assert "2 400 000 € × 80 % de main-d'œuvre = 1 920 000 €" in page
    assert "1 920 000 € ÷ 32 € de l'heure = 60 000 heures de travail" in page
    assert "60 000 heures × 2 % réservés à l'insertion" in page
    assert "1 200 heures d'insertion" in page
    assert "Le nettoyage demande beaucoup de main-d'œuvre." in page
    response = client.post(f"/clause-sociale/propositions/{proposal.id}/adopter", follow_redirects=True)
    assert "C'est adopté : le besoin porte maintenant 1 200 heures d'insertion." in text_of(response)
    db.session.expire_all()
    need = db.session.get(Need, need.id)
    assert need.insertion_hours == 1200 and need.social_clause == "execution"
    assert db.session.get(ClauseProposal, proposal.id).adopted_by_id == buyer.user.id
    assert "Adopté par l'acheteur le" in page_of(client, need)

    # The buyer awards the need on the needs' own page.
    response = client.post(f"/besoins/{need.id}/attribuer",
                           data={"organisation_name": "Éclat Propreté Insertion", "amount_eur": "2 300 000"})
    assert response.status_code == 302
    db.session.expire_all()
    need = db.session.get(Need, need.id)
    assert need.status == "awarded" and need.awarded_organisation_id == winner.org.id
    award_earlier(need, 3)  # so that two past months can be recorded
    before_last, last = months_ago(2), months_ago(1)

    # The facilitator records two months for two structures, then corrects one.
    login(plie.user)
    page = page_of(client, need)
    assert "Saisir des heures" in page
    structures = page.split('name="structure"')[1].split("</select>")[0]
    assert structures.index("Éclat Propreté Insertion") < structures.index("GEIQ Propreté Occitanie")
    for period, structure, hours in ((before_last, winner.org, 100), (before_last, geiq.org, 50),
                                     (last, winner.org, 120), (last, geiq.org, 60)):
        response = client.post(f"/besoins/{need.id}/clause-sociale/heures", data=hours_form(period, structure, hours),
                               follow_redirects=True)
        assert f"Heures enregistrées pour {structure.name}." in text_of(response)
    response = client.post(f"/besoins/{need.id}/clause-sociale/heures", data=hours_form(last, winner.org, 130),
                           follow_redirects=True)
    assert "Heures mises à jour pour Éclat Propreté Insertion." in text_of(response)
    assert count(InsertionHours) == 4
    assert sorted(db.session.scalars(select(InsertionHours.hours))) == [50, 60, 100, 130]

    # 100 + 50 + 130 + 60 = 340 of 1 200 (28 %), 860 left; the same on the three sides.
    for user in (plie.user, buyer.user, winner.user):
        login(user)
        page = page_of(client, need)
        assert "340 heures réalisées sur 1 200 dues" in page, user
        assert "(28 %)" in page and "Reste 860 heures." in page
        assert '<progress value="340" max="1200"' in page
        by_structure = page.split("Par structure")[1].split("</table>")[0]
        assert "<td>Éclat Propreté Insertion</td><td>230</td>" in by_structure
        assert "<td>GEIQ Propreté Occitanie</td><td>110</td>" in by_structure
    login(plie.user)
    board = text_of(client.get("/facilitateur"))
    assert "340 sur 1 200 (28 %)" in board
    login(winner.user)
    dashboard = text_of(client.get("/organisation"))
    assert "Vos marchés avec des heures d'insertion" in dashboard
    assert "340 heures réalisées sur 1 200" in dashboard


def test_the_proposal_form_starts_from_the_estimated_amount_then_the_last_proposal(
        client, login, buyer, plie, need):
    support = add_support(need, plie.org, by=buyer.user)
    login(plie.user)
    page = page_of(client, need)
    assert 'name="amount_eur" ' in page and 'value="2400000"' in page.split('name="amount_eur"')[1][:200]
    add_proposal(support, amount=180_000, share=60, cost_cents=2850, rate_tenths=75)
    page = page_of(client, need)
    assert 'value="28,5"' in page and 'value="7,5"' in page


def test_a_new_proposal_replaces_the_older_one_for_adoption(client, login, buyer, plie, need):
    support = add_support(need, plie.org, by=buyer.user)
    old = add_proposal(support, rate_tenths=10)
    new = add_proposal(support, rate_tenths=20)
    login(buyer.user)
    page = page_of(client, need)
    assert "Adopter : fixer 1 200 heures d'insertion dans le besoin" in page
    assert "Propositions précédentes" in page
    response = client.post(f"/clause-sociale/propositions/{old.id}/adopter", follow_redirects=True)
    assert "Une proposition plus récente existe" in text_of(response)
    db.session.refresh(need)
    assert need.insertion_hours is None
    client.post(f"/clause-sociale/propositions/{new.id}/adopter")
    db.session.refresh(need)
    assert need.insertion_hours == 1200


def test_an_awarded_need_keeps_its_hours(client, login, buyer, winner, plie, make_need):
    need = make_need("awarded", winner=winner.org, insertion_hours=900)
    support = add_support(need, plie.org, by=buyer.user)
    proposal = add_proposal(support)
    login(buyer.user)
    assert "Adopter : fixer" not in page_of(client, need)
    response = client.post(f"/clause-sociale/propositions/{proposal.id}/adopter", follow_redirects=True)
    assert "Le besoin est attribué : les heures dues ne changent plus." in text_of(response)
    db.session.refresh(need)
    assert need.insertion_hours == 900


def test_a_proposal_of_an_ended_facilitator_cannot_be_adopted(client, login, buyer, plie, need):
    support = add_support(need, plie.org, by=buyer.user)
    proposal = add_proposal(support)
    support.status = SupportStatus.ENDED
    db.session.commit()
    login(buyer.user)
    response = client.post(f"/clause-sociale/propositions/{proposal.id}/adopter", follow_redirects=True)
    assert "Ce facilitateur n'accompagne plus ce besoin." in text_of(response)
    db.session.refresh(need)
    assert need.insertion_hours is None


# --- Invitation ---------------------------------------------------------------------------------------

def test_the_buyer_is_offered_only_the_facilitators_covering_the_department(
        client, login, buyer, plie, neighbour, tarn, need):
    login(buyer.user)
    page = page_of(client, need)
    choices = page.split('name="facilitator"')[1].split("</select>")[0]
    assert "PLIE Garonne Emploi" in choices and "Maison de l'emploi du Grand Toulouse" in choices
    assert "Maison de l'emploi du Tarn" not in choices


def test_without_a_facilitator_covering_the_department_the_buyer_is_told(client, login, buyer, tarn, need):
    login(buyer.user)
    page = page_of(client, need)
    assert "Aucun facilitateur de clauses sociales inscrit ne couvre encore ce département." in page
    assert 'name="facilitator"' not in page


def test_the_buyer_invites_a_facilitator(client, login, outbox, buyer, plie, need):
    login(buyer.user)
    response = client.post(f"/besoins/{need.id}/clause-sociale/inviter",
                           data={"facilitator": str(plie.org.id), "message": "Pouvez-vous nous aider ?"},
                           follow_redirects=True)
    assert "PLIE Garonne Emploi est invité à vous accompagner." in text_of(response)
    row = db.session.scalar(select(ClauseSupport))
    assert (row.facilitator_id, row.status, row.message) == (plie.org.id, SupportStatus.ACTIVE,
                                                             "Pouvez-vous nous aider ?")
    assert [m.to for m in outbox] == [[plie.user.email]]
    assert "Région Occitanie vous invite à accompagner la clause sociale" in outbox[0].subject
    page = page_of(client, need)
    assert "PLIE Garonne Emploi vous accompagne depuis le" in page
    login(plie.user)
    assert "Calculer et proposer à l'acheteur" in page_of(client, need)


@pytest.mark.parametrize("tampered, message", [
    ("tarn", "Ce facilitateur ne couvre pas le département du besoin."),
    ("sse", "Choisissez un facilitateur de la liste."),
    ("999999", "Choisissez un facilitateur de la liste."),
    ("abc", "Choisissez un facilitateur de la liste."),
])
def test_a_tampered_facilitator_is_refused_next_to_the_field(client, login, outbox, buyer, plie, tarn, sse, need,
                                                              tampered, message):
    value = {"tarn": str(tarn.org.id), "sse": str(sse.org.id)}.get(tampered, tampered)
    login(buyer.user)
    response = client.post(f"/besoins/{need.id}/clause-sociale/inviter", data={"facilitator": value})
    assert response.status_code == 400
    assert message in error_next_to(text_of(response), "facilitator")
    assert count(ClauseSupport) == 0
    assert outbox == []


def test_an_invitation_without_a_choice_is_refused_next_to_the_field(client, login, outbox, buyer, plie, need):
    login(buyer.user)
    response = client.post(f"/besoins/{need.id}/clause-sociale/inviter", data={"facilitator": ""})
    assert response.status_code == 400
    assert "Choisissez un facilitateur." in error_next_to(text_of(response), "facilitator")
    assert count(ClauseSupport) == 0 and outbox == []


def test_an_invitation_message_too_long_is_refused(client, login, outbox, buyer, plie, need):
    login(buyer.user)
    response = client.post(f"/besoins/{need.id}/clause-sociale/inviter",
                           data={"facilitator": str(plie.org.id), "message": "x" * 1001})
    assert response.status_code == 400
    assert "message-error" in response.get_data(as_text=True)
    assert count(ClauseSupport) == 0 and outbox == []


def test_a_facilitator_that_declined_can_be_invited_again(client, login, buyer, plie, need):
    row = add_support(need, plie.org, SupportStatus.DECLINED)
    login(buyer.user)
    client.post(f"/besoins/{need.id}/clause-sociale/inviter", data={"facilitator": str(plie.org.id)})
    db.session.refresh(row)
    assert row.status == SupportStatus.ACTIVE and count(ClauseSupport) == 1


# --- One active facilitator per need --------------------------------------------------------------------

def test_accepting_a_second_facilitator_is_refused_while_one_is_active(
        client, login, outbox, buyer, plie, neighbour, need):
    add_support(need, plie.org, by=buyer.user)
    offer = add_support(need, neighbour.org, SupportStatus.OFFERED)
    login(buyer.user)
    response = client.post(f"/clause-sociale/accompagnements/{offer.id}/accepter", follow_redirects=True)
    assert ("PLIE Garonne Emploi vous accompagne déjà sur ce besoin : mettez fin à son accompagnement avant "
            "d'en choisir un autre.") in text_of(response)
    db.session.refresh(offer)
    assert offer.status == SupportStatus.OFFERED
    assert count_active(need) == 1
    assert outbox == []  # the refused transaction sends nothing


def test_inviting_a_second_facilitator_is_refused_while_one_is_active(
        client, login, outbox, buyer, plie, neighbour, need):
    add_support(need, plie.org, by=buyer.user)
    login(buyer.user)
    page = page_of(client, need)
    assert "Inviter ce facilitateur" not in page
    response = client.post(f"/besoins/{need.id}/clause-sociale/inviter",
                           data={"facilitator": str(neighbour.org.id)}, follow_redirects=True)
    assert "PLIE Garonne Emploi vous accompagne déjà sur ce besoin" in text_of(response)
    assert count_active(need) == 1 and count(ClauseSupport) == 1
    assert outbox == []


def test_after_ending_the_help_another_facilitator_can_be_accepted(client, login, buyer, plie, neighbour, need):
    active = add_support(need, plie.org, by=buyer.user)
    offer = add_support(need, neighbour.org, SupportStatus.OFFERED)
    login(buyer.user)
    client.post(f"/clause-sociale/accompagnements/{active.id}/terminer")
    client.post(f"/clause-sociale/accompagnements/{offer.id}/accepter")
    db.session.expire_all()
    assert db.session.get(ClauseSupport, offer.id).status == SupportStatus.ACTIVE
    assert db.session.get(ClauseSupport, active.id).status == SupportStatus.ENDED
    assert count_active(need) == 1


def count_active(need) -> int:
    return db.session.scalar(select(func.count()).select_from(ClauseSupport).where(
        ClauseSupport.need_id == need.id, ClauseSupport.status == SupportStatus.ACTIVE))


def test_the_database_refuses_a_second_active_facilitator(plie, neighbour, need):
    """DESIGN.md: concurrency is the database's job (unique constraints), not a check-then-insert in
    Python. Two buyer members accepting two offers at the same moment must not leave a need with two
    active facilitators: the database itself refuses the second active row."""
    add_support(need, plie.org)
    db.session.add(ClauseSupport(need_id=need.id, facilitator_id=neighbour.org.id, status=SupportStatus.ACTIVE))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


# --- Offer, decline, end -------------------------------------------------------------------------------------

def test_offering_twice_is_refused_without_a_second_mail(client, login, outbox, buyer, plie, need):
    login(plie.user)
    client.post(f"/besoins/{need.id}/clause-sociale/aide", data={})
    assert len(outbox) == 1
    page = page_of(client, need)
    assert "l'acheteur ne vous a pas encore répondu" in page and "Retirer ma proposition" in page
    response = client.post(f"/besoins/{need.id}/clause-sociale/aide", data={}, follow_redirects=True)
    assert "Votre aide est déjà proposée pour ce besoin." in text_of(response)
    assert len(outbox) == 1 and count(ClauseSupport) == 1


def test_the_buyer_declines_an_offer(client, login, outbox, buyer, plie, need):
    offer = add_support(need, plie.org, SupportStatus.OFFERED)
    login(buyer.user)
    response = client.post(f"/clause-sociale/accompagnements/{offer.id}/decliner", follow_redirects=True)
    assert "Aide de PLIE Garonne Emploi déclinée." in text_of(response)
    db.session.refresh(offer)
    assert offer.status == SupportStatus.DECLINED and offer.decided_by_id == buyer.user.id
    assert [m.to for m in outbox] == [[plie.user.email]]
    assert "Région Occitanie décline votre aide" in outbox[0].subject
    # Answering again is refused, without a mail.
    response = client.post(f"/clause-sociale/accompagnements/{offer.id}/accepter", follow_redirects=True)
    assert "Cette proposition d'aide a déjà reçu une réponse." in text_of(response)
    assert len(outbox) == 1
    # The facilitator is told on the page and may offer again.
    login(plie.user)
    page = page_of(client, need)
    assert "L'acheteur a décliné votre précédente proposition d'aide." in page
    client.post(f"/besoins/{need.id}/clause-sociale/aide", data={})
    db.session.refresh(offer)
    assert offer.status == SupportStatus.OFFERED and len(outbox) == 2


def test_the_buyer_ends_the_help(client, login, outbox, buyer, plie, need):
    support = add_support(need, plie.org, by=buyer.user)
    login(buyer.user)
    response = client.post(f"/clause-sociale/accompagnements/{support.id}/terminer", follow_redirects=True)
    assert "L'accompagnement est terminé." in text_of(response)
    db.session.refresh(support)
    assert support.status == SupportStatus.ENDED
    assert [m.to for m in outbox] == [[plie.user.email]]
    assert "Fin de l'accompagnement de la clause sociale" in outbox[0].subject
    # The facilitator can no longer propose.
    login(plie.user)
    assert "Calculer et proposer à l'acheteur" not in page_of(client, need)
    client.post(f"/besoins/{need.id}/clause-sociale/proposition", data=ISSUE_PROPOSAL)
    assert count(ClauseProposal) == 0


def test_the_facilitator_ends_the_help_and_the_buyer_is_told(client, login, outbox, buyer, plie, need):
    support = add_support(need, plie.org, by=buyer.user)
    login(plie.user)
    client.post(f"/clause-sociale/accompagnements/{support.id}/terminer")
    db.session.refresh(support)
    assert support.status == SupportStatus.ENDED
    assert [m.to for m in outbox] == [[buyer.user.email]]
    assert "Fin de l'accompagnement de la clause sociale" in outbox[0].subject
    # Ending again is refused, without a mail.
    response = client.post(f"/clause-sociale/accompagnements/{support.id}/terminer", follow_redirects=True)
    assert "Cet accompagnement est déjà terminé." in text_of(response)
    assert len(outbox) == 1


def test_the_offer_mail_goes_to_the_buyer_admins_when_the_author_left(client, login, outbox, buyer, plie, need):
    from matchfair.organisations.models import Membership
    from tests import factories

    colleague = factories.MembershipFactory(organisation=buyer.org, user__full_name="Dominique Admin").user
    db.session.delete(db.session.get(Membership, (buyer.user.id, buyer.org.id)))
    db.session.commit()
    login(plie.user)
    client.post(f"/besoins/{need.id}/clause-sociale/aide", data={})
    assert [m.to for m in outbox] == [[colleague.email]]


# --- Bad input, next to the field, nothing saved ---------------------------------------------------------

@pytest.mark.parametrize("field, value, message", [
    ("hourly_cost_cents", "abc", "Indiquez un nombre, avec au plus deux chiffres après la virgule."),
    ("hourly_cost_cents", "5", "Indiquez un coût horaire entre 10 et 500 €."),
    ("insertion_rate_tenths", "0", "Indiquez un taux entre 0,1 et 100 %."),
    ("insertion_rate_tenths", "2,55", "Indiquez un nombre, avec au plus un chiffre après la virgule."),
    ("labour_share_pct", "101", "Indiquez un pourcentage entre 1 et 100."),
    ("labour_share_pct", "", "Indiquez la part de main-d'œuvre."),
    ("amount_eur", "500", "Indiquez un montant entre 1 000 et 2 000 000 000 €."),
])
def test_a_bad_proposal_is_refused_next_to_the_field(client, login, buyer, plie, need, field, value, message):
    add_support(need, plie.org, by=buyer.user)
    login(plie.user)
    response = client.post(f"/besoins/{need.id}/clause-sociale/proposition", data=dict(ISSUE_PROPOSAL, **{field: value}))
    assert response.status_code == 400
    page = text_of(response)
    assert message in error_next_to(page, field)
    assert f'value="{value}"' in page.split(f'name="{field}"')[1][:300] or not value  # the input is kept
    assert count(ClauseProposal) == 0


def test_french_decimals_are_understood(client, login, buyer, plie, need):
    add_support(need, plie.org, by=buyer.user)
    login(plie.user)
    client.post(f"/besoins/{need.id}/clause-sociale/proposition",
                data={"amount_eur": "100 000", "labour_share_pct": "50", "hourly_cost_cents": "31,25 €",
                      "insertion_rate_tenths": "7,5 %"})
    proposal = db.session.scalar(select(ClauseProposal))
    assert (proposal.hourly_cost_cents, proposal.insertion_rate_tenths, proposal.hours) == (3125, 75, 120)


@pytest.fixture
def awarded(buyer, winner, plie, make_need):
    """A need awarded about three months ago to `winner`, 1 200 hours due, the PLIE helping."""
    need = make_need("awarded", winner=winner.org, insertion_hours=1200)
    award_earlier(need, 3)
    add_support(need, plie.org, by=buyer.user)
    return need


@pytest.mark.parametrize("field, data, message", [
    ("hours", {"hours": "0"}, "Indiquez un nombre d'heures entre 1 et 1 000 000."),
    ("hours", {"hours": "-4"}, None),
    ("hours", {"hours": ""}, "Indiquez le nombre d'heures."),
    ("period", {"period": "future"}, "Ce mois n'a pas encore commencé."),
    ("period", {"period": "before"}, "Ce mois est antérieur à l'attribution du besoin."),
    ("period", {"period": "2027-13"}, "Indiquez un mois, par exemple 2027-03."),
    ("period", {"period": ""}, "Indiquez le mois."),
    ("structure", {"structure": "tarn"}, "Choisissez la structure dans la liste."),
    ("structure", {"structure": ""}, "Choisissez la structure."),
])
def test_bad_hours_are_refused_next_to_the_field(client, login, plie, winner, make_company, awarded, field, data,
                                                 message):
    from datetime import timedelta

    far_away = make_company("Ressourcerie du Tarn", department="81", area_departments=["81"])
    values = {"future": (this_month() + timedelta(days=32)).strftime("%Y-%m"),
              "before": months_ago(6).strftime("%Y-%m"), "tarn": str(far_away.org.id)}
    form = hours_form(months_ago(1), winner.org, 10)
    form.update({k: values.get(v, v) for k, v in data.items()})
    login(plie.user)
    response = client.post(f"/besoins/{awarded.id}/clause-sociale/heures", data=form)
    assert response.status_code == 400
    error = error_next_to(text_of(response), field)
    if message:
        assert message in error
    assert count(InsertionHours) == 0


def test_the_current_month_and_the_award_month_are_accepted(client, login, plie, winner, awarded):
    login(plie.user)
    award_month = awarded.awarded_at.date().replace(day=1)
    for period in (award_month, this_month()):
        response = client.post(f"/besoins/{awarded.id}/clause-sociale/heures", data=hours_form(period, winner.org, 8))
        assert response.status_code == 302, period
    assert sorted(db.session.scalars(select(InsertionHours.period))) == sorted({award_month, this_month()})


def test_hours_are_recorded_only_once_the_need_is_awarded(client, login, buyer, plie, winner, need):
    add_support(need, plie.org, by=buyer.user)
    login(plie.user)
    page = page_of(client, need)
    assert "Le suivi des heures commence quand le besoin est attribué." in page
    assert "Saisir des heures" not in page
    response = client.post(f"/besoins/{need.id}/clause-sociale/heures",
                           data=hours_form(this_month(), winner.org, 10))
    assert response.status_code == 400
    assert count(InsertionHours) == 0


def test_a_structure_of_the_territory_that_is_not_an_insertion_structure_is_refused(
        client, login, plie, sse, awarded):
    login(plie.user)
    page = page_of(client, awarded)
    assert "Les Jardins du Comminges" not in page.split('name="structure"')[1].split("</select>")[0]
    response = client.post(f"/besoins/{awarded.id}/clause-sociale/heures", data=hours_form(months_ago(1), sse.org, 5))
    assert response.status_code == 400
    assert "Choisissez la structure dans la liste." in error_next_to(text_of(response), "structure")
    assert count(InsertionHours) == 0


def test_the_facilitator_withdraws_a_row(client, login, plie, winner, awarded):
    row = add_hours(awarded, plie.org, winner.org, months_ago(1), 42)
    login(plie.user)
    assert "Retirer la saisie de" in page_of(client, awarded)
    response = client.post(f"/clause-sociale/heures/{row.id}/supprimer", follow_redirects=True)
    assert "Saisie retirée." in text_of(response)
    assert count(InsertionHours) == 0


def test_progress_without_hours_due(client, login, buyer, plie, winner, make_need):
    need = make_need("awarded", winner=winner.org, social_clause="none")
    add_support(need, plie.org, by=buyer.user)
    add_hours(need, plie.org, winner.org, this_month(), 15)
    login(buyer.user)
    assert "15 heures réalisées ; aucun nombre d'heures dues n'est fixé dans le besoin." in page_of(client, need)


def test_the_target_reached_is_said(client, login, buyer, plie, winner, make_need):
    need = make_need("awarded", winner=winner.org, insertion_hours=20)
    add_support(need, plie.org, by=buyer.user)
    add_hours(need, plie.org, winner.org, this_month(), 25)
    login(winner.user)
    page = page_of(client, need)
    assert "25 heures réalisées sur 20 dues" in page and "L'objectif est atteint." in page
    assert '<progress value="20" max="20"' in page


# --- Notes -----------------------------------------------------------------------------------------------

def test_the_facilitator_adds_and_deletes_a_note(client, login, plie, need):
    login(plie.user)
    response = client.post(f"/besoins/{need.id}/clause-sociale/notes", data={"body": "  Appeler l'acheteuse  "},
                           follow_redirects=True)
    page = text_of(response)
    assert "Note enregistrée." in page and "<p>Appeler l'acheteuse</p>" in page
    from matchfair.clauses.models import FacilitatorNote

    note = db.session.scalar(select(FacilitatorNote))
    response = client.post(f"/clause-sociale/notes/{note.id}/supprimer", follow_redirects=True)
    assert "Note supprimée." in text_of(response)
    assert count(FacilitatorNote) == 0


def test_an_empty_note_is_refused_next_to_the_field(client, login, plie, need):
    from matchfair.clauses.models import FacilitatorNote

    login(plie.user)
    response = client.post(f"/besoins/{need.id}/clause-sociale/notes", data={"body": "   "})
    assert response.status_code == 400
    assert "Écrivez la note." in error_next_to(text_of(response), "body")
    assert count(FacilitatorNote) == 0


def test_a_note_is_escaped(client, login, plie, need):
    login(plie.user)
    client.post(f"/besoins/{need.id}/clause-sociale/notes", data={"body": "<script>alert(1)</script>"})
    raw = client.get(f"/besoins/{need.id}/clause-sociale").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


def test_a_facilitator_whose_help_ended_cannot_withdraw_the_hours(client, login, buyer, plie, winner, awarded):
    """The hours are the buyer's record of the contract: once the buyer ended the help, the former
    facilitator no longer records them (record_hours needs an active help) and the page no longer
    offers "Retirer"; the server must refuse the withdrawal too."""
    row = add_hours(awarded, plie.org, winner.org, months_ago(1), 42)
    support = db.session.scalar(select(ClauseSupport).where(ClauseSupport.need_id == awarded.id))
    support.status = SupportStatus.ENDED
    db.session.commit()
    login(plie.user)
    assert "Retirer la saisie de" not in page_of(client, awarded)
    response = client.post(f"/clause-sociale/heures/{row.id}/supprimer")
    assert response.status_code == 404
    assert db.session.get(InsertionHours, row.id) is not None


def test_a_facilitator_that_left_the_territory_cannot_withdraw_the_hours(client, login, buyer, plie, winner, awarded):
    """Once neither helping nor covering the department, the facilitator gets 404 on the need's page;
    it must not be able to delete the hours it recorded there either."""
    from matchfair.organisations.models import OrganisationArea

    row = add_hours(awarded, plie.org, winner.org, months_ago(1), 42)
    support = db.session.scalar(select(ClauseSupport).where(ClauseSupport.need_id == awarded.id))
    support.status = SupportStatus.ENDED
    plie.org.areas = [OrganisationArea(kind="department", code="81")]
    db.session.commit()
    login(plie.user)
    assert client.get(f"/besoins/{awarded.id}/clause-sociale").status_code == 404
    assert client.post(f"/clause-sociale/heures/{row.id}/supprimer").status_code == 404
    assert db.session.get(InsertionHours, row.id) is not None


def test_deleting_a_draft_deletes_its_clause_rows(client, login, buyer, plie, make_need):
    from matchfair.clauses.models import FacilitatorNote

    from .conftest import add_note

    draft = make_need("draft", title="Brouillon accompagné")
    support = add_support(draft, plie.org, by=buyer.user)
    add_proposal(support)
    add_note(draft, plie.org, plie.user, "Note sur un brouillon")
    login(buyer.user)
    response = client.post(f"/besoins/{draft.id}/supprimer", follow_redirects=True)
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Need, draft.id) is None
    assert (count(ClauseSupport), count(ClauseProposal), count(FacilitatorNote)) == (0, 0, 0)


# --- What adoption writes into the need stays valid for the need ---------------------------------------------

def test_adopting_on_a_need_with_an_award_criterion_keeps_the_need_valid(client, login, buyer, plie, make_need):
    """The needs' rules allow insertion hours only with an execution clause (needs/rules.py check):
    adopting hours on a need whose social clause is an award criterion must not leave the need in a
    state its own form refuses (the buyer could no longer save it unchanged)."""
    from matchfair.needs import rules

    need = make_need(social_clause="award")
    proposal = add_proposal(add_support(need, plie.org, by=buyer.user))
    login(buyer.user)
    client.post(f"/clause-sociale/propositions/{proposal.id}/adopter")
    db.session.expire_all()
    need = db.session.get(Need, need.id)
    assert rules.check(rules.need_as_data(need)) == []


@pytest.mark.parametrize("figures, engine_args, hours", [
    # 1 000 € × 1 % ÷ 500 €/h × 0,1 % = 0,00002 hour: rounded to 0.
    ({"amount_eur": "1000", "labour_share_pct": "1", "hourly_cost_cents": "500", "insertion_rate_tenths": "0,1"},
     (1000, 1, 50000, 1), 0),
    # 2 000 000 000 € × 100 % ÷ 10 €/h × 100 % = 200 000 000 hours.
    ({"amount_eur": "2000000000", "labour_share_pct": "100", "hourly_cost_cents": "10",
      "insertion_rate_tenths": "100"}, (2_000_000_000, 100, 1000, 1000), 200_000_000),
])
def test_a_calibration_outside_the_needs_hour_range_is_not_proposed(client, login, buyer, plie, need, figures,
                                                                    engine_args, hours):
    """The need's form takes 1 to 1 000 000 insertion hours (needs/forms.py): a proposal whose result
    falls outside could be adopted into a need that its own form then refuses."""
    from matchfair.engine.clauses import calibrate

    assert calibrate(*engine_args).hours == hours  # the form accepts each figure on its own
    add_support(need, plie.org, by=buyer.user)
    login(plie.user)
    response = client.post(f"/besoins/{need.id}/clause-sociale/proposition", data=figures)
    assert response.status_code in (302, 400)
    assert count(ClauseProposal) == 0


def test_the_invited_facilitator_on_a_draft_has_no_dead_link_to_the_need(client, login, buyer, plie, make_need):
    """The clause page links the need's title to its page; the facilitator the buyer invited on a
    draft must not be sent to a 404 (either it may read the draft, or no link is shown)."""
    draft = make_need("draft", title="Brouillon accompagné")
    add_support(draft, plie.org, by=buyer.user)
    login(plie.user)
    page = page_of(client, draft)
    if f'href="/besoins/{draft.id}"' in page:
        assert client.get(f"/besoins/{draft.id}").status_code == 200
