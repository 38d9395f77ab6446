"""Calendar files and the private subscription feed (building them: calendars.py; tokens: calendar_tokens.py).

- /seances/<id>/calendrier.ics: one session, for anyone who may see it (access.session_or_404);
- /evenements/<id>/mon-agenda.ics: the signed-in person's sessions of an event;
- /agenda/flux/<token>.ics: every session of the person the secret token belongs to (no log-in:
  calendar clients poll it), with ETag / Last-Modified and 304 answers;
- /agenda/abonnement: the feed's address, how to subscribe, and resetting the token.
"""
import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

from flask import Blueprint, abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import force_locale, gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from ..extensions import db
from . import calendar_tokens as tokens, calendars
from .access import event_or_404, session_or_404
from .events_services import user_events

bp = Blueprint("calendars", __name__)

ICS_MIMETYPE = "text/calendar; charset=utf-8"
_STAMP = re.compile(rb"DTSTAMP:[^\r\n]*\r\n")


class ResetForm(FlaskForm):
    """The "reset my feed address" button (CSRF only)."""


@bp.get("/seances/<int:session_id>/calendrier.ics")
def session_ics(session_id: int):
    session = session_or_404(session_id)
    body = calendars.session_calendar(session, current_user)
    return _ics_response(body, filename=f"seance-{session.id}.ics")


@bp.get("/evenements/<int:event_id>/mon-agenda.ics")
@login_required
def agenda_ics(event_id: int):
    event = event_or_404(event_id)
    body = calendars.agenda_calendar(current_user, event)
    return _ics_response(body, filename=f"mon-agenda-{event.slug}.ics")


@bp.get("/agenda/flux/<token>.ics")
def feed(token: str):
    user = tokens.user_for_token(token)
    if user is None:
        abort(404)
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        copies = calendars.agenda_copies(user)
        body = calendars.copies_calendar(copies, feed=True)
    response = _ics_response(body)
    # DTSTAMP is the time of writing: leave it out of the version, or the feed would never be "not modified".
    response.set_etag(hashlib.sha256(_STAMP.sub(b"", body)).hexdigest()[:32])
    changed = calendars.last_modified(copies)
    if changed is not None:
        response.last_modified = changed.replace(microsecond=0)
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response.make_conditional(request)


@bp.get("/agenda/abonnement")
@login_required
def subscription():
    token = tokens.token_of(current_user)
    db.session.commit()
    https_url, webcal_url = feed_urls(token.token)
    events = user_events(current_user)
    return render_template("programme/calendars/subscription.html", feed_url=https_url, webcal_url=webcal_url,
                           events=events, form=ResetForm())


@bp.post("/agenda/abonnement/reinitialiser")
@login_required
def reset():
    form = ResetForm()
    if not form.validate_on_submit():
        flash(_("Le formulaire a expiré : cliquez de nouveau sur « Réinitialiser l'adresse »."), "error")
        return redirect(url_for("calendars.subscription"))
    tokens.reset_token(current_user)
    db.session.commit()
    flash(_("Nouvelle adresse créée. L'ancienne ne fonctionne plus : abonnez de nouveau vos applications "
            "d'agenda avec l'adresse ci-dessous."), "success")
    return redirect(url_for("calendars.subscription"))


def feed_urls(secret: str) -> tuple[str, str]:
    """The feed's absolute https address (http only on this machine, for development) and its webcal:// twin."""
    public = current_app.config.get("PUBLIC_URL")
    path = url_for("calendars.feed", token=secret)
    base = urlsplit(public.rstrip("/") if public else request.host_url.rstrip("/"))
    scheme = "http" if base.scheme == "http" and base.hostname in ("localhost", "127.0.0.1", "::1") else "https"
    https_url = urlunsplit((scheme, base.netloc, base.path + path, "", ""))
    return https_url, urlunsplit(("webcal", base.netloc, base.path + path, "", ""))


def _ics_response(body: bytes, filename: str | None = None):
    response = make_response(body)
    response.headers["Content-Type"] = ICS_MIMETYPE
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
