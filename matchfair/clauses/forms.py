"""Forms of the social-clause pages (CSRF through Flask-WTF on every one)."""
import re
from datetime import date

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError
from wtforms.widgets import TextInput

from ..fields import SelectOrEmptyField, WholeNumberField, bounded, max_length, strip


class DecimalTextField(Field):
    """A number typed the French way ("32,50", "7,5") stored as a whole number of 10**-places units
    (cents for euros with places=2, tenths of a percent with places=1)."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, places: int = 2, **kwargs):
        self.places = places
        render_kw = {"inputmode": "decimal", **(kwargs.pop("render_kw", None) or {})}
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        whole, part = divmod(self.data, 10 ** self.places)
        return f"{whole},{part:0{self.places}d}".rstrip("0").rstrip(",") if part else str(whole)

    def process_formdata(self, valuelist):
        self.data = None
        text = re.sub(r"[\s\u00a0\u202f€%]", "", (valuelist or [""])[0] or "").replace(",", ".")
        if not text:
            return
        match = re.fullmatch(r"(\d{1,9})(?:\.(\d{1,%d}))?" % self.places, text)
        if not match:
            raise ValueError(_l("Indiquez un nombre, avec au plus un chiffre après la virgule.") if self.places == 1
                             else _l("Indiquez un nombre, avec au plus deux chiffres après la virgule."))
        self.data = int(match.group(1)) * 10 ** self.places + int((match.group(2) or "").ljust(self.places, "0"))


class GroupedWholeNumberField(WholeNumberField):
    """A whole number that, on the English pages, may also group thousands with commas ("2,400,000"),
    as their help texts show; on the French pages a comma stays a decimal comma, refused."""

    def process_formdata(self, valuelist):
        if valuelist and str(get_locale() or "").startswith("en"):
            text = re.sub(r"[\s\u00a0\u202f]", "", valuelist[0] or "")
            if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
                valuelist = [text.replace(",", "")]
        super().process_formdata(valuelist)


class MonthField(Field):
    """A month, typed as 2027-03 (the browser's month picker) or 03/2027; data is its first day."""

    widget = TextInput(input_type="month")

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%Y-%m") if self.data else ""

    def process_formdata(self, valuelist):
        self.data = None
        text = ((valuelist or [""])[0] or "").strip()
        if not text:
            return
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", text) or re.fullmatch(r"(\d{1,2})/(\d{4})", text)
        if match:
            year, month = (match.group(1), match.group(2)) if "-" in text else (match.group(2), match.group(1))
            if 1 <= int(month) <= 12 and 2000 <= int(year) <= 2100:
                self.data = date(int(year), int(month), 1)
                return
        raise ValueError(_l("Indiquez un mois, par exemple 2027-03."))


def _message_field():
    return TextAreaField(_l("Message (facultatif)"), filters=[strip], validators=[
        Optional(), max_length(1000)], render_kw={"rows": 3, "maxlength": 1000})


class ButtonForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class OfferForm(FlaskForm):
    message = _message_field()


class InviteForm(FlaskForm):
    facilitator = SelectOrEmptyField(_l("Facilitateur"), validators=[
        InputRequired(_l("Choisissez un facilitateur."))])
    message = _message_field()


class ProposalForm(FlaskForm):
    amount_eur = GroupedWholeNumberField(_l("Montant estimé du marché (€ HT)"), validators=[
        InputRequired(_l("Indiquez le montant estimé.")),
        bounded(1000, 2_000_000_000, _l("Indiquez un montant entre 1 000 et 2 000 000 000 €."))])
    labour_share_pct = WholeNumberField(_l("Part de la main-d'œuvre dans le montant (%)"), validators=[
        InputRequired(_l("Indiquez la part de main-d'œuvre.")),
        bounded(1, 100, _l("Indiquez un pourcentage entre 1 et 100."))])
    hourly_cost_cents = DecimalTextField(_l("Coût horaire moyen chargé (€ par heure)"), places=2, validators=[
        InputRequired(_l("Indiquez le coût horaire."))])
    insertion_rate_tenths = DecimalTextField(_l("Taux d'heures réservées à l'insertion (%)"), places=1, validators=[
        InputRequired(_l("Indiquez le taux d'insertion."))])
    comment = TextAreaField(_l("Explication pour l'acheteur (facultatif)"), filters=[strip], validators=[
        Optional(), max_length(2000)], render_kw={"rows": 3, "maxlength": 2000})

    def validate_hourly_cost_cents(self, field):
        if field.data is not None and not 1000 <= field.data <= 50000:
            raise ValidationError(_l("Indiquez un coût horaire entre 10 et 500 €."))

    def validate_insertion_rate_tenths(self, field):
        if field.data is not None and not 1 <= field.data <= 1000:
            raise ValidationError(_l("Indiquez un taux entre 0,1 et 100 %."))


class NoteForm(FlaskForm):
    body = TextAreaField(_l("Nouvelle note"), filters=[strip], validators=[
        DataRequired(_l("Écrivez la note.")), max_length(5000)], render_kw={"rows": 3, "maxlength": 5000})


class HoursForm(FlaskForm):
    period = MonthField(_l("Mois"), validators=[InputRequired(_l("Indiquez le mois."))])
    structure = SelectOrEmptyField(_l("Structure qui emploie les personnes en insertion"), validators=[
        InputRequired(_l("Choisissez la structure."))])
    hours = GroupedWholeNumberField(_l("Heures d'insertion réalisées"), validators=[
        InputRequired(_l("Indiquez le nombre d'heures.")),
        bounded(1, 1_000_000, _l("Indiquez un nombre d'heures entre 1 et 1 000 000."))])
    comment = TextAreaField(_l("Commentaire (facultatif)"), filters=[strip], validators=[
        Optional(), max_length(500)], render_kw={"rows": 2, "maxlength": 500})
