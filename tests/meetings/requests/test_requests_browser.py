"""The participant's meetings pages in a real browser on a phone (360 px): readable, accessible, and
declining a request with a reason, unticking every slot without JavaScript, asking for a meeting."""
import pytest

from matchfair.extensions import db
from matchfair.meetings.models import Meeting, MeetingStatus, MeetingUnavailability
from tests import factories

pytestmark = pytest.mark.browser


def _log_in(page, user):
    page.goto("/connexion")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form[method=post]").last.locator("button[type=submit]").last.click()


def _fits(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths


def test_hub_decline_and_availability_on_a_phone(phone_page, assert_accessible, event, slots, sse_participant,
                                                 buyer_participant, make_participant, make_meeting):
    from playwright.sync_api import expect

    other = make_participant("sse", pitch="Traiteur solidaire : repas pour vos événements.")
    pending = make_meeting(sse_participant, buyer_participant, status=MeetingStatus.REQUESTED,
                           message="Bonjour, nous nettoyons des bâtiments publics depuis 20 ans.")
    make_meeting(buyer_participant, make_participant("sse"))
    page = phone_page
    _log_in(page, buyer_participant.user)
    page.goto(f"/evenements/{event.id}/rendez-vous")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes rendez-vous")
    expect(page.get_by_text("Traiteur solidaire")).to_be_visible()
    _fits(page)
    assert_accessible(page)

    page.locator(f"#rdv-{pending.id} summary").click()
    page.get_by_label("Motif (facultatif, transmis à l'organisation)").fill("Nous avons déjà un prestataire.")
    page.get_by_role("button", name="Décliner la demande").click()
    expect(page.locator(".flash-success")).to_contain_text("déclinée")
    db.session.rollback()  # see the server's commits
    assert db.session.get(Meeting, pending.id).decline_reason == "Nous avons déjà un prestataire."

    page.get_by_role("button", name=f"Demander un rendez-vous à {other.organisation.name}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(other.organisation.name)
    _fits(page)
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.locator("#message-error")).to_be_visible()
    page.get_by_label("Votre message").fill("Nous organisons des séminaires : parlons restauration.")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.locator(".flash-success")).to_contain_text("Demande envoyée")

    page.goto(f"/evenements/{event.id}/rendez-vous/disponibilites")
    _fits(page)
    assert_accessible(page)
    page.get_by_role("link", name="Tout décocher").click()
    expect(page.locator("input[name=available]:checked")).to_have_count(0)
    page.get_by_role("button", name="Enregistrer mes disponibilités").click()
    expect(page.locator(".flash-success")).to_contain_text("Disponibilités enregistrées")
    db.session.rollback()
    assert db.session.query(MeetingUnavailability).filter_by(participant_id=buyer_participant.id).count() == len(slots)

    page.goto(f"/evenements/{event.id}/rendez-vous/participer")
    _fits(page)
    assert_accessible(page)
