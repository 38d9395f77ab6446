"""Outgoing e-mail: a batch goes over one connection; a server that cannot be reached fails each
e-mail on its own (the callers log and count them) instead of stopping the request."""
import pytest

from matchfair import mailer


@pytest.fixture
def connections(app, monkeypatch):
    """The connections opened (each a list that records 'open' and 'close')."""
    opened = []
    state = app.extensions["mailman"]
    real = state.get_connection

    def counting(*args, **kwargs):
        connection = real(*args, **kwargs)
        events = []
        opened.append(events)
        connection_open, connection_close = connection.open, connection.close
        connection.open = lambda: events.append("open") or connection_open()
        connection.close = lambda: events.append("close") or connection_close()
        return connection

    monkeypatch.setattr(state, "get_connection", counting)
    return opened


def _send(n):
    for i in range(n):
        mailer.send_email(f"person{i}@example.org", "Sujet", "emails/backoffice_message",
                          recipient=None, body="Bonjour", event=None, sender=None, organiser=None, site_name="M")


def test_a_batch_uses_one_connection(app, outbox, connections, monkeypatch):
    monkeypatch.setattr(mailer, "render_template", lambda *a, **k: "corps")
    with app.test_request_context():
        with mailer.one_connection():
            _send(3)
            with mailer.one_connection():  # nested: the same connection
                _send(1)
    assert len(outbox) == 4
    assert connections == [["open", "close"]]


def test_without_a_batch_each_email_has_its_own(app, outbox, connections, monkeypatch):
    monkeypatch.setattr(mailer, "render_template", lambda *a, **k: "corps")
    with app.test_request_context():
        _send(2)
    assert len(outbox) == 2 and len(connections) == 2


def test_a_server_that_cannot_be_reached_does_not_stop_the_block(app, outbox, monkeypatch, caplog):
    monkeypatch.setattr(mailer, "render_template", lambda *a, **k: "corps")

    class Down:
        def open(self):
            raise ConnectionRefusedError("no server")

    state = app.extensions["mailman"]
    real = state.get_connection
    monkeypatch.setattr(state, "get_connection", lambda *a, **k: Down() if not a and not k else real(*a, **k))
    with app.test_request_context():
        with mailer.one_connection():
            _send(2)
    assert len(outbox) == 2  # each e-mail went through a connection of its own
    assert "Could not open a connection to the mail server" in caplog.text


def test_the_console_backend_needs_no_connection(app, connections, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "console")
    with app.test_request_context():
        with mailer.one_connection():
            pass
    assert connections == []
