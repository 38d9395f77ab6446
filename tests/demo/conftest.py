"""Fixtures for the demo tests: run `flask demo load` through the CLI test runner."""
import pytest


@pytest.fixture
def run_demo(app):
    """run_demo(*args): invoke `flask demo load *args` and return the click result."""
    runner = app.test_cli_runner()

    def _run(*args):
        return runner.invoke(args=["demo", "load", *args])

    return _run


@pytest.fixture
def loaded(run_demo):
    """The result of a first `flask demo load`, which must succeed."""
    result = run_demo()
    assert result.exit_code == 0, result.output
    return result
