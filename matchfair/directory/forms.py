"""The directory's search form (GET, no CSRF: it changes nothing)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..engine.territory import REGIONS, department_choices, normalize_department, region_choices
from ..engine.text import words
from ..organisations.choices import SIAE_KIND_LABELS, STATUS_LABELS, choices
from ..reference.fields import CpvCodesField
from .services import DirectoryFilters

# More words than this are ignored: each one is a LIKE over every listed company.
MAX_WORDS = 10


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class MultiCheckboxField(SelectMultipleField):
    """Several choices as a list of check boxes (macros.field renders it as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class IncludeField(BooleanField):
    """A check box that is ticked unless the request says otherwise.

    The template sends a hidden "0" with the box, so that an unticked box ("0" alone) differs from
    a first visit (nothing at all), which keeps the default.
    """

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = "1" in valuelist


class DirectorySearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Mots-clés"), validators=[Length(max=200, message=_l("200 caractères au plus."))])
    cpv = CpvCodesField(_l("Activité (code CPV)"), single=True)
    department = SelectField(_l("Département couvert"), validate_choice=False)
    region = SelectField(_l("Région couverte"), validate_choice=False)
    national = IncludeField(_l("Inclure les structures qui interviennent dans toute la France"), default=True)
    status = MultiCheckboxField(_l("Statut"), choices=_choices(choices(STATUS_LABELS)), validate_choice=False)
    siae = MultiCheckboxField(_l("Type de SIAE"), choices=_choices(choices(SIAE_KIND_LABELS)), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.department.choices = _choices([("", _l("Tous les départements"))] + department_choices())
        self.region.choices = _choices([("", _l("Toutes les régions"))] + region_choices())

    def validate_department(self, field):
        if not field.data:
            return
        code = normalize_department(field.data)
        if code is None:
            raise ValidationError(_l("Ce département n'existe pas : choisissez-le dans la liste."))
        field.data = code

    def validate_region(self, field):
        if field.data and field.data not in REGIONS:
            raise ValidationError(_l("Cette région n'existe pas : choisissez-la dans la liste."))

    def validate_status(self, field):
        if any(value not in STATUS_LABELS for value in field.data or []):
            raise ValidationError(_l("Statut inconnu : choisissez parmi les cases proposées."))

    def validate_siae(self, field):
        if any(value not in SIAE_KIND_LABELS for value in field.data or []):
            raise ValidationError(_l("Type de SIAE inconnu : choisissez parmi les cases proposées."))

    def filters(self) -> DirectoryFilters:
        """The search the form describes, from its valid fields only (a wrong one is ignored)."""

        def valid(field):
            return field.data if not field.errors else None

        return DirectoryFilters(
            words=tuple(words(valid(self.q)))[:MAX_WORDS],
            cpv8=(valid(self.cpv) or [None])[0],
            department=valid(self.department) or None,
            region=valid(self.region) or None,
            statuses=tuple(sorted(set(valid(self.status) or []))),
            siae_kinds=tuple(sorted(set(valid(self.siae) or []))),
            include_national=bool(self.national.data),
        )
