"""Printable pages: the right meetings per table and per person, table cards."""
import re

from matchfair.extensions import db


def articles(html):
    """{heading: article html} of the printable pages."""
    found = {}
    for block in re.findall(r'<article class="print-page".*?</article>', html, re.S):
        heading = re.search(r"<h2[^>]*>(.*?)</h2>", block, re.S).group(1).strip()
        found[heading] = block
    return found


def test_schedule_per_table(client, login, organiser_user, event, schedule):
    login(organiser_user)
    html = client.get(f"/evenements/{event.id}/exports/rendez-vous-par-table").get_data(as_text=True)
    pages = articles(html)
    assert list(pages) == ["T1", "T4"]
    s = schedule
    t1, t4 = pages["T1"], pages["T4"]
    assert "09:00" in t1 and "09:30" in t1 and "10:00" not in t1
    assert s.buyer.organisation.name in t1 and s.stand.organisation.name not in t1
    assert s.sse1.user.full_name in t1 and s.sse2.user.full_name in t1
    assert "10:00" in t4 and "14:30" in t4 and s.buyer.organisation.name not in t4
    assert t1.count("<tr>") == 1 + 2 and t4.count("<tr>") == 1 + 2  # header + meetings
    assert "print-page" in html and "@media print" not in html


def test_schedule_per_person(client, login, organiser_user, event, schedule):
    login(organiser_user)
    html = client.get(f"/evenements/{event.id}/exports/rendez-vous-par-personne").get_data(as_text=True)
    pages = articles(html)
    s = schedule
    assert set(pages) == {p.user.full_name for p in (s.sse1, s.sse2, s.buyer, s.stand)}
    sse1 = pages[s.sse1.user.full_name]
    assert sse1.count("<tr>") == 1 + 2
    assert sse1.index("09:00") < sse1.index("10:00")
    assert s.buyer.organisation.name in sse1 and s.stand.organisation.name in sse1 and "T1" in sse1 and "T4" in sse1
    stand = pages[s.stand.user.full_name]
    assert stand.count("<tr>") == 1 + 2 and stand.index("10:00") < stand.index("14:30")
    assert s.sse1.organisation.name in stand and s.sse2.organisation.name in stand
    buyer = pages[s.buyer.user.full_name]
    assert s.stand.organisation.name not in buyer


def test_table_cards(client, login, organiser_user, event, schedule):
    schedule.tables[2].is_active = False
    db.session.commit()
    login(organiser_user)
    html = client.get(f"/evenements/{event.id}/exports/chevalets").get_data(as_text=True)
    names = re.findall(r'<p class="table-card-name">(.*?)</p>', html)
    assert names == ["T1", "T2", "T4"]
    assert html.count('class="table-card-event"') == 3
    owners = re.findall(r'<p class="table-card-owner">(.*?)</p>', html)
    assert len(owners) == 1 and schedule.stand.organisation.name.replace("'", "&#39;") in owners[0]
    assert "backoffice-exports.css" in html
