"""Forms of the matching pages: filters (GET, no CSRF), shortlist, answers to needs, digest settings."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from ..engine.territory import department_choices
from .models import DigestFrequency, InterestKind
from .services import FREQUENCY_LABELS, MESSAGE_MAX, NOT_FOR_US_REASONS, REASON_DETAIL_MAX


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(str(value), label) for value, label in pairs]


class _GetForm(FlaskForm):
    class Meta:
        csrf = False


class SupplierFilterForm(_GetForm):
    insertion = BooleanField(_l("Structures d'insertion (SIAE, GEIQ)"))
    ea_esat = BooleanField(_l("Entreprises adaptées et ESAT"))
    in_department = BooleanField(_l("Intervenant dans le département du besoin"))


class NeedFilterForm(_GetForm):
    direct = BooleanField(_l("Attribuables sans publicité"))
    reserved = BooleanField(_l("Réservés à votre statut"))
    department = SelectField(_l("Lieu d'exécution"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.department.choices = _choices([("", _l("Tous les départements"))] + department_choices())


class ShortlistForm(FlaskForm):
    shortlisted = HiddenField(validators=[DataRequired()])
    next = HiddenField()


class InterestForm(FlaskForm):
    kind = HiddenField(default=InterestKind.INTERESTED.value)
    message = TextAreaField(_l("Message à l'acheteur (facultatif)"), validators=[Optional(), Length(max=MESSAGE_MAX)])
    grouping_id = SelectField(_l("Répondre"), coerce=str, default="", validators=[Optional()])
    next = HiddenField()

    def set_groupings(self, groupings) -> None:
        self.grouping_id.choices = _choices([("", _l("Au nom de notre structure seule"))] + [
            (g.id, _l("Au nom du groupement « %(name)s »", name=g.name)) for g in groupings])


class NotForUsForm(FlaskForm):
    kind = HiddenField(default=InterestKind.NOT_FOR_US.value)
    reason = RadioField(_l("Pourquoi ce besoin n'est-il pas pour vous ?"),
                        choices=_choices(NOT_FOR_US_REASONS.items()),
                        validators=[DataRequired(message=_l("Choisissez une raison."))])
    detail = TextAreaField(_l("Précisions (obligatoires pour « Autre raison »)"),
                           validators=[Optional(), Length(max=REASON_DETAIL_MAX)])
    next = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.reason.data == "other" and not (self.detail.data or "").strip():
            self.detail.errors.append(_l("Précisez la raison."))
            ok = False
        return ok


class NextForm(FlaskForm):
    """A button alone (withdraw an answer, confirm an unsubscription)."""

    next = HiddenField()


class DigestSettingsForm(FlaskForm):
    frequency = RadioField(_l("Recevoir le récapitulatif par e-mail"),
                           choices=_choices((k.value, v) for k, v in FREQUENCY_LABELS.items()),
                           validators=[DataRequired(message=_l("Choisissez une fréquence."))],
                           default=DigestFrequency.DAILY.value)
