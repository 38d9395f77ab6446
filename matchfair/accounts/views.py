"""Sign-up, e-mail confirmation, log-in and log-out, forgotten password.

The account settings pages (/compte...) are in settings_views.py, on the same blueprint.
"""
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user, user_loaded_from_cookie

from ..extensions import db
from ..organisations.current import SESSION_KEY as ORG_SESSION_KEY
from ..urls import safe_next
from . import services, throttle
from .forms import EmailRequestForm, LoginForm, ResetPasswordForm, SignupForm, clean_kind
from .services import BadToken, EmailTaken

bp = Blueprint("accounts", __name__)


def log_in(user, remember: bool = False) -> None:
    """Open a session for `user` (again, after a password change) in their preferred language."""
    if session.get("_user_id", "").partition(":")[0] != str(user.id):
        session.pop(ORG_SESSION_KEY, None)
    login_user(user, remember=remember)
    if user.locale:
        session["lang"] = user.locale


@user_loaded_from_cookie.connect
def _restore_language(_app, user) -> None:
    # A remember-me cookie opens a new session: bring the preferred language back into it.
    if user.locale:
        session["lang"] = user.locale


def too_many_attempts(minutes: int) -> str:
    return ngettext(
        "Trop de tentatives de connexion. Réessayez dans %(minutes)d minute.",
        "Trop de tentatives de connexion. Réessayez dans %(minutes)d minutes.",
        minutes, minutes=minutes,
    )


def too_many_emails(minutes: int) -> str:
    return ngettext(
        "Trop de demandes d'e-mail depuis votre connexion. Réessayez dans %(minutes)d minute.",
        "Trop de demandes d'e-mail depuis votre connexion. Réessayez dans %(minutes)d minutes.",
        minutes, minutes=minutes,
    )


def bad_link(exc: BadToken, purpose: str):
    """A friendly page for an expired or invalid e-mailed link, with a way to ask for a new one."""
    return render_template("accounts/link_invalid.html", expired=exc.expired, purpose=purpose), 400


def _home():
    return url_for("home.index")


@bp.route("/inscription", methods=["GET", "POST"])
def signup():
    if current_user.is_authenticated:
        flash(_("Vous êtes déjà connecté avec votre compte."), "info")
        return redirect(safe_next(request.args.get("next")) or _home())
    form = SignupForm()
    if request.method == "GET":
        form.kind.data = clean_kind(request.args.get("kind")) or ""
        form.next.data = safe_next(request.args.get("next")) or ""
    email_taken = False
    if form.validate_on_submit():
        try:
            user = services.create_user(form.email.data, form.full_name.data, form.password.data,
                                        locale=session.get("lang"))
        except EmailTaken:
            email_taken = True
            form.email.errors.append(_("Un compte existe déjà avec cette adresse."))
        else:
            services.send_confirmation(user, kind=clean_kind(form.kind.data), next_url=safe_next(form.next.data))
            db.session.commit()
            session["signup_email"] = user.email
            return redirect(url_for("accounts.check_email"))
    return render_template("accounts/signup.html", form=form, email_taken=email_taken,
                           kind=clean_kind(form.kind.data))


@bp.get("/inscription/confirmez")
def check_email():
    """After sign-up: where the link went, what to do if it does not arrive."""
    email = session.get("signup_email")
    if not email:
        return redirect(url_for("accounts.signup"))
    return render_template("accounts/check_email.html", email=email,
                           printed_to_log=current_app.config["MAIL_BACKEND"] == "console")


@bp.get("/confirmer/<token>")
def confirm_email(token):
    try:
        user, payload = services.read_confirmation(token)
    except BadToken as exc:
        return bad_link(exc, "confirm")
    if user.is_confirmed:
        flash(_("Votre adresse e-mail est déjà confirmée."), "info")
        same = current_user.is_authenticated and current_user.id == user.id
        return redirect(_home() if same else url_for("accounts.login"))
    services.confirm_email(user)
    services.record_login(user)
    log_in(user)
    db.session.commit()
    flash(_("Votre adresse e-mail est confirmée. Bienvenue, %(name)s !", name=user.full_name), "success")
    next_url = safe_next(payload.get("next"))
    if not user.memberships:
        return redirect(url_for("organisations.create", kind=clean_kind(payload.get("kind")), next=next_url))
    return redirect(next_url or _home())


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    next_url = safe_next(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or _home())
    form = LoginForm()
    if request.method == "GET":
        form.next.data = next_url or ""
    error, unconfirmed_email, status = None, None, 200
    if form.validate_on_submit():
        key = services.normalize_email(form.email.data)
        minutes = throttle.login_blocked_minutes(key)
        # Once blocked, even the right password is refused: the attacker cannot tell it was right.
        user = None if minutes else services.authenticate(key, form.password.data)
        if minutes:
            error, status = too_many_attempts(minutes), 429
        elif user is None:
            throttle.count_failed_login(key)
            error = _("Adresse e-mail ou mot de passe incorrect.")
        elif not user.is_confirmed:
            unconfirmed_email = user.email
        else:
            throttle.clear_failed_logins(key)
            services.record_login(user)
            log_in(user, remember=form.remember.data)
            db.session.commit()
            flash(_("Bonjour %(name)s, vous êtes connecté.", name=user.full_name), "success")
            return redirect(next_url or _home())
    return render_template("accounts/login.html", form=form, error=error, next_url=next_url,
                           unconfirmed_email=unconfirmed_email, remember_days=_remember_days()), status


def _remember_days() -> int:
    duration = current_app.config["REMEMBER_COOKIE_DURATION"]
    seconds = duration.total_seconds() if hasattr(duration, "total_seconds") else duration
    return max(1, int(seconds) // 86400)


@bp.post("/deconnexion")
def logout():
    if current_user.is_authenticated:
        logout_user()
        session.pop(ORG_SESSION_KEY, None)
        flash(_("Vous êtes déconnecté. À bientôt !"), "success")
    return redirect(_home())


def _email_request(form, template: str, send, done_message: str):
    """Shared by "new confirmation link" and "forgotten password": same answer whatever the address."""
    if form.validate_on_submit():
        minutes = throttle.email_requests_blocked_minutes()
        if minutes:
            return render_template(template, form=form, error=too_many_emails(minutes)), 429
        key = services.normalize_email(form.email.data)
        if throttle.count_email_request(key):
            user = services.find_user_by_email(key)
            if user is not None:
                send(user)
        db.session.commit()
        flash(done_message, "info")
        return redirect(url_for("accounts.login"))
    return render_template(template, form=form, error=None)


@bp.route("/confirmation/renvoyer", methods=["GET", "POST"])
def resend_confirmation():
    def send(user):
        if not user.is_confirmed:
            services.send_confirmation(user)

    return _email_request(
        EmailRequestForm(), "accounts/resend_confirmation.html", send,
        _("Si un compte en attente de confirmation existe avec cette adresse, un nouveau lien vient d'y être "
          "envoyé. Pensez à regarder dans les indésirables."),
    )


@bp.route("/mot-de-passe/oublie", methods=["GET", "POST"])
def forgot_password():
    hours = max(1, current_app.config["RESET_TOKEN_MAX_AGE"] // 3600)
    return _email_request(
        EmailRequestForm(), "accounts/forgot_password.html", services.send_password_reset,
        ngettext("Si un compte existe avec cette adresse, un lien pour choisir un nouveau mot de passe vient "
                 "d'y être envoyé. Il est valable %(num)d heure.",
                 "Si un compte existe avec cette adresse, un lien pour choisir un nouveau mot de passe vient "
                 "d'y être envoyé. Il est valable %(num)d heures.", hours),
    )


@bp.route("/mot-de-passe/nouveau/<token>", methods=["GET", "POST"])
def reset_password(token):
    try:
        user = services.read_password_reset(token)
    except BadToken as exc:
        return bad_link(exc, "reset")
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(user, form.password.data)
        services.record_login(user)
        throttle.clear_failed_logins(user.email)
        log_in(user)
        db.session.commit()
        flash(_("Votre mot de passe a été modifié et vous êtes connecté."), "success")
        return redirect(_home())
    return render_template("accounts/reset_password.html", form=form, user=user)


from . import settings_views  # noqa: E402,F401  (registers the /compte pages on bp)
