"""Error pages: a plain sentence and a way back, never a traceback."""
from flask import Flask, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from .extensions import db

MESSAGES = {
    400: (_l("Requête incorrecte"), _l("La demande n'a pas pu être comprise.")),
    403: (_l("Accès refusé"), _l("Vous n'avez pas les droits nécessaires pour cette page.")),
    404: (_l("Page introuvable"), _l("Cette page n'existe pas ou n'est pas accessible avec votre compte.")),
    405: (_l("Action impossible"), _l("Cette action n'est pas possible sur cette page.")),
    413: (_l("Fichier trop volumineux"), _l("Le fichier envoyé dépasse la taille autorisée.")),
    429: (_l("Trop de demandes"), _l("Vous avez fait trop de demandes en peu de temps. Réessayez dans quelques minutes.")),
    500: (_l("Erreur du serveur"), _l("Une erreur inattendue s'est produite. Rien n'a été enregistré ; réessayez.")),
}


def init_app(app: Flask) -> None:
    def render(code: int, message: str | None = None):
        title, text = MESSAGES.get(code, MESSAGES[500])
        return render_template("errors/error.html", code=code, title=title, text=message or text), code

    for code in MESSAGES:
        if code == 500:
            continue
        app.register_error_handler(code, lambda e, code=code: render(code))

    @app.errorhandler(CSRFError)
    def _csrf(_e):
        return render(400, _("Le formulaire a expiré ou n'est pas valide. Rechargez la page et recommencez."))

    @app.errorhandler(500)
    def _server_error(_e):
        db.session.rollback()
        return render(500)
