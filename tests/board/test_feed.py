"""GET /besoins/flux.atom: a valid Atom feed (read by a real feed parser) of the filtered needs."""
from datetime import UTC, datetime, timedelta

import feedparser
import pytest

from matchfair.board.feed import excerpt, xml_text

from .. import factories


def parse(response):
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.get_data())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_feed_of_all_published_needs_newest_first(client, make_need, cpv_codes):
    buyer = factories.BuyerFactory(name="Ville de Toulouse")
    old = make_need(title="Ancien", organisation=buyer, published_at=datetime(2026, 1, 5, 8, 30),
                    cpv=["90911200"], estimated_amount_eur=45_000, description="Nettoyage des écoles.")
    new = make_need(title="Récent", published_at=datetime(2026, 2, 1, 9, 0), lots=[{"cpv": ["77310000"]}])
    make_need(title="Brouillon", status="draft", published_at=None)
    make_need(title="Clos", status="closed", published_at=datetime(2026, 3, 1))
    feed = parse(client.get("/besoins/flux.atom"))
    assert feed.feed.title == "Besoins des acheteurs · Matchfair"
    assert feed.feed.id == "http://localhost/besoins/flux.atom"
    assert {link.rel: link.href for link in feed.feed.links} == {
        "self": "http://localhost/besoins/flux.atom", "alternate": "http://localhost/besoins"}
    assert [e.title for e in feed.entries] == ["Récent", "Ancien"]
    entry = feed.entries[1]
    assert entry.id == entry.link == f"http://localhost/besoins/{old.id}"
    assert entry.author == "Ville de Toulouse"
    assert entry.published_parsed[:5] == (2026, 1, 5, 8, 30)
    assert entry.updated == old.updated_at.replace(microsecond=0, tzinfo=UTC).isoformat()
    assert "Acheteur : Ville de Toulouse" in entry.content[0].value
    assert entry.content[0].type == "text/plain"
    assert "Nettoyage des écoles." in entry.summary
    assert [t.term for t in entry.tags] == ["90911200"]
    assert feed.entries[0].id == f"http://localhost/besoins/{new.id}"
    assert [t.term for t in feed.entries[0].tags] == ["77310000"]
    assert feed.feed.updated == max(old.updated_at, new.updated_at).replace(
        microsecond=0, tzinfo=UTC).isoformat()


def test_ids_are_stable(client, make_need):
    make_need(title="Un")
    first = parse(client.get("/besoins/flux.atom?region=76"))
    second = parse(client.get("/besoins/flux.atom?region=76&q="))
    assert first.feed.id == second.feed.id == "http://localhost/besoins/flux.atom?region=76"
    assert [e.id for e in first.entries] == [e.id for e in second.entries]


def test_feed_takes_the_page_filters(client, make_need, cpv_codes):
    make_need(title="SIAE Tarn", department_code="81", reservation="L2113-13", cpv=["90911200"])
    make_need(title="EA Tarn", department_code="81", reservation="L2113-12", cpv=["90911200"])
    make_need(title="SIAE Paris", department_code="75", reservation="L2113-13", cpv=["90911200"])
    make_need(title="Clos Tarn", department_code="81", reservation="L2113-13", status="closed")
    feed = parse(client.get("/besoins/flux.atom?department=81&reservation=L2113-13&cpv=90900000"))
    assert [e.title for e in feed.entries] == ["SIAE Tarn"]
    assert "Département : Tarn" in feed.feed.subtitle and "Réservé SIAE (L2113-13)" in feed.feed.subtitle
    assert {link.rel: link.href for link in feed.feed.links}["alternate"] == (
        "http://localhost/besoins?cpv=90900000&department=81&reservation=L2113-13")
    feed = parse(client.get("/besoins/flux.atom?department=81&reservation=L2113-13&closed=y"))
    assert sorted(e.title for e in feed.entries) == ["Clos Tarn", "SIAE Tarn"]


def test_fifty_entries_at_most(client, make_need):
    buyer = factories.BuyerFactory()
    for i in range(53):
        make_need(title=f"N{i:02d}", organisation=buyer, published_at=datetime(2026, 1, 1) + timedelta(hours=i))
    feed = parse(client.get("/besoins/flux.atom"))
    assert len(feed.entries) == 50
    assert feed.entries[0].title == "N52" and feed.entries[-1].title == "N03"


def test_empty_feed_is_valid(client):
    feed = parse(client.get("/besoins/flux.atom?q=rien"))
    assert feed.entries == [] and feed.feed.updated


def test_bad_filters_are_ignored_not_an_error(client, make_need):
    make_need(title="Un")
    feed = parse(client.get("/besoins/flux.atom?department=999&date_from=hier&amount=x&page=abc"))
    assert [e.title for e in feed.entries] == ["Un"]


def test_text_that_xml_cannot_carry_is_dropped_and_markup_escaped(client, make_need):
    make_need(title="<b>Gras</b> & co\x0b", description="Ligne\x01 un\x1f\nligne deux <script>")
    response = client.get("/besoins/flux.atom")
    assert b"<script>" not in response.get_data() and b"<b>" not in response.get_data()
    entry = parse(response).entries[0]
    assert entry.title == "<b>Gras</b> & co"
    assert "Ligne un ligne deux <script>" in entry.content[0].value


def test_conditional_requests(client, make_need):
    make_need(title="Un")
    first = client.get("/besoins/flux.atom")
    etag = first.headers["ETag"]
    again = client.get("/besoins/flux.atom", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_feed_in_english(client, make_need, cpv_codes):
    make_need(title="Ménage", cpv=["90911200"])
    client.get("/langue?lang=en")
    feed = parse(client.get("/besoins/flux.atom"))
    assert feed.feed.language == "en"
    assert feed.entries[0].tags[0].label == "Building-cleaning services"


@pytest.mark.parametrize("text, length, expected", [
    ("court", 10, "court"),
    ("un deux trois quatre", 10, "un deux…"),
    ("  espaces \n  multiples ", 50, "espaces multiples"),
    (None, 10, ""),
])
def test_excerpt(text, length, expected):
    assert excerpt(text, length) == expected


def test_xml_text():
    assert xml_text("a\x00b\x0bc\td\ne\uffff") == "abc\td\ne"
