"""The import as an organiser does it in a browser: upload, columns, errors, corrected file, confirmation."""
import pytest

from tests import factories
from tests.programme.events.conftest import OrganiserFactory, member_of

from .conftest import make_csv, make_rows

pytestmark = pytest.mark.browser


def _log_in(page, user):
    page.goto("/connexion")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form[method=post]").last.locator("button[type=submit]").last.click()
    page.locator(".flash-success").wait_for()


@pytest.mark.parametrize("which", ["page", "phone_page"])
def test_import_in_the_browser(request, which, assert_accessible, tmp_path):
    page = request.getfixturevalue(which)
    user = member_of(OrganiserFactory())
    good = make_rows(30)
    bad = [list(r) for r in good]
    bad[2][1] = "123"
    (tmp_path / "bad.csv").write_bytes(make_csv(bad, encoding="cp1252"))
    (tmp_path / "good.csv").write_bytes(make_csv(good))
    _log_in(page, user)
    page.goto("/organisateur/imports")
    assert_accessible(page)
    page.get_by_role("link", name="Nouvel import").click()
    page.get_by_label("Fichier CSV").set_input_files(str(tmp_path / "bad.csv"))
    page.get_by_label("Entreprises de l'ESS").check()
    assert_accessible(page)
    page.get_by_role("button", name="Lire le fichier").click()
    assert page.get_by_label("Nom de l'organisation").input_value() == "0"
    assert_accessible(page)
    page.screenshot(path=f"/tmp/import-columns-{which}.png", full_page=True)
    page.get_by_role("button", name="Vérifier toutes les lignes").click()
    page.screenshot(path=f"/tmp/import-errors-{which}.png", full_page=True)
    errors = page.locator("#import-errors")
    assert "1 erreur" in errors.inner_text() and "ligne 4" in errors.inner_text()
    assert page.get_by_role("button", name="Importer").count() == 0
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.locator(".import-corrected").get_by_label("Fichier CSV").set_input_files(str(tmp_path / "good.csv"))
    page.get_by_role("button", name="Téléverser une version corrigée").click()
    page.screenshot(path=f"/tmp/import-preview-{which}.png", full_page=True)
    page.get_by_role("button", name="Importer 30 organisations").click()
    assert "30 organisations créées" in page.locator("main").inner_text()
    assert_accessible(page)
