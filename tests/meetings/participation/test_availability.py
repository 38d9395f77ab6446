"""A participant's availability: a checkbox per slot; sessions and booked meetings hold theirs."""
import html
import re

from sqlalchemy import select

from matchfair.extensions import db
from matchfair.meetings import placement
from matchfair.meetings.grid import event_tables
from matchfair.meetings.models import MeetingUnavailability
from matchfair.programme.models import ProgrammeSession, SeatStatus, SessionRegistration
from tests import factories

URL = "/evenements/{id}/rendez-vous/disponibilites"


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _declared(participant) -> set[int]:
    return set(db.session.scalars(select(MeetingUnavailability.slot_id).where(
        MeetingUnavailability.participant_id == participant.id)))


def _checked(page: str) -> set[int]:
    return {int(i) for i in re.findall(r'<input type="checkbox" id="slot-(\d+)"[^>]*\bchecked\b', page)}


def _session_over(event, slot, user, title="Atelier clauses sociales"):
    session = ProgrammeSession(event_id=event.id, kind="workshop", title=title, starts_at=slot.starts_at,
                               ends_at=slot.ends_at, is_published=True)
    db.session.add(session)
    db.session.flush()
    db.session.add(SessionRegistration(session_id=session.id, user_id=user.id, status=SeatStatus.REGISTERED))
    db.session.commit()


def test_access(client, login, event, slots, sse_participant, make_participant):
    url = URL.format(id=event.id)
    assert "/connexion" in client.get(url).location
    assert "/connexion" in client.post(url, data={}).location
    outsider = factories.MembershipFactory(organisation=factories.OrganisationFactory()).user
    login(outsider)
    response = client.get(url)
    assert response.status_code == 302 and response.location.endswith("/rendez-vous/participer")
    login(sse_participant.user)
    assert client.get(url).status_code == 200
    assert client.get(URL.format(id=event.id + 50)).status_code == 404


def test_grid_by_period_and_saving(client, login, event, slots, sse_participant):
    login(sse_participant.user)
    page = _text(client.get(URL.format(id=event.id)))
    assert page.count("<fieldset") == 2 and "09:00–12:30" in page and "14:00–17:30" in page
    assert "09:00–09:25" in page
    assert _checked(page) == {s.id for s in slots}
    available = [str(s.id) for s in slots[2:]]
    response = client.post(URL.format(id=event.id), data={"available": available}, follow_redirects=True)
    assert "Disponibilités enregistrées (2 créneau(x) rendu(s) indisponible(s), 0 rendu(s) disponible(s))" in \
        _text(response)
    assert _declared(sse_participant) == {slots[0].id, slots[1].id}
    assert _checked(_text(client.get(URL.format(id=event.id)))) == {s.id for s in slots[2:]}
    client.post(URL.format(id=event.id), data={"available": [str(s.id) for s in slots[1:]] + ["abc", "99999"]})
    assert _declared(sse_participant) == {slots[0].id}


def test_check_all_and_none_without_javascript(client, login, event, slots, sse_participant):
    db.session.add(MeetingUnavailability(participant_id=sse_participant.id, slot_id=slots[3].id))
    db.session.commit()
    login(sse_participant.user)
    page = _text(client.get(URL.format(id=event.id)))
    assert "?cocher=tout" in page and "?cocher=aucun" in page
    assert _checked(_text(client.get(URL.format(id=event.id) + "?cocher=tout"))) == {s.id for s in slots}
    none = _text(client.get(URL.format(id=event.id) + "?cocher=aucun"))
    assert _checked(none) == set() and "enregistrez pour confirmer" in none
    assert _declared(sse_participant) == {slots[3].id}  # nothing saved until the form is sent


def test_sessions_and_booked_meetings_hold_their_slots(client, login, event, slots, sse_participant,
                                                       buyer_participant, make_meeting):
    _session_over(event, slots[1], sse_participant.user)
    meeting = make_meeting(sse_participant, buyer_participant)
    placement.place(None, meeting, slots[4], event_tables(event.id)[0], source="direct")
    db.session.commit()
    login(sse_participant.user)
    page = _text(client.get(URL.format(id=event.id)))
    assert "Session : Atelier clauses sociales" in page
    assert f"Rendez-vous avec {buyer_participant.organisation.name}" in page
    assert re.search(rf'id="slot-{slots[1].id}"[^>]*disabled', page)
    assert re.search(rf'id="slot-{slots[4].id}"[^>]*checked[^>]*disabled', page)
    assert slots[1].id not in _checked(page)
    # Nothing ticked: every changeable slot becomes unavailable, not the session's nor the meeting's.
    client.post(URL.format(id=event.id), data={})
    assert _declared(sse_participant) == {s.id for s in slots} - {slots[1].id, slots[4].id}
