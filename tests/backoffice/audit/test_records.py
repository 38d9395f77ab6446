"""Each audited family writes its entry, in the same transaction as the action."""
from datetime import date, time, timedelta

from sqlalchemy import select

from matchfair.backoffice.audit_text import sentence
from matchfair.backoffice.models import AuditEntry
from matchfair.extensions import db
from matchfair.meetings import grid_services
from matchfair.meetings import scheduling_runs as runs
from matchfair.needs import services as needs
from matchfair.programme import events_registrations, events_services
from matchfair.programme import timetable_services as timetable


def entries(action_prefix=""):
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action.startswith(action_prefix))
                                   .order_by(AuditEntry.id)))


def test_registration_decisions(event, organiser_user, register):
    registration = register(event, name="Région Occitanie", kind="buyer")
    events_registrations.decide(organiser_user, registration, True)
    events_registrations.decide(organiser_user, registration, False, "Complet")
    db.session.commit()
    approved, refused = entries("registration.")
    assert (approved.action, approved.event_id, approved.actor_id) == (
        "registration.approved", event.id, organiser_user.id)
    assert approved.organisation_id == registration.organisation_id
    assert approved.object_type == "event_registration" and approved.object_id == registration.id
    assert sentence(approved) == f"{organiser_user.full_name} a validé l'inscription de Région Occitanie"
    assert refused.details["reason"] == "Complet" and "Complet" in sentence(refused)


def test_no_entry_when_nothing_changes_or_refused(event, organiser_user, register):
    registration = register(event, status="approved")
    assert events_registrations.decide(organiser_user, registration, True) is False
    assert entries() == []


def test_event_created_edited_published(organiser_user):
    org = organiser_user.memberships[0].organisation
    day = date.today() + timedelta(days=40)
    data = {"name": "Forum achats", "description": "", "starts_on": day, "ends_on": day, "timezone": "Europe/Paris",
            "is_online": False, "venue_name": "Salle", "venue_address": "Albi", "department_code": "81",
            "online_url": None, "registration_opens_at": None, "registration_closes_at": None,
            "requires_approval": False, "is_published": False}
    event = events_services.create_event(organiser_user, org, data, None)
    events_services.update_event(organiser_user, event, dict(data, description="Deux jours"), event.slug)
    events_services.update_event(organiser_user, event, dict(data, is_published=True), event.slug)
    db.session.commit()
    assert [e.action for e in entries("event.")] == ["event.created", "event.updated", "event.published"]
    assert all(e.event_id == event.id and e.details["name"] == "Forum achats" for e in entries("event."))


def test_sessions_created_updated_published_cancelled(event, organiser_user):
    data = timetable.SessionData(kind="workshop", title="Les marchés réservés",
                                 starts_at=timetable.local_to_utc(event, event.starts_on, time(10)),
                                 ends_at=timetable.local_to_utc(event, event.starts_on, time(11)),
                                 online_url="https://visio.example.org/a")
    session = timetable.create_session(organiser_user, event, data)
    data.title = "Les marchés réservés, suite"
    timetable.update_session(organiser_user, session, data)
    timetable.set_published(organiser_user, session, True)
    timetable.cancel_session(organiser_user, session)
    db.session.commit()
    assert [e.action for e in entries("session.")] == [
        "session.created", "session.updated", "session.published", "session.cancelled"]
    assert entries("session.")[-1].details["title"] == "Les marchés réservés, suite"


def test_need_publication_close_reopen_award(make_need, buyer_admin, buyer):
    need = make_need()
    needs.publish_need(buyer_admin, need)
    needs.close_need(buyer_admin, need)
    needs.reopen_need(buyer_admin, need)
    needs.award_need(buyer_admin, need, outside_name="Entreprise Dupont", amount_eur=30_000)
    db.session.commit()
    found = entries("need.")
    assert [e.action for e in found] == ["need.published", "need.closed", "need.reopened", "need.awarded"]
    assert all(e.organisation_id == buyer.id and e.event_id is None and e.details["title"] == need.title
               for e in found)
    assert sentence(found[0]) == f"{buyer_admin.full_name} a publié le besoin « {need.title} »"
    assert found[-1].details["awarded_to"] == "Entreprise Dupont"


def test_meeting_grid_changes(event, organiser_user, meeting_grid, tables, make_participant):
    grid_services.add_period(organiser_user, event, event.starts_on + timedelta(days=1), time(9), time(10))
    made = grid_services.add_tables(organiser_user, event, "Table", 2)
    grid_services.rename_table(organiser_user, made[0], "Table Garonne")
    grid_services.set_table_active(organiser_user, made[1], False)
    grid_services.delete_table(organiser_user, made[1])
    buyer = make_participant("buyer")
    grid_services.assign_stand(organiser_user, buyer, tables[0])
    grid_services.remove_stand(organiser_user, buyer)
    db.session.commit()
    actions = [e.action for e in entries("meetings.")]
    assert actions == ["meetings.period_added", "meetings.tables_added", "meetings.table_renamed",
                       "meetings.table_deactivated", "meetings.table_deleted", "meetings.stand_assigned",
                       "meetings.stand_removed"]
    assert entries("meetings.tables_added")[0].details["count"] == 2
    assert "Table Garonne" in sentence(entries("meetings.table_renamed")[0])


def test_schedule_publication_with_counts(event, slots, tables, organiser_user, make_participant, make_meeting):
    buyer, sse = make_participant("buyer"), make_participant()
    make_meeting(sse, buyer)
    run = runs.run(organiser_user, event)
    report = runs.publish(organiser_user, run)
    db.session.commit()
    (entry,) = entries("schedule.")
    assert entry.action == "schedule.published" and entry.event_id == event.id
    assert entry.details["placed"] == report.placed == 1 and entry.details["unplaced"] == 0


def test_rolled_back_action_leaves_no_entry(event, organiser_user, register):
    registration = register(event)
    events_registrations.decide(organiser_user, registration, True)
    db.session.rollback()
    assert entries() == []
