"""An SSE company's first visit, in a real browser: sign up, confirm, create and fill in the profile,
then find the company in the directory by a CPV class and by a department of its area.
"""
import re

import pytest

from tests.factories import make_siret

from .conftest import NETTOYAGE_RESULTS, link_in, mail_to, shot, sign_up

pytestmark = pytest.mark.browser


def test_sse_company_signs_up_fills_its_profile_and_is_found(page, outbox, cpv_codes, assert_accessible):
    from playwright.sync_api import expect

    siret = make_siret()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("button", name="Inscrire ma structure").click()

    # Sign-up.
    expect(page).to_have_url(re.compile(r"/inscription\?kind=sse$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer un compte")
    assert_accessible(page)
    shot(page, "fr-signup")
    sign_up(page, "Léa Garnier", "lea@recyclerie-ariege.fr")
    expect(page).to_have_url(re.compile(r"/inscription/confirmez$"))
    expect(page.locator("main")).to_contain_text("lea@recyclerie-ariege.fr")
    assert_accessible(page)
    shot(page, "fr-login-after-signup")

    # The link of the e-mail confirms the address, logs in and leads to the organisation's creation.
    page.goto(link_in(mail_to(outbox, "lea@recyclerie-ariege.fr")))
    expect(page.locator(".flash-success")).to_contain_text("Votre adresse e-mail est confirmée. Bienvenue, Léa Garnier")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer mon organisation")
    expect(page.get_by_role("radio", name=re.compile("^Une structure de l'économie sociale"))).to_be_checked()
    assert_accessible(page)
    shot(page, "fr-create")

    page.get_by_label("Nom de l'organisation").fill("Recyclerie du Couserans")
    page.get_by_label("Numéro SIRET").fill(f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}")
    page.get_by_label("Département du siège").select_option("31")
    page.get_by_role("button", name="Créer l'organisation").click()

    # The profile.
    expect(page.locator(".flash-success")).to_contain_text("L'organisation Recyclerie du Couserans est créée")
    expect(page.get_by_role("heading", level=1)).to_have_text("Profil de Recyclerie du Couserans")
    expect(page.locator("#siret")).to_have_value(siret)
    expect(page.locator("#region-display")).to_contain_text("Occitanie")
    page.get_by_label("Commune").fill("Saint-Girons")
    page.get_by_label("Présentation").fill("Collecte, tri et revente d'objets ; nettoyage de locaux en chantier d'insertion.")
    page.get_by_role("checkbox", name=re.compile(r"^SIAE \(structure d'insertion")).check()
    page.get_by_label("Type de SIAE").select_option("ACI")
    page.locator("#area_departments summary", has_text="Occitanie").click()
    page.get_by_role("checkbox", name="31 – Haute-Garonne").check()
    page.get_by_role("checkbox", name="09 – Ariège").check()

    # CPV codes: one typed into the plain field, one chosen in the picker with the keyboard.
    codes = page.locator("#cpv_codes")
    codes.fill("77310000")
    codes.blur()
    expect(page.locator("[data-cpv-chips] li")).to_have_count(1)
    expect(page.locator("[data-cpv-chips] li").first).to_contain_text("Réalisation et entretien d'espaces verts")
    search = page.get_by_role("combobox", name="Rechercher un code CPV par mot ou par code")
    search.fill("nettoyage")
    options = page.get_by_role("listbox", name="Codes CPV correspondants").get_by_role("option")
    expect(options).to_have_count(len(NETTOYAGE_RESULTS))
    expect(options.nth(3)).to_contain_text("90911000")
    for _ in range(4):
        search.press("ArrowDown")
    expect(options.nth(3)).to_have_attribute("aria-selected", "true")
    shot(page, "fr-edit-picker")
    assert_accessible(page)
    search.press("Enter")
    expect(codes).to_have_value("77310000 90911000")
    expect(page.locator("[data-cpv-chips] li")).to_have_count(2)
    expect(page.locator("[data-cpv-chips] li").nth(1)).to_contain_text(
        "Services de nettoyage de logements, de bâtiments et de vitres")

    page.get_by_label("Effectif (salariés)").fill("24")
    page.get_by_label("Dont salariés en insertion").fill("15")
    page.get_by_role("button", name="Enregistrer le profil").click()

    expect(page.locator(".flash-success")).to_have_text("Profil enregistré.")
    expect(page.locator("#cpv_codes")).to_have_value("77310000 90911000")
    expect(page.locator("#headcount")).to_have_value("24")
    assert_accessible(page)
    shot(page, "fr-edit-saved")

    # The directory, by a CPV class (the company chose one of its categories), with the picker.
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Annuaire ESS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des entreprises de l'ESS")
    search = page.get_by_role("combobox", name="Rechercher un code CPV par mot ou par code")
    search.fill("9091")
    options = page.get_by_role("listbox", name="Codes CPV correspondants").get_by_role("option")
    expect(options.first).to_contain_text("90910000")
    search.press("ArrowDown")
    search.press("Enter")
    expect(page.locator("#cpv")).to_have_value("90910000")
    page.locator("search").get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"cpv=90910000"))
    expect(page.locator(".results-count")).to_have_text("1 structure trouvée")
    card = page.locator(".org-card")
    expect(card).to_contain_text("Recyclerie du Couserans")
    expect(card).to_contain_text("Services de nettoyage de logements, de bâtiments et de vitres")
    assert_accessible(page)
    shot(page, "fr-directory-cpv")

    # By a department of its area (not its seat's).
    page.goto("/annuaire")
    page.get_by_label("Département couvert").select_option("09")
    page.locator("search").get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"department=09"))
    expect(page.locator(".org-card")).to_contain_text("Recyclerie du Couserans")
    expect(page.locator(".active-filters")).to_contain_text("Ariège")

    # Its public profile.
    page.locator(".org-card").get_by_role("link", name="Recyclerie du Couserans").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recyclerie du Couserans")
    expect(page.locator("main")).to_contain_text("ACI")
    expect(page.locator("main")).to_contain_text("Ariège")
    assert_accessible(page)
    shot(page, "fr-profile")


def assert_english(locator, french):
    """The text is translated: not the French source string any more."""
    from playwright.sync_api import expect

    expect(locator).not_to_have_text(french)
    expect(locator).not_to_have_text("")


def option_index(options, code8):
    """Where the option of `code8` is in the picker's list."""
    texts = options.all_inner_texts()
    return next(i for i, text in enumerate(texts) if text.startswith(code8))


def test_the_same_in_english(page, outbox, cpv_codes, assert_accessible):
    """The footer switch first; then the journey by ids and addresses, which do not change with the language."""
    from playwright.sync_api import expect

    siret = make_siret()
    page.goto("/")
    page.locator("footer").locator("button[value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("footer button[value=en]")).to_have_attribute("aria-current", "true")
    assert_english(page.locator("main h2").first, "Vous êtes une structure de l'ESS")
    page.locator('main a[href$="/inscription?kind=sse"]').click()

    expect(page).to_have_url(re.compile(r"/inscription\?kind=sse$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_english(page.get_by_role("heading", level=1), "Créer un compte")
    assert_accessible(page)
    shot(page, "en-signup")
    sign_up(page, "Sam Taylor", "sam@ecoclean.example")
    expect(page.locator("main")).to_contain_text("sam@ecoclean.example")
    assert_english(page.get_by_role("heading", level=1), "Confirmez votre adresse e-mail")

    # The e-mail is in the language of the sign-up.
    mail = mail_to(outbox, "sam@ecoclean.example")
    assert mail.subject != "Confirmez votre adresse e-mail"
    assert "Bonjour" not in mail.body
    page.goto(link_in(mail))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".flash-success")).to_contain_text("Sam Taylor")
    assert_english(page.get_by_role("heading", level=1), "Créer mon organisation")
    expect(page.locator("#kind-0")).to_be_checked()
    assert_accessible(page)
    page.locator("#name").fill("EcoClean Toulouse")
    page.locator("#siret").fill(siret)
    page.locator("#department_code").select_option("31")
    page.locator("main form button[type=submit]").click()

    expect(page.locator(".flash-success")).to_contain_text("EcoClean Toulouse")
    expect(page.locator("#siret")).to_have_value(siret)
    page.locator("input[name=statuses][value=siae]").check()
    page.locator("#siae_kind").select_option("ACI")
    page.locator("#area_departments summary", has_text="Occitanie").click()
    page.check("#area_departments-31")
    page.check("#area_departments-09")
    page.locator("#cpv_codes").fill("77310000")
    page.locator("#cpv_codes").blur()
    chips = page.locator("[data-cpv-chips] li")
    expect(chips.first).to_contain_text("Planting and maintenance services of green areas")
    search = page.locator("#cpv_codes-cpv-search")
    search.fill("cleaning")
    options = page.locator("#cpv_codes-cpv-results [role=option]")
    expect(options.filter(has_text="90911000")).to_contain_text("Accommodation, building and window cleaning services")
    for _ in range(option_index(options, "90911000") + 1):
        search.press("ArrowDown")
    expect(options.filter(has_text="90911000")).to_have_attribute("aria-selected", "true")
    search.press("Enter")
    expect(page.locator("#cpv_codes")).to_have_value("77310000 90911000")
    page.locator("#headcount").fill("12")
    page.locator("form.org-profile-form button[type=submit]").click()

    expect(page.locator(".flash-success")).to_be_visible()
    assert_english(page.locator(".flash-success"), "Profil enregistré.")
    expect(chips.nth(1)).to_contain_text("Accommodation, building and window cleaning services")
    assert_accessible(page)
    shot(page, "en-edit-saved")

    # The directory: the class typed into the filter, then a department of the area.
    page.locator('header a[href="/annuaire"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_english(page.get_by_role("heading", level=1), "Annuaire des entreprises de l'ESS")
    page.locator("#cpv").fill("90910000")
    page.locator("search form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"cpv=90910000"))
    card = page.locator(".org-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("EcoClean Toulouse")
    expect(card).to_contain_text("Accommodation, building and window cleaning services")
    expect(page.locator(".active-filters")).to_contain_text("Cleaning services")
    assert_accessible(page)
    shot(page, "en-directory")

    page.goto("/annuaire")
    page.locator("#department").select_option("09")
    page.locator("search form button[type=submit]").click()
    expect(page.locator(".org-card")).to_contain_text("EcoClean Toulouse")
    page.locator(".org-card a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EcoClean Toulouse")
    expect(page.locator("main")).to_contain_text("Planting and maintenance services of green areas")
    assert_accessible(page)
