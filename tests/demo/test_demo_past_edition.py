"""The demo's past edition: a one-day fair in Montpellier five months ago, run through to the end
(registrations decided, entrance check-in, workshops, meetings held or missed, outcomes), whose
dashboard figures agree with a count of the rows made."""
import csv
import io
from datetime import timedelta

from sqlalchemy import func, select

from matchfair.accounts.models import User
from matchfair.backoffice.models import AuditEntry
from matchfair.demo.identity import ORGANISER_EMAIL
from matchfair.demo.past_edition import past_start
from matchfair.extensions import db
from matchfair.meetings.models import Meeting, MeetingOutcome, MeetingSeat, MeetingStatus
from matchfair.needs.direct_award import local_today
from matchfair.organisations.models import OrganisationStatus
from matchfair.programme.models import Attendee, Event, EventRegistration, ProgrammeSession, SessionRegistration
from matchfair.programme.timezones import to_local


def _past():
    return db.session.scalars(select(Event).where(Event.starts_on < local_today())).one()


def _figures(client, login, event) -> dict[str, str]:
    login(db.session.scalars(select(User).where(User.email == ORGANISER_EMAIL)).one())
    response = client.get(f"/evenements/{event.id}/indicateurs.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    return {label: value for _section, label, value in rows[1:]}


def _n(value: str) -> int:
    return int(value.replace(" ", "").replace("\u202f", "").replace("\u00a0", ""))


def test_a_fair_already_held(loaded):
    event = _past()
    assert event.starts_on == past_start(local_today()) == event.ends_on and event.starts_on.weekday() == 1
    assert event.starts_on <= local_today() - timedelta(days=150)
    assert "Montpellier" in event.name and event.department_code == "34" and event.is_published
    assert event.organiser.name.startswith("CRESS")


def test_registrations_decided_and_logged(loaded):
    event = _past()
    regs = db.session.scalars(select(EventRegistration).where(EventRegistration.event_id == event.id)).all()
    refused = [r for r in regs if r.status == "refused"]
    assert len(refused) == 2 and all(r.refusal_reason and not r.attendees for r in refused)
    assert all(r.status in ("approved", "refused") and r.decided_at and r.decided_by_id for r in regs)
    logged = db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.event_id == event.id, AuditEntry.action.in_(("registration.approved", "registration.refused"))))
    assert logged == len(regs)


def test_check_in_on_the_day(loaded):
    event = _past()
    attendees = db.session.scalars(select(Attendee).join(EventRegistration).where(
        EventRegistration.event_id == event.id)).all()
    checked = [a for a in attendees if a.checked_in_at]
    assert 0.7 * len(attendees) <= len(checked) < len(attendees)
    for attendee in checked:
        local = to_local(attendee.checked_in_at, event.timezone)
        assert local.date() == event.starts_on and 8 <= local.hour <= 10 and attendee.checked_in_by_id
    logged = db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.event_id == event.id, AuditEntry.action == "attendee.checked_in"))
    assert logged == len(checked)


def test_meetings_held_missed_and_reported(loaded):
    event = _past()
    meetings = db.session.scalars(select(Meeting).where(Meeting.event_id == event.id)).all()
    booked = [m for m in meetings if m.slot_id]
    assert len(booked) >= 40 and all(m.status == MeetingStatus.ACCEPTED for m in booked)
    assert {m.status for m in meetings} == {MeetingStatus.ACCEPTED, MeetingStatus.DECLINED, MeetingStatus.CANCELLED}
    for meeting in booked:
        seats = db.session.scalars(select(MeetingSeat).where(MeetingSeat.meeting_id == meeting.id)).all()
        assert sorted(s.participant_id for s in seats) == sorted((meeting.requester_id, meeting.recipient_id))
        assert {s.slot_id for s in seats} == {meeting.slot_id} and meeting.table_id
        assert (meeting.checked_in_at is None) != (meeting.no_show_id is None)  # held, or one side missing
        assert meeting.booked_at < meeting.slot.starts_at
    outcomes = db.session.scalars(select(MeetingOutcome).join(Meeting).where(Meeting.event_id == event.id)).all()
    assert outcomes and all(o.meeting.checked_in_at for o in outcomes)
    assert all((o.contract_amount_eur or 0) > 0 for o in outcomes if o.outcome == "contract")
    assert {o.outcome for o in outcomes} >= {"informative", "cooperation", "consultation", "contract"}


def test_dashboard_figures_agree_with_the_rows(loaded, client, login):
    """Count the rows here, read the dashboard's CSV there: the same figures."""
    event = _past()
    figures = _figures(client, login, event)
    regs = db.session.scalars(select(EventRegistration).where(EventRegistration.event_id == event.id)).all()
    approved_sse = [r for r in regs if r.status == "approved" and r.organisation.kind == "sse"]
    assert _n(figures["Structures de l'ESS : inscriptions validées"]) == len(approved_sse)
    attendees = [a for r in regs if r.status == "approved" for a in r.attendees]
    assert _n(figures["Personnes attendues"]) == len(attendees)
    assert _n(figures["Personnes accueillies à l'entrée"]) == sum(1 for a in attendees if a.checked_in_at)

    meetings = db.session.scalars(select(Meeting).where(Meeting.event_id == event.id)).all()
    assert _n(figures["Demandes de rendez-vous"]) == len(meetings)
    assert _n(figures["Rendez-vous tenus"]) == sum(1 for m in meetings if m.checked_in_at)
    assert _n(figures["Absences signalées"]) == sum(1 for m in meetings if m.no_show_id)

    contracts: dict[int, int] = {}
    for o in db.session.scalars(select(MeetingOutcome).join(Meeting).where(Meeting.event_id == event.id,
                                                                           MeetingOutcome.outcome == "contract")):
        contracts[o.meeting_id] = max(contracts.get(o.meeting_id, 0), o.contract_amount_eur)
    assert _n(figures["Contrats signés"]) == len(contracts)
    assert _n(figures["Montant des contrats signés (€ HT)"]) == sum(contracts.values())
    siae = {org_id for org_id, in db.session.execute(select(OrganisationStatus.organisation_id).where(
        OrganisationStatus.status == "siae"))}
    sse_side = {m.id: (m.requester if m.requester.organisation.kind == "sse" else m.recipient).organisation_id
                for m in meetings if m.id in contracts}
    assert _n(figures["Contrats signés avec une SIAE"]) == sum(1 for mid in contracts if sse_side[mid] in siae)

    for session in db.session.scalars(select(ProgrammeSession).where(ProgrammeSession.event_id == event.id)):
        registered = db.session.scalar(select(func.count()).select_from(SessionRegistration).where(
            SessionRegistration.session_id == session.id, SessionRegistration.status == "registered"))
        assert _n(figures[f"{session.title} : inscrits"]) == registered == session.registered_count
    assert figures["Les marchés réservés aux SIAE, EA et ESAT : taux de remplissage"] == "100%"  # full


def test_reset_and_reload_give_the_same_log(loaded, run_demo):
    """The reset deletes the demo's audit entries with its events: a reload does not pile them up."""
    before = db.session.scalar(select(func.count()).select_from(AuditEntry))
    result = run_demo("--reset")
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == before
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.event_id.is_(None))) == 0
    assert len(db.session.scalars(select(Event).where(Event.starts_on < local_today())).all()) == 1
