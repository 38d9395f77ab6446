"""The meeting page and its actions through HTTP: access for every route, forms, flashes."""
from datetime import timedelta

from matchfair.extensions import db
from matchfair.meetings.grid import event_tables
from matchfair.meetings.models import (
    Meeting,
    MeetingSettings,
    MeetingStatus,
    MeetingUnavailability,
)
from matchfair.programme.models import Event
from matchfair.timeutil import utcnow


def _routes(meeting_id, event_id, table_id):
    return [
        ("get", f"/rendez-vous/{meeting_id}"),
        ("get", f"/rendez-vous/{meeting_id}.ics"),
        ("post", f"/rendez-vous/{meeting_id}/reserver"),
        ("post", f"/rendez-vous/{meeting_id}/deplacer"),
        ("post", f"/rendez-vous/{meeting_id}/annuler"),
        ("post", f"/rendez-vous/{meeting_id}/presence"),
        ("post", f"/rendez-vous/{meeting_id}/absence"),
        ("post", f"/rendez-vous/{meeting_id}/absence/retirer"),
        ("post", f"/rendez-vous/{meeting_id}/suites"),
        ("get", f"/evenements/{event_id}/rendez-vous/deroule"),
        ("get", f"/evenements/{event_id}/rendez-vous/deroule/tables/{table_id}"),
    ]


def test_anonymous_people_are_sent_to_log_in(client, pair, event):
    for method, url in _routes(pair.id, event.id, event_tables(event.id)[0].id):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "next=" in response.location, url


def test_other_organisations_get_404(client, login, pair, event, outsider):
    login(outsider)
    for method, url in _routes(pair.id, event.id, event_tables(event.id)[0].id):
        assert getattr(client, method)(url).status_code == 404, url


def test_sides_see_the_meeting_but_not_the_day_of_pages(client, login, pair, event, sse_participant,
                                                        buyer_participant):
    table_id = event_tables(event.id)[0].id
    for user in (sse_participant.user, buyer_participant.user):
        login(user)
        page = client.get(f"/rendez-vous/{pair.id}")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert sse_participant.organisation.name in text and buyer_participant.organisation.name in text
        assert sse_participant.user.full_name in text and "Réserver ce créneau" in text and "Bonjour" in text
        assert client.get(f"/evenements/{event.id}/rendez-vous/deroule").status_code == 404
        assert client.get(f"/evenements/{event.id}/rendez-vous/deroule/tables/{table_id}").status_code == 404
        # Not booked yet: no calendar file.
        assert client.get(f"/rendez-vous/{pair.id}.ics").status_code == 404


def test_organisers_see_the_meeting_and_the_day_but_get_no_ics(client, login, pair, event, organiser_user, slots,
                                                              book_at):
    book_at(pair, slots[0])
    login(organiser_user)
    page = client.get(f"/rendez-vous/{pair.id}")
    assert page.status_code == 200 and "Annuler le rendez-vous" in page.get_data(as_text=True)
    assert client.get(f"/rendez-vous/{pair.id}.ics").status_code == 404
    assert client.get(f"/evenements/{event.id}/rendez-vous/deroule").status_code == 200


def test_a_table_of_another_event_is_404(client, login, organiser_user, event, meeting_grid):
    other = Event(organiser_organisation_id=event.organiser_organisation_id, name="Autre", slug="autre",
                  starts_on=event.starts_on, ends_on=event.ends_on, timezone="Europe/Paris", is_published=True)
    db.session.add(other)
    db.session.commit()
    login(organiser_user)
    table_id = event_tables(event.id)[0].id
    assert client.get(f"/evenements/{other.id}/rendez-vous/deroule/tables/{table_id}").status_code == 404


def test_book_through_the_page(client, login, pair, slots, sse_participant, outbox):
    login(sse_participant.user)
    page = client.get(f"/rendez-vous/{pair.id}").get_data(as_text=True)
    assert f'value="{slots[0].id}"' in page and "<legend>" in page
    response = client.post(f"/rendez-vous/{pair.id}/reserver", data={"slot_id": slots[0].id}, follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Créneau réservé" in text and "T1" in text and "Parc des expositions" in text
    assert db.session.get(Meeting, pair.id).slot_id == slots[0].id and len(outbox) == 1
    # Now it can be moved.
    assert "Déplacer sur ce créneau" in text


def test_book_without_a_slot_says_so_next_to_the_field(client, login, pair, sse_participant):
    login(sse_participant.user)
    response = client.post(f"/rendez-vous/{pair.id}/reserver", data={})
    assert response.status_code == 400 and "Choisissez un créneau" in response.get_data(as_text=True)
    response = client.post(f"/rendez-vous/{pair.id}/reserver", data={"slot_id": "abc"})
    assert response.status_code == 400


def test_a_refused_booking_is_flashed(client, login, pair, slots, sse_participant, buyer_participant):
    db.session.add(MeetingUnavailability(participant_id=buyer_participant.id, slot_id=slots[0].id))
    db.session.commit()
    login(sse_participant.user)
    response = client.post(f"/rendez-vous/{pair.id}/reserver", data={"slot_id": slots[0].id}, follow_redirects=True)
    assert "pas disponible" in response.get_data(as_text=True)
    assert db.session.get(Meeting, pair.id).slot_id is None


def test_no_free_slot_says_what_to_do(client, login, pair, slots, buyer_participant, sse_participant):
    db.session.add_all(MeetingUnavailability(participant_id=buyer_participant.id, slot_id=s.id) for s in slots)
    db.session.commit()
    login(sse_participant.user)
    text = client.get(f"/rendez-vous/{pair.id}").get_data(as_text=True)
    assert "Aucun créneau à venir" in text and "placement automatique" in text
    assert f"/evenements/{buyer_participant.event_id}/rendez-vous/disponibilites" in text


def test_direct_booking_off_says_the_organiser_places(client, login, pair, event, sse_participant):
    db.session.get(MeetingSettings, event.id).direct_booking = False
    db.session.commit()
    login(sse_participant.user)
    text = client.get(f"/rendez-vous/{pair.id}").get_data(as_text=True)
    assert "planificateur" in text and "Réserver ce créneau" not in text


def test_reschedule_and_cancel_through_the_page(client, login, pair, slots, sse_participant, book_at, outbox):
    book_at(pair, slots[0])
    login(sse_participant.user)
    client.post(f"/rendez-vous/{pair.id}/deplacer", data={"slot_id": slots[3].id})
    assert db.session.get(Meeting, pair.id).slot_id == slots[3].id
    response = client.post(f"/rendez-vous/{pair.id}/annuler", data={"reason": "Imprévu"})
    assert response.status_code == 400 and "Cochez la case" in response.get_data(as_text=True)
    response = client.post(f"/rendez-vous/{pair.id}/annuler", data={"reason": "Imprévu", "confirm": "y"},
                           follow_redirects=True)
    assert "Rendez-vous annulé" in response.get_data(as_text=True)
    meeting = db.session.get(Meeting, pair.id)
    assert meeting.status == MeetingStatus.CANCELLED and meeting.last_slot_id == slots[3].id


def test_check_in_and_no_show_buttons_at_the_right_times(client, login, pair, slots, sse_participant,
                                                        buyer_participant, book_at, move_slot_to_now):
    book_at(pair, slots[0])
    login(sse_participant.user)
    text = client.get(f"/rendez-vous/{pair.id}").get_data(as_text=True)
    assert "Présent·es : le rendez-vous a lieu" not in text and "Absent :" not in text
    move_slot_to_now(slots[0], minutes=20)  # opens in 10 minutes... check-in opens 30 min before
    text = client.get(f"/rendez-vous/{pair.id}").get_data(as_text=True)
    assert "Présent·es : le rendez-vous a lieu" in text and "Absent :" not in text
    client.post(f"/rendez-vous/{pair.id}/presence")
    assert db.session.get(Meeting, pair.id).checked_in_at is not None
    move_slot_to_now(slots[0], minutes=-5)
    text = client.get(f"/rendez-vous/{pair.id}").get_data(as_text=True)
    assert f"Absent : {buyer_participant.organisation.name}" in text
    assert f"Absent : {sse_participant.organisation.name}" not in text
    client.post(f"/rendez-vous/{pair.id}/absence", data={"participant_id": buyer_participant.id})
    meeting = db.session.get(Meeting, pair.id)
    assert meeting.no_show_id == buyer_participant.id and meeting.checked_in_at is None
    response = client.post(f"/rendez-vous/{pair.id}/absence", data={"participant_id": sse_participant.id},
                           follow_redirects=True)
    assert "absente que" in response.get_data(as_text=True)
    client.post(f"/rendez-vous/{pair.id}/absence/retirer")
    assert db.session.get(Meeting, pair.id).no_show_id is None


def test_outcome_form(client, login, pair, slots, sse_participant, book_at, move_slot_to_now):
    book_at(pair, slots[0])
    login(sse_participant.user)
    assert "Suites données" not in client.get(f"/rendez-vous/{pair.id}").get_data(as_text=True)
    move_slot_to_now(slots[0], minutes=-30)
    assert "Suites données" in client.get(f"/rendez-vous/{pair.id}").get_data(as_text=True)
    response = client.post(f"/rendez-vous/{pair.id}/suites", data={"outcome": "contract"})
    assert response.status_code == 400 and "Indiquez le montant" in response.get_data(as_text=True)
    response = client.post(f"/rendez-vous/{pair.id}/suites", data={"outcome": "informative",
                                                                   "contract_amount_eur": "10"})
    assert response.status_code == 400
    response = client.post(f"/rendez-vous/{pair.id}/suites", data={"outcome": "contract", "contract_amount_eur": "12000",
                                                                   "comment": "Marché de nettoyage"},
                           follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Suites enregistrées" in text and "Contrat signé" in text
    assert db.session.get(Meeting, pair.id).outcomes[0].contract_amount_eur == 12000


def test_online_link_only_on_the_page_of_a_booked_meeting(client, login, pair, slots, event, sse_participant):
    db.session.get(MeetingSettings, event.id).video_link_pattern = "https://visio.exemple.fr/{code}"
    db.session.commit()
    login(sse_participant.user)
    client.post(f"/rendez-vous/{pair.id}/reserver", data={"slot_id": slots[0].id})
    meeting = db.session.get(Meeting, pair.id)
    assert meeting.video_url and meeting.video_url in client.get(f"/rendez-vous/{pair.id}").get_data(as_text=True)


def test_checked_in_meeting_shows_it(client, login, pair, slots, organiser_user, book_at):
    book_at(pair, slots[0])
    pair.checked_in_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    login(organiser_user)
    assert "Notée à" in client.get(f"/rendez-vous/{pair.id}").get_data(as_text=True)
