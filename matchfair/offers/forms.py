"""The offer form: title, description, CPV codes, area, capacity, references and publication.

The area fields are those of the SSE profile (organisations.profile_forms.SseProfileForm), reused
as they are; the number fields, validators and the CPV field are the shared ones.
offer_form(offer, formdata) builds it; form.offer_data() gives the services plain values.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, Form, FormField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

from ..fields import (
    StrippedStringField,
    WholeNumberField,
    bounded,
    max_length,
    strip,
)
from ..organisations.models import AreaKind
from ..organisations.profile_forms import CAPACITY_MAX, SseProfileForm
from ..reference.fields import CpvCodesField
from ..timeutil import utcnow
from .models import Offer
from .services import OfferData, ReferenceData

TITLE_MAX = 200
DESCRIPTION_MAX = 5000
CLIENT_MAX = 200
REFERENCE_DESCRIPTION_MAX = 1000
# OfferReference.amount_eur is a 32-bit integer column on PostgreSQL, like the capacity.
AMOUNT_MAX = 2_000_000_000
FIRST_YEAR = 1950
MAX_REFERENCES = 30
# Empty reference rows under the filled ones, and how many "add references" adds (without JavaScript).
BLANK_ROWS = 2
MORE_ROWS = 3


def _filled(field) -> bool:
    """True when the person typed something in `field` (even something invalid)."""
    if field.raw_data:
        return any(str(v).strip() for v in field.raw_data)
    return field.data not in (None, "", [])


def _year_range(_form, field) -> None:
    last = utcnow().year + 1
    if field.data is not None and not FIRST_YEAR <= field.data <= last:
        raise ValidationError(_l("Indiquez une année entre %(first)d et %(last)d.", first=FIRST_YEAR, last=last))


class ReferenceForm(Form):
    """One reference row; a row left empty, or marked for removal, is ignored."""

    client = StrippedStringField(_l("Client"), validators=[max_length(CLIENT_MAX)],
                                 render_kw={"maxlength": CLIENT_MAX})
    description = TextAreaField(_l("Prestation réalisée"), filters=[strip], validators=[
        max_length(REFERENCE_DESCRIPTION_MAX, _l("La description ne peut pas dépasser %(max)d caractères.",
                                                 max=REFERENCE_DESCRIPTION_MAX)),
    ], render_kw={"rows": 2, "maxlength": REFERENCE_DESCRIPTION_MAX})
    year = WholeNumberField(_l("Année"), validators=[_year_range], render_kw={"maxlength": 4})
    amount_eur = WholeNumberField(_l("Montant (€ HT)"), validators=[
        bounded(0, AMOUNT_MAX, _l("Indiquez un montant en euros entre 0 et 2 000 000 000."))])
    remove = BooleanField(_l("Retirer cette référence"))

    DATA_FIELDS = ("client", "description", "year", "amount_eur")

    @property
    def is_blank(self) -> bool:
        return not any(_filled(getattr(self, name)) for name in self.DATA_FIELDS)

    def validate(self, extra_validators=None) -> bool:
        if self.remove.data or self.is_blank:
            return True
        return super().validate(extra_validators)

    def validate_client(self, field):
        if not field.data:
            raise ValidationError(_l("Indiquez le client de cette référence, ou videz la ligne."))


class OfferForm(FlaskForm):
    title = StrippedStringField(_l("Titre de l'offre"), validators=[
        DataRequired(_l("Donnez un titre à l'offre.")),
        max_length(TITLE_MAX, _l("Le titre ne peut pas dépasser %(max)d caractères.", max=TITLE_MAX)),
    ], render_kw={"maxlength": TITLE_MAX})
    description = TextAreaField(_l("Description"), filters=[strip], validators=[
        max_length(DESCRIPTION_MAX, _l("La description ne peut pas dépasser %(max)d caractères.", max=DESCRIPTION_MAX)),
    ], render_kw={"rows": 8, "maxlength": DESCRIPTION_MAX, "data-counter": DESCRIPTION_MAX})
    cpv_codes = CpvCodesField(_l("Codes CPV de l'offre"), validators=[
        DataRequired(_l("Choisissez au moins un code CPV : c'est ce qui rapproche votre offre des besoins des acheteurs.")),
    ])
    national = BooleanField(_l("Cette offre couvre toute la France"))
    # The SSE profile's own fields: same choices, same checks, same messages.
    area_departments = SseProfileForm.area_departments
    area_regions = SseProfileForm.area_regions
    capacity_eur = WholeNumberField(_l("Plus gros marché que vous pouvez assurer pour cette offre (€ HT)"), validators=[
        bounded(0, CAPACITY_MAX, _l("Indiquez un montant en euros entre 0 et 2 000 000 000."))])
    references = FieldList(FormField(ReferenceForm), label=_l("Références"), min_entries=0,
                           max_entries=MAX_REFERENCES)
    is_published = BooleanField(_l("Publier cette offre"))

    def offer_data(self) -> OfferData:
        """The cleaned values; empty and removed reference rows are left out."""
        return OfferData(
            title=self.title.data,
            description=self.description.data or None,
            cpv_codes=list(self.cpv_codes.data or []),
            national=bool(self.national.data),
            departments=list(self.area_departments.data or []),
            regions=list(self.area_regions.data or []),
            capacity_eur=self.capacity_eur.data,
            is_published=bool(self.is_published.data),
            references=[
                ReferenceData(client=row.client.data, description=row.description.data or None,
                              year=row.year.data, amount_eur=row.amount_eur.data)
                for row in (entry.form for entry in self.references)
                if not row.remove.data and not row.is_blank and row.client.data
            ],
        )

    def add_blank_rows(self, count: int) -> None:
        """Append up to `count` empty reference rows (never beyond MAX_REFERENCES)."""
        for _ in range(max(0, min(count, MAX_REFERENCES - len(self.references.entries)))):
            self.references.append_entry()

    @property
    def can_add_rows(self) -> bool:
        return len(self.references.entries) < MAX_REFERENCES


def initial_data(offer: Offer | None) -> dict:
    """The form's values from a saved offer (None: a new offer, published by default)."""
    if offer is None:
        return {"is_published": True, "references": []}
    return {
        "title": offer.title, "description": offer.description, "cpv_codes": offer.cpv_codes,
        "national": offer.national,
        "area_departments": [a.code for a in offer.areas if a.kind == AreaKind.DEPARTMENT],
        "area_regions": [a.code for a in offer.areas if a.kind == AreaKind.REGION],
        "capacity_eur": offer.capacity_eur, "is_published": offer.is_published,
        "references": [{"client": r.client, "description": r.description, "year": r.year,
                        "amount_eur": r.amount_eur} for r in offer.references],
    }


def offer_form(offer: Offer | None = None, formdata=None) -> OfferForm:
    """The form: from the request on POST; from the offer (or empty) on GET, with blank rows."""
    if formdata is not None:
        return OfferForm(formdata=formdata)
    form = OfferForm(formdata=None, data=initial_data(offer))
    form.add_blank_rows(BLANK_ROWS)
    return form


# Stands for the row number in the row that static/js/offers.js copies to add a reference.
INDEX_PLACEHOLDER = "__INDEX__"


def reference_row_template() -> ReferenceForm:
    """An empty reference row named references-__INDEX__-..., for the page's <template>."""
    return ReferenceForm(formdata=None, prefix=f"references-{INDEX_PLACEHOLDER}-")
