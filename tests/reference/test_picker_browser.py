"""The CPV picker in a real browser: combobox keyboard use, chips, phone width, no JavaScript.

Uses the browser fixtures of tests/browser (Debian's Chromium through Playwright): skipped on a
laptop without Chromium, a failure in CI. The page is rendered from the cpv_field macro and served
through Playwright's routing, with the application's Content-Security-Policy.
"""
import json

import pytest
from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms.validators import Optional

from matchfair.reference.fields import CpvCodesField


pytestmark = pytest.mark.browser

PAGE = """{% extends "base.html" %}{% from "reference/cpv_macros.html" import cpv_field %}
{% block head %}<link rel="stylesheet" href="{{ url_for('static', filename='css/reference.css') }}">{% endblock %}
{% block content %}<h1>Codes CPV</h1>
<form method="get" action="/__cpv-picker-result">{{ cpv_field(form.cpv) }}{{ cpv_field(form.one) }}
<button type="submit" id="send">Envoyer</button></form>{% endblock %}
{% block scripts %}<script src="{{ url_for('static', filename='js/cpv-picker.js') }}" defer></script>{% endblock %}"""


class PickerForm(FlaskForm):
    class Meta:
        csrf = False

    cpv = CpvCodesField("Codes CPV", validators=[Optional()], max_codes=3)
    one = CpvCodesField("Activité", single=True)


@pytest.fixture
def picker_page(app, browser, live_server, sample_codes):  # noqa: F811
    """open(width, javascript=True, codes=""): a page with two pickers; .sent gives what the form sent."""
    contexts = []

    def _open(width=1280, javascript=True, codes="", locale="fr-FR"):
        with app.test_request_context("/"):
            form = PickerForm(data={"cpv": codes})
            html = render_template_string(PAGE, form=form)
        with app.test_client() as client:
            csp = client.get("/").headers["Content-Security-Policy"]
        context = browser.new_context(base_url=live_server, locale=locale, java_script_enabled=javascript,
                                      viewport={"width": width, "height": 800})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.route("**/__cpv-picker", lambda route: route.fulfill(
            status=200, body=html, headers={"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": csp}))
        page.route("**/__cpv-picker-result*", lambda route: route.fulfill(
            status=200, body=json.dumps(route.request.url), headers={"Content-Type": "text/plain"}))
        page.goto("/__cpv-picker")
        page.errors = errors
        return page

    yield _open
    for context in contexts:
        context.close()


def sent(page) -> str:
    page.locator("#send").click()
    page.wait_for_url("**/__cpv-picker-result*")
    return page.url


def test_keyboard_choice_chips_and_removal(picker_page, assert_accessible):
    from playwright.sync_api import expect

    page = picker_page()
    search = page.locator("#cpv-cpv-search")
    results = page.locator("#cpv-cpv-results")
    expect(search).to_be_visible()
    expect(search).to_have_attribute("aria-expanded", "false")
    search.fill("nettoyage bât")
    expect(results).to_be_visible()
    expect(search).to_have_attribute("aria-expanded", "true")
    expect(results.get_by_role("option")).to_have_count(2)
    expect(page.locator("[data-cpv-status]").first).to_contain_text("2 codes CPV trouvés")
    search.press("ArrowDown")
    search.press("ArrowDown")
    expect(search).to_have_attribute("aria-activedescendant", "cpv-cpv-results-1")
    expect(results.get_by_role("option").nth(1)).to_have_attribute("aria-selected", "true")
    assert_accessible(page)
    search.press("Enter")
    expect(results).to_be_hidden()
    expect(page.locator("#cpv")).to_have_value("90911200")
    expect(page.locator("#cpv").locator("xpath=../..").locator("[data-cpv-chips] li")).to_have_count(1)
    expect(page.locator("[data-cpv-chips] li").first).to_contain_text("Services de nettoyage de bâtiments")
    expect(search).to_be_focused()

    search.fill("9091")
    expect(results).to_be_visible()
    results.get_by_role("option").first.click()
    expect(page.locator("#cpv")).to_have_value("90911200 90910000")
    search.fill("vitres")
    expect(results).to_be_visible()
    search.press("Escape")
    expect(results).to_be_hidden()
    expect(search).to_have_attribute("aria-expanded", "false")

    page.get_by_role("button", name="Retirer le code 90911200").click()
    expect(page.locator("#cpv")).to_have_value("90910000")
    expect(page.get_by_role("button", name="Retirer le code 90910000")).to_be_focused()
    assert "cpv=90910000" in sent(page)
    assert page.errors == []


def test_the_single_picker_replaces_its_code(picker_page):
    from playwright.sync_api import expect

    page = picker_page()
    search = page.locator("#one-cpv-search")
    for query in ("espaces verts", "traiteur écoles"):
        search.fill(query)
        expect(page.locator("#one-cpv-results")).to_be_visible()
        search.press("ArrowDown")
        search.press("Enter")
    expect(page.locator("#one")).to_have_value("55524000")
    assert page.errors == []


def test_codes_typed_by_hand_get_their_chips(picker_page):
    from playwright.sync_api import expect

    page = picker_page(codes="45000000")
    expect(page.locator("[data-cpv-chips] li").first).to_contain_text("Travaux de construction")
    page.locator("#cpv").fill("45000000 90919200-4")
    page.locator("#cpv").blur()
    expect(page.locator("[data-cpv-chips] li").nth(1)).to_contain_text("Services de nettoyage de bureaux")


def test_phone_width(picker_page, assert_accessible):
    from playwright.sync_api import expect

    page = picker_page(width=360, codes="90911200")
    search = page.locator("#cpv-cpv-search")
    search.fill("nettoyage")
    expect(page.locator("#cpv-cpv-results")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_without_javascript_the_text_input_works(picker_page):
    page = picker_page(javascript=False, codes="90911200")
    assert not page.locator("#cpv-cpv-search").is_visible()
    assert page.locator("[data-cpv-chips] li").first.inner_text().startswith("90911200 Services de nettoyage")
    page.locator("#cpv").fill("90911200-8, 90919200")
    assert "cpv=90911200-8%2C+90919200" in sent(page)
