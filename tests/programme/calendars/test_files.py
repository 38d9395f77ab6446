"""The calendar files themselves: RFC 5545 form, read by three independent parsers (icalendar,
vobject, ical), time zones, UIDs, SEQUENCE, cancellations and privacy."""
from datetime import timedelta, timezone

import pytest

from matchfair.extensions import db
from matchfair.programme import calendars, registrations, timetable_services
from matchfair.programme.models import SeatStatus
from matchfair.timeutil import utcnow

from .conftest import DAY, by_uid, make_session, parse_all, seat, vevents


@pytest.fixture(autouse=True)
def _request(app):
    with app.test_request_context("/", base_url="https://salon.example.org"):
        yield


def test_session_file_is_complete_and_parses_everywhere(paris):
    session = make_session(paris, speakers=[("Camille Martin", "Juriste, CRESS Occitanie")])
    body = calendars.session_calendar(session)
    calendar = parse_all(body)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert "Matchfair" in str(calendar["PRODID"])
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"session-{session.id}@salon.example.org"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert str(event["SUMMARY"]) == "Répondre à un marché public"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert int(event["SEQUENCE"]) == 0
    assert "Salle Garonne" in str(event["LOCATION"]) and "31000 Toulouse" in str(event["LOCATION"])
    description = str(event["DESCRIPTION"])
    assert "Atelier" in description and "Camille Martin" in description and "DUME" in description
    assert f"/seances/{session.id}" in description and str(event["URL"]).startswith("https://salon.example.org/")
    assert "LAST-MODIFIED" in event


def test_paris_time_zone_and_local_times(paris):
    session = make_session(paris, start=(10, 0), end=(11, 30))
    body = calendars.session_calendar(session)
    [tz] = parse_all(body).walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Europe/Paris"
    assert {str(part["TZNAME"]) for part in tz.subcomponents} >= {"CET", "CEST"}
    assert b"DTSTART;TZID=Europe/Paris:" + DAY.strftime("%Y%m%d").encode() + b"T100000\r\n" in body
    assert b"DTEND;TZID=Europe/Paris:" + DAY.strftime("%Y%m%d").encode() + b"T113000\r\n" in body
    [event] = vevents(body)
    start = event["DTSTART"].dt
    assert start.astimezone(timezone.utc).replace(tzinfo=None) == session.starts_at
    assert (start.hour, start.minute) == (10, 0)


def test_reunion_time_zone_and_local_times(reunion):
    session = make_session(reunion, start=(9, 0), end=(10, 0))
    body = calendars.session_calendar(session)
    [tz] = parse_all(body).walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Indian/Reunion"
    assert b"DTSTART;TZID=Indian/Reunion:" + DAY.strftime("%Y%m%d").encode() + b"T090000\r\n" in body
    # 09:00 in La Réunion (UTC+4) is 05:00 UTC.
    assert session.starts_at.hour == 5
    [event] = vevents(body)
    assert event["DTSTART"].dt.astimezone(timezone.utc).hour == 5
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=4)


def test_one_vtimezone_per_zone_in_a_mixed_agenda(paris, reunion, awa):
    seat(make_session(paris), awa)
    seat(make_session(reunion, start=(14, 0), end=(15, 0)), awa)
    seat(make_session(paris, title="Les marchés réservés", start=(14, 0), end=(15, 0)), awa)
    calendar = parse_all(calendars.agenda_calendar(awa, feed=True))
    assert sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")) == ["Europe/Paris", "Indian/Reunion"]
    assert calendar.get_missing_tzids() == set()
    assert len(calendar.walk("VEVENT")) == 3
    # The time zones come before the events that use them.
    names = [component.name for component in calendar.subcomponents]
    assert names.index("VEVENT") > max(i for i, name in enumerate(names) if name == "VTIMEZONE")


def test_crlf_line_endings_and_folding_at_75_octets(paris, awa):
    title = ("Les marchés réservés aux structures d'insertion, entreprises adaptées et ESAT : "
             "mode d'emploi détaillé pour les acheteurs publics et les élu·es")
    session = make_session(paris, title=title, description="Économie sociale et solidaire. " * 40)
    seat(session, awa)
    for body in (calendars.session_calendar(session), calendars.agenda_calendar(awa, feed=True)):
        assert body.endswith(b"\r\n")
        lines = body.split(b"\r\n")[:-1]
        assert all(b"\n" not in line and b"\r" not in line for line in lines)
        assert all(len(line) <= 75 for line in lines), max(lines, key=len)
        assert any(line.startswith(b" ") for line in lines)  # long lines were folded
        for line in lines:
            line.decode("utf-8")  # folding never cuts a multi-byte character
        [event] = vevents(body)
        assert str(event["SUMMARY"]) == title


def test_uid_is_stable_and_shared_by_the_file_and_the_feed(paris, awa):
    session = make_session(paris)
    seat(session, awa)
    first = calendars.session_calendar(session)
    second = calendars.session_calendar(session)
    feed = calendars.agenda_calendar(awa, feed=True)
    agenda = calendars.agenda_calendar(awa, paris)
    uid = f"session-{session.id}@salon.example.org"
    assert set(by_uid(first)) == set(by_uid(second)) == set(by_uid(feed)) == set(by_uid(agenda)) == {uid}


def test_uid_domain_follows_the_setting(app, paris):
    session = make_session(paris)
    app.config["CALENDAR_UID_DOMAIN"] = "rencontres-ess.example.org"
    try:
        assert str(vevents(calendars.session_calendar(session))[0]["UID"]) == \
            f"session-{session.id}@rencontres-ess.example.org"
    finally:
        app.config.pop("CALENDAR_UID_DOMAIN")


def test_sequence_rises_when_the_organiser_changes_the_session(paris, awa):
    session = make_session(paris)
    seat(session, awa)
    before_public = int(vevents(calendars.session_calendar(session))[0]["SEQUENCE"])
    before_feed = int(vevents(calendars.agenda_calendar(awa, feed=True))[0]["SEQUENCE"])
    organiser = _organiser_of(paris)
    data = timetable_services.session_data(session)
    data.title = "Répondre à un marché public : les bases"
    assert timetable_services.update_session(organiser, session, data)
    db.session.commit()
    [public] = vevents(calendars.session_calendar(session))
    [mine] = vevents(calendars.agenda_calendar(awa, feed=True))
    assert int(public["SEQUENCE"]) > before_public and int(mine["SEQUENCE"]) > before_feed
    assert str(mine["SUMMARY"]) == "Répondre à un marché public : les bases"


def test_a_session_cancelled_by_the_organiser_stays_as_cancelled(paris, awa):
    session = make_session(paris)
    seat(session, awa)
    before = int(vevents(calendars.agenda_calendar(awa, feed=True))[0]["SEQUENCE"])
    assert timetable_services.cancel_session(_organiser_of(paris), session)
    db.session.commit()
    for body in (calendars.agenda_calendar(awa, feed=True), calendars.agenda_calendar(awa, paris),
                 calendars.session_calendar(session)):
        [event] = vevents(body)
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["UID"]) == f"session-{session.id}@salon.example.org"
        assert "annulée par l'organisateur" in str(event["DESCRIPTION"])
    [event] = vevents(calendars.agenda_calendar(awa, feed=True))
    assert int(event["SEQUENCE"]) > before
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_a_place_the_person_gave_up_stays_as_cancelled_with_a_higher_sequence(paris, awa):
    session = make_session(paris)
    past = utcnow() - timedelta(days=2)
    row = seat(session, awa, created_at=past, queued_at=past, updated_at=past)
    before = int(vevents(calendars.agenda_calendar(awa, feed=True))[0]["SEQUENCE"])
    registrations.cancel(awa, row)
    db.session.commit()
    [event] = vevents(calendars.agenda_calendar(awa, feed=True))
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) > before
    assert "Vous avez annulé" in str(event["DESCRIPTION"])
    # Her copy of the single-session file agrees with her feed (same UID, status and SEQUENCE).
    [single] = vevents(calendars.session_calendar(session, awa))
    assert (str(single["STATUS"]), int(single["SEQUENCE"])) == ("CANCELLED", int(event["SEQUENCE"]))


def test_waiting_list_is_tentative_and_says_so(paris, awa):
    session = make_session(paris)
    seat(session, awa, status=SeatStatus.WAITING)
    [event] = vevents(calendars.agenda_calendar(awa, feed=True))
    assert str(event["STATUS"]) == "TENTATIVE"
    assert "Liste d'attente" in str(event["SUMMARY"])
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_cancelled_items_leave_the_feed_30_days_after_their_end(paris, awa):
    old_day = (utcnow() - timedelta(days=40)).date()
    recent_day = (utcnow() - timedelta(days=10)).date()
    old_cancelled = make_session(paris, title="Ancienne séance annulée", day=old_day, is_cancelled=True)
    recent_cancelled = make_session(paris, title="Séance annulée récente", day=recent_day, is_cancelled=True)
    old_attended = make_session(paris, title="Ancienne séance suivie", day=old_day, start=(14, 0), end=(15, 0))
    for session in (old_cancelled, recent_cancelled, old_attended):
        seat(session, awa)
    titles = {str(e["SUMMARY"]) for e in vevents(calendars.agenda_calendar(awa, feed=True))}
    assert titles == {"Annulé : Séance annulée récente", "Ancienne séance suivie"}


def test_no_private_data_of_others(paris, awa, bruno):
    session = make_session(paris, online_url=None)
    other = make_session(paris, title="Atelier de Bruno", start=(14, 0), end=(15, 0))
    seat(session, awa)
    seat(session, bruno)
    seat(other, bruno)
    feed = calendars.agenda_calendar(awa, feed=True)
    for body in (feed, calendars.agenda_calendar(awa, paris), calendars.session_calendar(session, awa),
                 calendars.session_calendar(session)):
        text = body.decode()
        for secret in ("Bruno", "Lefèvre", "bruno.lefevre@exemple.fr", "@exemple.fr", "Atelier de Bruno"):
            assert secret not in text
        for prop in ("ATTENDEE", "ORGANIZER", "mailto:"):
            assert prop not in text
    # Her own name and address are not needed either.
    assert "Awa" not in feed.decode() and "awa.diallo" not in feed.decode()


def test_online_link_only_for_people_holding_a_place(paris, awa, bruno):
    online = make_session(paris, title="Webinaire clauses sociales", room_name=None,
                          online_url="https://visio.example.org/clauses-8f3k")
    seat(online, awa)
    seat(online, bruno, status=SeatStatus.WAITING)
    [mine] = vevents(calendars.agenda_calendar(awa, feed=True))
    assert "https://visio.example.org/clauses-8f3k" in str(mine["DESCRIPTION"])
    assert "En ligne" in str(mine["LOCATION"])
    for body in (calendars.agenda_calendar(bruno, feed=True), calendars.session_calendar(online)):
        [event] = vevents(body)
        assert "visio.example.org" not in body.decode()
        assert str(event["LOCATION"]) == "En ligne"


def test_promotion_turns_tentative_into_confirmed_with_a_higher_sequence(paris, awa, bruno):
    session = make_session(paris, capacity=1)
    past = utcnow() - timedelta(days=1)
    first = seat(session, bruno, created_at=past, queued_at=past, updated_at=past)
    seat(session, awa, status=SeatStatus.WAITING, created_at=past, queued_at=past, updated_at=past)
    [waiting] = vevents(calendars.agenda_calendar(awa, feed=True))
    registrations.cancel(bruno, first)
    db.session.commit()
    [confirmed] = vevents(calendars.agenda_calendar(awa, feed=True))
    assert (str(waiting["STATUS"]), str(confirmed["STATUS"])) == ("TENTATIVE", "CONFIRMED")
    assert int(confirmed["SEQUENCE"]) > int(waiting["SEQUENCE"])


def test_empty_agenda_is_a_valid_calendar(awa):
    calendar = parse_all(calendars.agenda_calendar(awa, feed=True))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"])


def _organiser_of(event):
    from tests import factories
    return factories.MembershipFactory(organisation=event.organiser).user
