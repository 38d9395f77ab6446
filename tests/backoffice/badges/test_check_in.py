"""Check-in service: who may enter, double check-in, undo, counts, audit."""
import pytest
from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from matchfair.backoffice import badges
from matchfair.backoffice.models import AuditEntry
from matchfair.extensions import db


def _scan(user, event, code):
    attendee = badges.attendee_for_code(user, event, code)
    return attendee, badges.check_in(user, event, attendee)


def test_check_in_marks_present_and_audits(organiser, event, approved):
    attendee, entered = _scan(organiser, event, badges.badge_code(approved))
    db.session.commit()
    assert entered and attendee.id == approved.id
    assert attendee.checked_in_at is not None and attendee.checked_in_by_id == organiser.id
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "attendee.checked_in"))
    assert entry.event_id == event.id and entry.object_id == approved.id and entry.actor_id == organiser.id
    assert entry.details["name"] == "Awa Diallo"
    assert badges.welcome_message(event, attendee, True) == \
        "Bienvenue, Awa Diallo (Région Occitanie) : entrée enregistrée."


def test_double_check_in_is_not_an_error(organiser, event, approved):
    _scan(organiser, event, badges.badge_code(approved))
    db.session.commit()
    first = approved.checked_in_at
    attendee, entered = _scan(organiser, event, badges.badge_code(approved))
    assert not entered and attendee.checked_in_at == first
    assert "Déjà entré·e" in badges.welcome_message(event, attendee, False)
    assert db.session.scalar(select(db.func.count(AuditEntry.id))) == 1


def test_undo(organiser, event, approved):
    _scan(organiser, event, badges.badge_code(approved))
    assert badges.undo_check_in(organiser, event, approved)
    db.session.commit()
    assert approved.checked_in_at is None and approved.checked_in_by_id is None
    assert not badges.undo_check_in(organiser, event, approved)
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["attendee.checked_in", "attendee.check_in_undone"]
    # and the person can enter again
    assert _scan(organiser, event, badges.badge_code(approved))[1]


@pytest.mark.parametrize("status, words", [("pending", "attend encore la validation"), ("refused", "a été refusée"),
                                           ("cancelled", "a annulé son inscription")])
def test_registration_not_approved_refused(organiser, event, make_attendee, status, words):
    attendee = make_attendee(status=status)
    with pytest.raises(badges.CheckInRefused) as error:
        _scan(organiser, event, badges.badge_code(attendee))
    assert str(error.value).startswith("Refusé") and words in str(error.value)
    db.session.rollback()
    assert db.session.get(type(attendee), attendee.id).checked_in_at is None


def test_other_event_code_refused(organiser, event, other_event, make_attendee):
    attendee = make_attendee(on_event=other_event)
    with pytest.raises(badges.CheckInRefused) as error:
        _scan(organiser, event, badges.badge_code(attendee))
    assert "autre événement" in str(error.value) and other_event.name in str(error.value)
    with pytest.raises(badges.CheckInRefused):
        badges.check_in(organiser, event, attendee)


@pytest.mark.parametrize("text, words", [("", "aucun code"), ("   ", "aucun code"), ("A1-ZZZZZZZZ", "pas un code"),
                                         ("n'importe quoi", "pas un code")])
def test_malformed_or_forged_codes_refused(organiser, event, approved, text, words):
    with pytest.raises(badges.CheckInRefused) as error:
        badges.attendee_for_code(organiser, event, text)
    assert words in str(error.value)


def test_removed_attendee_code_refused(organiser, event, approved):
    code = badges.badge_code(approved)
    db.session.delete(approved)
    db.session.commit()
    with pytest.raises(badges.CheckInRefused) as error:
        badges.attendee_for_code(organiser, event, code)
    assert "ne correspond plus" in str(error.value)


def test_only_organisers_check_in(event, approved, awa):
    with pytest.raises(Forbidden):
        badges.attendee_for_code(awa, event, badges.badge_code(approved))
    with pytest.raises(Forbidden):
        badges.check_in(awa, event, approved)
    with pytest.raises(Forbidden):
        badges.undo_check_in(awa, event, approved)


def test_attendance_counts(organiser, event, other_event, approved, make_attendee):
    sse = [make_attendee(kind="sse") for _ in range(3)]
    make_attendee(kind="sse", status="pending")
    make_attendee(kind="buyer", status="refused")
    elsewhere = make_attendee(on_event=other_event)
    elsewhere.checked_in_at = db.func.now()
    db.session.commit()
    assert badges.attendance_counts(event) == {
        "expected": 4, "checked_in": 0,
        "by_kind": {"sse": {"expected": 3, "checked_in": 0}, "buyer": {"expected": 1, "checked_in": 0}}}
    for attendee in (approved, sse[0]):
        badges.check_in(organiser, event, attendee)
    db.session.commit()
    counts = badges.attendance_counts(event)
    assert counts["checked_in"] == 2 and counts["by_kind"]["buyer"]["checked_in"] == 1
    assert counts["by_kind"]["sse"] == {"expected": 3, "checked_in": 1}
    # counted both ways: the figures agree with the rows
    from matchfair.programme.models import Attendee, EventRegistration
    rows = db.session.scalars(select(Attendee).join(Attendee.registration).where(
        EventRegistration.event_id == event.id, EventRegistration.status == "approved")).all()
    assert counts["expected"] == len(rows) and counts["checked_in"] == sum(a.checked_in_at is not None for a in rows)


def test_search_and_recent(organiser, event, approved, make_attendee):
    make_attendee(name="Bruno Martin")
    assert [a.id for a in badges.search_attendees(event, "awa")] == [approved.id]
    assert [a.id for a in badges.search_attendees(event, "occitanie")] == [approved.id]
    assert badges.search_attendees(event, "%") == []
    assert badges.search_attendees(event, "") == []
    badges.check_in(organiser, event, approved)
    db.session.commit()
    assert [a.id for a in badges.recent_check_ins(event)] == [approved.id]


def test_badge_list_filters(event, approved, make_attendee):
    sse = make_attendee(kind="sse")
    make_attendee(status="pending")
    assert {a.id for a in badges.badge_attendees(event)} == {approved.id, sse.id}
    assert [a.id for a in badges.badge_attendees(event, kind="buyer")] == [approved.id]
    assert [a.id for a in badges.badge_attendees(event, org_query="OCCIT")] == [approved.id]
