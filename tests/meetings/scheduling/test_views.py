"""Scheduling pages: organisers of the event only (anonymous: log-in; anyone else, or a run of another
event: 404), the index, launching with a bad time limit, the preview, publishing, discarding, and the
JSON downloads that the engine's command line reads."""
import json
from datetime import date, timedelta

import pytest

from matchfair.engine import scheduling as engine
from matchfair.extensions import db
from matchfair.meetings import scheduling_runs as runs
from matchfair.meetings.models import Meeting, RunStatus, SchedulingRun
from matchfair.organisations.models import OrgKind
from matchfair.programme.models import Event
from tests import factories

BASE = "/evenements/{e}/rendez-vous/planification"
ROUTES = [
    ("get", BASE),
    ("post", BASE + "/lancer"),
    ("get", BASE + "/{r}"),
    ("post", BASE + "/{r}/publier"),
    ("post", BASE + "/{r}/abandonner"),
    ("get", BASE + "/{r}/instance.json"),
    ("get", BASE + "/{r}/solution.json"),
]


@pytest.fixture
def pair(make_participant, make_meeting, slots):
    sse, buyer = make_participant(), make_participant("buyer")
    return make_meeting(sse, buyer, weight=2), sse, buyer


@pytest.fixture
def preview_run(event, organiser_user, pair):
    run = runs.run(organiser_user, event)
    db.session.commit()
    return run


@pytest.fixture
def other_organiser():
    org = factories.OrganisationFactory(kind=OrgKind.ORGANISER, name="CRESS Bretagne", siret=None)
    return factories.MembershipFactory(organisation=org).user


def url(template, event, run):
    return template.format(e=event.id, r=run.id)


@pytest.mark.parametrize("method, path", ROUTES)
def test_anonymous_people_are_sent_to_log_in(client, event, preview_run, method, path):
    response = getattr(client, method)(url(path, event, preview_run), data={"confirm": "1"})
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    assert db.session.get(SchedulingRun, preview_run.id).status == RunStatus.PREVIEW


@pytest.mark.parametrize("method, path", ROUTES)
@pytest.mark.parametrize("who", ["sse_member", "other_organiser"])
def test_anyone_but_the_events_organisers_gets_a_404(request, client, login, event, preview_run, pair, method,
                                                     path, who):
    user = pair[1].user if who == "sse_member" else request.getfixturevalue(who)
    login(user)
    response = getattr(client, method)(url(path, event, preview_run), data={"confirm": "1"})
    assert response.status_code == 404
    db.session.refresh(preview_run)
    assert preview_run.status == RunStatus.PREVIEW and db.session.get(Meeting, pair[0].id).slot_id is None


@pytest.mark.parametrize("method, path", [r for r in ROUTES if "{r}" in r[1]])
def test_a_run_of_another_event_is_a_404(client, login, event, organiser_user, preview_run, method, path):
    mine = Event(organiser_organisation_id=event.organiser_organisation_id, name="Autre", slug="autre-2026",
                 starts_on=date.today() + timedelta(days=30), ends_on=date.today() + timedelta(days=30),
                 timezone="Europe/Paris", is_published=True)
    db.session.add(mine)
    db.session.commit()
    login(organiser_user)
    response = getattr(client, method)(path.format(e=mine.id, r=preview_run.id), data={"confirm": "1"})
    assert response.status_code == 404
    assert db.session.get(SchedulingRun, preview_run.id).status == RunStatus.PREVIEW


def test_the_index_says_what_there_is_to_place(client, login, event, organiser_user, pair):
    login(organiser_user)
    page = client.get(BASE.format(e=event.id))
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Lancer la planification" in text and "8 secondes" in text
    assert "Historique des calculs" in text and "Aucun calcul pour l" in text


def test_the_index_without_anything_to_place_says_what_to_do(client, login, event, organiser_user, slots):
    login(organiser_user)
    text = client.get(BASE.format(e=event.id)).get_data(as_text=True)
    assert "Rien à planifier pour l" in text and 'action="/evenements' not in text.split("Historique")[0]


def test_the_index_without_a_grid(client, login, event, organiser_user):
    login(organiser_user)
    text = client.get(BASE.format(e=event.id)).get_data(as_text=True)
    assert "pas encore de grille de rendez-vous" in text


def test_launch_runs_and_shows_the_preview(client, login, event, organiser_user, pair):
    login(organiser_user)
    response = client.post(BASE.format(e=event.id) + "/lancer", data={"time_limit": ""})
    run = db.session.scalar(db.select(SchedulingRun))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/planification/{run.id}")
    page = client.get(response.headers["Location"])
    text = page.get_data(as_text=True)
    assert "Planification calculée" in text
    assert "100\u00a0% du maximum atteignable" in text
    assert pair[1].organisation.name in text and pair[2].organisation.name in text
    assert "Publier" in text and "prévenus par e-mail" in text and "Abandonner" in text
    index = client.get(BASE.format(e=event.id)).get_data(as_text=True)
    assert "Dernier aperçu, non publié" in index and "Aperçu" in index


@pytest.mark.parametrize("value", ["abc", "0", "99"])
def test_a_bad_time_limit_gets_a_message_next_to_the_field(client, login, event, organiser_user, pair, value):
    login(organiser_user)
    response = client.post(BASE.format(e=event.id) + "/lancer", data={"time_limit": value})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert 'id="time_limit-error"' in text and 'aria-invalid="true"' in text
    assert db.session.scalar(db.select(db.func.count()).select_from(SchedulingRun)) == 0


def test_launch_with_nothing_to_place_is_refused_with_a_message(client, login, event, organiser_user, slots):
    login(organiser_user)
    response = client.post(BASE.format(e=event.id) + "/lancer", data={}, follow_redirects=True)
    assert response.status_code == 200
    assert "Rien à planifier" in response.get_data(as_text=True)


def test_publish_needs_the_confirmation_then_books_and_reports(client, login, event, organiser_user, preview_run,
                                                               pair, outbox):
    login(organiser_user)
    path = url(BASE + "/{r}/publier", event, preview_run)
    refused = client.post(path, data={}, follow_redirects=True)
    assert "cochez la case de confirmation" in refused.get_data(as_text=True)
    assert db.session.get(Meeting, pair[0].id).slot_id is None

    done = client.post(path, data={"confirm": "1"}, follow_redirects=True)
    text = done.get_data(as_text=True)
    assert "1 rendez-vous réservé." in text and "2 personnes prévenues par e-mail." in text
    db.session.refresh(preview_run)
    assert preview_run.status == RunStatus.PUBLISHED
    assert db.session.get(Meeting, pair[0].id).slot_id is not None
    assert sorted(m.to[0] for m in outbox) == sorted([pair[1].user.email, pair[2].user.email])
    again = client.get(url(BASE + "/{r}", event, preview_run)).get_data(as_text=True)
    assert "Publiée le" in again and 'name="confirm"' not in again


def test_discard(client, login, event, organiser_user, preview_run, outbox):
    login(organiser_user)
    done = client.post(url(BASE + "/{r}/abandonner", event, preview_run), follow_redirects=True)
    assert "aperçu est abandonné" in done.get_data(as_text=True)
    db.session.refresh(preview_run)
    assert preview_run.status == RunStatus.DISCARDED and outbox == []
    refused = client.post(url(BASE + "/{r}/abandonner", event, preview_run), follow_redirects=True)
    assert "plus un aperçu" in refused.get_data(as_text=True)


def test_downloads_feed_the_engines_command_line(client, login, event, organiser_user, preview_run, tmp_path,
                                                 capsys):
    login(organiser_user)
    instance = client.get(url(BASE + "/{r}/instance.json", event, preview_run))
    solution = client.get(url(BASE + "/{r}/solution.json", event, preview_run))
    for response in (instance, solution):
        assert response.status_code == 200 and response.mimetype == "application/json"
        assert response.headers["Content-Disposition"].startswith("attachment;")
    assert json.loads(solution.get_data()) == preview_run.solution
    path = tmp_path / "instance.json"
    path.write_bytes(instance.get_data())
    assert engine.main([str(path), "-o", str(tmp_path / "out.json")]) == 0
    again = json.loads((tmp_path / "out.json").read_text())
    assert again == preview_run.solution


def test_the_preview_pages_long_lists(client, login, event, organiser_user, slots, make_participant, make_meeting,
                                      unavailable):
    buyer = make_participant("buyer")
    unavailable(buyer, *slots[1:])
    for _ in range(60):  # one slot for the buyer: 59 left unplaced
        make_meeting(make_participant(), buyer)
    run = runs.run(organiser_user, event)
    db.session.commit()
    login(organiser_user)
    first = client.get(url(BASE + "/{r}", event, run)).get_data(as_text=True)
    assert "59 rendez-vous non placés" in first and "np=2" in first and "pp=2" in first
    second = client.get(url(BASE + "/{r}", event, run) + "?np=2&pp=2&tranche=9").get_data(as_text=True)
    assert 'aria-current="page">2<' in second
