"""Bad input on every form of sign-up, log-in, organisation creation, profile and directory, in a real
browser: the message is next to the field, the field is marked invalid, the focus goes to the list of
errors, and nothing typed is lost.
"""
import re

import pytest

from tests import factories
from tests.factories import make_siret

from .conftest import PASSWORD, assert_invalid, submit

pytestmark = pytest.mark.browser

BAD_SIRET = "732 829 320 00075"  # one digit off a real SIRET: the check digit fails


def expect_summary(page, count):
    """The list of errors above the form says how many there are and has the focus."""
    from playwright.sync_api import expect

    summary = page.locator("#form-errors")
    expect(summary).to_contain_text(f"Le formulaire contient {count} erreur")
    expect(summary).to_be_focused()
    return summary


def test_signup_form(page, assert_accessible):
    from playwright.sync_api import expect

    factories.UserFactory(email="deja@exemple.fr")
    page.goto("/inscription?kind=sse")
    submit(page)
    expect_summary(page, 4)
    assert_invalid(page, "full_name", "Indiquez votre nom.")
    assert_invalid(page, "email", "Indiquez votre adresse e-mail.")
    assert_invalid(page, "password", "Choisissez un mot de passe.")
    assert_invalid(page, "confirm", "Saisissez le mot de passe une seconde fois.")
    assert_accessible(page)

    # A link of the list takes the focus to its field.
    page.locator("#form-errors").get_by_role("link", name="Adresse e-mail").click()
    expect(page.locator("#email")).to_be_focused()

    page.locator("#full_name").fill("Léa Garnier")
    page.locator("#email").fill("lea@")
    page.locator("#password").fill("court")
    page.locator("#confirm").fill("autre chose")
    submit(page)
    expect_summary(page, 3)
    assert_invalid(page, "email", "Cette adresse e-mail n'est pas valide.")
    assert_invalid(page, "password", "Le mot de passe doit faire au moins 10 caractères.")
    assert_invalid(page, "confirm", "Les deux mots de passe ne sont pas identiques.")
    expect(page.locator("#full_name")).to_have_value("Léa Garnier")
    expect(page.locator("#full_name")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#email")).to_have_value("lea@")
    # Still signing up an SSE company.
    expect(page.locator("#kind")).to_have_value("sse")
    expect(page.locator("main")).to_contain_text("la fiche de votre structure de l'ESS")

    # Too long a name: the browser stops at the limit the server sets.
    page.locator("#full_name").fill("L" * 150)
    expect(page.locator("#full_name")).to_have_value("L" * 120)

    # An address that already has an account.
    page.locator("#full_name").fill("Léa Garnier")
    page.locator("#email").fill("deja@exemple.fr")
    page.locator("#password").fill(PASSWORD)
    page.locator("#confirm").fill(PASSWORD)
    submit(page)
    assert_invalid(page, "email", "Un compte existe déjà avec cette adresse.")
    expect(page.locator("main").get_by_role("link", name="Mot de passe oublié ?")).to_be_visible()
    expect(page.locator("#full_name")).to_have_value("Léa Garnier")


def test_login_form(page, assert_accessible):
    from playwright.sync_api import expect

    page.goto("/connexion")
    submit(page)
    expect_summary(page, 2)
    assert_invalid(page, "email", "Indiquez votre adresse e-mail.")
    assert_invalid(page, "password", "Indiquez votre mot de passe.")
    page.locator("#email").fill("pas-une-adresse")
    page.locator("#password").fill("quelque chose")
    submit(page)
    assert_invalid(page, "email", "Cette adresse e-mail n'est pas valide.")
    expect(page.locator("#email")).to_have_value("pas-une-adresse")
    assert_accessible(page)


def test_organisation_creation_form(page, signed_in, assert_accessible):
    from playwright.sync_api import expect

    taken = factories.OrganisationFactory().siret
    signed_in(page, factories.UserFactory())
    page.goto("/organisation/nouvelle")
    page.locator("main form").get_by_role("button", name="Créer l'organisation").click()
    expect_summary(page, 4)
    expect(page.get_by_role("group", name="Vous créez la fiche de…")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#kind-error")).to_have_text("Choisissez le type d'organisation.")
    assert_invalid(page, "name", "Indiquez le nom de l'organisation.")
    assert_invalid(page, "siret", "Indiquez le numéro SIRET (14 chiffres).")
    assert_invalid(page, "department_code", "Choisissez un département.")
    assert_accessible(page)
    # The link to the radio buttons focuses the first one.
    page.locator("#form-errors").get_by_role("link", name="Vous créez la fiche de…").click()
    expect(page.locator("#kind-0")).to_be_focused()

    page.get_by_role("radio", name=re.compile("^Une structure de l'économie sociale")).check()
    page.locator("#name").fill("Régie de quartier Bagatelle")
    page.locator("#siret").fill(BAD_SIRET)
    page.locator("#department_code").select_option("31")
    page.locator("main form").get_by_role("button", name="Créer l'organisation").click()
    expect_summary(page, 1)
    assert_invalid(page, "siret", "Le numéro SIRET n'est pas valide (14 chiffres, clé de contrôle)")
    expect(page.locator("#siret")).to_have_value(BAD_SIRET.replace(" ", ""))
    expect(page.locator("#name")).to_have_value("Régie de quartier Bagatelle")
    expect(page.locator("#department_code")).to_have_value("31")
    expect(page.locator("#kind-0")).to_be_checked()

    # A SIRET already registered: the way out is an invitation.
    page.locator("#siret").fill(taken)
    page.locator("main form").get_by_role("button", name="Créer l'organisation").click()
    assert_invalid(page, "siret", "Une organisation avec ce SIRET existe déjà")

    # Too long a name: the browser stops at 200 characters; one pasted past an old browser's
    # limit (the attribute taken away) is refused by the server with its message.
    page.locator("#siret").fill(make_siret())
    page.locator("#name").fill("R" * 250)
    expect(page.locator("#name")).to_have_value("R" * 200)
    page.locator("#name").evaluate("input => input.removeAttribute('maxlength')")
    page.locator("#name").fill("R" * 250)
    page.locator("main form").get_by_role("button", name="Créer l'organisation").click()
    assert_invalid(page, "name", "Le nom ne peut pas dépasser 200 caractères.")
    expect(page.locator("#name")).to_have_value("R" * 250)


def test_sse_profile_form(page, signed_in, cpv_codes, assert_accessible):
    from playwright.sync_api import expect

    admin = factories.MembershipFactory(organisation=factories.OrganisationFactory(name="Atelier Vélo Solidaire")).user
    signed_in(page, admin)
    page.goto("/organisation")
    page.get_by_role("button", name="Modifier le profil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Profil de Atelier Vélo Solidaire")
    good_siret = page.locator("#siret").input_value()

    page.locator("#siret").fill(BAD_SIRET)
    page.locator("#website").fill("pas un site")
    page.locator("#description").fill("Réparation de vélos et ateliers d'autoréparation.")
    page.get_by_role("checkbox", name=re.compile(r"^SIAE \(structure d'insertion")).check()
    page.locator("#area_departments summary", has_text="Occitanie").click()
    page.check("#area_departments-31")
    page.check("#area_departments-09")
    page.locator("#cpv_codes").fill("90910000 12345678 abc")
    page.locator("#headcount").fill("douze")
    page.locator("#insertion_employees").fill("8")
    page.get_by_role("button", name="Enregistrer le profil").click()

    expect_summary(page, 5)
    assert_invalid(page, "siret", "Le numéro SIRET n'est pas valide")
    assert_invalid(page, "website", "Indiquez une adresse de site web commençant par http:// ou https://")
    assert_invalid(page, "siae_kind", "Précisez le type de SIAE (EI, ETTI, ACI, AI ou EITI).")
    assert_invalid(page, "cpv_codes", "Code CPV mal formé : abc")
    expect(page.locator("#cpv_codes-error")).to_contain_text("Code CPV inconnu : 12345678")
    assert_invalid(page, "headcount", "Indiquez un nombre entier, sans virgule ni unité.")
    # Nothing typed is lost.
    expect(page.locator("#siret")).to_have_value(BAD_SIRET.replace(" ", ""))
    expect(page.locator("#website")).to_have_value("pas un site")
    expect(page.locator("#description")).to_have_value("Réparation de vélos et ateliers d'autoréparation.")
    expect(page.get_by_role("checkbox", name=re.compile(r"^SIAE \(structure d'insertion"))).to_be_checked()
    expect(page.locator("#area_departments-31")).to_be_checked()
    expect(page.locator("#area_departments-09")).to_be_checked()
    expect(page.locator("#cpv_codes")).to_have_value("90910000 12345678 abc")
    expect(page.locator("#headcount")).to_have_value("douze")
    expect(page.locator("#insertion_employees")).to_have_value("8")
    assert_accessible(page)

    # More insertion employees than employees; no area at all.
    page.locator("#siret").fill(good_siret)
    page.locator("#website").fill("")
    page.locator("#siae_kind").select_option("EI")
    page.locator("#cpv_codes").fill("90910000")
    page.locator("#headcount").fill("5")
    page.uncheck("#area_departments-31")
    page.uncheck("#area_departments-09")
    page.get_by_role("button", name="Enregistrer le profil").click()
    expect_summary(page, 2)
    assert_invalid(page, "insertion_employees", "Les salariés en insertion ne peuvent pas dépasser l'effectif total.")
    assert_invalid(page, "area_departments", "Choisissez au moins un département ou une région")

    page.locator("#insertion_employees").fill("4")
    page.locator("#area_departments summary", has_text="Occitanie").click()
    page.check("#area_departments-31")
    page.get_by_role("button", name="Enregistrer le profil").click()
    expect(page.locator(".flash-success")).to_have_text("Profil enregistré.")
    expect(page.locator("#cpv_codes")).to_have_value("90910000")
    expect(page.locator("#description")).to_have_value("Réparation de vélos et ateliers d'autoréparation.")


def test_logo_form(page, signed_in, tmp_path):
    from playwright.sync_api import expect

    admin = factories.MembershipFactory().user
    signed_in(page, admin)
    page.goto("/organisation")
    page.get_by_role("button", name="Modifier le profil").click()
    page.locator("#section-logo").get_by_role("button", name="Envoyer le logo").click()
    assert_invalid(page, "logo", "Choisissez un fichier image.")
    fake = tmp_path / "logo.png"
    fake.write_text("ceci n'est pas une image")
    page.locator("#logo").set_input_files(str(fake))
    page.locator("#section-logo").get_by_role("button", name="Envoyer le logo").click()
    assert_invalid(page, "logo", "Ce fichier n'est pas une image PNG, JPEG ou WebP lisible.")
    expect(page.locator("#form-errors")).to_be_focused()


def test_directory_search_form(page, make_sse, assert_accessible):
    from playwright.sync_api import expect

    make_sse(name="Jardins de Cocagne", departments=["31"], cpv=["77310000"])
    page.goto("/annuaire")
    page.locator("#cpv").fill("1234")
    page.locator("#q").fill("jardins")
    page.locator("search").get_by_role("button", name="Rechercher").click()
    assert_invalid(page, "cpv", "Code CPV mal formé : 1234")
    expect(page.locator("#cpv")).to_have_value("1234")
    expect(page.locator("#q")).to_have_value("jardins")
    # The filter in error is left aside: the search by words still runs.
    expect(page.locator(".org-card")).to_contain_text("Jardins de Cocagne")

    page.locator("#cpv").fill("12345678")
    page.locator("search").get_by_role("button", name="Rechercher").click()
    assert_invalid(page, "cpv", "Code CPV inconnu : 12345678")
    expect(page.locator("#cpv")).to_have_value("12345678")
    assert_accessible(page)
