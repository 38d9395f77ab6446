"""Meetings fixtures: a published event with a meeting grid (two periods of 25 + 5 minute slots,
four pool tables), and helpers making participants and meetings. Every helper commits."""
from datetime import date, datetime, time, timedelta

import pytest

from matchfair.extensions import db
from matchfair.meetings import grid
from matchfair.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingPeriod,
    MeetingSettings,
    MeetingStatus,
    MeetingTable,
)
from matchfair.organisations.models import OrgKind
from matchfair.programme.models import Attendee, Event, EventRegistration, RegistrationStatus
from matchfair.programme.timezones import to_utc
from matchfair.timeutil import utcnow

from .. import factories


@pytest.fixture
def organiser_user():
    """A confirmed user, member of the CRESS organising the event."""
    org = factories.OrganisationFactory(kind=OrgKind.ORGANISER, name="CRESS Occitanie", siret=None)
    return factories.MembershipFactory(organisation=org).user


@pytest.fixture
def event(organiser_user):
    """A published two-day event in Toulouse, ten days from now."""
    day = date.today() + timedelta(days=10)
    made = Event(organiser_organisation_id=organiser_user.memberships[0].organisation_id,
                 name="Rencontres ESS & achat public", slug="rencontres-2026", starts_on=day,
                 ends_on=day + timedelta(days=1), timezone="Europe/Paris", is_published=True,
                 venue_name="Parc des expositions", venue_address="Toulouse")
    db.session.add(made)
    db.session.commit()
    return made


def local(event: Event, day_index: int, hh: int, mm: int = 0) -> datetime:
    """The naive UTC time of hh:mm (Paris) on the event's day `day_index` (0-based)."""
    return to_utc(datetime.combine(event.starts_on + timedelta(days=day_index), time(hh, mm)), event.timezone)


@pytest.fixture
def meeting_grid(event):
    """Open meetings: day 1 09:00-12:30 and 14:00-17:30, 25 + 5 min (7 + 7 slots), tables T1-T4."""
    db.session.add(MeetingSettings(event_id=event.id, is_open=True, slot_minutes=25, break_minutes=5))
    db.session.add_all([
        MeetingPeriod(event_id=event.id, starts_at=local(event, 0, 9), ends_at=local(event, 0, 12, 30)),
        MeetingPeriod(event_id=event.id, starts_at=local(event, 0, 14), ends_at=local(event, 0, 17, 30)),
    ])
    db.session.add_all(MeetingTable(event_id=event.id, name=f"T{i}", position=i) for i in range(1, 5))
    db.session.flush()
    grid.rebuild_slots(event)
    db.session.commit()
    return grid.settings_of(event)


@pytest.fixture
def slots(event, meeting_grid):
    return grid.event_slots(event.id)


@pytest.fixture
def make_participant(event):
    """make_participant(kind="sse"|"buyer", user=None, **fields) -> MeetingParticipant: an
    organisation registered (approved) for the event, its user an admin and attendee, opted in."""

    def _make(kind="sse", user=None, for_event=None, **fields):
        target = for_event or event
        org = (factories.BuyerFactory() if kind == "buyer" else factories.OrganisationFactory())
        user = user or factories.UserFactory()
        factories.MembershipFactory(user=user, organisation=org)
        registration = EventRegistration(event_id=target.id, organisation_id=org.id,
                                         status=RegistrationStatus.APPROVED)
        db.session.add(registration)
        db.session.flush()
        db.session.add(Attendee(registration_id=registration.id, user_id=user.id))
        participant = MeetingParticipant(event_id=target.id, organisation_id=org.id, user_id=user.id, **fields)
        db.session.add(participant)
        db.session.commit()
        return participant

    return _make


@pytest.fixture
def sse_participant(make_participant):
    return make_participant("sse")


@pytest.fixture
def buyer_participant(make_participant):
    return make_participant("buyer")


@pytest.fixture
def make_meeting(event):
    """make_meeting(requester, recipient, status="accepted", **fields) -> Meeting (not booked)."""

    def _make(requester, recipient, status=MeetingStatus.ACCEPTED, **fields):
        values = {"event_id": requester.event_id, "requester_id": requester.id, "recipient_id": recipient.id,
                  "status": status, "expires_at": utcnow() + timedelta(days=7), "message": "Bonjour"}
        if status != MeetingStatus.REQUESTED:
            values["answered_at"] = utcnow()
        values.update(fields)
        meeting = Meeting(**values)
        db.session.add(meeting)
        db.session.commit()
        return meeting

    return _make
