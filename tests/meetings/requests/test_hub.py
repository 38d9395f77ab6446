"""'Mes rendez-vous': the sections, their empty states, and 'Qui rencontrer ?' (search, pages, order)."""
import re
from datetime import timedelta

from matchfair.extensions import db
from matchfair.meetings import placement
from matchfair.meetings.grid import event_tables, slot_label
from matchfair.meetings.models import MeetingStatus
from matchfair.organisations.models import Organisation
from matchfair.timeutil import utcnow
from tests import factories

from .conftest import text_of


def _hub(client, event, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return text_of(client.get(f"/evenements/{event.id}/rendez-vous" + (f"?{query}" if query else "")))


def test_not_a_participant_is_told_how_to_take_part(client, login, event, meeting_grid, sse_admin):
    login(sse_admin)
    page = _hub(client, event)
    assert "ne participe pas aux rendez-vous d'affaires" in page
    assert f'href="/evenements/{event.id}/rendez-vous/participer"' in page


def test_empty_states_say_what_to_do(client, login, event, meeting_grid, sse_participant, buyer_participant):
    login(sse_participant.user)
    page = _hub(client, event)
    assert "Consultez vos correspondances pour proposer un rendez-vous" in page and 'href="/correspondances"' in page
    assert "Pas encore de rendez-vous accepté" in page and "Historique" not in page
    login(buyer_participant.user)
    page = _hub(client, event)
    assert 'href="/besoins/mes-besoins"' in page and "Aucune demande reçue pour l'instant" in page


def test_sections(client, login, event, slots, make_participant, make_meeting, buyer_participant):
    sse = [make_participant("sse") for _ in range(6)]
    received = make_meeting(sse[0], buyer_participant, status=MeetingStatus.REQUESTED, message="Rencontrons-nous !")
    sent = make_meeting(buyer_participant, sse[1], status=MeetingStatus.REQUESTED)
    booked = make_meeting(sse[2], buyer_participant)
    table = event_tables(event.id)[1]
    placement.place(None, booked, slots[3], table, source="direct")
    unbooked = make_meeting(buyer_participant, sse[3])
    make_meeting(sse[4], buyer_participant, status=MeetingStatus.DECLINED, decline_reason="Pas cette année.")
    make_meeting(buyer_participant, sse[5], status=MeetingStatus.REQUESTED, expires_at=utcnow() - timedelta(hours=1))
    db.session.commit()
    login(buyer_participant.user)
    page = _hub(client, event)
    assert "1 demande reçue" in page and "1 demande envoyée" in page and "2 rendez-vous acceptés, 1 placé" in page
    assert "Rencontrons-nous !" in page
    assert f'/demandes/{received.id}/accepter"' in page and f'/demandes/{received.id}/refuser"' in page
    assert f'<textarea id="reason-{received.id}" name="reason"' in page
    assert f'/demandes/{sent.id}/retirer"' in page and "sans réponse, elle expire le" in page
    with client.application.test_request_context():
        label = slot_label(slots[3], event)
    assert label in page and "Table : T2" in page
    assert f'id="rdv-{unbooked.id}"' in page and "À placer" in page and "Réserver un créneau" in page
    history = page[page.index('<details class="meetings-history">'):]
    assert "Historique" in history and "(2)" in history[:400]
    assert "Déclinée" in history and "Expirée" in history and "Motif : Pas cette année." in history


def _participants(make_participant, kind, names, **fields):
    made = []
    for name in names:
        participant = make_participant(kind, **fields)
        participant.organisation.name = name
        made.append(participant)
    db.session.commit()
    return made


def test_whom_to_meet_search_and_pages(app, client, login, event, meeting_grid, make_participant, buyer_participant,
                                       monkeypatch, make_meeting):
    names = ["Éclat Propreté", "Jardins de Cocagne", "Recyclerie du Sud", "ESAT Les Ateliers"]
    made = _participants(make_participant, "sse", names, pitch="Nettoyage et espaces verts")
    _participants(make_participant, "buyer", ["Autre acheteur"])
    make_meeting(made[1], buyer_participant, status=MeetingStatus.REQUESTED)
    login(buyer_participant.user)
    page = _hub(client, event)
    assert "4 participants" in page and "Autre acheteur" not in page and "Nettoyage et espaces verts" in page
    asks = re.findall(r'rendez-vous/demander\?organisation=(\d+)', page)
    assert sorted(int(i) for i in asks) == sorted(p.organisation_id for p in made if p is not made[1])
    assert "Vous a demandé un rendez-vous." in page
    page = _hub(client, event, q="eclat")
    assert "1 participant" in page and "Éclat Propreté" in page and "Recyclerie" not in page
    assert "Aucun participant ne porte ce nom" in _hub(client, event, q="zzz")
    monkeypatch.setitem(app.config, "PER_PAGE", 3)
    first, second = _hub(client, event), _hub(client, event, page=2)
    assert "page 1 sur 2" in first and "Recyclerie du Sud" in second and "Recyclerie du Sud" not in first


def test_companies_see_best_matching_buyers_first(client, login, event, meeting_grid, make_participant,
                                                  sse_participant, profile, publish_need):
    profile(sse_participant)
    no_need, weak, strong = _participants(make_participant, "buyer", ["Aaa sans besoin", "Bbb bureaux à Paris",
                                                                      "Zzz nettoyage"])
    publish_need(weak, title="Bureaux parisiens", cpv_codes=["90919200"], description="Bureaux.",
                 department_code="75")
    publish_need(strong)
    login(sse_participant.user)
    page = _hub(client, event)
    order = [page.index(p.organisation.name) for p in (strong, weak, no_need)]
    assert order == sorted(order), order
    assert "Votre meilleure correspondance avec ses besoins : score" in page


def test_other_kinds_and_organisations_are_not_listed(client, login, event, meeting_grid, sse_participant):
    other_org = factories.OrganisationFactory(name="Hors événement")
    login(sse_participant.user)
    page = _hub(client, event)
    assert "Aucun acheteur ne participe encore aux rendez-vous" in page and other_org.name not in page
    assert db.session.get(Organisation, other_org.id) is not None
