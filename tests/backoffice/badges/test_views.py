"""Badges and check-in pages: access to every route, rendering, scanning, search, undo."""
import pytest
from sqlalchemy import select

from matchfair.backoffice import badges
from matchfair.backoffice.models import AuditEntry
from matchfair.extensions import db
from tests import factories
from tests.programme.events.conftest import EventFactory


def _routes(event, attendee):
    e = event.id
    return [("get", f"/evenements/{e}/badges"), ("get", f"/evenements/{e}/badges/{attendee.id}"),
            ("get", f"/evenements/{e}/accueil"), ("post", f"/evenements/{e}/accueil"),
            ("post", f"/evenements/{e}/accueil/{attendee.id}/present"),
            ("post", f"/evenements/{e}/accueil/{attendee.id}/annuler")]


def test_anonymous_is_sent_to_login(client, event, approved):
    for method, url in _routes(event, approved) + [("get", f"/evenements/{event.slug}/mon-badge")]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/connexion" in response.headers["Location"], url


def test_non_organisers_get_404(client, login, event, approved, awa):
    other_organiser = factories.MembershipFactory(
        organisation=EventFactory().organiser).user  # organiser of another event
    for user in (awa, other_organiser):
        login(user)
        for method, url in _routes(event, approved):
            assert getattr(client, method)(url, data={"code": badges.badge_code(approved)}).status_code == 404, url
    db.session.refresh(approved)
    assert approved.checked_in_at is None


def test_organiser_gets_pages(client, login, organiser, event, approved):
    login(organiser)
    for method, url in _routes(event, approved):
        response = getattr(client, method)(url, data={"code": badges.badge_code(approved)}, follow_redirects=True)
        assert response.status_code == 200, url


def test_badges_page_renders_svg_qr_codes(client, login, organiser, event, approved, make_attendee):
    sse = make_attendee(kind="sse", name="Bruno Martin")
    pending = make_attendee(status="pending", name="Chloé Pending")
    login(organiser)
    html = client.get(f"/evenements/{event.id}/badges").get_data(as_text=True)
    assert html.count('<svg role="img"') == 2 and 'class="badge-qr"' in html
    for text in ("Awa Diallo", "Région Occitanie", "Acheteur", "Bruno Martin", "Entreprise de l&#39;ESS",
                 badges.badge_code(approved), badges.badge_code(sse), event.name):
        assert text in html, text
    assert "Chloé Pending" not in html and badges.badge_code(pending) not in html
    only_buyers = client.get(f"/evenements/{event.id}/badges?type=buyer").get_data(as_text=True)
    assert "Awa Diallo" in only_buyers and "Bruno Martin" not in only_buyers
    by_name = client.get(f"/evenements/{event.id}/badges?organisation=occitanie&type=nimporte").get_data(as_text=True)
    assert "Awa Diallo" in by_name and "Bruno Martin" not in by_name
    none = client.get(f"/evenements/{event.id}/badges?organisation=zzz").get_data(as_text=True)
    assert "Aucun participant ne correspond" in none


def test_badges_empty_state(client, login, organiser, event):
    login(organiser)
    html = client.get(f"/evenements/{event.id}/badges").get_data(as_text=True)
    assert "Pas encore de badge" in html


def test_single_badge_only_for_approved_of_this_event(client, login, organiser, event, approved, make_attendee,
                                                      other_event):
    login(organiser)
    assert badges.badge_code(approved) in client.get(f"/evenements/{event.id}/badges/{approved.id}").get_data(True)
    assert client.get(f"/evenements/{event.id}/badges/{make_attendee(status='pending').id}").status_code == 404
    assert client.get(f"/evenements/{event.id}/badges/{make_attendee(on_event=other_event).id}").status_code == 404
    assert client.get(f"/evenements/{event.id}/badges/999999").status_code == 404


def test_my_badge(client, login, event, approved, awa, make_attendee):
    login(awa)
    html = client.get(f"/evenements/{event.slug}/mon-badge").get_data(as_text=True)
    assert badges.badge_code(approved) in html and "<svg" in html
    pending = make_attendee(status="pending", name="Chloé Pending")
    login(pending.user)
    html = client.get(f"/evenements/{event.slug}/mon-badge").get_data(as_text=True)
    assert "attend la validation" in html and badges.badge_code(pending) not in html and "<svg" not in html
    login(factories.UserFactory())
    html = client.get(f"/evenements/{event.slug}/mon-badge").get_data(as_text=True)
    assert "pas de badge" in html


def test_my_badge_of_unpublished_event_is_404(client, login, event, approved, awa):
    event.is_published = False
    db.session.commit()
    login(awa)
    assert client.get(f"/evenements/{event.slug}/mon-badge").status_code == 404


def _scan(client, event, code):
    return client.post(f"/evenements/{event.id}/accueil", data={"code": code}, follow_redirects=True) \
        .get_data(as_text=True)


def test_scan_welcomes_then_says_already_in(client, login, organiser, event, approved):
    login(organiser)
    html = _scan(client, event, badges.badge_code(approved).lower())
    assert "flash-success" in html and "Bienvenue, Awa Diallo (Région Occitanie) : entrée enregistrée." in html
    assert 'autofocus' in html and "Entrées : 1 sur 1 personnes attendues" in html
    db.session.refresh(approved)
    assert approved.checked_in_at is not None and approved.checked_in_by_id == organiser.id
    again = _scan(client, event, badges.badge_code(approved))
    assert "flash-warning" in again and "Déjà entré·e" in again
    assert db.session.scalar(select(db.func.count(AuditEntry.id))) == 1


@pytest.mark.parametrize("code, words", [("", "aucun code"), ("A1-AAAAAAAA", "pas un code de badge valide"),
                                         ("<script>", "pas un code de badge valide")])
def test_scan_refuses_bad_codes(client, login, organiser, event, approved, code, words):
    login(organiser)
    html = _scan(client, event, code)
    assert "flash-error" in html and "Refusé" in html and words in html and "<script>" not in html


def test_scan_refuses_pending_and_other_event(client, login, organiser, event, make_attendee, other_event):
    login(organiser)
    pending = make_attendee(status="pending")
    assert "attend encore la validation" in _scan(client, event, badges.badge_code(pending))
    elsewhere = make_attendee(on_event=other_event)
    assert "autre événement" in _scan(client, event, badges.badge_code(elsewhere))
    for attendee in (pending, elsewhere):
        db.session.refresh(attendee)
        assert attendee.checked_in_at is None


def test_search_mark_present_and_undo(client, login, organiser, event, approved, make_attendee):
    refused = make_attendee(status="refused", name="Awa Refusée")
    login(organiser)
    html = client.get(f"/evenements/{event.id}/accueil?q=awa").get_data(as_text=True)
    assert "Marquer présent·e" in html and "Non admis·e : inscription refusée" in html
    assert f"/accueil/{refused.id}/present" not in html
    response = client.post(f"/evenements/{event.id}/accueil/{approved.id}/present", data={"q": "awa"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/accueil?q=awa")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "entrée enregistrée" in html and "Annuler l'entrée" in html and "Présent·e depuis" in html
    # refused registration: no entry, even when posted directly
    html = client.post(f"/evenements/{event.id}/accueil/{refused.id}/present", follow_redirects=True).get_data(True)
    assert "a été refusée" in html
    html = client.post(f"/evenements/{event.id}/accueil/{approved.id}/annuler", follow_redirects=True).get_data(True)
    assert "Entrée annulée pour Awa Diallo" in html and "Personne n'est encore entré" in html
    db.session.refresh(approved)
    assert approved.checked_in_at is None
    html = client.post(f"/evenements/{event.id}/accueil/{approved.id}/annuler", follow_redirects=True).get_data(True)
    assert "rien à annuler" in html


def test_check_in_page_search_empty_state_and_other_event_attendee(client, login, organiser, event, other_event,
                                                                    make_attendee):
    login(organiser)
    assert "Personne ne s'appelle ainsi" in client.get(f"/evenements/{event.id}/accueil?q=zzz").get_data(True)
    elsewhere = make_attendee(on_event=other_event)
    assert client.post(f"/evenements/{event.id}/accueil/{elsewhere.id}/present").status_code == 404
    assert client.post(f"/evenements/{event.id}/accueil/{elsewhere.id}/annuler").status_code == 404


def test_last_check_ins_listed(client, login, organiser, event, approved):
    login(organiser)
    assert "Personne n'est encore entré" in client.get(f"/evenements/{event.id}/accueil").get_data(True)
    _scan(client, event, badges.badge_code(approved))
    html = client.get(f"/evenements/{event.id}/accueil").get_data(as_text=True)
    assert "Dernières entrées" in html and "Awa Diallo" in html
