"""What the public search pages (the directory, the board of needs) share: the base of their forms
(words, CPV code, department and region), and the filters in use shown as chips, each with the URL
of the same search without it.
"""
from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import StringField
from wtforms.validators import Length, ValidationError

from .engine.territory import (
    REGIONS,
    department_choices,
    department_name,
    normalize_department,
    region_choices,
    region_name,
)
from .engine.text import words
from .fields import select_choices
from .reference.fields import CpvCodesField
from .reference.services import labels_for

# More words than this are ignored: each one is a LIKE over every row searched.
MAX_WORDS = 10


def search_words(text: str | None) -> tuple[str, ...]:
    """The words searched for (folded), at most MAX_WORDS of them."""
    return tuple(words(text))[:MAX_WORDS]


class SearchForm(FlaskForm):
    """Base of a search form (GET, no CSRF: it changes nothing): words and a CPV code, and the
    `department` and `region` selects (validate_choice=False) that each form declares with its own
    labels: their choices with "all" first, and French messages for a code that does not exist."""

    class Meta:
        csrf = False

    q = StringField(_l("Mots-clés"), validators=[Length(max=200, message=_l("200 caractères au plus."))])
    cpv = CpvCodesField(_l("Activité (code CPV)"), single=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.department.choices = select_choices([("", _l("Tous les départements"))] + department_choices())
        self.region.choices = select_choices([("", _l("Toutes les régions"))] + region_choices())

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


def search_url(endpoint: str, pairs, **kwargs) -> str:
    """The URL of `endpoint` with the query arguments `pairs` ((name, value); a name may repeat)."""
    return url_for(endpoint, **MultiDict(list(pairs)).to_dict(flat=False), **kwargs)


@dataclass(frozen=True)
class ActiveFilter:
    """A filter in use: what it is, in words, and the URL of the same search without it."""

    what: str
    url: str
    # Whether dropping it shows more results (an empty search suggests only those).
    widens: bool = True


class ActiveFilters(list):
    """The filters in use on the search page `endpoint` whose query arguments are `pairs`."""

    def __init__(self, endpoint: str, pairs):
        super().__init__()
        self.endpoint = endpoint
        self.pairs = list(pairs)

    def add(self, what: str, *names: str, widens: bool = True) -> None:
        """Add the filter described by `what`, set by the query arguments `names`."""
        rest = [(name, value) for name, value in self.pairs if name not in names]
        self.append(ActiveFilter(what, search_url(self.endpoint, rest), widens))

    def add_words_cpv_and_place(self, typed_words: str | None, filters, locale: str) -> None:
        """The filters both pages have, from `filters` (with words, cpv8, department and region):
        the words as typed, the CPV code with its label, the department, the region."""
        if filters.words:
            self.add(_("Mots : %(words)s", words=(typed_words or "").strip()), "q")
        if filters.cpv8:
            label = labels_for([filters.cpv8], locale).get(filters.cpv8, "")
            self.add(_("CPV : %(code)s – %(label)s", code=filters.cpv8, label=label), "cpv")
        if filters.department:
            self.add(_("Département : %(name)s", name=department_name(filters.department)), "department")
        if filters.region:
            self.add(_("Région : %(name)s", name=region_name(filters.region)), "region")
