"""QA: a day inside a French sentence keeps its lower case ("Annulé le mardi ..."), and the day a
meeting was cancelled is the event's local day, not the UTC one."""
from datetime import datetime
from html import unescape

from matchfair.extensions import db
from matchfair.meetings.models import Meeting, MeetingStatus


def test_cancelled_day_is_local_and_lower_case(client, login, event, slots, sse_participant, buyer_participant,
                                               make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant)
    meeting = db.session.get(Meeting, meeting.id)
    meeting.status = MeetingStatus.CANCELLED
    # 23:30 UTC on Monday 4 January 2027 is already Tuesday 5 January in Paris.
    meeting.cancelled_at = datetime(2027, 1, 4, 23, 30)
    db.session.commit()
    event.timezone = "Europe/Paris"
    db.session.commit()
    login(sse_participant.user)
    text = unescape(client.get(f"/rendez-vous/{meeting.id}").get_data(as_text=True))
    assert "Annulé le mardi 5 janvier 2027." in text


def test_dayof_heading_day_lower_case(client, login, event, slots, organiser_user):
    login(organiser_user)
    text = unescape(client.get(f"/evenements/{event.id}/rendez-vous/deroule").get_data(as_text=True))
    assert "Créneaux du " in text
    after = text.split("Créneaux du ", 1)[1]
    assert after[:1].islower(), after[:30]
