"""Every route of the social-clause pages for every kind of visitor (access.py's rules): anonymous
visitors log in first; SSE companies, other buyers and facilitators outside the territory get 404;
a facilitator of the territory sees and offers but neither proposes nor records hours until the
buyer accepts it; the buyer decides; the winner reads the progress of the hours once awarded; a
facilitator's notes are its own, and its proposals and hours are read by the buyer (and the winner
for the hours) only. Drafts stay hidden from facilitators unless the buyer made them active."""
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from matchfair.clauses.models import ClauseProposal, ClauseSupport, FacilitatorNote, InsertionHours, SupportStatus
from matchfair.extensions import db
from matchfair.needs.models import Need

from .conftest import (
    ISSUE_PROPOSAL,
    add_hours,
    add_note,
    add_proposal,
    add_support,
    text_of,
    this_month,
)

PLIE_NOTE = "Note du PLIE : trois SIAE de propreté du Comminges à prévenir"
PLIE_NOTE_AWARDED = "Note du PLIE sur le marché attribué : relancer le titulaire en mars"
NEIGHBOUR_NOTE = "Note de la Maison de l'emploi : rendez-vous avec l'acheteuse"
PROPOSAL_COMMENT = "Commentaire de calibrage du PLIE : la propreté demande beaucoup de main-d'œuvre"

ENDPOINTS = {"board_page", "need", "offer", "invite", "answer", "end", "propose", "adopt", "add_note",
             "delete_note", "record_hours", "delete_hours", "hours_csv"}


@pytest.fixture
def world(buyer, other_buyer, winner, sse, geiq, plie, neighbour, tarn, make_facilitator, make_need):
    """P: the published need, the PLIE helping with a proposal and a note, another facilitator's
    offer waiting; A: a need awarded to `winner`, the PLIE helping, hours recorded, a note; D: a
    draft nobody helps on; E: a draft on which the buyer invited the PLIE."""
    offerer = make_facilitator("Maison de l'emploi du Muretain", ("31",))
    published = make_need(title="Nettoyage des lycées de la Haute-Garonne")
    awarded = make_need("awarded", winner=winner.org, title="Nettoyage des collèges de la Haute-Garonne")
    draft = make_need("draft", title="Entretien des espaces verts des lycées")
    invited_draft = make_need("draft", title="Nettoyage des internats")
    support_p = add_support(published, plie.org, by=buyer.user)
    offered_p = add_support(published, offerer.org, SupportStatus.OFFERED, by=offerer.user, message="Bonjour")
    support_a = add_support(awarded, plie.org, by=buyer.user)
    add_support(invited_draft, plie.org, by=buyer.user)
    proposal = add_proposal(support_p, comment=PROPOSAL_COMMENT)
    note = add_note(published, plie.org, plie.user, PLIE_NOTE)
    add_note(awarded, plie.org, plie.user, PLIE_NOTE_AWARDED)
    add_note(published, neighbour.org, neighbour.user, NEIGHBOUR_NOTE)
    hours = add_hours(awarded, plie.org, geiq.org, this_month(), 37)
    people = {"sse": sse.user, "other_buyer": other_buyer.user, "tarn": tarn.user, "neighbour": neighbour.user,
              "buyer": buyer.user, "winner": winner.user, "plie": plie.user}
    return SimpleNamespace(
        published=published, awarded=awarded, draft=draft, invited_draft=invited_draft, support_p=support_p,
        offered_p=offered_p, support_a=support_a, proposal=proposal, note=note, hours=hours, people=people,
        plie=plie, neighbour=neighbour, winner=winner, geiq=geiq, buyer=buyer, offerer=offerer)


def requests_of(w) -> dict:
    """Every route of the blueprint: endpoint -> (method, url, form data)."""
    p, a = w.published.id, w.awarded.id
    return {
        "board_page": ("GET", "/facilitateur", None),
        "need": ("GET", f"/besoins/{p}/clause-sociale", None),
        "offer": ("POST", f"/besoins/{p}/clause-sociale/aide", {"message": "Je peux aider"}),
        "invite": ("POST", f"/besoins/{p}/clause-sociale/inviter", {"facilitator": str(w.neighbour.org.id)}),
        "answer": ("POST", f"/clause-sociale/accompagnements/{w.offered_p.id}/decliner", {}),
        "end": ("POST", f"/clause-sociale/accompagnements/{w.support_p.id}/terminer", {}),
        "propose": ("POST", f"/besoins/{p}/clause-sociale/proposition", dict(ISSUE_PROPOSAL, insertion_rate_tenths="5")),
        "adopt": ("POST", f"/clause-sociale/propositions/{w.proposal.id}/adopter", {}),
        "add_note": ("POST", f"/besoins/{p}/clause-sociale/notes", {"body": "Une nouvelle note"}),
        "delete_note": ("POST", f"/clause-sociale/notes/{w.note.id}/supprimer", {}),
        "record_hours": ("POST", f"/besoins/{a}/clause-sociale/heures",
                         {"period": this_month().strftime("%Y-%m"), "structure": str(w.winner.org.id), "hours": "12"}),
        "delete_hours": ("POST", f"/clause-sociale/heures/{w.hours.id}/supprimer", {}),
        "hours_csv": ("GET", f"/besoins/{a}/clause-sociale/heures.csv", None),
    }


def send(client, request):
    method, url, data = request
    return client.get(url) if method == "GET" else client.post(url, data=data)


def snapshot() -> tuple:
    """What any route could change."""
    supports = tuple(db.session.execute(select(ClauseSupport.id, ClauseSupport.status).order_by(ClauseSupport.id)))
    needs = tuple(db.session.execute(select(Need.id, Need.insertion_hours, Need.social_clause).order_by(Need.id)))
    counts = tuple(db.session.scalar(select(func.count()).select_from(m))
                   for m in (ClauseProposal, FacilitatorNote, InsertionHours))
    hours = tuple(db.session.execute(select(InsertionHours.id, InsertionHours.hours).order_by(InsertionHours.id)))
    return supports, needs, counts, hours


def test_the_access_tests_cover_every_route_of_the_blueprint(app):
    endpoints = {rule.endpoint.split(".", 1)[1] for rule in app.url_map.iter_rules()
                 if rule.endpoint.startswith("clauses.")}
    assert endpoints == ENDPOINTS


# --- Anonymous visitors, and those with no part in the need ------------------------------------------

@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_anonymous_visitors_are_sent_to_log_in(client, world, endpoint):
    before = snapshot()
    response = send(client, requests_of(world)[endpoint])
    assert response.status_code == 302
    assert "/connexion" in response.headers["Location"]
    db.session.expire_all()
    assert snapshot() == before


@pytest.mark.parametrize("who", ["sse", "other_buyer"])
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_an_sse_company_and_another_buyer_get_404_everywhere(client, login, world, who, endpoint):
    login(world.people[who])
    before = snapshot()
    assert send(client, requests_of(world)[endpoint]).status_code == 404
    db.session.expire_all()
    assert snapshot() == before


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS - {"board_page"}))
def test_a_facilitator_outside_the_territory_gets_404(client, login, world, endpoint):
    login(world.people["tarn"])
    before = snapshot()
    assert send(client, requests_of(world)[endpoint]).status_code == 404
    db.session.expire_all()
    assert snapshot() == before


def test_a_facilitator_outside_the_territory_does_not_see_the_need_on_its_board(client, login, world):
    login(world.people["tarn"])
    response = client.get("/facilitateur")
    assert response.status_code == 200
    page = text_of(response)
    assert "Maison de l'emploi du Tarn couvre" in page
    assert world.published.title not in page and world.awarded.title not in page
    assert f"/besoins/{world.published.id}/clause-sociale" not in page


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS - {"hours_csv"}))  # the hours of its contract: its own
def test_the_winner_gets_404_everywhere_but_its_awarded_need_page(client, login, world, endpoint):
    """The routes act on the published need (not awarded to it) or, for the hours, are the
    facilitator's: the winner gets 404 on each."""
    login(world.people["winner"])
    before = snapshot()
    assert send(client, requests_of(world)[endpoint]).status_code == 404
    db.session.expire_all()
    assert snapshot() == before


@pytest.mark.parametrize("endpoint", ["record_hours", "delete_hours", "offer", "add_note", "propose"])
def test_the_winner_cannot_act_on_its_own_awarded_need(client, login, world, endpoint):
    login(world.people["winner"])
    a = world.awarded.id
    urls = {"record_hours": requests_of(world)["record_hours"],
            "delete_hours": requests_of(world)["delete_hours"],
            "offer": ("POST", f"/besoins/{a}/clause-sociale/aide", {"message": "x"}),
            "add_note": ("POST", f"/besoins/{a}/clause-sociale/notes", {"body": "x"}),
            "propose": ("POST", f"/besoins/{a}/clause-sociale/proposition", ISSUE_PROPOSAL)}
    before = snapshot()
    assert send(client, urls[endpoint]).status_code == 404
    db.session.expire_all()
    assert snapshot() == before


def test_the_winner_sees_the_progress_of_the_hours_only(client, login, world):
    login(world.people["winner"])
    assert client.get(f"/besoins/{world.published.id}/clause-sociale").status_code == 404
    response = client.get(f"/besoins/{world.awarded.id}/clause-sociale")
    assert response.status_code == 200
    page = text_of(response)
    assert "Heures d'insertion réalisées" in page and "GEIQ Propreté Occitanie" in page
    assert "Accompagnement par un facilitateur" not in page
    assert "Calibrage des heures d'insertion" not in page
    assert "Vos notes" not in page and PLIE_NOTE_AWARDED not in page
    assert "Retirer" not in page and "Enregistrer les heures" not in page


def test_an_sse_company_is_not_the_winner_before_the_award(client, login, world, make_need):
    """The company that will win sees nothing while the need is only published."""
    login(world.people["winner"])
    assert client.get(f"/besoins/{world.published.id}/clause-sociale").status_code == 404


# --- A facilitator of the territory that the buyer did not accept ---------------------------------

def test_a_facilitator_of_the_territory_sees_the_page_and_may_offer(client, login, world, make_need):
    login(world.people["neighbour"])
    response = client.get(f"/besoins/{world.published.id}/clause-sociale")
    assert response.status_code == 200
    page = text_of(response)
    assert "Proposer mon aide" in page
    assert "Calculer et proposer à l'acheteur" not in page  # no proposal form
    fresh = make_need(title="Nettoyage des gymnases")
    response = client.post(f"/besoins/{fresh.id}/clause-sociale/aide", data={"message": "Bonjour"})
    assert response.status_code == 302
    row = db.session.scalar(select(ClauseSupport).where(ClauseSupport.need_id == fresh.id))
    assert row.facilitator_id == world.neighbour.org.id and row.status == SupportStatus.OFFERED


def test_a_facilitator_of_the_territory_sees_closed_and_awarded_needs(client, login, world, make_need):
    login(world.people["neighbour"])
    closed = make_need("closed", title="Nettoyage des archives")
    assert client.get(f"/besoins/{closed.id}/clause-sociale").status_code == 200
    assert client.get(f"/besoins/{world.awarded.id}/clause-sociale").status_code == 200


def test_a_facilitator_not_accepted_cannot_propose(client, login, world):
    login(world.people["neighbour"])
    before = snapshot()
    response = client.post(f"/besoins/{world.published.id}/clause-sociale/proposition", data=ISSUE_PROPOSAL,
                           follow_redirects=True)
    assert "L'acheteur n'a pas (ou plus) accepté votre accompagnement" in text_of(response)
    db.session.expire_all()
    assert snapshot() == before


def test_a_facilitator_whose_offer_waits_cannot_propose_or_record_hours(client, login, world):
    login(world.offerer.user)
    response = client.post(f"/besoins/{world.published.id}/clause-sociale/proposition", data=ISSUE_PROPOSAL,
                           follow_redirects=True)
    assert "L'acheteur n'a pas (ou plus) accepté votre accompagnement" in text_of(response)
    assert db.session.scalar(select(func.count()).select_from(ClauseProposal)) == 1  # the PLIE's only
    add_support(world.awarded, world.offerer.org, SupportStatus.OFFERED)
    before = snapshot()
    response = client.post(f"/besoins/{world.awarded.id}/clause-sociale/heures", data={
        "period": this_month().strftime("%Y-%m"), "structure": str(world.winner.org.id), "hours": "10"})
    assert response.status_code == 404
    db.session.expire_all()
    assert snapshot() == before


@pytest.mark.parametrize("endpoint", ["invite", "answer", "end", "adopt", "delete_note", "record_hours",
                                      "delete_hours"])
def test_a_facilitator_of_the_territory_gets_404_on_what_is_not_its_own(client, login, world, endpoint):
    login(world.people["neighbour"])
    before = snapshot()
    assert send(client, requests_of(world)[endpoint]).status_code == 404
    db.session.expire_all()
    assert snapshot() == before


def test_a_facilitator_cannot_answer_its_own_offer(client, login, world):
    login(world.offerer.user)
    response = client.post(f"/clause-sociale/accompagnements/{world.offered_p.id}/accepter")
    assert response.status_code == 404
    db.session.refresh(world.offered_p)
    assert world.offered_p.status == SupportStatus.OFFERED


def test_a_facilitator_may_withdraw_its_own_offer(client, login, world):
    login(world.offerer.user)
    response = client.post(f"/clause-sociale/accompagnements/{world.offered_p.id}/terminer")
    assert response.status_code == 302
    db.session.refresh(world.offered_p)
    assert world.offered_p.status == SupportStatus.ENDED


# --- The buyer ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("endpoint", ["board_page", "offer", "propose", "add_note", "delete_note",
                                      "record_hours", "delete_hours"])
def test_the_buyer_gets_404_on_the_facilitator_routes(client, login, world, endpoint):
    login(world.people["buyer"])
    before = snapshot()
    assert send(client, requests_of(world)[endpoint]).status_code == 404
    db.session.expire_all()
    assert snapshot() == before


def test_the_buyer_sees_its_needs_pages(client, login, world):
    login(world.people["buyer"])
    for need in (world.published, world.awarded, world.draft, world.invited_draft):
        assert client.get(f"/besoins/{need.id}/clause-sociale").status_code == 200, need.title


def test_the_buyer_answers_ends_and_adopts(client, login, world):
    login(world.people["buyer"])
    requests = requests_of(world)
    assert send(client, requests["answer"]).status_code == 302
    assert send(client, requests["adopt"]).status_code == 302
    assert send(client, requests["end"]).status_code == 302
    db.session.expire_all()
    assert db.session.get(ClauseSupport, world.offered_p.id).status == SupportStatus.DECLINED
    assert db.session.get(Need, world.published.id).insertion_hours == 1200
    assert db.session.get(ClauseSupport, world.support_p.id).status == SupportStatus.ENDED


def test_the_buyer_may_invite(client, login, world, make_need):
    login(world.people["buyer"])
    fresh = make_need(title="Nettoyage des gymnases")
    response = client.post(f"/besoins/{fresh.id}/clause-sociale/inviter",
                           data={"facilitator": str(world.neighbour.org.id)})
    assert response.status_code == 302
    row = db.session.scalar(select(ClauseSupport).where(ClauseSupport.need_id == fresh.id))
    assert row.facilitator_id == world.neighbour.org.id and row.status == SupportStatus.ACTIVE


def test_another_buyer_cannot_adopt_or_answer(client, login, world):
    login(world.people["other_buyer"])
    before = snapshot()
    assert client.post(f"/clause-sociale/propositions/{world.proposal.id}/adopter").status_code == 404
    assert client.post(f"/clause-sociale/accompagnements/{world.offered_p.id}/accepter").status_code == 404
    db.session.expire_all()
    assert snapshot() == before


# --- The facilitator the buyer accepted ------------------------------------------------------------------

def test_the_helping_facilitator_may_do_its_work(client, login, world):
    login(world.people["plie"])
    requests = requests_of(world)
    for endpoint in ("board_page", "need"):
        assert send(client, requests[endpoint]).status_code == 200, endpoint
    for endpoint in ("propose", "add_note", "record_hours", "delete_note", "delete_hours", "end"):
        assert send(client, requests[endpoint]).status_code == 302, endpoint
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(ClauseProposal)) == 2
    assert db.session.get(FacilitatorNote, world.note.id) is None
    assert db.session.get(InsertionHours, world.hours.id) is None
    assert db.session.scalar(select(InsertionHours.hours).where(
        InsertionHours.structure_id == world.winner.org.id)) == 12
    assert db.session.get(ClauseSupport, world.support_p.id).status == SupportStatus.ENDED


@pytest.mark.parametrize("endpoint", ["invite", "answer", "adopt"])
def test_the_helping_facilitator_cannot_do_the_buyers_part(client, login, world, endpoint):
    login(world.people["plie"])
    before = snapshot()
    assert send(client, requests_of(world)[endpoint]).status_code == 404
    db.session.expire_all()
    assert snapshot() == before


@pytest.mark.parametrize("method, path", [("GET", "/besoins/999999/clause-sociale"),
                                          ("POST", "/besoins/999999/clause-sociale/aide"),
                                          ("POST", "/clause-sociale/accompagnements/999999/terminer"),
                                          ("POST", "/clause-sociale/propositions/999999/adopter"),
                                          ("POST", "/clause-sociale/notes/999999/supprimer"),
                                          ("POST", "/clause-sociale/heures/999999/supprimer")])
def test_unknown_rows_are_404(client, login, world, method, path):
    login(world.people["plie"])
    assert (client.get(path) if method == "GET" else client.post(path)).status_code == 404


# --- Notes, proposals and hours: whose eyes --------------------------------------------------------------

@pytest.mark.parametrize("who", ["buyer", "winner", "neighbour"])
def test_the_notes_never_show_to_the_buyer_the_winner_or_another_facilitator(client, login, world, who):
    login(world.people[who])
    pages = [client.get(f"/besoins/{need.id}/clause-sociale") for need in (world.published, world.awarded)]
    pages += [client.get(f"/besoins/{need.id}") for need in (world.published, world.awarded)]
    pages.append(client.get("/facilitateur"))
    pages.append(client.get("/organisation"))
    for response in pages:
        page = text_of(response)
        assert PLIE_NOTE not in page and PLIE_NOTE_AWARDED not in page


def test_the_facilitator_reads_its_own_notes_only(client, login, world):
    login(world.people["plie"])
    page = text_of(client.get(f"/besoins/{world.published.id}/clause-sociale"))
    assert PLIE_NOTE in page
    assert NEIGHBOUR_NOTE not in page
    login(world.people["neighbour"])
    page = text_of(client.get(f"/besoins/{world.published.id}/clause-sociale"))
    assert NEIGHBOUR_NOTE in page
    assert PLIE_NOTE not in page


def test_another_facilitator_cannot_delete_the_notes(client, login, world):
    login(world.people["neighbour"])
    assert client.post(f"/clause-sociale/notes/{world.note.id}/supprimer").status_code == 404
    assert db.session.get(FacilitatorNote, world.note.id) is not None


def test_another_member_of_the_same_facilitator_reads_and_deletes_the_notes(client, login, world):
    from tests import factories

    colleague = factories.MembershipFactory(organisation=world.plie.org, role="member").user
    login(colleague)
    assert PLIE_NOTE in text_of(client.get(f"/besoins/{world.published.id}/clause-sociale"))
    assert client.post(f"/clause-sociale/notes/{world.note.id}/supprimer").status_code == 302
    assert db.session.get(FacilitatorNote, world.note.id) is None


def test_another_facilitator_cannot_delete_the_hours(client, login, world):
    login(world.people["neighbour"])
    assert client.post(f"/clause-sociale/heures/{world.hours.id}/supprimer").status_code == 404
    assert db.session.get(InsertionHours, world.hours.id) is not None


@pytest.mark.parametrize("who", ["neighbour", "offerer"])
def test_another_facilitator_does_not_read_the_proposals(client, login, world, who):
    """access.py: the calibrations are shown to the buyer and to the facilitator helping it; another
    facilitator of the territory (offering or not) sees the page to offer its help, nothing more."""
    login(world.offerer.user if who == "offerer" else world.people[who])
    page = text_of(client.get(f"/besoins/{world.published.id}/clause-sociale"))
    assert PROPOSAL_COMMENT not in page
    assert "Proposé par PLIE Garonne Emploi" not in page
    assert "Calibrage des heures d'insertion" not in page and "60 000 heures de travail" not in page


def test_another_facilitator_does_not_read_the_recorded_hours(client, login, world):
    """access.py: the hours done are shown to the buyer, the winner and the facilitator helping, not
    to the other facilitators of the territory."""
    login(world.people["neighbour"])
    page = text_of(client.get(f"/besoins/{world.awarded.id}/clause-sociale"))
    assert "GEIQ Propreté Occitanie" not in page
    assert "37 heures réalisées" not in page and "Heures d'insertion réalisées" not in page


def test_a_facilitator_whose_help_ended_no_longer_reads_the_proposals_or_hours(client, login, world):
    for support in (world.support_p, world.support_a):
        support.status = SupportStatus.ENDED
    db.session.commit()
    login(world.people["plie"])
    page = text_of(client.get(f"/besoins/{world.published.id}/clause-sociale"))
    assert PROPOSAL_COMMENT not in page and PLIE_NOTE in page  # its notes stay its own
    page = text_of(client.get(f"/besoins/{world.awarded.id}/clause-sociale"))
    assert "37 heures réalisées" not in page and "GEIQ Propreté Occitanie" not in page


def test_the_helping_facilitator_reads_its_proposal_and_the_hours(client, login, world):
    login(world.people["plie"])
    assert PROPOSAL_COMMENT in text_of(client.get(f"/besoins/{world.published.id}/clause-sociale"))
    page = text_of(client.get(f"/besoins/{world.awarded.id}/clause-sociale"))
    assert "37 heures réalisées" in page and "GEIQ Propreté Occitanie" in page


def test_the_buyer_reads_the_proposal_with_its_comment(client, login, world):
    login(world.people["buyer"])
    page = text_of(client.get(f"/besoins/{world.published.id}/clause-sociale"))
    assert PROPOSAL_COMMENT in page and "Proposé par PLIE Garonne Emploi" in page


# --- Drafts ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["neighbour", "plie"])
def test_a_draft_is_hidden_from_facilitators(client, login, world, who):
    login(world.people[who])
    assert client.get(f"/besoins/{world.draft.id}/clause-sociale").status_code == 404
    assert client.post(f"/besoins/{world.draft.id}/clause-sociale/aide", data={}).status_code == 404
    assert client.post(f"/besoins/{world.draft.id}/clause-sociale/notes", data={"body": "x"}).status_code == 404
    assert world.draft.title not in text_of(client.get("/facilitateur?voir=all"))


def test_a_draft_shows_to_the_facilitator_the_buyer_made_active(client, login, world):
    login(world.people["plie"])
    response = client.get(f"/besoins/{world.invited_draft.id}/clause-sociale")
    assert response.status_code == 200
    assert "Calculer et proposer à l'acheteur" in text_of(response)
    login(world.people["neighbour"])
    assert client.get(f"/besoins/{world.invited_draft.id}/clause-sociale").status_code == 404


@pytest.mark.parametrize("status", [SupportStatus.OFFERED, SupportStatus.DECLINED, SupportStatus.ENDED])
def test_a_draft_stays_hidden_when_the_help_is_not_active(client, login, world, status):
    row = db.session.scalar(select(ClauseSupport).where(ClauseSupport.need_id == world.invited_draft.id))
    row.status = status
    db.session.commit()
    login(world.people["plie"])
    assert client.get(f"/besoins/{world.invited_draft.id}/clause-sociale").status_code == 404


# --- The link on the need page -----------------------------------------------------------------------

@pytest.mark.parametrize("who, link", [
    ("buyer", "Facilitateur, calibrage et heures d'insertion"),
    ("neighbour", "Accompagner cette clause sociale"),
    ("plie", "Accompagner cette clause sociale"),
])
def test_the_need_page_links_to_the_clause_page(client, login, world, who, link):
    login(world.people[who])
    page = text_of(client.get(f"/besoins/{world.published.id}"))
    assert link in page and f"/besoins/{world.published.id}/clause-sociale" in page


def test_the_winner_gets_the_hours_link_on_the_awarded_need(client, login, world):
    login(world.people["winner"])
    page = text_of(client.get(f"/besoins/{world.awarded.id}"))
    assert "Suivre les heures d'insertion" in page


@pytest.mark.parametrize("who", ["sse", "other_buyer", "tarn"])
def test_no_clause_link_for_those_without_a_part(client, login, world, who):
    login(world.people[who])
    response = client.get(f"/besoins/{world.published.id}")
    assert response.status_code == 200
    assert f"/besoins/{world.published.id}/clause-sociale" not in text_of(response)


def test_no_clause_link_for_anonymous_visitors(client, world):
    response = client.get(f"/besoins/{world.published.id}")
    assert f"/besoins/{world.published.id}/clause-sociale" not in text_of(response)
