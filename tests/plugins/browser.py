"""Browser-test fixtures (a pytest plugin loaded by tests/conftest.py): the app served on a free local port, driven by Playwright in Debian's Chromium.

They skip on a laptop without /usr/bin/chromium, saying why; with CI=true they fail instead.
"""
import os
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def _chromium_available():
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def live_server(app):
    """The test app served by a real HTTP server in a thread: yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser(_chromium_available):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server, locale="fr-FR", viewport={"width": 360, "height": 740},
        is_mobile=True, has_touch=True, device_scale_factor=2,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """assert_accessible(page): no serious or critical axe-core violation on the current page."""

    def _check(page):
        results = axe.run(page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        report = "\n".join(
            f"{v['impact']}: {v['id']} ({v['help']}) on {[n['target'] for n in v['nodes']][:5]}" for v in bad
        )
        assert not bad, f"accessibility violations on {page.url}:\n{report}"

    return _check
