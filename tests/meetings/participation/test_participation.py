"""Opting in to an event's meetings: who may, why not, the form, changing it and opting out."""
import html

import pytest
from sqlalchemy import select

from matchfair.extensions import db
from matchfair.meetings import access, participation, placement
from matchfair.meetings.errors import MeetingError
from matchfair.meetings.grid import event_tables
from matchfair.meetings.models import Meeting, MeetingParticipant, MeetingSettings, MeetingStatus
from matchfair.organisations.models import Role
from matchfair.programme.models import RegistrationStatus
from tests import factories

URL = "/evenements/{id}/rendez-vous/participer"


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _participant(event, org):
    return db.session.scalar(select(MeetingParticipant).where(
        MeetingParticipant.event_id == event.id, MeetingParticipant.organisation_id == org.id))


def test_anonymous_is_sent_to_log_in(client, event, meeting_grid):
    for url in (URL, URL + "/retirer", "/evenements/{id}/rendez-vous/disponibilites"):
        response = client.get(url.format(id=event.id)) if not url.endswith("retirer") else None
        if response is not None:
            assert response.status_code == 302 and "/connexion" in response.location, url
        response = client.post(url.format(id=event.id), data={})
        assert response.status_code == 302 and "/connexion" in response.location, url


def test_event_without_meetings_or_unpublished_is_404(client, login, event, make_registered):
    user, _org = make_registered()
    login(user)
    assert client.get(URL.format(id=event.id)).status_code == 404  # no meeting settings
    db.session.add(MeetingSettings(event_id=event.id, is_open=True))
    event.is_published = False
    db.session.commit()
    assert client.get(URL.format(id=event.id)).status_code == 404
    assert client.get(URL.format(id=event.id + 99)).status_code == 404


@pytest.mark.parametrize("status, words", [
    (RegistrationStatus.PENDING, "attend la validation des organisateurs"),
    (RegistrationStatus.REFUSED, "ont refusé l'inscription"),
    (RegistrationStatus.CANCELLED, "n'est pas inscrite à l'événement"),
])
def test_registration_must_be_approved(client, login, event, meeting_grid, make_registered, status, words):
    user, _org = make_registered(status=status)
    login(user)
    page = client.get(URL.format(id=event.id))
    assert page.status_code == 200 and words in _text(page)
    assert "Participer aux rendez-vous" not in _text(page)
    response = client.post(URL.format(id=event.id), data={"representative": str(user.id)})
    assert response.status_code == 200 and db.session.scalar(select(MeetingParticipant.id)) is None


def test_why_not_for_others(client, login, event, meeting_grid, organiser_user, make_registered):
    lonely = factories.UserFactory()
    login(lonely)
    assert "Créez d'abord la fiche de votre organisation" in _text(client.get(URL.format(id=event.id)))
    login(organiser_user)
    assert "organise des événements" in _text(client.get(URL.format(id=event.id)))
    stranger = factories.MembershipFactory(organisation=factories.OrganisationFactory()).user
    login(stranger)
    page = _text(client.get(URL.format(id=event.id)))
    assert "n'est pas inscrite à l'événement" in page and f"/evenements/{event.slug}/inscription" in page
    meeting_grid.is_open = False
    db.session.commit()
    user, _org = make_registered()
    login(user)
    assert "n'ont pas ouvert les rendez-vous" in _text(client.get(URL.format(id=event.id)))


def test_opt_in_with_the_current_user_by_default(client, login, event, meeting_grid, make_registered):
    user, org = make_registered()
    colleague = factories.MembershipFactory(organisation=org, role=Role.MEMBER).user
    login(user)
    page = _text(client.get(URL.format(id=event.id)))
    assert f'<option selected value="{user.id}">' in page
    assert page.index(f'value="{user.id}"') < page.index(f'value="{colleague.id}"')  # attendees first
    assert "stand fixe" not in page  # buyers only
    response = client.post(URL.format(id=event.id), data={
        "representative": str(user.id), "pitch": "Nous cherchons des acheteurs de nettoyage.", "wants_stand": "y"})
    assert response.status_code == 302
    assert response.location.endswith(f"/evenements/{event.id}/rendez-vous/disponibilites")
    participant = _participant(event, org)
    assert participant.user_id == user.id and participant.pitch.startswith("Nous cherchons")
    assert participant.wants_stand is False
    # Changing it: a colleague who does not attend gets a warning.
    response = client.post(URL.format(id=event.id), data={"representative": str(colleague.id), "pitch": ""},
                           follow_redirects=True)
    assert "ne figure pas parmi les personnes inscrites" in _text(response)
    db.session.refresh(participant)
    assert participant.user_id == colleague.id and participant.pitch is None


def test_buyer_may_ask_for_a_stand(client, login, event, meeting_grid, make_registered):
    user, org = make_registered("buyer")
    login(user)
    assert "stand fixe" in _text(client.get(URL.format(id=event.id)))
    client.post(URL.format(id=event.id), data={"representative": str(user.id), "wants_stand": "y"})
    assert _participant(event, org).wants_stand is True


def test_bad_input_is_shown_next_to_the_field(client, login, event, meeting_grid, make_registered):
    user, org = make_registered()
    outsider = factories.UserFactory()
    login(user)
    page = client.post(URL.format(id=event.id), data={"representative": str(outsider.id), "pitch": "x" * 501})
    assert page.status_code == 200
    assert 'id="representative-error"' in _text(page) and "Choisissez une personne de votre organisation" in _text(page)
    assert 'id="pitch-error"' in _text(page) and "500 caractères au plus" in _text(page)
    page = client.post(URL.format(id=event.id), data={"representative": "abc"})
    assert page.status_code == 200 and _participant(event, org) is None


def test_the_service_refuses_what_the_page_refuses(event, meeting_grid, make_registered):
    user, org = make_registered(status=RegistrationStatus.PENDING)
    with pytest.raises(MeetingError):
        participation.opt_in(user, event, org, user.id, None)
    other_user, other_org = make_registered()
    with pytest.raises(participation.FieldError) as error:
        participation.opt_in(other_user, event, other_org, user.id, None)
    assert error.value.field == "representative"


def test_opt_out_ends_requests_and_mails_the_other_sides(client, login, event, slots, make_participant,
                                                          make_meeting, outbox):
    me = make_participant("buyer")
    others = [make_participant("sse") for _ in range(4)]
    sent = make_meeting(me, others[0], status=MeetingStatus.REQUESTED)
    received = make_meeting(others[1], me, status=MeetingStatus.REQUESTED)
    accepted = make_meeting(others[2], me)
    make_meeting(others[3], me, status=MeetingStatus.DECLINED)
    ids = [sent.id, received.id, accepted.id]
    login(me.user)
    response = client.post(URL.format(id=event.id) + "/retirer", follow_redirects=True)
    assert "ne participe plus aux rendez-vous" in _text(response)
    assert "Les autres organisations sont prévenues" in _text(response)
    db.session.expire_all()
    assert db.session.get(MeetingParticipant, me.id).left_at is not None  # left, not deleted
    assert [db.session.get(Meeting, i).status for i in ids] == ["withdrawn", "declined", "cancelled"]
    assert access.participant_of(event, me.organisation) is None  # no longer a participant
    # The other sides keep the history; the buyer can opt in again: the same row comes back.
    again = participation.opt_in(me.user, event, me.organisation, me.user_id, "De retour")
    assert again.id == me.id and again.left_at is None and access.participant_of(event, me.organisation) is again
    to = sorted(m.to[0] for m in outbox)
    assert to == sorted(p.user.email for p in others[:3])
    subjects = " ".join(m.subject for m in outbox)
    assert "retiré sa demande" in subjects and "décliné" in subjects and "annulé" in subjects.lower()


def test_opt_out_refused_with_a_booked_meeting(client, login, event, slots, sse_participant, buyer_participant,
                                               make_meeting, outbox):
    meeting = make_meeting(sse_participant, buyer_participant)
    placement.place(None, meeting, slots[0], event_tables(event.id)[0], source="direct")
    db.session.commit()
    login(sse_participant.user)
    response = client.post(URL.format(id=event.id) + "/retirer", follow_redirects=True)
    assert "1 rendez-vous réservé(s) à venir" in _text(response)
    assert db.session.get(MeetingParticipant, sse_participant.id) is not None and outbox == []


def test_opt_out_of_nothing_and_closed(client, login, event, meeting_grid, make_registered, sse_participant):
    user, _org = make_registered()
    login(user)
    response = client.post(URL.format(id=event.id) + "/retirer", follow_redirects=True)
    assert "ne participe pas aux rendez-vous" in _text(response)
    meeting_grid.is_open = False
    db.session.commit()
    login(sse_participant.user)
    page = _text(client.get(URL.format(id=event.id)))
    assert "ont fermé les rendez-vous" in page and "Retirer" not in page
    client.post(URL.format(id=event.id) + "/retirer")
    assert db.session.get(MeetingParticipant, sse_participant.id) is not None
