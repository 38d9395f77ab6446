"""Dates in the page's language, the French way: "1er avril 2026"."""
from datetime import date, datetime

from flask_babel import format_date, get_locale, to_user_timezone


def long_date(value: date | datetime | None, fmt: str = "long") -> str:
    """A date as the page shows it: "1er avril 2026" in French (long), "01/04/2026" (short); "" for None.

    A datetime (stored in UTC) is shown as the day it is in the fair's time zone.
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_user_timezone(value).date()
    text = format_date(value, fmt)
    if fmt == "long" and value.day == 1 and str(get_locale() or "fr").startswith("fr"):
        text = text.replace("1 ", "1er ", 1)
    return text
