"""The public programme's filters (a GET form: no CSRF token, nothing is changed)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField
from wtforms.validators import ValidationError

from .public_programme import VIEWS, kind_label
from .timetable_services import KIND_LABELS


class ProgrammeFilterForm(FlaskForm):
    """?type=workshop&theme=cpv:90&vue=liste: the kind and theme filters, and the chosen view."""

    class Meta:
        csrf = False

    type = SelectField(_l("Type de séance"), validate_choice=False)
    theme = SelectField(_l("Thème"), validate_choice=False)
    vue = HiddenField()
    jour = HiddenField()

    def __init__(self, formdata, themes: dict[str, str]):
        super().__init__(formdata)
        self.type.choices = [("", _l("Tous les types"))] + [(str(k), kind_label(k)) for k in KIND_LABELS]
        self.theme.choices = [("", _l("Tous les thèmes"))] + sorted(themes.items(), key=lambda kv: kv[1].lower())

    def validate_type(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Choisissez un type de la liste."))

    def validate_theme(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Ce thème n'est abordé par aucune séance : choisissez-en un de la liste."))

    @property
    def view(self) -> str:
        return self.vue.data if self.vue.data in VIEWS else VIEWS[0]

    def chosen(self) -> dict:
        """The valid filters, as keyword arguments of public_programme.programme_sessions."""
        return {"kind": self.type.data if self.type.data and not self.type.errors else None,
                "theme": self.theme.data if self.theme.data and not self.theme.errors else None}
