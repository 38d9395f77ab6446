"""Tables (numbering, renaming, (de)activating, deleting) and buyers' stands."""
from datetime import timedelta
from html import unescape

from matchfair.extensions import db
from matchfair.meetings import grid, placement
from matchfair.meetings.models import (
    MeetingParticipant,
    MeetingSettings,
    MeetingSlot,
    MeetingTable,
)
from matchfair.timeutil import utcnow


def _url(event, path="/tables"):
    return f"/evenements/{event.id}/rendez-vous{path}"


def _names(event):
    return [t.name for t in grid.event_tables(event.id)]


def test_add_tables_continues_numbering(client, login, event, meeting_grid, organiser_user):
    login(organiser_user)
    response = client.post(_url(event, "/tables/ajouter"), data={"prefix": "Table", "count": "3"},
                           follow_redirects=True)
    assert "3 tables ajoutées : Table 1 à Table 3" in unescape(response.text)
    client.post(_url(event, "/tables/ajouter"), data={"prefix": "table", "count": "2"})
    assert _names(event)[4:] == ["Table 1", "Table 2", "Table 3", "table 4", "table 5"]
    # Another prefix has its own numbering, continued after its highest number.
    db.session.add(MeetingTable(event_id=event.id, name="Stand 2", position=99))
    db.session.commit()
    client.post(_url(event, "/tables/ajouter"), data={"prefix": "Stand", "count": "2"})
    assert _names(event)[-3:] == ["Stand 2", "Stand 3", "Stand 4"]
    assert [t.position for t in grid.event_tables(event.id)][-2:] == [100, 101]
    assert len(_names(event)) == len({n.lower() for n in _names(event)})
    page = client.get(_url(event)).text
    assert "Table 3" in page and "Stands des acheteurs" in page


def test_bad_table_inputs(client, login, event, meeting_grid, organiser_user):
    login(organiser_user)
    before = _names(event)
    for data, message in [({"prefix": "", "count": "3"}, "Indiquez le début du nom"),
                          ({"prefix": "Table", "count": "0"}, "entre 1 et 200"),
                          ({"prefix": "Table", "count": "deux"}, "nombre entier"),
                          ({"prefix": "x" * 80, "count": "1"}, "caractères au plus")]:
        response = client.post(_url(event, "/tables/ajouter"), data=data)
        assert response.status_code == 200 and message in unescape(response.text), data
    assert _names(event) == before


def test_rename_table(client, login, event, meeting_grid, organiser_user):
    login(organiser_user)
    t1, t2 = grid.event_tables(event.id)[:2]
    response = client.post(_url(event, f"/tables/{t1.id}/renommer"), data={f"t{t1.id}-name": "Table Garonne"})
    assert response.status_code == 302 and db.session.get(MeetingTable, t1.id).name == "Table Garonne"
    response = client.post(_url(event, f"/tables/{t2.id}/renommer"), data={f"t{t2.id}-name": "table garonne"})
    assert response.status_code == 200 and "porte déjà ce nom" in unescape(response.text)
    response = client.post(_url(event, f"/tables/{t2.id}/renommer"), data={f"t{t2.id}-name": ""})
    assert response.status_code == 200 and "Donnez un nom" in unescape(response.text)
    assert db.session.get(MeetingTable, t2.id).name == "T2"


def test_deactivate_activate_delete(client, login, event, meeting_grid, slots, organiser_user, sse_participant,
                                    buyer_participant, make_meeting):
    login(organiser_user)
    t1, t2 = grid.event_tables(event.id)[:2]
    client.post(_url(event, f"/tables/{t2.id}/desactiver"))
    assert not db.session.get(MeetingTable, t2.id).is_active
    assert t2 not in grid.pool_tables(event.id)
    client.post(_url(event, f"/tables/{t2.id}/activer"))
    assert db.session.get(MeetingTable, t2.id).is_active
    # A table a meeting used is deactivated instead of deleted.
    meeting = make_meeting(sse_participant, buyer_participant)
    placement.place(None, meeting, slots[0], t1, source="direct")
    db.session.commit()
    response = client.post(_url(event, f"/tables/{t1.id}/supprimer"), follow_redirects=True)
    assert "elle est désactivée à la place" in unescape(response.text)
    assert db.session.get(MeetingTable, t1.id) is not None and not db.session.get(MeetingTable, t1.id).is_active
    response = client.post(_url(event, f"/tables/{t2.id}/supprimer"), follow_redirects=True)
    assert "est supprimée" in unescape(response.text) and db.session.get(MeetingTable, t2.id) is None


def test_stands(client, login, event, meeting_grid, slots, organiser_user, make_participant, make_meeting):
    login(organiser_user)
    region = make_participant("buyer", wants_stand=True)
    city = make_participant("buyer")
    company, other_company = make_participant("sse"), make_participant("sse")
    t1, t2, t3, _t4 = grid.event_tables(event.id)
    page = unescape(client.get(_url(event)).text)
    assert page.index(region.organisation.name) < page.index(city.organisation.name)
    assert company.organisation.name not in page  # SSE companies get no stand
    # T1 holds a future booked meeting of others: refused, with the count.
    others = make_meeting(other_company, city)
    placement.place(None, others, slots[3], t1, source="direct")
    db.session.commit()
    response = client.post(_url(event, f"/stands/{region.id}"), data={f"p{region.id}-table_id": str(t1.id)})
    assert response.status_code == 200 and "accueille déjà 1 rendez-vous" in unescape(response.text)
    assert db.session.get(MeetingParticipant, region.id).stand_table_id is None
    # T2 is free: given; then T2 is no longer offered to the city, and giving it is refused.
    response = client.post(_url(event, f"/stands/{region.id}"), data={f"p{region.id}-table_id": str(t2.id)})
    assert response.status_code == 302 and db.session.get(MeetingParticipant, region.id).stand_table_id == t2.id
    assert t2 not in grid.pool_tables(event.id)
    response = client.post(_url(event, f"/stands/{city.id}"), data={f"p{city.id}-table_id": str(t2.id)})
    assert response.status_code == 200 and "déjà le stand" in unescape(response.text)
    # The region's own meeting at T1 does not block T1 for it... but others' do; bad values are refused.
    for value, message in [("", "Choisissez une table"), ("abc", "Choisissez une table"), ("999999", "Choisissez une table")]:
        response = client.post(_url(event, f"/stands/{city.id}"), data={f"p{city.id}-table_id": value})
        assert response.status_code == 200 and message in unescape(response.text), value
    # A past booking does not block a table.
    client.post(_url(event, f"/tables/{t3.id}/desactiver"))
    response = client.post(_url(event, f"/stands/{city.id}"), data={f"p{city.id}-table_id": str(t3.id)})
    assert "désactivée" in unescape(response.text)
    # Removing the stand gives the table back to the pool.
    client.post(_url(event, f"/stands/{region.id}/retirer"))
    assert db.session.get(MeetingParticipant, region.id).stand_table_id is None and t2 in grid.pool_tables(event.id)
    # An SSE company cannot get a stand.
    response = client.post(_url(event, f"/stands/{company.id}"), data={f"p{company.id}-table_id": str(t2.id)})
    assert "Seuls les acheteurs" in unescape(response.text)


def test_past_bookings_do_not_block_a_stand(client, login, event, meeting_grid, slots, organiser_user,
                                            make_participant, make_meeting):
    buyer, other_buyer, company = make_participant("buyer"), make_participant("buyer"), make_participant("sse")
    table = grid.event_tables(event.id)[0]
    meeting = make_meeting(company, other_buyer)
    placement.place(None, meeting, slots[0], table, source="direct")
    db.session.commit()
    slot = db.session.get(MeetingSlot, slots[0].id)
    slot.starts_at, slot.ends_at = utcnow() - timedelta(hours=2), utcnow() - timedelta(hours=1, minutes=35)
    db.session.commit()
    login(organiser_user)
    response = client.post(_url(event, f"/stands/{buyer.id}"), data={f"p{buyer.id}-table_id": str(table.id)})
    assert response.status_code == 302 and db.session.get(MeetingParticipant, buyer.id).stand_table_id == table.id


def test_online_meetings_need_no_table(client, login, event, meeting_grid, organiser_user, make_participant):
    db.session.get(MeetingSettings, event.id).video_link_pattern = "https://visio.exemple.fr/{code}"
    db.session.commit()
    make_participant("buyer", wants_stand=True)
    login(organiser_user)
    page = unescape(client.get(_url(event)).text)
    assert "aucune table n'est nécessaire" in page and "Stands des acheteurs" not in page
    response = client.post(_url(event, "/tables/ajouter"), data={"prefix": "Salle", "count": "2"})
    assert response.status_code == 302


def test_pages_without_settings(client, login, event, organiser_user):
    login(organiser_user)
    for path in ("/tables", "/participants"):
        page = unescape(client.get(_url(event, path)).text)
        assert "ne propose pas encore de rendez-vous" in page, path
