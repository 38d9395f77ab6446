"""QA: a contract amount typed the French way ("12 000") is accepted on a meeting's outcome form."""
from datetime import timedelta

from matchfair.extensions import db
from matchfair.meetings import placement
from matchfair.meetings.grid import event_tables
from matchfair.meetings.models import Meeting
from matchfair.timeutil import utcnow


def _booked_and_started(meeting, slot, event):
    placement.place(None, meeting, slot, event_tables(event.id)[0], source="direct")
    length = slot.ends_at - slot.starts_at
    slot.starts_at = utcnow().replace(microsecond=0) - timedelta(minutes=30)
    slot.ends_at = slot.starts_at + length
    db.session.commit()


def test_amount_with_thousands_spaces(client, login, event, slots, sse_participant, buyer_participant, make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant)
    _booked_and_started(meeting, slots[0], event)
    login(sse_participant.user)
    page = client.get(f"/rendez-vous/{meeting.id}").get_data(as_text=True)
    assert 'name="contract_amount_eur"' in page and 'type="number" name="contract_amount_eur"' not in page
    response = client.post(f"/rendez-vous/{meeting.id}/suites",
                           data={"outcome": "contract", "contract_amount_eur": "12 000"})
    assert response.status_code == 302
    assert db.session.get(Meeting, meeting.id).outcomes[0].contract_amount_eur == 12000


def test_bad_amounts_get_a_message(client, login, event, slots, sse_participant, buyer_participant, make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant)
    _booked_and_started(meeting, slots[0], event)
    login(sse_participant.user)
    for amount, message in [("12,5", "nombre entier"), ("-5", "plus de 0"), ("0", "plus de 0"),
                            ("99999999999999", "plus de 0"), ("", "Indiquez le montant")]:
        response = client.post(f"/rendez-vous/{meeting.id}/suites",
                               data={"outcome": "contract", "contract_amount_eur": amount})
        assert response.status_code == 400 and message in response.get_data(as_text=True), amount
    assert db.session.get(Meeting, meeting.id).outcomes == []
