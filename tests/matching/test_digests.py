"""E-mail digests: notices of well-matched needs, daily or weekly caps, opting out, buyers' interest digest."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import event

from matchfair.extensions import db
from matchfair.matching import digests, services
from matchfair.matching.commands import digests_cli
from matchfair.matching.models import DigestSettings, NeedNotice
from matchfair.timeutil import utcnow

from .. import factories


@pytest.fixture
def run(app):
    """run(now): the digest step as the command runs it; returns the report."""

    def _run(now):
        with app.test_request_context("/", base_url="https://matchfair.example"):
            return digests.run(now, commit=db.session.commit)

    return _run


@pytest.fixture
def local(make_supplier):
    return make_supplier("Insertion Propreté")


def _to(outbox, user):
    return [m for m in outbox if m.to == [user.email]]


def test_a_new_need_reaches_the_suppliers_that_match_it_well(run, outbox, local, make_supplier, make_need):
    far = make_supplier("Nettoyage du Nord", department="59", statuses=["ess"], siae_kind=None,
                        description="Entretien de bureaux")
    need = make_need()
    report = run(utcnow())
    assert (report.needs_scanned, report.notices_created, report.digests_sent) == (1, 1, 1)
    assert db.session.get(NeedNotice, (need.id, far.org.id)) is None
    [mail] = _to(outbox, local.user)
    assert "Nettoyage des lycées de la région" in mail.body and "Région Occitanie" in mail.body
    assert f"https://matchfair.example/besoins/{need.id}" in mail.body
    assert "https://matchfair.example/correspondances" in mail.body
    assert not _to(outbox, far.user)


def test_a_reserved_need_never_notifies_an_ineligible_supplier(run, outbox, local, make_supplier, make_need):
    coop = make_supplier("Coopérative Brillante", statuses=["ess"], siae_kind=None)
    make_need(reservation="L2113-13")
    run(utcnow())
    assert _to(outbox, local.user) and not _to(outbox, coop.user)
    assert db.session.query(NeedNotice).filter_by(organisation_id=coop.org.id).count() == 0


def test_one_digest_a_day_at_most(run, outbox, local, make_need):
    now = utcnow()
    make_need(title="Premier besoin de nettoyage")
    run(now)
    make_need(title="Second besoin de nettoyage")
    make_need(title="Troisième besoin de nettoyage")
    report = run(now + timedelta(hours=3))
    assert report.notices_created == 2 and report.digests_sent == 0
    assert len(_to(outbox, local.user)) == 1
    run(now + timedelta(hours=24, minutes=1))
    first, second = _to(outbox, local.user)
    assert "Premier" in first.body and "Premier" not in second.body
    assert "Second" in second.body and "Troisième" in second.body
    assert "2 nouveaux besoins" in second.subject


def test_weekly(run, outbox, local, make_need):
    services.set_digest_frequency(local.user, "weekly")
    db.session.commit()
    now = utcnow()
    make_need(title="Premier besoin de nettoyage")
    run(now)
    make_need(title="Second besoin de nettoyage")
    run(now + timedelta(days=2))
    assert len(_to(outbox, local.user)) == 1
    assert "une fois par semaine" in _to(outbox, local.user)[0].body
    run(now + timedelta(days=7))
    assert len(_to(outbox, local.user)) == 2 and "Second" in _to(outbox, local.user)[1].body


def test_never(run, outbox, local, make_need):
    services.set_digest_frequency(local.user, "never")
    db.session.commit()
    make_need()
    report = run(utcnow())
    assert report.notices_created == 1 and not outbox
    assert not run(utcnow() + timedelta(days=8)).digests_sent


def test_unconfirmed_people_get_nothing(run, outbox, local, make_need):
    local.user.email_confirmed_at = None
    db.session.commit()
    make_need()
    run(utcnow())
    assert not outbox


def test_colleagues_with_other_rhythms_each_get_the_need_once(run, outbox, local, make_need):
    colleague = factories.MembershipFactory(organisation=local.org, role="member").user
    now = utcnow()
    db.session.add(DigestSettings(user_id=colleague.id, frequency="weekly", last_sent_at=now - timedelta(days=2)))
    db.session.commit()
    make_need(title="Nettoyage des gymnases")
    run(now)  # the daily colleague gets it now; the weekly one had a digest 2 days ago
    assert len(_to(outbox, local.user)) == 1 and not _to(outbox, colleague)
    run(now + timedelta(days=5, minutes=1))
    [mail] = _to(outbox, colleague)
    assert "Nettoyage des gymnases" in mail.body
    assert len(_to(outbox, local.user)) == 1


def test_colleagues_of_one_company_each_get_the_need_in_the_same_run(run, outbox, local, make_need):
    colleague = factories.MembershipFactory(organisation=local.org, role="member").user
    make_need(title="Nettoyage des gymnases")
    run(utcnow())
    for user in (local.user, colleague):
        [mail] = _to(outbox, user)
        assert "Nettoyage des gymnases" in mail.body


def test_a_person_in_two_matching_companies_hears_of_a_need_once(run, outbox, local, make_supplier, make_need):
    other = make_supplier("Éclat Propreté")
    db.session.add(factories.MembershipFactory.build(user=local.user, organisation=other.org))
    db.session.commit()
    need = make_need(title="Nettoyage des gymnases")
    now = utcnow()
    run(now)
    [mail] = _to(outbox, local.user)
    assert mail.body.count("Nettoyage des gymnases") == 1
    # Both companies' notices went out with it: the next digest does not bring the need again.
    assert all(db.session.get(NeedNotice, (need.id, org.id)).sent_at == now for org in (local.org, other.org))
    make_need(title="Entretien des vitres")
    run(now + timedelta(days=1, minutes=1))
    second = _to(outbox, local.user)[1]
    assert "Entretien des vitres" in second.body and "Nettoyage des gymnases" not in second.body


def _queries_of(run, now) -> int:
    statements = []

    def record(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        run(now)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def test_a_run_reads_each_digest_in_a_few_queries_however_many_needs(run, outbox, local, make_supplier, make_need):
    make_supplier("Éclat Propreté")
    now = utcnow()
    make_need(title="Premier besoin")
    run(now)  # the first run also builds the index and the people's settings
    make_need(title="Deuxième besoin")
    one_need = _queries_of(run, now + timedelta(days=1, minutes=1))
    for i in range(8):
        make_need(title=f"Besoin {i}")
    eight_needs = _queries_of(run, now + timedelta(days=2, minutes=2))
    assert len(outbox) == 6 and all(m.body.count("https://matchfair.example/besoins/") == 8 for m in outbox[4:])
    assert eight_needs == one_need


def test_old_publications_are_not_announced(run, outbox, local, make_need):
    need = make_need()
    need.published_at = utcnow() - timedelta(days=30)
    db.session.commit()
    report = run(utcnow())
    assert report.needs_scanned == 1 and report.notices_created == 0 and not outbox


def test_buyers_get_a_digest_of_new_interest(run, outbox, buyer, local, make_supplier, make_need):
    need = make_need()
    coop = make_supplier("Coopérative Brillante", statuses=["ess"], siae_kind=None)
    now = utcnow()
    run(now)
    outbox.clear()
    services.declare_interest(local.user, local.org, need, "interested", message="Nous nettoyons 12 lycées.")
    services.declare_interest(coop.user, coop.org, need, "not_for_us", reason="size")
    db.session.commit()
    run(now + timedelta(minutes=5))
    [mail] = _to(outbox, buyer.user)
    assert "Insertion Propreté" in mail.body and "Nous nettoyons 12 lycées." in mail.body
    assert f"- Insertion Propreté : {need.title}\n  « Nous nettoyons 12 lycées. »" in mail.body
    assert "Coopérative Brillante" not in mail.body
    assert f"https://matchfair.example/besoins/{need.id}/fournisseurs?onglet=interets" in mail.body
    assert "1 nouvel intérêt" in mail.subject
    # The same day, a second interest waits for tomorrow's digest.
    services.declare_interest(coop.user, coop.org, need, "interested")
    db.session.commit()
    run(now + timedelta(hours=2))
    assert len(_to(outbox, buyer.user)) == 1
    run(now + timedelta(days=1, minutes=10))
    second = _to(outbox, buyer.user)[1]
    assert "Coopérative Brillante" in second.body and "Insertion Propreté" not in second.body


def test_one_click_unsubscribe(client, run, outbox, local, make_need):
    make_need()
    run(utcnow())
    [mail] = _to(outbox, local.user)
    url = re.search(r"https://matchfair\.example(/notifications/desabonnement/\S+)", mail.body).group(1)
    page = client.get(url)
    assert page.status_code == 200 and "Me désabonner" in page.get_data(as_text=True)
    assert services.digest_frequency(local.user) == "daily"  # a GET changes nothing
    done = client.post(url)
    assert done.status_code == 200 and "ne recevra plus" in done.get_data(as_text=True)
    db.session.expire_all()
    assert services.digest_frequency(local.user) == "never"
    assert client.get("/notifications/desabonnement/nimporte-quoi").status_code == 404
    assert client.post("/notifications/desabonnement/nimporte-quoi").status_code == 404


def test_settings_page(client, login, local):
    assert "/connexion" in client.get("/notifications").headers["Location"]
    login(local.user)
    html = client.get("/notifications").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="daily"', html)
    response = client.post("/notifications", data={"frequency": "weekly"})
    assert response.status_code == 302
    assert services.digest_frequency(local.user) == "weekly"
    response = client.post("/notifications", data={"frequency": "hourly"})
    assert response.status_code == 200 and services.digest_frequency(local.user) == "weekly"


def test_the_command_is_idempotent(app, outbox, local, make_need):
    make_need()
    runner = app.test_cli_runner()
    first = runner.invoke(digests_cli, ["send", "--base-url", "https://matchfair.example"])
    assert first.exit_code == 0, first.output
    assert "1 besoin(s) examiné(s), 1 avis créé(s), 1 récapitulatif(s) envoyé(s)" in first.output
    second = runner.invoke(digests_cli, ["send", "--base-url", "https://matchfair.example"])
    assert "0 besoin(s) examiné(s), 0 avis créé(s), 0 récapitulatif(s) envoyé(s)" in second.output
    assert len(outbox) == 1
    bad = runner.invoke(digests_cli, ["send", "--now", "demain"])
    assert bad.exit_code == 2
