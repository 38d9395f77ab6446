"""Asking for a meeting: the form, the rules (kinds, cap, one live meeting per pair), mutual requests,
the priority (match score, mutual interest) and the e-mail to the other side."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from matchfair.engine.matching import explain
from matchfair.extensions import db
from matchfair.matching import adapters
from matchfair.matching.cache import supplier_entry
from matchfair.matching.models import Interest, Shortlist
from matchfair.meetings import notify, requests
from matchfair.meetings.errors import MeetingError
from matchfair.meetings.models import Meeting, MeetingStatus
from matchfair.timeutil import utcnow

from .conftest import text_of

MESSAGE = "Bonjour, nous aimerions vous présenter notre offre de nettoyage."


def _new(event, org_id, **args):
    query = "&".join(f"{k}={v}" for k, v in {"organisation": org_id, **args}.items())
    return f"/evenements/{event.id}/rendez-vous/demander?{query}"


def _count():
    return db.session.scalar(select(func.count(Meeting.id)))


def _engine_score(org, need) -> int:
    entry = supplier_entry()
    return round(explain(entry.index, adapters.need_to_engine(db.session, need), entry.supplier(org.id)).score)


def test_send_from_the_form(client, login, event, meeting_grid, sse_participant, buyer_participant, profile,
                            publish_need, make_offer, outbox):
    profile(sse_participant)
    need = publish_need(buyer_participant)
    publish_need(buyer_participant, publish=False, title="Brouillon caché")
    offer = make_offer(sse_participant)
    make_offer(sse_participant, title="Offre non publiée", published=False)
    login(sse_participant.user)
    page = text_of(client.get(_new(event, buyer_participant.organisation_id, besoin=need.id)))
    assert f'<option selected value="{need.id}">' in page and "Brouillon caché" not in page
    assert offer.title in page and "Offre non publiée" not in page
    response = client.post(_new(event, buyer_participant.organisation_id),
                           data={"message": MESSAGE, "need": str(need.id), "offer": str(offer.id)})
    assert response.status_code == 302 and response.location.endswith(f"/evenements/{event.id}/rendez-vous")
    meeting = db.session.scalar(select(Meeting))
    assert (meeting.requester_id, meeting.recipient_id) == (sse_participant.id, buyer_participant.id)
    assert meeting.status == MeetingStatus.REQUESTED and meeting.message == MESSAGE
    assert (meeting.need_id, meeting.offer_id, meeting.created_by_id) == (need.id, offer.id, sse_participant.user.id)
    assert abs(meeting.expires_at - (utcnow() + timedelta(days=7))) < timedelta(minutes=1)
    assert meeting.match_score == _engine_score(sse_participant.organisation, need) and meeting.match_score >= 60
    assert meeting.weight == requests.meeting_weight(meeting.match_score, False) and not meeting.is_mutual
    assert "Demande envoyée à" in text_of(client.get(f"/evenements/{event.id}/rendez-vous"))
    [mail] = outbox
    assert mail.to == [buyer_participant.user.email]
    assert sse_participant.organisation.name in mail.subject
    assert MESSAGE in mail.body and need.title in mail.body and offer.title in mail.body
    assert f"/evenements/{event.id}/rendez-vous" in mail.body


def test_score_without_a_need_is_the_best_of_the_buyers_needs(event, meeting_grid, sse_participant,
                                                              buyer_participant, profile, publish_need):
    profile(sse_participant)
    assert requests.match_score(sse_participant.organisation, buyer_participant.organisation) is None
    weak = publish_need(buyer_participant, title="Entretien des espaces verts", cpv_codes=["77310000"],
                        description="Tonte des pelouses.", department_code="75")
    strong = publish_need(buyer_participant)
    meeting = requests.send_request(sse_participant.user, sse_participant, buyer_participant, message=MESSAGE)
    best = _engine_score(sse_participant.organisation, strong)
    assert meeting.match_score == best and meeting.match_score > (requests.match_score(
        sse_participant.organisation, buyer_participant.organisation, weak) or 0)


def test_bad_input_next_to_the_field(client, login, event, meeting_grid, sse_participant, buyer_participant,
                                     make_participant, publish_need):
    other_buyer = make_participant("buyer")
    foreign_need = publish_need(other_buyer)
    own_need = publish_need(buyer_participant, title="Nettoyage des gymnases")
    login(sse_participant.user)
    url = _new(event, buyer_participant.organisation_id)
    page = text_of(client.post(url, data={"message": "Court"}))
    assert 'id="message-error"' in page and "Écrivez entre 10 et 2000 caractères" in page
    page = text_of(client.post(url, data={"message": "x" * 2001}))
    assert 'id="message-error"' in page
    page = text_of(client.post(url, data={"message": MESSAGE, "need": str(foreign_need.id)}))
    assert 'id="need-error"' in page and "Choisissez dans la liste" in page
    assert _count() == 0
    # The service says the same when called directly.
    with pytest.raises(requests.FieldError) as error:
        requests.send_request(sse_participant.user, sse_participant, buyer_participant, need_id=foreign_need.id,
                              message=MESSAGE)
    assert error.value.field == "need"
    with pytest.raises(requests.FieldError) as error:
        requests.send_request(sse_participant.user, sse_participant, buyer_participant, message="abc")
    assert error.value.field == "message"
    assert own_need.id


def test_who_may_be_asked(client, login, event, meeting_grid, sse_participant, make_participant, sse_admin):
    other_sse = make_participant("sse")
    login(sse_participant.user)
    for target in (other_sse.organisation_id, sse_participant.organisation_id):
        response = client.get(_new(event, target), follow_redirects=True)
        assert "réunissent une structure de l'ESS et un acheteur" in text_of(response)
    for url in (_new(event, sse_admin.memberships[0].organisation_id), _new(event, "abc"),
                f"/evenements/{event.id}/rendez-vous/demander"):
        response = client.get(url, follow_redirects=True)
        assert "ne participe pas aux rendez-vous" in text_of(response), url
    with pytest.raises(MeetingError, match="réunissent une structure"):
        requests.send_request(sse_participant.user, sse_participant, other_sse, message=MESSAGE)
    # Someone whose organisation does not take part is sent to the participation page.
    login(sse_admin)
    response = client.get(_new(event, sse_participant.organisation_id))
    assert response.location.endswith(f"/evenements/{event.id}/rendez-vous/participer")
    assert _count() == 0


def test_closed_meetings_take_no_request(client, login, event, meeting_grid, sse_participant, buyer_participant):
    meeting_grid.is_open = False
    db.session.commit()
    login(sse_participant.user)
    response = client.get(_new(event, buyer_participant.organisation_id), follow_redirects=True)
    assert "ont fermé les rendez-vous" in text_of(response)
    with pytest.raises(MeetingError):
        requests.send_request(sse_participant.user, sse_participant, buyer_participant, message=MESSAGE)


def test_pending_cap(client, login, event, meeting_grid, sse_participant, make_participant, make_meeting):
    meeting_grid.pending_cap = 2
    db.session.commit()
    buyers = [make_participant("buyer") for _ in range(4)]
    # An expired request (not yet marked) does not count.
    make_meeting(sse_participant, buyers[3], status=MeetingStatus.REQUESTED, expires_at=utcnow() - timedelta(hours=1))
    login(sse_participant.user)
    for buyer in buyers[:2]:
        client.post(_new(event, buyer.organisation_id), data={"message": MESSAGE})
    assert requests.pending_count(sse_participant) == 2
    page = text_of(client.get(_new(event, buyers[2].organisation_id)))
    assert "Vous avez déjà 2 demandes en attente de réponse (maximum 2)" in page and "flash-warning" in page
    response = client.post(_new(event, buyers[2].organisation_id), data={"message": MESSAGE}, follow_redirects=True)
    assert ("Vous avez déjà 2 demandes en attente de réponse (maximum 2) : attendez une réponse ou retirez-en une."
            in text_of(response))
    assert _count() == 3


def test_one_live_meeting_per_pair(client, login, event, meeting_grid, sse_participant, buyer_participant,
                                   make_meeting):
    login(sse_participant.user)
    client.post(_new(event, buyer_participant.organisation_id), data={"message": MESSAGE})
    meeting = db.session.scalar(select(Meeting))
    for method in ("get", "post"):
        response = getattr(client, method)(_new(event, buyer_participant.organisation_id), data={"message": MESSAGE},
                                           follow_redirects=True)
        page = text_of(response)
        assert "Vous avez déjà demandé un rendez-vous à" in page and f'#rdv-{meeting.id}">Voir la demande' in page
    meeting.status = MeetingStatus.ACCEPTED
    db.session.commit()
    with pytest.raises(requests.AlreadyLinked) as error:
        requests.send_request(buyer_participant.user, buyer_participant, sse_participant, message=MESSAGE)
    assert error.value.meeting.id == meeting.id and "rendez-vous accepté" in str(error.value)
    # Once declined, a new request may be sent.
    meeting.status = MeetingStatus.DECLINED
    db.session.commit()
    requests.send_request(buyer_participant.user, buyer_participant, sse_participant, message=MESSAGE)
    assert _count() == 2


def test_a_request_answered_by_a_request_is_mutual(app, client, login, event, meeting_grid, sse_participant,
                                                   buyer_participant, outbox):
    theirs = requests.send_request(buyer_participant.user, buyer_participant, sse_participant,
                                   message="Nous cherchons un prestataire de nettoyage.")
    db.session.commit()
    with app.test_request_context("/"):
        notify.send_queued()
    assert [m.to for m in outbox] == [[sse_participant.user.email]]
    outbox.clear()
    login(sse_participant.user)
    page = text_of(client.get(_new(event, buyer_participant.organisation_id)))
    assert "vous a déjà demandé un rendez-vous : en envoyant votre demande, vous l'acceptez" in page
    response = client.post(_new(event, buyer_participant.organisation_id), data={"message": MESSAGE},
                           follow_redirects=True)
    assert "vous avait déjà demandé un rendez-vous" in text_of(response) and "Choisir un créneau" in text_of(response)
    assert _count() == 1
    db.session.refresh(theirs)
    assert theirs.status == MeetingStatus.ACCEPTED and theirs.is_mutual and theirs.weight == 3
    assert theirs.answered_by_id == sse_participant.user.id
    [mail] = outbox
    assert mail.to == [buyer_participant.user.email] and "a accepté" in mail.subject
    assert "souhaitait aussi vous rencontrer" in mail.body


def test_interest_and_shortlist_make_it_mutual(event, meeting_grid, sse_participant, buyer_participant, profile,
                                               publish_need):
    profile(sse_participant)
    need = publish_need(buyer_participant)
    db.session.add(Interest(need_id=need.id, organisation_id=sse_participant.organisation_id, kind="interested"))
    db.session.commit()
    assert not requests.declared_mutual(sse_participant.organisation_id, buyer_participant.organisation_id)
    db.session.add(Shortlist(need_id=need.id, organisation_id=sse_participant.organisation_id))
    db.session.commit()
    meeting = requests.send_request(buyer_participant.user, buyer_participant, sse_participant, need_id=need.id,
                                    message=MESSAGE)
    assert meeting.is_mutual and meeting.weight == requests.meeting_weight(meeting.match_score, True) >= 3


def test_a_user_of_neither_side_is_refused(event, meeting_grid, sse_participant, buyer_participant):
    from werkzeug.exceptions import Forbidden

    with pytest.raises(Forbidden):
        requests.send_request(buyer_participant.user, sse_participant, buyer_participant, message=MESSAGE)
