"""An organisation registers for an event with its attendees; the organiser approves or refuses, by e-mail."""
import re
from datetime import timedelta

from sqlalchemy import func, select

from matchfair.extensions import db
from matchfair.organisations.models import Membership, Role
from matchfair.programme.events_services import attending_event, user_events
from matchfair.programme.models import Attendee, EventRegistration
from matchfair.timeutil import utcnow
from tests import factories

from .conftest import EventFactory, member_of, register_org


def _registration(event, org):
    return db.session.scalars(select(EventRegistration).where(EventRegistration.event_id == event.id,
                                                              EventRegistration.organisation_id == org.id)).one()


def _company_with_two():
    org = factories.OrganisationFactory(name="Éclat Propreté Insertion")
    admin = member_of(org)
    colleague = member_of(org, role=Role.MEMBER)
    return org, admin, colleague


def test_register_without_approval(client, login, event):
    org, admin, colleague = _company_with_two()
    login(admin)
    form = client.get(f"/evenements/{event.slug}/inscription").text
    # The current user is ticked by default, the colleague is not.
    assert re.search(rf'<input checked[^>]*value="{admin.id}"', form)
    assert not re.search(rf'<input checked[^>]*value="{colleague.id}"', form)
    response = client.post(f"/evenements/{event.slug}/inscription",
                           data={"attendees": [str(admin.id), str(colleague.id)], "note": "Deux personnes."})
    assert response.status_code == 302
    reg = _registration(event, org)
    assert reg.status == "approved" and reg.note == "Deux personnes." and reg.created_by_id == admin.id
    assert sorted(a.user_id for a in reg.attendees) == sorted([admin.id, colleague.id])
    assert attending_event(admin, event) and attending_event(colleague, event)
    assert user_events(colleague) == [event]
    # Edit the attendees: the colleague stays home.
    client.post(f"/evenements/{event.slug}/inscription", data={"attendees": [str(admin.id)]})
    db.session.refresh(reg)
    assert [a.user_id for a in reg.attendees] == [admin.id]
    assert not attending_event(colleague, event) and user_events(colleague) == []


def test_register_with_approval_is_pending(client, login, organiser):
    event = EventFactory(organiser=organiser.memberships[0].organisation, requires_approval=True)
    org, admin, _colleague = _company_with_two()
    login(admin)
    response = client.post(f"/evenements/{event.slug}/inscription", data={"attendees": [str(admin.id)]},
                           follow_redirects=True)
    assert "valider" in response.text
    assert _registration(event, org).status == "pending"
    assert not attending_event(admin, event)


def test_at_least_one_attendee_and_members_only(client, login, event):
    _org, admin, _colleague = _company_with_two()
    stranger = member_of(factories.OrganisationFactory())
    login(admin)
    response = client.post(f"/evenements/{event.slug}/inscription", data={})
    assert "Choisissez au moins une personne" in response.text
    response = client.post(f"/evenements/{event.slug}/inscription", data={"attendees": [str(stranger.id)]})
    assert "Seuls les membres de votre organisation" in response.text
    response = client.post(f"/evenements/{event.slug}/inscription", data={"attendees": ["abc"]})
    assert response.status_code == 200
    assert db.session.scalar(select(func.count(EventRegistration.id))) == 0


def test_window_closed_or_not_yet_open(client, login, event):
    _org, admin, _colleague = _company_with_two()
    login(admin)
    event.registration_closes_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    page = client.get(f"/evenements/{event.slug}").text
    assert "closes depuis le" in page and "Inscrire" not in page
    response = client.post(f"/evenements/{event.slug}/inscription", data={"attendees": [str(admin.id)]},
                           follow_redirects=True)
    assert "closes depuis le" in response.text
    event.registration_closes_at = None
    event.registration_opens_at = utcnow() + timedelta(days=2)
    db.session.commit()
    response = client.post(f"/evenements/{event.slug}/inscription", data={"attendees": [str(admin.id)]},
                           follow_redirects=True)
    assert "ouvriront le" in response.text
    assert db.session.scalar(select(func.count(EventRegistration.id))) == 0


def test_an_organisation_registers_once(client, login, event):
    org, admin, colleague = _company_with_two()
    register_org(event, org, [admin])
    login(colleague)
    # The page shows the existing registration: posting edits it rather than adding another.
    client.post(f"/evenements/{event.slug}/inscription", data={"attendees": [str(colleague.id)]})
    assert db.session.scalar(select(func.count(EventRegistration.id))) == 1
    import pytest

    from matchfair.programme import events_registrations

    with pytest.raises(events_registrations.EventError, match="déjà inscrite"):
        events_registrations.register(colleague, event, org, [colleague.id], None)


def test_cancel_then_register_again(client, login, event):
    org, admin, _colleague = _company_with_two()
    login(admin)
    client.post(f"/evenements/{event.slug}/inscription", data={"attendees": [str(admin.id)]})
    response = client.post(f"/evenements/{event.slug}/inscription/annuler")
    assert response.status_code == 302
    reg = _registration(event, org)
    assert reg.status == "cancelled" and not attending_event(admin, event)
    client.post(f"/evenements/{event.slug}/inscription", data={"attendees": [str(admin.id)]})
    db.session.refresh(reg)
    assert reg.status == "approved"
    assert db.session.scalar(select(func.count(EventRegistration.id))) == 1


def test_organiser_approves_and_refuses_with_emails(client, login, organiser, outbox):
    event = EventFactory(organiser=organiser.memberships[0].organisation, requires_approval=True)
    org, admin, colleague = _company_with_two()
    buyer = factories.BuyerFactory(name="Région Occitanie")
    buyer_user = member_of(buyer)
    reg = register_org(event, org, [admin, colleague], status="pending")
    other = register_org(event, buyer, [buyer_user], status="pending")
    login(organiser)
    page = client.get(f"/evenements/{event.id}/inscriptions").text
    assert "Éclat Propreté Insertion" in page and "Région Occitanie" in page
    assert "Éclat Propreté Insertion" not in client.get(f"/evenements/{event.id}/inscriptions?type=buyer").text

    client.post(f"/evenements/{event.id}/inscriptions/{reg.id}/valider")
    db.session.refresh(reg)
    assert reg.status == "approved" and reg.decided_by_id == organiser.id
    assert sorted(m.to[0] for m in outbox) == sorted([admin.email, colleague.email])
    assert "Inscription confirmée" in outbox[0].subject and event.name in outbox[0].body
    assert attending_event(colleague, event)

    response = client.post(f"/evenements/{event.id}/inscriptions/{other.id}/refuser", data={"reason": ""},
                           follow_redirects=True)
    assert "Indiquez le motif" in response.text
    client.post(f"/evenements/{event.id}/inscriptions/{other.id}/refuser", data={"reason": "Complet pour les acheteurs."})
    db.session.refresh(other)
    assert other.status == "refused" and other.refusal_reason == "Complet pour les acheteurs."
    assert outbox[-1].to == [buyer_user.email] and "Complet pour les acheteurs." in outbox[-1].body
    assert len(outbox) == 3
    # Approving twice changes nothing and sends nothing.
    response = client.post(f"/evenements/{event.id}/inscriptions/{reg.id}/valider", follow_redirects=True)
    assert "était déjà validée" in response.text and len(outbox) == 3
    page = client.get(f"/evenements/{event.id}/inscriptions?statut=refused").text
    assert "Région Occitanie" in page and "Éclat Propreté Insertion" not in page
    # A refused organisation cannot register again by itself.
    login(buyer_user)
    response = client.post(f"/evenements/{event.slug}/inscription", data={"attendees": [str(buyer_user.id)]})
    assert "ont refusé" in response.text


def test_a_removed_member_no_longer_attends_through_the_organisation(event):
    org, admin, colleague = _company_with_two()
    register_org(event, org, [admin, colleague])
    assert attending_event(colleague, event)
    # Attendance follows the registration's rows; an unapproved registration does not count.
    reg = _registration(event, org)
    reg.status = "pending"
    db.session.commit()
    assert not attending_event(admin, event)
    assert db.session.scalar(select(func.count(Attendee.id))) == 2
    assert db.session.get(Membership, (colleague.id, org.id)) is not None
