"""The need form (with its lots), the award form and the forward-plan upload form.

NeedForm validates every field, then the rules of rules.py on the whole (messages next to the
fields); set form.publishing = True before validate() to also require what publishing needs. The
forward-plan import validates each CSV row with this same form.
"""
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, FieldList, Form, FormField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Optional, Regexp

from ..engine.territory import department_choices
from ..fields import (
    RadioChoiceField,
    SelectOrEmptyField,
    StrippedStringField,
    WholeNumberField,
    bounded,
    max_length,
    one_of,
    strip,
)
from ..organisations.forms import department_select_choices
from ..reference.fields import CpvCodesField
from . import rules
from .choices import PROCEDURE_LABELS, RESERVATION_LABELS, SOCIAL_CLAUSE_LABELS, choices
from .fields import FlexibleDateField
from .direct_award import local_today
from .models import Need, Procedure, Reservation, SocialClause

TITLE_MAX = 200
DESCRIPTION_MAX = 10_000
AMOUNT_MAX = 2_000_000_000
DURATION_MAX = 600
HOURS_MAX = 1_000_000
EMPTY_LOT_ROWS = 3
MAX_LOTS = 50
AMOUNT_MESSAGE = _l("Indiquez un montant en euros hors taxes, entre 0 et 2 000 000 000.")


class LotForm(Form):
    """One lot; a row left empty is ignored."""

    title = StrippedStringField(_l("Intitulé du lot"), validators=[max_length(TITLE_MAX)],
                                render_kw={"maxlength": TITLE_MAX})
    cpv_codes = CpvCodesField(_l("Codes CPV du lot"), validators=[Optional()])
    estimated_amount_eur = WholeNumberField(_l("Montant estimé du lot (€ HT)"),
                                            validators=[bounded(0, AMOUNT_MAX, AMOUNT_MESSAGE)])

    def is_empty(self) -> bool:
        return not self.title.data and not self.cpv_codes.data and self.estimated_amount_eur.data is None \
            and not self.cpv_codes.malformed

    def lot_data(self) -> dict:
        return {"title": self.title.data, "cpv_codes": list(self.cpv_codes.data or []),
                "estimated_amount_eur": self.estimated_amount_eur.data}


class NeedForm(FlaskForm):
    title = StrippedStringField(_l("Intitulé du besoin"), validators=[
        DataRequired(_l("Donnez un intitulé au besoin.")),
        max_length(TITLE_MAX, _l("L'intitulé ne peut pas dépasser %(max)d caractères.", max=TITLE_MAX)),
    ], render_kw={"maxlength": TITLE_MAX})
    description = TextAreaField(_l("Description"), filters=[strip], validators=[
        max_length(DESCRIPTION_MAX, _l("La description ne peut pas dépasser %(max)d caractères.", max=DESCRIPTION_MAX)),
    ], render_kw={"rows": 8, "maxlength": DESCRIPTION_MAX})
    cpv_codes = CpvCodesField(_l("Codes CPV"), validators=[Optional()])
    lots = FieldList(FormField(LotForm), min_entries=EMPTY_LOT_ROWS, max_entries=MAX_LOTS)
    department_code = SelectOrEmptyField(_l("Lieu d'exécution (département)"), choices=department_select_choices,
                                         validators=[
        InputRequired(_l("Choisissez le département où le marché sera exécuté.")),
        one_of(department_choices, _l("Ce département n'existe pas : choisissez-le dans la liste.")),
    ])
    estimated_amount_eur = WholeNumberField(_l("Montant estimé (€ HT, tous lots et toutes années)"),
                                            validators=[bounded(0, AMOUNT_MAX, AMOUNT_MESSAGE)])
    expected_publication_date = FlexibleDateField(_l("Date prévue de publication de la consultation"))
    contract_start_date = FlexibleDateField(_l("Début du marché"))
    duration_months = WholeNumberField(_l("Durée du marché (en mois, reconductions comprises)"), validators=[
        bounded(1, DURATION_MAX, _l("Indiquez une durée entre 1 et %(max)d mois.", max=DURATION_MAX))])
    is_renewal = BooleanField(_l("Ce besoin renouvelle un marché en cours"))
    current_contract_end_date = FlexibleDateField(_l("Fin du marché actuel"))
    procedure = SelectOrEmptyField(_l("Procédure envisagée"), choices=choices(PROCEDURE_LABELS),
                                   default=Procedure.UNDECIDED.value, validators=[
        DataRequired(_l("Choisissez une procédure, ou « Pas encore décidée ».")),
        one_of(PROCEDURE_LABELS, _l("Choisissez une procédure de la liste."))])
    reservation = RadioChoiceField(_l("Marché réservé"), choices=choices(RESERVATION_LABELS),
                                   default=Reservation.NONE.value, validators=[
        DataRequired(_l("Choisissez une réservation, ou « Aucune réservation ».")),
        one_of(RESERVATION_LABELS, _l("Choisissez une réservation de la liste."))])
    social_clause = RadioChoiceField(_l("Clause sociale"), choices=choices(SOCIAL_CLAUSE_LABELS),
                                     default=SocialClause.NONE.value, validators=[
        DataRequired(_l("Choisissez une clause sociale, ou « Pas de clause sociale ».")),
        one_of(SOCIAL_CLAUSE_LABELS, _l("Choisissez une clause sociale de la liste."))])
    insertion_hours = WholeNumberField(_l("Heures d'insertion"), validators=[
        bounded(1, HOURS_MAX, _l("Indiquez un nombre d'heures entre 1 et 1 000 000."))])
    environmental_clause = BooleanField(_l("Clause environnementale"))
    innovative = BooleanField(_l("Achat innovant"))
    contact_name = StrippedStringField(_l("Nom du contact"), validators=[max_length(120)],
                                       render_kw={"maxlength": 120, "autocomplete": "name"})
    contact_email = EmailField(_l("E-mail du contact"), filters=[strip, lambda v: v or None], validators=[
        Optional(), max_length(254), Email(_l("Cette adresse e-mail n'est pas valide."), check_deliverability=False),
    ], render_kw={"autocomplete": "email"})
    contact_phone = StrippedStringField(_l("Téléphone du contact"), validators=[
        max_length(30), Optional(),
        Regexp(r"^\+?[0-9][0-9 .()-]{5,28}$", message=_l("Indiquez un numéro de téléphone, par exemple 05 61 00 00 00.")),
    ], render_kw={"autocomplete": "tel", "inputmode": "tel", "maxlength": 30})

    publishing = False
    first_publication = False

    def need_data(self) -> dict:
        """The cleaned values: Need attributes, cpv_codes and the non-empty lots."""
        data = {name: getattr(self, name).data for name in rules.SCALAR_FIELDS}
        data["is_renewal"] = bool(data["is_renewal"])
        data["environmental_clause"] = bool(data["environmental_clause"])
        data["innovative"] = bool(data["innovative"])
        data["cpv_codes"] = list(self.cpv_codes.data or [])
        data["lots"] = [entry.form.lot_data() for entry in self._filled_lots()]
        return data

    def _filled_lots(self) -> list:
        return [entry for entry in self.lots.entries if not entry.form.is_empty()]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        data = self.need_data()
        problems = rules.check(data)
        if self.publishing:
            problems += rules.publish_problems(data)
        if self.first_publication:
            problems += rules.first_publication_problems(data, local_today())
        for name, message in problems:
            field = self._field_for(name)
            if field is not None and not field.errors:
                field.errors = list(field.errors) + [message]
                valid = False
        return valid

    def _field_for(self, name: str):
        """The field a rules.py problem is about ("lots-1-title" is the 2nd filled lot's title)."""
        if name.startswith("lots-"):
            _prefix, index, sub = name.split("-", 2)
            filled = self._filled_lots()
            return getattr(filled[int(index)].form, sub) if int(index) < len(filled) else None
        return getattr(self, name, None)

    def add_lot_rows(self, count: int = EMPTY_LOT_ROWS) -> bool:
        """Append up to `count` empty lot rows; False when the maximum is already reached."""
        added = False
        for _ in range(count):
            if len(self.lots.entries) >= MAX_LOTS:
                break
            self.lots.append_entry()
            added = True
        return added

    def ensure_empty_lot_rows(self) -> None:
        """At least EMPTY_LOT_ROWS empty rows after the filled ones (the form works without JavaScript)."""
        empty = sum(1 for entry in self.lots.entries if entry.form.is_empty())
        self.add_lot_rows(max(0, EMPTY_LOT_ROWS - empty))

    def field_errors(self) -> list[tuple[str, str, list[str]]]:
        """(field id, label, messages) of every field in error, lots' fields included, in page order."""
        found = []
        for field in self:
            if field.name == "lots":
                for number, entry in enumerate(field.entries, start=1):
                    for sub in entry.form:
                        if sub.errors:
                            found.append((sub.id, _l("Lot %(number)d : %(label)s", number=number,
                                                     label=sub.label.text), list(sub.errors)))
            elif field.errors and field.type != "CSRFTokenField":
                found.append((field.id, field.label.text, list(field.errors)))
        return found


def initial_data(need: Need) -> dict:
    """The form's values from a saved need."""
    data = rules.need_as_data(need)
    data["lots"] = [SimpleNamespace(**lot) for lot in data["lots"]]
    return data


class AwardForm(FlaskForm):
    organisation_id = SelectOrEmptyField(_l("Structure de Matchfair"), coerce=str, validators=[Optional()])
    organisation_name = StrippedStringField(_l("Ou le nom de l'entreprise attributaire"), validators=[
        max_length(200)], render_kw={"maxlength": 200, "autocomplete": "off"})
    amount_eur = WholeNumberField(_l("Montant attribué (€ HT)"), validators=[
        InputRequired(_l("Indiquez le montant attribué, en euros hors taxes.")),
        bounded(1, AMOUNT_MAX, _l("Indiquez un montant en euros hors taxes, entre 1 et 2 000 000 000."))])


class PlanUploadForm(FlaskForm):
    file = FileField(_l("Fichier CSV du recensement"), validators=[FileRequired(_l("Choisissez un fichier CSV."))],
                     render_kw={"accept": ".csv,text/csv"})
