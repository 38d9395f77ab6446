"""The social-clause journey in a real browser, as the three sides: the facilitator proposes 1 200
hours with its working, the buyer adopts them and awards the need, the facilitator records hours,
the buyer and the winner see the progress; axe on the board and the clause page; 360 px wide."""
import re

import pytest

from matchfair.extensions import db
from matchfair.needs.models import Need
from tests import factories

from .conftest import add_support, this_month

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def _log_in(page, user):
    page.goto("/connexion")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"^(?!.*/connexion)"))


@pytest.fixture
def side(browser, live_server):
    """side(user): a new browser window (its own cookies) signed in as `user`."""
    contexts = []

    def _open(user, width=1280):
        context = browser.new_context(base_url=live_server, locale="fr-FR", viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        _log_in(page, user)
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def helped(buyer, plie, winner, geiq, need):
    """The published cleaning need, the PLIE invited by the buyer."""
    add_support(need, plie.org, by=buyer.user)
    return need


def _main_text(page) -> str:
    return page.locator("main").inner_text().replace("\u00a0", " ").replace("\u202f", " ")


def test_the_journey_on_the_three_sides(side, buyer, plie, winner, helped, assert_accessible):
    from playwright.sync_api import expect

    need = helped
    errors = []

    # The facilitator: its board, then the need's clause page, where it proposes.
    facilitator = side(plie.user)
    facilitator.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    facilitator.goto("/facilitateur")
    expect(facilitator.get_by_role("heading", level=1)).to_have_text("Clauses sociales de votre territoire")
    assert_accessible(facilitator)
    facilitator.get_by_role("link", name=need.title).first.click()
    expect(facilitator.get_by_role("heading", level=1)).to_have_text("Clause sociale")
    assert_accessible(facilitator)
    expect(facilitator.locator("#amount_eur")).to_have_value("2400000")
    facilitator.locator("#labour_share_pct").fill("80")
    facilitator.locator("#hourly_cost_cents").fill("32")
    facilitator.locator("#insertion_rate_tenths").fill("2")
    facilitator.get_by_role("button", name="Calculer et proposer à l'acheteur").click()
    expect(facilitator.locator(".flash-success")).to_contain_text("1 200 heures d'insertion")
    working = facilitator.locator(".clause-working")
    expect(working).to_be_visible()
    text = working.inner_text().replace("\u00a0", " ").replace("\u202f", " ")
    assert "2 400 000 € × 80 % de main-d'œuvre = 1 920 000 €" in text
    assert "1 920 000 € ÷ 32 € de l'heure = 60 000 heures de travail" in text
    assert "1 200 heures d'insertion" in text
    assert_accessible(facilitator)

    # The buyer sees the same working, adopts, then awards the need on its page.
    buyer_page = side(buyer.user)
    buyer_page.goto(f"/besoins/{need.id}")
    buyer_page.get_by_role("link", name="Facilitateur, calibrage et heures d'insertion").click()
    assert "60 000 heures de travail" in _main_text(buyer_page)
    assert_accessible(buyer_page)
    buyer_page.get_by_role("button", name=re.compile("^Adopter : fixer 1.200 heures")).click()
    expect(buyer_page.locator(".flash-success")).to_contain_text("C'est adopté")
    expect(buyer_page.locator("main")).to_contain_text("Adopté par l'acheteur le")
    buyer_page.goto(f"/besoins/{need.id}/attribuer")
    buyer_page.locator("#organisation_name").fill(winner.org.name)
    buyer_page.locator("#amount_eur").fill("2 300 000")
    buyer_page.get_by_role("button", name="Marquer attribué").click()
    expect(buyer_page.locator(".flashes .flash-success")).to_contain_text("Besoin marqué attribué")
    db.session.rollback()  # see what the server committed
    saved = db.session.get(Need, need.id)
    assert saved.insertion_hours == 1200 and saved.status == "awarded"
    assert saved.awarded_organisation_id == winner.org.id

    # The facilitator records the month's hours.
    facilitator.goto(f"/besoins/{need.id}/clause-sociale")
    facilitator.locator("#period").fill(this_month().strftime("%Y-%m"))
    facilitator.locator("#structure").select_option(label=winner.org.name)
    facilitator.locator("#hours").fill("96")
    facilitator.get_by_role("button", name="Enregistrer les heures").click()
    expect(facilitator.locator(".flash-success")).to_contain_text(f"Heures enregistrées pour {winner.org.name}")
    expect(facilitator.locator(".clause-progress")).to_contain_text("96 heures réalisées sur 1")
    assert_accessible(facilitator)

    # The buyer and the winner see the progress.
    winner_page = side(winner.user)
    for page in (buyer_page, winner_page):
        page.goto(f"/besoins/{need.id}/clause-sociale")
        progress = page.locator(".clause-progress").inner_text().replace("\u00a0", " ").replace("\u202f", " ")
        assert "96 heures réalisées sur 1 200 dues" in progress
        assert "Reste 1 104 heures." in progress
        expect(page.get_by_role("progressbar", name="Heures réalisées sur les heures dues")).to_be_visible()
    assert_accessible(winner_page)
    assert not errors, errors


def test_bad_input_is_shown_next_to_the_field(side, plie, helped, assert_accessible):
    from playwright.sync_api import expect

    page = side(plie.user)
    page.goto(f"/besoins/{helped.id}/clause-sociale")
    page.locator("#labour_share_pct").fill("80")
    page.locator("#hourly_cost_cents").fill("abc")
    page.locator("#insertion_rate_tenths").fill("0")
    page.get_by_role("button", name="Calculer et proposer à l'acheteur").click()
    expect(page.locator("#hourly_cost_cents-error")).to_contain_text("Indiquez un nombre")
    expect(page.locator("#insertion_rate_tenths-error")).to_contain_text("Indiquez un taux entre 0,1 et 100 %")
    expect(page.locator("#hourly_cost_cents")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/facilitateur", "clause"])
def test_the_pages_fit_a_phone(side, plie, helped, make_company, path):
    make_company("Propreté Solidaire de la Haute-Garonne et du Comminges réunis", statuses=["ess", "siae"])
    page = side(plie.user, width=360)
    page.goto(f"/besoins/{helped.id}/clause-sociale" if path == "clause" else path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_awarded_clause_page_fits_a_phone_with_its_tables(side, buyer, plie, winner, geiq, make_need):
    """With hours recorded, the facilitator's page has the monthly table and its "Retirer" column."""
    from .conftest import add_hours, award_earlier, months_ago

    need = make_need("awarded", winner=winner.org, insertion_hours=1200)
    award_earlier(need, 3)
    add_support(need, plie.org, by=buyer.user)
    for month in (months_ago(2), months_ago(1)):
        add_hours(need, plie.org, winner.org, month, 120)
        add_hours(need, plie.org, geiq.org, month, 45)
    for who, user in (("facilitator", plie.user), ("winner", winner.user), ("buyer", buyer.user)):
        page = side(user, width=360)
        page.goto(f"/besoins/{need.id}/clause-sociale")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, who
