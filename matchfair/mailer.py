"""Outgoing e-mail: printed to the log by default, sent over SMTP when MATCHFAIR_MAIL_SERVER is set."""
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app, g, render_template
from flask_mailman import EmailMessage

from .extensions import mail

log = logging.getLogger("matchfair.mail")


def init_app(app: Flask) -> None:
    if "MAIL_BACKEND" not in app.config:
        app.config["MAIL_BACKEND"] = "smtp" if app.config.get("MAIL_SERVER") else "console"
    mail.init_app(app)


def send_email(to: str, subject: str, template: str, **context) -> None:
    """Render templates/<template>.txt with `context` and send it to one address.

    With the console backend the whole message (links included) is written to the log, so that a
    person trying the application locally can follow the confirmation link.
    """
    body = render_template(f"{template}.txt", **context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=current_app.config["MAIL_DEFAULT_SENDER"],
        to=[to],
        connection=g.get("mail_connection"),
    )
    if current_app.config["MAIL_BACKEND"] == "console":
        log.info("E-mail to %s\nSubject: %s\n\n%s", to, subject, body)
        return
    message.send()


@contextmanager
def one_connection() -> Iterator[None]:
    """Send every e-mail of the block over one connection to the mail server (a message to a group,
    an import's invitations, a schedule's notices): one SMTP log-in instead of one per e-mail.
    Nested blocks share the outer connection; the console backend needs none."""
    if current_app.config["MAIL_BACKEND"] == "console" or g.get("mail_connection") is not None:
        yield
        return
    connection = current_app.extensions["mailman"].get_connection()
    try:
        connection.open()
    except Exception:  # the server is unreachable: each e-mail tries (and fails, logged) on its own
        log.exception("Could not open a connection to the mail server")
        connection = None
    if connection is None:
        yield
        return
    g.mail_connection = connection
    try:
        yield
    finally:
        g.pop("mail_connection", None)
        connection.close()
