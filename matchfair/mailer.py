"""Outgoing e-mail: printed to the log by default, sent over SMTP when MATCHFAIR_MAIL_SERVER is set."""
import logging

from flask import Flask, current_app, render_template
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
    )
    if current_app.config["MAIL_BACKEND"] == "console":
        log.info("E-mail to %s\nSubject: %s\n\n%s", to, subject, body)
        return
    message.send()
