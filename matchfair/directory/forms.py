"""The directory's search form (GET, no CSRF: it changes nothing)."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField
from wtforms.validators import ValidationError

from ..fields import MultiCheckboxField
from ..organisations.choices import SIAE_KIND_LABELS, STATUS_LABELS, choices
from ..search_filters import SearchForm, search_words
from .services import DirectoryFilters


class IncludeField(BooleanField):
    """A check box that is ticked unless the request says otherwise.

    The template sends a hidden "0" with the box, so that an unticked box ("0" alone) differs from
    a first visit (nothing at all), which keeps the default.
    """

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = "1" in valuelist


class DirectorySearchForm(SearchForm):
    department = SelectField(_l("Département couvert"), validate_choice=False)
    region = SelectField(_l("Région couverte"), validate_choice=False)
    national = IncludeField(_l("Inclure les structures qui interviennent dans toute la France"), default=True)
    status = MultiCheckboxField(_l("Statut"), choices=choices(STATUS_LABELS))
    siae = MultiCheckboxField(_l("Type de SIAE"), choices=choices(SIAE_KIND_LABELS))

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
            words=search_words(valid(self.q)),
            cpv8=(valid(self.cpv) or [None])[0],
            department=valid(self.department) or None,
            region=valid(self.region) or None,
            statuses=tuple(sorted(set(valid(self.status) or []))),
            siae_kinds=tuple(sorted(set(valid(self.siae) or []))),
            include_national=bool(self.national.data),
        )
