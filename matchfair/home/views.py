"""Home page, language switch and the about page."""
from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

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
    return redirect(safe_next(request.args.get("next")) or url_for("home.index"))


@bp.get("/a-propos")
def about():
    return render_template("home/about.html")
