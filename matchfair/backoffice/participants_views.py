"""The organiser's participants page of an event, and a message to the group it shows."""
from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..extensions import db
from ..programme import events_registrations
from ..programme.access import event_or_404
from ..programme.event_forms import ActionForm, RefusalForm
from . import messages
from .participants import (
    ParticipantFilter,
    booked_organisations,
    departments,
    recipients,
    registrations,
)

bp = Blueprint("event_participants", __name__)
PREVIEW_NAMES = 10


class MessageForm(FlaskForm):
    subject = StringField(_l("Objet"), validators=[
        DataRequired(_l("Indiquez l'objet du message.")),
        Length(max=messages.SUBJECT_MAX, message=_l("%(max)d caractères au plus.", max=messages.SUBJECT_MAX))],
        render_kw={"maxlength": messages.SUBJECT_MAX})
    body = TextAreaField(_l("Message (texte simple)"), validators=[
        DataRequired(_l("Écrivez le message.")),
        Length(max=messages.BODY_MAX, message=_l("%(max)d caractères au plus.", max=messages.BODY_MAX))],
        render_kw={"maxlength": messages.BODY_MAX, "rows": 10})


@bp.context_processor
def _labels():
    return {"registration_labels": {
        "pending": _("En attente de validation"), "approved": _("Validée"), "refused": _("Refusée"),
        "cancelled": _("Annulée"),
    }}


def _kinds():
    return [("sse", _("Structures de l'ESS")), ("buyer", _("Acheteurs"))]


@bp.get("/evenements/<int:event_id>/participants")
@login_required
def index(event_id: int):
    event = event_or_404(event_id, for_organiser=True)
    f = ParticipantFilter.from_args(request.args)
    page = db.paginate(registrations(event, f), page=request.args.get("page", 1, type=int),
                       per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template("backoffice/participants/index.html", event=event, f=f, page=page,
                           counts=events_registrations.status_counts(event), kinds=_kinds(),
                           departments=departments(event), booked=booked_organisations(event),
                           action_form=ActionForm(), refusal_form=RefusalForm())


@bp.route("/evenements/<int:event_id>/participants/message", methods=["GET", "POST"])
@login_required
def message(event_id: int):
    event = event_or_404(event_id, for_organiser=True)
    f = ParticipantFilter.from_args(request.args)
    form = MessageForm()
    people = recipients(event, f)
    preview = False
    if form.validate_on_submit():
        if request.form.get("action") == "send":
            try:
                sent_to = messages.prepare(current_user, event, f, form.subject.data, form.body.data)
            except messages.MessageError as error:
                db.session.rollback()
                if error.field:
                    getattr(form, error.field).errors.append(str(error))
                else:
                    flash(str(error), "error")
            else:
                db.session.commit()
                failed = messages.deliver(current_user, event, sent_to, form.subject.data, form.body.data)
                if failed:
                    flash(_("Message envoyé, mais %(num)d e-mail(s) n'ont pas pu partir.", num=failed), "warning")
                else:
                    flash(_("Message envoyé à %(num)d personne(s).", num=len(sent_to)), "success")
                return redirect(url_for("event_participants.index", event_id=event.id, **f.args()))
        else:
            preview = True
    elif request.method == "POST" and not form.errors:
        flash(_("Le formulaire a expiré : recommencez."), "error")
    return render_template("backoffice/participants/message.html", event=event, f=f, form=form, people=people,
                           shown=people[:PREVIEW_NAMES], preview=preview, kinds=dict(_kinds()))
