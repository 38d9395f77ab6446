"""Home page, language switch and the about page."""
from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from flask_login import current_user

from ..extensions import db
from ..urls import safe_next

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    return render_template("home/index.html")


@bp.get("/langue")
def set_language():
    lang = request.args.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated and current_user.locale != lang:
            # A signed-in person's choice follows them to their other devices and their e-mails.
            current_user.locale = lang
            db.session.commit()
    return redirect(safe_next(request.args.get("next")) or url_for("home.index"))


@bp.get("/a-propos")
def about():
    return render_template("home/about.html")
