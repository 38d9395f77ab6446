"""Places held by people who no longer attend the event are freed: their organisation's registration
cancelled or refused, or they are removed from its attendees. Freed places go to the waiting list."""
from datetime import date, timedelta

import pytest

from matchfair.extensions import db
from matchfair.organisations.models import Organisation
from matchfair.programme import registration_mail, registrations
from matchfair.programme.models import (
    Event,
    EventRegistration,
    ProgrammeSession,
    SessionRegistration,
)
from matchfair.programme.registrations import SeatError
from matchfair.timeutil import utcnow
from tests import factories

from ..events.conftest import member_of, register_org

PROMOTED = "Une place s'est libérée"


def _status(row):
    return db.session.get(SessionRegistration, row.id).status


def _count(session):
    return db.session.get(ProgrammeSession, session.id).registered_count


def _promoted_to(outbox):
    return [m.to[0] for m in outbox if m.subject.startswith(PROMOTED)]


@pytest.fixture
def scene(app, event, make_session, many_attendees, attend):
    """Éclat (admin A, colleague C) attends the event with other people (X, W1, W2):
    - s1 (2 places): C and X registered; A, W1, W2 waiting, in that order;
    - s2 (1 place): A registered; W2 waiting;
    - started (already begun): C registered;
    - elsewhere (another event, which A attends too): A registered."""
    org = factories.OrganisationFactory(name="Éclat Propreté Insertion")
    a, c = member_of(org), member_of(org)
    registration = register_org(event, org, [a, c])
    x, w1, w2 = many_attendees(3)
    s1 = make_session("Les marchés réservés", capacity=2)
    s2 = make_session("Clauses sociales", capacity=1, start_in=timedelta(days=10, hours=2))
    started = make_session("Plénière d'ouverture", start_in=timedelta(days=9))
    other = Event(organiser_organisation_id=factories.OrganisationFactory().id, name="TRAIDS 2027",
                  slug="traids-2027", starts_on=date.today() + timedelta(days=20),
                  ends_on=date.today() + timedelta(days=20), is_published=True, is_online=True)
    db.session.add(other)
    db.session.commit()
    attend(a, for_event=other)
    elsewhere = make_session("Achats responsables", event_id=other.id, start_in=timedelta(days=20))
    rows = {}
    with app.test_request_context(method="POST"):
        for key, person, session in (("c1", c, s1), ("x1", x, s1), ("a1", a, s1), ("w1", w1, s1),
                                     ("w2", w2, s1), ("a2", a, s2), ("w2b", w2, s2), ("c0", c, started),
                                     ("ae", a, elsewhere)):
            rows[key] = registrations.register(person, session).registration
            db.session.commit()
    started.starts_at = utcnow() - timedelta(minutes=30)
    started.ends_at = utcnow() + timedelta(hours=2)
    db.session.commit()
    return {"org": org, "a": a, "c": c, "w1": w1, "w2": w2, "registration": registration, "s1": s1, "s2": s2,
            "started": started, "elsewhere": elsewhere, "rows": rows}


def _assert_everyone_left(scene):
    rows = scene["rows"]
    assert [_status(rows[k]) for k in ("c1", "a1", "a2")] == ["cancelled"] * 3
    # The waiting list, in order: W1 takes C's place at s1 (A, ahead of W1, left too); W2 gets s2.
    assert [_status(rows[k]) for k in ("x1", "w1", "w2", "w2b")] == ["registered", "registered", "waiting",
                                                                      "registered"]
    assert registrations.waiting_rank(db.session.get(SessionRegistration, rows["w2"].id)) == 1
    assert _count(scene["s1"]) == 2 and _count(scene["s2"]) == 1
    # A started session and another event's session are left alone.
    assert _status(rows["c0"]) == "registered" and _count(scene["started"]) == 1
    assert _status(rows["ae"]) == "registered" and _count(scene["elsewhere"]) == 1


def test_cancelling_the_organisation_frees_its_attendees_places(client, login, scene, outbox):
    login(scene["a"])
    response = client.post(f"/evenements/{scene['s1'].event.slug}/inscription/annuler")
    assert response.status_code == 302
    assert db.session.get(EventRegistration, scene["registration"].id).status == "cancelled"
    _assert_everyone_left(scene)
    # The e-mails left after the commit (the seats blueprint's after-request hook), one per promotion.
    assert sorted(_promoted_to(outbox)) == sorted([scene["w1"].email, scene["w2"].email])
    with pytest.raises(SeatError):
        registrations.register(scene["a"], scene["s2"])


def test_refusal_by_the_organiser_frees_the_attendees_places(client, login, event, scene, outbox):
    organiser = factories.MembershipFactory(organisation=db.session.get(Organisation,
                                                                        event.organiser_organisation_id)).user
    login(organiser)
    response = client.post(f"/evenements/{event.id}/inscriptions/{scene['registration'].id}/refuser",
                           data={"reason": "Le salon est réservé aux structures d'Occitanie."})
    assert response.status_code == 302
    assert db.session.get(EventRegistration, scene["registration"].id).status == "refused"
    _assert_everyone_left(scene)
    assert sorted(_promoted_to(outbox)) == sorted([scene["w1"].email, scene["w2"].email])
    # The refusal itself is still e-mailed to both attendees.
    assert len([m for m in outbox if not m.subject.startswith(PROMOTED)]) == 2


def test_removing_an_attendee_frees_only_their_places(client, login, event, scene, outbox):
    login(scene["a"])
    response = client.post(f"/evenements/{event.slug}/inscription", data={"attendees": [str(scene["a"].id)]})
    assert response.status_code == 302
    rows = scene["rows"]
    assert _status(rows["c1"]) == "cancelled"
    assert [_status(rows[k]) for k in ("a1", "w1", "w2")] == ["registered", "waiting", "waiting"]
    assert _status(rows["a2"]) == "registered" and _status(rows["w2b"]) == "waiting"
    assert _status(rows["c0"]) == "registered"
    # A, still attending, was first on the waiting list: the freed place is hers.
    assert _promoted_to(outbox) == [scene["a"].email]


def test_a_person_attending_for_another_organisation_keeps_their_places(client, login, event, scene, outbox):
    register_org(event, factories.OrganisationFactory(), [scene["c"]])
    login(scene["a"])
    client.post(f"/evenements/{event.slug}/inscription/annuler")
    rows = scene["rows"]
    assert _status(rows["c1"]) == "registered"
    assert [_status(rows[k]) for k in ("a1", "a2")] == ["cancelled", "cancelled"]
    assert _status(rows["w1"]) == "waiting" and _status(rows["w2b"]) == "registered"
    assert _promoted_to(outbox) == [scene["w2"].email]


def test_release_returns_the_rows_and_a_rollback_sends_nothing(app, event, scene, outbox):
    with app.test_request_context(method="POST"):
        released = registrations.release_user_seats([scene["a"].id, scene["a"].id], event)
        assert sorted(r.id for r in released) == sorted([scene["rows"]["a1"].id, scene["rows"]["a2"].id])
        db.session.rollback()
        registration_mail.send_queued_emails()
    assert outbox == [] and _status(scene["rows"]["a2"]) == "registered"
    assert registrations.release_user_seats([], event) == []
