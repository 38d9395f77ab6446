"""Form fields of the need forms: a date typed the French or the ISO way."""
import re
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.widgets import DateInput

_FRENCH = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
MIN_YEAR, MAX_YEAR = 2000, 2100


def parse_date(text: str | None) -> date | None:
    """A date from "JJ/MM/AAAA" (or with dots or dashes) or "AAAA-MM-JJ"; None when empty.

    ValueError with a French message when it is not a real date between 2000 and 2100.
    """
    text = (text or "").strip()
    if not text:
        return None
    match = _FRENCH.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO.match(text)
        if not match:
            raise ValueError(_l("Écrivez la date sous la forme JJ/MM/AAAA, par exemple 01/09/2026."))
        year, month, day = (int(g) for g in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValueError(_l("Cette date n'existe pas : vérifiez le jour et le mois.")) from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(_l("Indiquez une date entre %(min)d et %(max)d.", min=MIN_YEAR, max=MAX_YEAR))
    return value


class FlexibleDateField(Field):
    """A date input (a date picker in browsers that have one) that also accepts dates typed as text."""

    widget = DateInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return self.data.isoformat() if self.data else ""

    def process_formdata(self, valuelist) -> None:
        self.data = None
        if valuelist:
            self.data = parse_date(valuelist[0])
