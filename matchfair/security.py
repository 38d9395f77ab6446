"""CSRF, log-in sessions and HTTP security headers."""
from flask import Flask, request
from flask_login import current_user

from .extensions import csrf, login_manager


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.session_protection = "basic"

    from .accounts.services import load_user_from_session_id
    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Connectez-vous pour accéder à cette page.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_user_from_session_id)

    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        )
        # Pages shown to a signed-in person must not stay in a shared computer's cache.
        if request.endpoint not in ("static", "organisations.logo") and current_user.is_authenticated:
            response.headers["Cache-Control"] = "private, no-store"
        return response
