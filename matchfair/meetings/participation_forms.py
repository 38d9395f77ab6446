"""The form of the meetings participation page: the representative, the pitch, a stand (buyers)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import InputRequired

from ..fields import SelectOrEmptyField, max_length, one_of, select_choices, strip
from .participation import PITCH_MAX


class ParticipationForm(FlaskForm):
    representative = SelectOrEmptyField(
        _l("Qui viendra aux rendez-vous ?"),
        validators=[InputRequired(_l("Choisissez la personne qui tiendra les rendez-vous."))])
    pitch = TextAreaField(_l("Ce que vous cherchez, ce que vous proposez (facultatif)"), filters=[strip],
                          validators=[max_length(PITCH_MAX)], render_kw={"rows": 4, "maxlength": PITCH_MAX})
    wants_stand = BooleanField(_l("Je souhaite un stand fixe (les organisations viennent à moi)"))

    def set_representatives(self, pairs: list[tuple[int, str]], is_buyer: bool) -> None:
        pairs = [(str(uid), label) for uid, label in pairs]
        self.representative.choices = select_choices(pairs)
        self.representative.validators = [*self.representative.validators, one_of(
            pairs, _l("Choisissez une personne de votre organisation."))]
        if not is_buyer:
            delattr(self, "wants_stand")

    @property
    def representative_id(self) -> int | None:
        value = self.representative.data
        return int(value) if value and str(value).isdigit() else None
