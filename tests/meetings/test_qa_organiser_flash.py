"""QA: when an organiser books, moves or cancels a meeting, both organisations are e-mailed and the
message says so (not "l'autre organisation", which only makes sense for one of the two sides)."""
from html import unescape

from matchfair.extensions import db
from matchfair.meetings.models import Meeting


def test_organiser_actions_say_both_are_told(client, login, event, meeting_grid, slots, organiser_user,
                                             sse_participant, buyer_participant, make_meeting, outbox):
    meeting = make_meeting(sse_participant, buyer_participant)
    login(organiser_user)
    response = client.post(f"/rendez-vous/{meeting.id}/reserver", data={"slot_id": slots[0].id},
                            follow_redirects=True)
    text = unescape(response.get_data(as_text=True))
    assert "Créneau réservé" in text and "Les deux organisations sont prévenues par e-mail." in text
    assert len(outbox) == 2
    response = client.post(f"/rendez-vous/{meeting.id}/deplacer", data={"slot_id": slots[1].id},
                           follow_redirects=True)
    text = unescape(response.get_data(as_text=True))
    assert "Rendez-vous déplacé" in text and "Les deux organisations sont prévenues" in text
    response = client.post(f"/rendez-vous/{meeting.id}/annuler", data={"confirm": "y"}, follow_redirects=True)
    text = unescape(response.get_data(as_text=True))
    assert "Rendez-vous annulé. Les deux organisations sont prévenues par e-mail." in text
    assert db.session.get(Meeting, meeting.id).status == "cancelled"


def test_a_side_is_told_the_other_side_is_told(client, login, event, meeting_grid, slots, sse_participant,
                                                buyer_participant, make_meeting, outbox):
    meeting = make_meeting(sse_participant, buyer_participant)
    login(sse_participant.user)
    response = client.post(f"/rendez-vous/{meeting.id}/reserver", data={"slot_id": slots[0].id},
                           follow_redirects=True)
    text = unescape(response.get_data(as_text=True))
    assert "Créneau réservé" in text and "L'autre organisation est prévenue par e-mail." in text
    assert len(outbox) == 1
