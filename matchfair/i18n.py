"""Languages: French by default, English second; the visitor's choice is kept in the session."""
from flask import Flask, current_app, has_request_context, request, session
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
    # French first: only a browser that prefers English over French gets English.
    return request.accept_languages.best_match(languages, default=languages[0])


def init_app(app: Flask) -> None:
    # Catalogues live in matchfair/translations (Flask-Babel's default, relative to the package).
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def _locale_context():
        return {"current_locale": str(get_locale() or app.config["BABEL_DEFAULT_LOCALE"])}
