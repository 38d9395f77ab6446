"""The event's management page sums up its meetings for the organiser."""
from matchfair.extensions import db
from matchfair.meetings import placement
from matchfair.meetings.grid import event_tables
from matchfair.meetings.models import MeetingStatus


def test_manage_page_counts_meetings(client, login, organiser_user, event, slots, make_participant, make_meeting):
    buyer = make_participant("buyer")
    booked = make_meeting(make_participant(), buyer)
    make_meeting(make_participant(), buyer, status=MeetingStatus.REQUESTED)
    placement.place(None, booked, slots[0], event_tables(event.id)[0], source="direct")
    db.session.commit()
    login(organiser_user)
    page = client.get(f"/evenements/{event.id}/gestion").get_data(as_text=True)
    assert "2 demandes" in page and "1 acceptée" in page and "1 réservée" in page
    assert "Planification automatique" in page


def test_manage_page_offers_meetings_when_there_are_none(client, login, organiser_user, event):
    login(organiser_user)
    page = client.get(f"/evenements/{event.id}/gestion").get_data(as_text=True)
    assert "Proposer des rendez-vous d'affaires" in page
