"""The organisers' day-of pages: a slot table by table, counts, buttons, one table's day."""
from matchfair.extensions import db
from matchfair.meetings import dayof
from matchfair.meetings.grid import event_tables
from matchfair.meetings.models import Meeting


def test_the_default_slot_is_the_next_one_with_its_meetings_table_by_table(
        client, login, organiser_user, event, slots, make_participant, make_meeting, book_at):
    first = book_at(make_meeting(make_participant(), make_participant("buyer")), slots[0], 1)
    second = book_at(make_meeting(make_participant(), make_participant("buyer")), slots[0], 0)
    later = book_at(make_meeting(make_participant(), make_participant("buyer")), slots[3], 0)
    login(organiser_user)
    text = client.get(f"/evenements/{event.id}/rendez-vous/deroule").get_data(as_text=True)
    assert first.requester.organisation.name in text and second.recipient.user.full_name in text
    assert later.requester.organisation.name not in text
    assert text.index(second.requester.organisation.name) < text.index(first.requester.organisation.name)  # T1, T2
    assert '<th scope="col">' in text and "@media print" not in text and "meetings-booking.css" in text
    # Another slot, and one table only.
    text = client.get(f"/evenements/{event.id}/rendez-vous/deroule?creneau={slots[3].id}").get_data(as_text=True)
    assert later.requester.organisation.name in text and first.requester.organisation.name not in text
    t2 = event_tables(event.id)[1]
    text = client.get(f"/evenements/{event.id}/rendez-vous/deroule?table={t2.id}").get_data(as_text=True)
    assert first.requester.organisation.name in text and second.requester.organisation.name not in text
    # Bad arguments fall back to the defaults.
    assert client.get(f"/evenements/{event.id}/rendez-vous/deroule?jour=x&creneau=y&table=z").status_code == 200


def test_buttons_come_back_to_the_page(client, login, organiser_user, event, slots, pair, book_at,
                                       move_slot_to_now, buyer_participant):
    book_at(pair, slots[0])
    move_slot_to_now(slots[0], minutes=-2)
    login(organiser_user)
    page = f"/evenements/{event.id}/rendez-vous/deroule?creneau={slots[0].id}"
    text = client.get(page).get_data(as_text=True)
    assert f"Absent : {buyer_participant.organisation.name}" in text
    response = client.post(f"/rendez-vous/{pair.id}/presence", data={"next": page})
    assert response.status_code == 302 and response.location.endswith(page)
    assert db.session.get(Meeting, pair.id).checked_in_at is not None
    response = client.post(f"/rendez-vous/{pair.id}/absence", data={"next": "https://ailleurs.example/",
                                                                    "participant_id": buyer_participant.id})
    assert response.location.endswith(f"/rendez-vous/{pair.id}")  # no open redirect
    counts = dayof.slot_counts([slots[0]])[slots[0].id]
    assert (counts.booked, counts.checked_in, counts.no_shows) == (1, 0, 1)


def test_one_tables_day_in_time_order(client, login, organiser_user, event, slots, make_participant, make_meeting,
                                      book_at):
    late = book_at(make_meeting(make_participant(), make_participant("buyer")), slots[4], 0)
    early = book_at(make_meeting(make_participant(), make_participant("buyer")), slots[1], 0)
    elsewhere = book_at(make_meeting(make_participant(), make_participant("buyer")), slots[2], 1)
    login(organiser_user)
    t1 = event_tables(event.id)[0]
    text = client.get(f"/evenements/{event.id}/rendez-vous/deroule/tables/{t1.id}").get_data(as_text=True)
    assert text.index(early.requester.organisation.name) < text.index(late.requester.organisation.name)
    assert elsewhere.requester.organisation.name not in text


def test_an_event_without_slots_says_what_to_do(client, login, organiser_user, event):
    login(organiser_user)
    text = client.get(f"/evenements/{event.id}/rendez-vous/deroule").get_data(as_text=True)
    assert "aucun créneau" in text
