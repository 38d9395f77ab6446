"""The organiser's participants overview: counts per participant, search, kind filter, pages."""
from html import unescape

from matchfair.extensions import db
from matchfair.meetings import grid, placement
from matchfair.meetings.grid_overview import meeting_counts
from matchfair.meetings.models import MeetingStatus


def _url(event, query=""):
    return f"/evenements/{event.id}/rendez-vous/participants{query}"


def test_counts(event, meeting_grid, slots, make_participant, make_meeting):
    buyer, sse1, sse2, sse3 = (make_participant("buyer"), make_participant("sse"), make_participant("sse"),
                               make_participant("sse"))
    booked = make_meeting(sse1, buyer)
    placement.place(None, booked, slots[0], grid.event_tables(event.id)[0], source="direct")
    make_meeting(buyer, sse2)  # accepted, not booked
    make_meeting(sse3, buyer, status=MeetingStatus.REQUESTED)
    make_meeting(sse1, buyer, status=MeetingStatus.DECLINED, decline_reason="Pas cette année")
    db.session.commit()
    counts = meeting_counts([buyer.id, sse1.id, sse2.id, sse3.id])
    assert vars(counts[buyer.id]) == {"sent": 1, "received": 3, "accepted": 2, "booked": 1}
    assert vars(counts[sse1.id]) == {"sent": 2, "received": 0, "accepted": 1, "booked": 1}
    assert vars(counts[sse2.id]) == {"sent": 0, "received": 1, "accepted": 1, "booked": 0}
    assert vars(counts[sse3.id]) == {"sent": 1, "received": 0, "accepted": 0, "booked": 0}


def test_page_search_filter_and_pages(client, login, app, event, meeting_grid, organiser_user, make_participant):
    login(organiser_user)
    page = unescape(client.get(_url(event)).text)
    assert "Aucune organisation ne s'est encore inscrite" in page
    buyer = make_participant("buyer", wants_stand=True)
    buyer.organisation.name = "Région Occitanie"
    sse = make_participant("sse")
    sse.organisation.name = "Éclat Propreté Insertion"
    db.session.commit()
    page = unescape(client.get(_url(event)).text)
    assert "Région Occitanie" in page and "Éclat Propreté Insertion" in page and buyer.user.full_name in page
    page = unescape(client.get(_url(event, "?type=buyer")).text)
    assert "Région Occitanie" in page and "Éclat Propreté Insertion" not in page
    page = unescape(client.get(_url(event, "?q=occitanie")).text)
    assert "Région Occitanie" in page and "Éclat Propreté Insertion" not in page
    page = unescape(client.get(_url(event, "?q=introuvable")).text)
    assert "Aucun participant ne correspond" in page
    assert client.get(_url(event, "?type=nimportequoi&page=abc")).status_code == 200
    for _n in range(app.config["PER_PAGE"]):
        make_participant("sse")
    page = unescape(client.get(_url(event)).text)
    assert "page 1 sur 2" in page and 'rel="next"' in page
    page = unescape(client.get(_url(event, "?page=2")).text)
    assert "page 2 sur 2" in page
    assert "Cette page n'existe pas" in unescape(client.get(_url(event, "?page=9")).text)


def test_no_n_plus_one(client, login, event, meeting_grid, organiser_user, make_participant, make_meeting):
    from sqlalchemy import event as sa_event

    buyer = make_participant("buyer")
    for _n in range(12):
        make_meeting(make_participant("sse"), buyer)
    login(organiser_user)
    statements = []

    def count(*_args, **_kwargs):
        statements.append(1)

    engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(_url(event)).status_code == 200
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)
    assert len(statements) < 25
