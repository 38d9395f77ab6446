"""Form fields and validators shared by the forms of every feature, with French messages.

Select fields take (value, label) pairs, or a function returning them, and check the values with
their own validators (one_of), so that a wrong value gets a French message next to the field.
"""
import re
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from wtforms import Field, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def strip(value):
    """Filter: surrounding white space removed from strings."""
    return value.strip() if isinstance(value, str) else value


def max_length(limit: int, message=None):
    """Length(max=limit) with a French message that says the limit."""
    return Length(max=limit, message=message or _l("%(max)d caractères au plus.", max=limit))


def one_of(choices, message=None):
    """The value (or each value of a list) must be one of `choices`' values; empty passes.

    `choices`: a {value: label} mapping, (value, label) pairs, or a function returning pairs.
    """
    def _check(_form, field):
        source = choices() if callable(choices) else choices
        allowed = set(source) if isinstance(source, dict) else {pair[0] for pair in source}
        values = field.data if isinstance(field.data, list) else [field.data]
        if any(v not in allowed for v in values if v not in (None, "")):
            raise ValidationError(message or _l("Choisissez une valeur de la liste."))
    return _check


def website_url(_form, field) -> None:
    """An http(s) address of a site with a domain name; "www.exemple.fr" gets "https://" in front."""
    value = field.data
    if not value:
        return
    if "://" not in value and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value):
        value = "https://" + value
    parts = urlsplit(value)
    host = parts.hostname or ""
    if (parts.scheme not in ("http", "https") or "." not in host or _SPACES.search(value)
            or not re.fullmatch(r"[a-z0-9.-]+", host) or host.startswith(".") or host.endswith(".")):
        raise ValidationError(_l("Indiquez une adresse de site web commençant par http:// ou https:// "
                                 "(par exemple https://www.exemple.fr)."))
    field.data = value


def select_choices(pairs):
    """WTForms choices from (value, label) pairs, or a function returning them."""
    if callable(pairs):
        return lambda: [SelectChoice(value, label) for value, label in pairs()]
    return [SelectChoice(value, label) for value, label in pairs]


def _choice_kwargs(kwargs: dict) -> dict:
    kwargs.setdefault("validate_choice", False)
    if kwargs.get("choices") is not None:
        kwargs["choices"] = select_choices(kwargs["choices"])
    return kwargs


class SelectOrEmptyField(SelectField):
    """A select whose choices are checked by the field's own validators (French message).

    `choices` are (value, label) pairs or a function returning them; None stands for no choice.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **_choice_kwargs(kwargs))

    def process_formdata(self, valuelist):
        self.data = valuelist[0] if valuelist and valuelist[0] else None


class MultiSelectField(SelectMultipleField):
    """A multiple select whose values are checked by the field's validators (French message)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **_choice_kwargs(kwargs))

    def process_formdata(self, valuelist):
        self.data = [v for v in dict.fromkeys(valuelist) if v]


class RadioChoiceField(RadioField):
    """Radio buttons whose choices are checked by the field's validators (French message)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **_choice_kwargs(kwargs))
        self.type = "RadioField"  # macros.field renders radio buttons in a fieldset by this name


class MultiCheckboxField(MultiSelectField):
    """Several checkboxes sharing one name (rendered by macros.field as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class WholeNumberField(Field):
    """A whole number typed as text; spaces between thousands are allowed ("150 000")."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"inputmode": "numeric", **(kwargs.pop("render_kw", None) or {})}
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist:
            return
        text = _SPACES.sub("", valuelist[0] or "")
        if not text:
            return
        if not re.fullmatch(r"-?\d{1,15}", text):
            raise ValueError(_l("Indiquez un nombre entier, sans virgule ni unité."))
        self.data = int(text)


def bounded(minimum: int, maximum: int, message=None):
    """The number, when given, lies between `minimum` and `maximum`."""
    def _check(_form, field):
        if field.data is not None and not minimum <= field.data <= maximum:
            raise ValidationError(message or _l("Indiquez un nombre entre %(min)s et %(max)s.",
                                                min=f"{minimum:,}".replace(",", "\u00a0"),
                                                max=f"{maximum:,}".replace(",", "\u00a0")))
    return _check


class StrippedStringField(StringField):
    """A text input whose value is stripped; an empty value becomes None."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = strip(self.data) or None
