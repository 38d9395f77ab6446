"""Forms of a meeting's page: pick a slot, cancel, the day's buttons, outcomes."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
)

from ..fields import WholeNumberField, bounded
from .outcomes import MAX_AMOUNT, OUTCOME_LABELS


class SlotForm(FlaskForm):
    """Book or move: one of the free slots (the view sets the choices)."""

    slot_id = RadioField(_l("Créneau"), coerce=int, validators=[InputRequired(_l("Choisissez un créneau."))],
                         validate_choice=False)


class CancelForm(FlaskForm):
    reason = TextAreaField(_l("Motif (facultatif, transmis à l'autre organisation)"),
                           validators=[Optional(), Length(max=500, message=_l("500 caractères au plus."))])
    confirm = BooleanField(_l("Je confirme l'annulation de ce rendez-vous"),
                           validators=[DataRequired(_l("Cochez la case pour confirmer l'annulation."))])


class ActionForm(FlaskForm):
    """A button only (check-in, undo an absence): CSRF, and where to come back."""

    next = HiddenField()


class NoShowForm(ActionForm):
    participant_id = IntegerField(validators=[InputRequired()])


class OutcomeForm(FlaskForm):
    outcome = RadioField(_l("Suite donnée à ce rendez-vous"), choices=lambda: [SelectChoice(str(k), v) for k, v in OUTCOME_LABELS.items()],
                         validators=[InputRequired(_l("Choisissez une suite."))])
    # Typed as text: "12 000" (the French way) is accepted; a number input would drop it.
    contract_amount_eur = WholeNumberField(
        _l("Montant du contrat signé (€ HT)"),
        validators=[bounded(1, MAX_AMOUNT, _l("Un montant en euros, plus de 0."))])
    comment = TextAreaField(_l("Commentaire (facultatif, visible de votre organisation et des organisateurs)"),
                            validators=[Optional(), Length(max=1000, message=_l("1 000 caractères au plus."))])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.outcome.data == "contract" and self.contract_amount_eur.data is None \
                and not self.contract_amount_eur.errors:
            self.contract_amount_eur.errors.append(_l("Indiquez le montant du contrat signé."))
            ok = False
        if self.outcome.data != "contract" and self.contract_amount_eur.data is not None:
            self.contract_amount_eur.errors.append(_l("Un montant ne s'indique que pour un contrat signé."))
            ok = False
        return ok
