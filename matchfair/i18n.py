"""Languages: French by default, English second; the visitor's choice is kept in the session
(and on the account of a signed-in person)."""
from flask import Flask, current_app, has_request_context, session
from flask_login import current_user
from flask_babel import get_locale

from .extensions import babel


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        # Commands and e-mails sent outside a request: the default language.
        return languages[0]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    # French first, whatever the browser says: English is one click away in the footer.
    return languages[0]


def init_app(app: Flask) -> None:
    # Catalogues live in matchfair/translations (Flask-Babel's default, relative to the package).
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def _locale_context():
        return {"current_locale": str(get_locale() or app.config["BABEL_DEFAULT_LOCALE"])}
