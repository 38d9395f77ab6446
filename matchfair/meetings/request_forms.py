"""Forms of the meeting requests pages: a request, a refusal with its reason, a button."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from ..fields import SelectOrEmptyField, max_length, one_of, select_choices, strip
from .requests import MESSAGE_MAX, MESSAGE_MIN, REASON_MAX


class RequestForm(FlaskForm):
    message = TextAreaField(
        _l("Votre message"), filters=[strip],
        validators=[DataRequired(_l("Écrivez un message : dites ce que vous attendez du rendez-vous.")),
                    Length(min=MESSAGE_MIN, max=MESSAGE_MAX,
                           message=_l("Écrivez entre %(min)d et %(max)d caractères.", min=MESSAGE_MIN,
                                      max=MESSAGE_MAX))],
        render_kw={"rows": 6, "maxlength": MESSAGE_MAX, "minlength": MESSAGE_MIN})
    need = SelectOrEmptyField(_l("Le besoin dont vous voulez parler (facultatif)"))
    offer = SelectOrEmptyField(_l("L'offre dont vous voulez parler (facultatif)"))

    def set_choices(self, needs, offers) -> None:
        """The buyer's published needs and the SSE company's published offers; a field without any is removed."""
        for name, rows, empty in (("need", needs, _l("Aucun besoin en particulier")),
                                  ("offer", offers, _l("Aucune offre en particulier"))):
            if not rows:
                delattr(self, name)
                continue
            pairs = [(str(row.id), row.title) for row in rows]
            field = self[name]
            field.choices = select_choices([("", empty), *pairs])
            field.validators = [one_of(pairs, _l("Choisissez dans la liste."))]


class DeclineForm(FlaskForm):
    reason = TextAreaField(_l("Motif (facultatif, transmis à l'organisation)"), filters=[strip],
                           validators=[max_length(REASON_MAX)], render_kw={"rows": 3, "maxlength": REASON_MAX})


class ActionForm(FlaskForm):
    """A button that POSTs (accept, withdraw, opt out): only the CSRF token."""
