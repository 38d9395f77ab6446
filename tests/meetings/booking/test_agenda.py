"""Meetings in "Mon agenda", the agenda files, the private feed and the meeting's own .ics."""
from datetime import timedelta

import pytest

from matchfair.extensions import db
from matchfair.meetings import booking
from matchfair.meetings.models import MeetingSettings
from matchfair.programme import calendars
from matchfair.programme.agenda import agenda_items
from matchfair.programme.calendar_tokens import token_of
from tests.programme.calendars.conftest import by_uid, parse_all

from ... import factories


@pytest.fixture
def in_request(app):
    with app.test_request_context("/", base_url="https://salon.example.org"):
        yield


def test_a_booked_meeting_is_in_both_representatives_agendas(in_request, pair, slots, sse_participant,
                                                             buyer_participant, book_at, event):
    book_at(pair, slots[2], 2)
    [mine] = agenda_items(sse_participant.user, event)
    assert mine.kind == "meeting" and mine.key == f"meeting-{pair.id}" and mine.session is None
    assert mine.title == f"Rendez-vous avec {buyer_participant.organisation.name}"
    assert mine.location == "T3, Parc des expositions, Toulouse" and mine.status == "registered"
    assert buyer_participant.user.full_name in mine.description
    assert (mine.starts_at, mine.ends_at) == (slots[2].starts_at, slots[2].ends_at)
    [theirs] = agenda_items(buyer_participant.user)
    assert theirs.title == f"Rendez-vous avec {sse_participant.organisation.name}"
    # Another member of the organisation is not the representative: not in their agenda.
    colleague = factories.MembershipFactory(organisation=sse_participant.organisation).user
    assert agenda_items(colleague) == []
    # Another event's filter leaves it out.
    assert agenda_items(sse_participant.user, event.id + 1) == []


def test_unbooked_meetings_are_not_in_the_agenda(in_request, pair, sse_participant):
    assert agenda_items(sse_participant.user, include_cancelled=True) == []


def test_feed_uid_stable_sequence_up_on_reschedule_and_cancelled(in_request, pair, slots, sse_participant,
                                                                  book_at, buyer_participant):
    book_at(pair, slots[0])
    uid = f"meeting-{pair.id}@salon.example.org"
    first = by_uid(calendars.agenda_calendar(sse_participant.user, feed=True))[uid]
    assert str(first["STATUS"]) == "CONFIRMED" and "/rendez-vous/" in str(first["URL"])
    booking.reschedule(sse_participant.user, pair, slots[5].id)
    db.session.commit()
    moved = by_uid(calendars.agenda_calendar(sse_participant.user, feed=True))[uid]
    assert int(moved["SEQUENCE"]) > int(first["SEQUENCE"])
    assert moved["DTSTART"].dt.replace(tzinfo=None) != first["DTSTART"].dt.replace(tzinfo=None)
    booking.cancel(buyer_participant.user, pair, "")
    db.session.commit()
    feed = calendars.agenda_calendar(sse_participant.user, feed=True)
    cancelled = by_uid(feed)[uid]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) > int(moved["SEQUENCE"])
    assert cancelled["DTSTART"].dt == moved["DTSTART"].dt and str(cancelled["SUMMARY"]).startswith("Annulé")
    assert "VTIMEZONE" in feed.decode()
    # The page leaves it out; the files keep it as cancelled, the meeting's own file too.
    assert agenda_items(sse_participant.user) == []
    assert str(by_uid(calendars.agenda_calendar(sse_participant.user))[uid]["STATUS"]) == "CANCELLED"
    assert str(by_uid(calendars.meeting_calendar(pair, sse_participant))[uid]["STATUS"]) == "CANCELLED"


def test_an_unbooked_meeting_is_cancelled_in_the_feed_and_leaves_after_30_days(in_request, pair, slots, book_at,
                                                                             sse_participant):
    from matchfair.meetings import placement

    book_at(pair, slots[0])
    placement.unplace(pair)
    db.session.commit()
    [item] = agenda_items(sse_participant.user, include_cancelled=True)
    assert item.status == "cancelled"
    copies = calendars.agenda_copies(sse_participant.user, now=slots[0].ends_at + timedelta(days=31))
    assert copies == []


def test_the_online_link_goes_only_to_the_two_sides(in_request, pair, slots, event, sse_participant):
    db.session.get(MeetingSettings, event.id).video_link_pattern = "https://visio.exemple.fr/{code}"
    db.session.commit()
    booking.book(sse_participant.user, pair, slots[0].id)
    db.session.commit()
    [item] = agenda_items(sse_participant.user)
    assert pair.video_url in item.location
    body = calendars.meeting_calendar(pair, sse_participant).decode()
    assert pair.video_url[:40] in body.replace("\r\n ", "")


def test_files_parse_everywhere_and_mix_with_sessions(in_request, pair, slots, book_at, sse_participant, event):
    book_at(pair, slots[0])
    calendar = parse_all(calendars.agenda_calendar(sse_participant.user, event))
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [f"meeting-{pair.id}@salon.example.org"]
    parse_all(calendars.meeting_calendar(pair, sse_participant))


def test_meeting_ics_route_has_the_feed_uid(client, login, pair, slots, book_at, sse_participant, app):
    book_at(pair, slots[0])
    login(sse_participant.user)
    response = client.get(f"/rendez-vous/{pair.id}.ics")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/calendar")
    token = token_of(sse_participant.user).token
    db.session.commit()
    feed = client.get(f"/agenda/flux/{token}.ics")
    assert set(by_uid(response.data)) == set(by_uid(feed.data)) == {f"meeting-{pair.id}@localhost"}


def test_my_agenda_page_lists_the_meeting(client, login, pair, slots, book_at, sse_participant, event,
                                          buyer_participant):
    book_at(pair, slots[1], 1)
    login(sse_participant.user)
    text = client.get(f"/evenements/{event.slug}/mon-agenda").get_data(as_text=True)
    assert f"Rendez-vous avec {buyer_participant.organisation.name}" in text and "T2" in text
    assert f"/rendez-vous/{pair.id}" in text and "Réservé" in text
