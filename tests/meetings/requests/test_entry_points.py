"""'Demander un rendez-vous' on the matching, need and directory pages: only when both take part."""
from datetime import timedelta

from matchfair.extensions import db
from matchfair.meetings.models import MeetingParticipant, MeetingSettings
from matchfair.meetings.requests import meeting_targets
from matchfair.programme.models import Event

from .conftest import text_of


def _ask(event, org_id, need_id=None):
    url = f"/evenements/{event.id}/rendez-vous/demander?organisation={org_id}"
    return url + (f"&amp;besoin={need_id}" if need_id else "")


def test_directory_profile(client, login, event, meeting_grid, sse_participant, buyer_participant, make_participant):
    profile_url = f"/annuaire/{sse_participant.organisation_id}"
    assert "Demander un rendez-vous" not in text_of(client.get(profile_url))  # anonymous
    login(buyer_participant.user)
    page = client.get(profile_url).get_data(as_text=True)
    assert _ask(event, sse_participant.organisation_id) + '"' in page and "Demander un rendez-vous" in page
    login(make_participant("sse").user)  # another company: not its kind
    assert "Demander un rendez-vous" not in text_of(client.get(profile_url))
    meeting_grid.is_open = False
    db.session.commit()
    login(buyer_participant.user)
    assert "Demander un rendez-vous" not in text_of(client.get(profile_url))


def test_not_both_participants_no_button(client, login, event, meeting_grid, sse_participant, buyer_participant):
    db.session.delete(db.session.get(MeetingParticipant, sse_participant.id))
    db.session.commit()
    login(buyer_participant.user)
    assert "Demander un rendez-vous" not in text_of(client.get(f"/annuaire/{sse_participant.organisation_id}"))


def test_need_page_and_matches(client, login, event, meeting_grid, sse_participant, buyer_participant, profile,
                               publish_need):
    profile(sse_participant)
    need = publish_need(buyer_participant)
    login(sse_participant.user)
    page = client.get(f"/besoins/{need.id}").get_data(as_text=True)
    assert _ask(event, buyer_participant.organisation_id, need.id) in page
    page = client.get("/correspondances").get_data(as_text=True)
    assert need.title in page and _ask(event, buyer_participant.organisation_id, need.id) in page
    # The buyer sees no button on its own need, and one per supplier on its ranking and shortlist.
    login(buyer_participant.user)
    assert "Demander un rendez-vous" not in text_of(client.get(f"/besoins/{need.id}"))
    page = client.get(f"/besoins/{need.id}/fournisseurs").get_data(as_text=True)
    assert _ask(event, sse_participant.organisation_id, need.id) in page
    client.post(f"/besoins/{need.id}/fournisseurs/{sse_participant.organisation_id}/preselection",
                data={"shortlisted": "1"})
    page = client.get(f"/besoins/{need.id}/fournisseurs?onglet=preselection").get_data(as_text=True)
    assert _ask(event, sse_participant.organisation_id, need.id) in page


def test_one_button_per_event(app, client, login, event, meeting_grid, sse_participant, buyer_participant,
                              make_participant):
    second = Event(organiser_organisation_id=event.organiser_organisation_id, name="Semaine TRAIDS",
                   slug="traids-2026", starts_on=event.starts_on + timedelta(days=30),
                   ends_on=event.starts_on + timedelta(days=31), timezone="Europe/Paris", is_published=True,
                   is_online=True, online_url="https://traids.example.org")
    db.session.add(second)
    db.session.flush()
    db.session.add(MeetingSettings(event_id=second.id, is_open=True))
    for participant in (sse_participant, buyer_participant):
        db.session.add(MeetingParticipant(event_id=second.id, organisation_id=participant.organisation_id,
                                          user_id=participant.user_id))
    db.session.commit()
    login(buyer_participant.user)
    page = text_of(client.get(f"/annuaire/{sse_participant.organisation_id}"))
    assert "Demander un rendez-vous (Rencontres ESS & achat public)" in page
    assert "Demander un rendez-vous (Semaine TRAIDS)" in page
    with app.test_request_context():
        targets = meeting_targets(buyer_participant.organisation, sse_participant.organisation_id)
        assert [e.id for e in targets] == [event.id, second.id]
        assert meeting_targets(buyer_participant.organisation, buyer_participant.organisation_id) == []
        assert meeting_targets(None, sse_participant.organisation_id) == []
