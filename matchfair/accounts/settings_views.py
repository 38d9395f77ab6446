"""The signed-in person's account pages: name and language, password, e-mail address."""
from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import db
from . import services, throttle
from .forms import ChangeEmailForm, ChangePasswordForm, SettingsForm
from .services import BadToken, EmailTaken, SameEmail, WrongPassword
from .views import bad_link, bp, log_in, too_many_attempts, too_many_emails


def _password_checks_blocked(user) -> str | None:
    # A wrong current password counts as a failed log-in: a borrowed session cannot guess it.
    minutes = throttle.login_blocked_minutes(user.email)
    return too_many_attempts(minutes) if minutes else None


def _wrong_password(form, user) -> None:
    throttle.count_failed_login(user.email)
    form.current_password.errors.append(_("Ce n'est pas votre mot de passe actuel."))


@bp.route("/compte", methods=["GET", "POST"])
@login_required
def settings():
    user = current_user._get_current_object()
    form = SettingsForm(data={"full_name": user.full_name, "locale": user.locale or ""})
    if form.validate_on_submit():
        services.update_profile(user, form.full_name.data, form.locale.data or None)
        db.session.commit()
        if user.locale:
            session["lang"] = user.locale
        else:
            session.pop("lang", None)
        flash(_("Vos réglages sont enregistrés."), "success")
        return redirect(url_for("accounts.settings"))
    memberships = sorted(user.memberships, key=lambda m: m.organisation.name.casefold())
    return render_template("accounts/settings.html", form=form, memberships=memberships)


@bp.route("/compte/mot-de-passe", methods=["GET", "POST"])
@login_required
def change_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    error, status = None, 200
    if form.validate_on_submit():
        error = _password_checks_blocked(user)
        if error:
            status = 429
        else:
            try:
                services.change_password(user, form.current_password.data, form.password.data)
            except WrongPassword:
                _wrong_password(form, user)
            else:
                # The new session_version logged every other session out; keep this one (and its cookie).
                remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
                log_in(user, remember=remembered)
                db.session.commit()
                flash(_("Votre mot de passe a été modifié. Vos autres sessions ont été déconnectées."), "success")
                return redirect(url_for("accounts.settings"))
    return render_template("accounts/change_password.html", form=form, error=error), status


@bp.route("/compte/e-mail", methods=["GET", "POST"])
@login_required
def change_email():
    user = current_user._get_current_object()
    form = ChangeEmailForm()
    error, status = None, 200
    if form.validate_on_submit():
        minutes = throttle.email_requests_blocked_minutes()
        error = _password_checks_blocked(user) or (too_many_emails(minutes) if minutes else None)
        if error:
            status = 429
        else:
            try:
                services.request_email_change(user, form.email.data, form.current_password.data)
            except WrongPassword:
                _wrong_password(form, user)
            except SameEmail:
                form.email.errors.append(_("C'est déjà l'adresse de votre compte."))
            except EmailTaken:
                form.email.errors.append(_("Un compte existe déjà avec cette adresse."))
            else:
                new_email = services.normalize_email(form.email.data)
                throttle.count_email_request(new_email)
                db.session.commit()
                flash(_("Un lien de confirmation a été envoyé à %(email)s. Votre adresse changera quand vous "
                        "l'aurez suivi.", email=new_email), "info")
                return redirect(url_for("accounts.settings"))
    return render_template("accounts/change_email.html", form=form, error=error), status


@bp.get("/compte/e-mail/confirmer/<token>")
def confirm_email_change(token):
    try:
        user = services.apply_email_change(token)
    except BadToken as exc:
        return bad_link(exc, "change_email")
    except EmailTaken:
        db.session.rollback()
        flash(_("Cette adresse est maintenant utilisée par un autre compte : votre adresse n'a pas changé."),
              "error")
        return redirect(url_for("accounts.settings"))
    db.session.commit()
    flash(_("Votre adresse e-mail est maintenant %(email)s.", email=user.email), "success")
    same = current_user.is_authenticated and current_user.id == user.id
    return redirect(url_for("accounts.settings") if same else url_for("accounts.login"))
