"""The board's filter form (GET, no CSRF: it changes nothing)."""
import calendar
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField
from wtforms.validators import ValidationError

from ..fields import MultiCheckboxField, select_choices
from ..search_filters import SearchForm, search_words
from . import bands
from .labels import RESERVATION_CHOICES, SOCIAL_CHOICES, WITHIN_CHOICES
from .services import BoardFilters

# What people may type where the browser has no date picker, besides the ISO date it sends.
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day: 31 January + 1 -> 28 or 29 February."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class DayField(DateField):
    """A date input (type="date"): 2026-03-31, or 31/03/2026 typed by hand; a bad value gets a message."""

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not text:
            return
        for pattern in _DATE_FORMATS:
            try:
                self.data = datetime.strptime(text, pattern).date()
                return
            except ValueError:
                continue
        raise ValueError(_l("Date non valide : choisissez un jour dans le calendrier (jj/mm/aaaa)."))


class BoardSearchForm(SearchForm):
    department = SelectField(_l("Lieu d'exécution : département"), validate_choice=False)
    region = SelectField(_l("Lieu d'exécution : région"), validate_choice=False)
    reservation = SelectField(_l("Marché réservé"), choices=select_choices(RESERVATION_CHOICES),
                              validate_choice=False)
    social = SelectField(_l("Clause sociale"), choices=select_choices(SOCIAL_CHOICES), validate_choice=False)
    amount = MultiCheckboxField(_l("Montant estimé (HT)"), choices=bands.band_choices())
    within = SelectField(_l("Publication prévue"), choices=select_choices(WITHIN_CHOICES), validate_choice=False)
    date_from = DayField(_l("Publication prévue à partir du"))
    date_to = DayField(_l("Publication prévue jusqu'au"))
    direct = BooleanField(_l("Seulement les besoins attribuables sans publicité ni mise en concurrence"))
    closed = BooleanField(_l("Inclure les besoins clos ou attribués"))

    def validate_reservation(self, field):
        if field.data and field.data not in dict(RESERVATION_CHOICES):
            raise ValidationError(_l("Type de réservation inconnu : choisissez-le dans la liste."))

    def validate_social(self, field):
        if field.data and field.data not in dict(SOCIAL_CHOICES):
            raise ValidationError(_l("Type de clause sociale inconnu : choisissez-le dans la liste."))

    def validate_amount(self, field):
        if any(value not in bands.KEYS for value in field.data or []):
            raise ValidationError(_l("Tranche de montant inconnue : choisissez parmi les cases proposées."))

    def validate_within(self, field):
        if field.data and field.data not in dict(WITHIN_CHOICES):
            raise ValidationError(_l("Période inconnue : choisissez-la dans la liste."))

    def validate_date_to(self, field):
        start = self.date_from.data if not self.date_from.errors else None
        if field.data and start and field.data < start:
            raise ValidationError(_l("Cette date précède la date de début : inversez-les ou corrigez-en une."))

    def filters(self, today: date) -> BoardFilters:
        """The search the form describes, from its valid fields only (a wrong one is ignored).

        "Within N months" is the period from `today` to N months later, crossed with the dates given.
        """

        def valid(field):
            return field.data if not field.errors else None

        start, end = valid(self.date_from), valid(self.date_to)
        months = valid(self.within)
        if months:
            start = max(start or today, today)
            limit = add_months(today, int(months))
            end = min(end or limit, limit)
        return BoardFilters(
            words=search_words(valid(self.q)),
            cpv8=(valid(self.cpv) or [None])[0],
            department=valid(self.department) or None,
            region=valid(self.region) or None,
            reservation=valid(self.reservation) or None,
            social=valid(self.social) or None,
            amount_bands=tuple(key for key in bands.KEYS if key in set(valid(self.amount) or [])),
            expected_from=start,
            expected_to=end,
            direct_award=bool(self.direct.data),
            include_closed=bool(self.closed.data),
        )
