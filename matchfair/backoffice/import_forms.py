"""Forms of the organisations import: the file, the column of each field, a corrected file."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField
from wtforms.validators import InputRequired, ValidationError

from ..fields import RadioChoiceField, one_of
from .imports import FIELDS, fields_for, required_fields

KIND_CHOICES = [("sse", _l("Entreprises de l'ESS")), ("buyer", _l("Acheteurs"))]


def _file_field():
    return FileField(_l("Fichier CSV"), validators=[FileRequired(_l("Choisissez un fichier CSV."))],
                     render_kw={"accept": ".csv,text/csv"})


class UploadForm(FlaskForm):
    file = _file_field()
    kind = RadioChoiceField(_l("Ce fichier liste des…"), choices=KIND_CHOICES, validators=[
        InputRequired(_l("Choisissez ce que le fichier liste.")),
        one_of(KIND_CHOICES, _l("Choisissez des entreprises de l'ESS ou des acheteurs."))])
    event = SelectField(_l("Inscrire les organisations à un événement (facultatif)"), choices=[], validate_choice=False)

    def validate_event(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Choisissez un de vos événements."))


class CorrectedFileForm(FlaskForm):
    file = _file_field()


def mapping_form(header: list[str], kind: str, mapping: dict, formdata=None) -> FlaskForm:
    """A select of the file's columns per field of `kind`, pre-filled with `mapping`."""
    choices = [("", _l("— Aucune colonne —"))] + [(str(i), name) for i, name in enumerate(header)]
    required = required_fields(kind)

    class MappingForm(FlaskForm):
        def mapping(self) -> dict[str, int]:
            return {f.key: int(self[f.key].data) for f in fields_for(kind) if self[f.key].data not in (None, "")}

    for f in fields_for(kind):
        checks = [InputRequired(_l("Ce champ est obligatoire : choisissez sa colonne."))] if f.key in required else []
        setattr(MappingForm, f.key, SelectField(f.label, choices=choices, default="", validators=checks))
    data = {key: str(index) for key, index in mapping.items()}
    return MappingForm(formdata=formdata, data=data) if formdata is not None else MappingForm(formdata=None, data=data)


FIELD_LABELS = {f.key: f.label for f in FIELDS}
