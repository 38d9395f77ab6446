"""The running-order page offers check-in only when it can be noted, and says from when otherwise."""
from matchfair.extensions import db
from matchfair.meetings import placement
from matchfair.meetings.grid import event_tables


def test_check_in_button_waits_for_its_window(client, login, organiser_user, event, slots, sse_participant,
                                              buyer_participant, make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant)
    placement.place(None, meeting, slots[0], event_tables(event.id)[0], source="direct")
    db.session.commit()
    login(organiser_user)
    page = client.get(f"/evenements/{event.id}/rendez-vous/deroule?creneau={slots[0].id}").get_data(as_text=True)
    assert "Présence à noter à partir de 08:30" in page
    assert f"/rendez-vous/{meeting.id}/presence" not in page
