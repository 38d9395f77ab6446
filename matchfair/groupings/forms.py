"""Grouping forms: forming one (with a partner search that works without JavaScript), editing it,
inviting partners, declaring interest. The choices (needs, partners) are set by the view."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

from ..fields import MultiCheckboxField, StrippedStringField, max_length, strip
from .services import CONTRIBUTION_MAX, DESCRIPTION_MAX, MESSAGE_MAX, NAME_MAX

QUERY_MAX = 100


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "", "0") else None
    except (TypeError, ValueError):
        return None


class PartnerSearchMixin:
    """A name search whose results become checkboxes of `partner_ids` (checked ones are kept)."""

    partner_query = StrippedStringField(_l("Chercher une structure par son nom"),
                                        validators=[max_length(QUERY_MAX)], render_kw={"maxlength": QUERY_MAX})


def _need_choice(form, field) -> None:
    if field.data is not None and field.data not in {value for value, _label in form.need_choices}:
        raise ValidationError(_l("Choisissez un besoin de la liste."))


class GroupingForm(PartnerSearchMixin, FlaskForm):
    """Name, description, need, partners (the view sets `need_id` and `partner_ids` choices)."""

    name = StrippedStringField(_l("Nom du groupement"), validators=[
        DataRequired(_l("Donnez un nom au groupement.")), max_length(NAME_MAX)], render_kw={"maxlength": NAME_MAX})
    description = TextAreaField(_l("Description (facultatif)"), filters=[strip], validators=[
        max_length(DESCRIPTION_MAX)], render_kw={"rows": 4, "maxlength": DESCRIPTION_MAX})
    need_id = SelectField(_l("Besoin auquel le groupement répond"), coerce=_int_or_none, validate_choice=False,
                          validators=[_need_choice])
    partner_ids = MultiCheckboxField(_l("Partenaires à inviter"))

    need_choices: list = []

    def set_need_choices(self, needs, none_label) -> None:
        """The needs offered, after an empty choice."""
        self.need_choices = [(n.id, f"{n.title} · {n.organisation.name}") for n in needs]
        self.need_id.choices = [("", none_label)] + [(str(v), label) for v, label in self.need_choices]

    def set_partner_choices(self, orgs) -> None:
        """The companies offered as checkboxes: the chosen ones and the search results."""
        self.partner_ids.choices = [(str(o.id), o.name) for o in orgs]

    def chosen_partner_ids(self) -> list[int]:
        """The ids of the checked partners, in order."""
        return [int(v) for v in self.partner_ids.data or [] if str(v).isdigit()]


class ContributionForm(Form):
    """What one member brings (in the lead's words)."""

    organisation_id = HiddenField()
    contribution = StrippedStringField(_l("Apport"), validators=[max_length(CONTRIBUTION_MAX)],
                                       render_kw={"maxlength": CONTRIBUTION_MAX})


class GroupingEditForm(FlaskForm):
    """Name, description, need and each member's contribution."""

    name = GroupingForm.name
    description = GroupingForm.description
    need_id = SelectField(_l("Besoin auquel le groupement répond"), coerce=_int_or_none, validate_choice=False,
                          validators=[_need_choice])
    contributions = FieldList(FormField(ContributionForm))

    need_choices: list = []
    set_need_choices = GroupingForm.set_need_choices


class InviteForm(PartnerSearchMixin, FlaskForm):
    """More partners for an existing grouping (search, then check)."""

    partner_ids = MultiCheckboxField(_l("Structures à inviter"))
    set_partner_choices = GroupingForm.set_partner_choices
    chosen_partner_ids = GroupingForm.chosen_partner_ids


class InterestForm(FlaskForm):
    """The grouping tells the buyer it is interested, with an optional message."""

    message = TextAreaField(_l("Message à l'acheteur (facultatif)"), filters=[strip], validators=[
        max_length(MESSAGE_MAX)], render_kw={"rows": 3, "maxlength": MESSAGE_MAX})


class EmptyForm(FlaskForm):
    """A button that posts (the CSRF token only)."""
