"""Form fields for reference data: CPV codes typed as text (and enhanced by the CPV picker).

Render a CpvCodesField with templates/reference/cpv_macros.html (macro cpv_field), which adds the
chips and the search box of static/js/cpv-picker.js; without JavaScript the text input works alone.
"""
import re

from flask_babel import lazy_gettext as _l, ngettext
from wtforms import StringField
from wtforms.validators import StopValidation

from ..engine.cpv import parse_code
from .services import existing_codes

# What separates codes in the text input: white space (new lines too), commas, semicolons.
_SEPARATORS = re.compile(r"[\s,;]+")
DEFAULT_MAX_CODES = 30


def split_codes(text: str | None) -> tuple[list[str], list[str]]:
    """(unique eight-digit codes in input order, tokens that are not codes) of a typed text.

    A text that is one code written with spaces ("9091 1200") is that code.
    """
    whole = parse_code(text)
    if whole:
        return [whole], []
    codes: list[str] = []
    malformed: list[str] = []
    for token in _SEPARATORS.split(text or ""):
        if not token:
            continue
        code8 = parse_code(token)
        if code8 is None:
            if token not in malformed:
                malformed.append(token)
        elif code8 not in codes:
            codes.append(code8)
    return codes, malformed


class CpvCodesField(StringField):
    """CPV codes in one text input: "90911200-8, 90919200" gives .data == ["90911200", "90919200"].

    - .data: list[str] of unique eight-digit codes, in input order ([] when empty).
    - Validation (built in): every token must be a code ("Code CPV mal formé : abc") that exists
      in the cpv_code table ("Code CPV inconnu : 12345678"), and at most `max_codes` of them
      (default 30). `single=True` allows one code at most (the directory's filter).
    - Required or not is up to the form's validators: DataRequired() or Optional().
    - The input shows the codes back as "90911200 90919200"; after a malformed entry it shows the
      text as typed, so that nothing is lost.
    """

    def __init__(self, label=None, validators=None, max_codes: int = DEFAULT_MAX_CODES, single: bool = False, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.single = single
        self.max_codes = 1 if single else max_codes
        self.malformed: list[str] = []
        self._typed: str | None = None

    def process_data(self, value) -> None:
        if value is None:
            self.data = []
        elif isinstance(value, str):
            self.data, _ = split_codes(value)
        else:
            self.data, _ = split_codes(" ".join(str(v) for v in value))

    def process_formdata(self, valuelist) -> None:
        if valuelist:
            self._typed = valuelist[0] or ""
            self.data, self.malformed = split_codes(self._typed)

    def pre_validate(self, form) -> None:
        problems: list[str] = []
        if self.malformed:
            problems.append(
                ngettext("Code CPV mal formé : %(codes)s", "Codes CPV mal formés : %(codes)s",
                         len(self.malformed), codes=", ".join(self.malformed))
            )
        if self.data and len(self.data) > self.max_codes:
            if self.single:
                problems.append(str(_l("Choisissez un seul code CPV.")))
            else:
                problems.append(
                    ngettext("Choisissez au plus %(num)d code CPV (%(count)d saisis).",
                             "Choisissez au plus %(num)d codes CPV (%(count)d saisis).",
                             self.max_codes, count=len(self.data))
                )
        elif self.data:
            known = existing_codes(self.data)
            unknown = [c for c in self.data if c not in known]
            if unknown:
                problems.append(
                    ngettext("Code CPV inconnu : %(codes)s", "Codes CPV inconnus : %(codes)s",
                             len(unknown), codes=", ".join(unknown))
                )
        if problems:
            self.errors.extend(problems)
            raise StopValidation()

    def _value(self) -> str:
        if self.malformed and self._typed is not None:
            return self._typed
        return " ".join(self.data or [])
