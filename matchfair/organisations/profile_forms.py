"""The profile form: identity and publication for every organisation, then SSE or buyer parts.

profile_form_for(org) picks the class for the organisation's kind; initial_data(org) fills it from
the organisation; form.profile_data() gives save_profile() plain values.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, TextAreaField
from wtforms.validators import Email, Optional, Regexp, ValidationError

from ..engine.territory import department_choices, region_choices
from ..fields import (
    MultiCheckboxField, MultiSelectField, SelectOrEmptyField, StrippedStringField, WholeNumberField, bounded,
    max_length, one_of, strip, website_url,
)
from ..reference.fields import CpvCodesField
from .choices import (
    BUYER_TYPE_LABELS, LEGAL_FORM_LABELS, PURCHASING_BAND_LABELS, SIAE_KIND_LABELS, STATUS_LABELS, choices,
)
from .forms import department_field, name_field, siret_field
from .models import AreaKind, OrgKind, Organisation, SseStatus

DESCRIPTION_MAX = 5000
LABELS_MAX = 2000
LABEL_LINE_MAX = 100
HEADCOUNT_MAX = 1_000_000
# Organisation.capacity_eur is a 32-bit integer column on PostgreSQL.
CAPACITY_MAX = 2_000_000_000


def _with_empty(pairs, empty_label):
    return [("", empty_label)] + list(pairs)


class ProfileForm(FlaskForm):
    """Identity and publication choices, common to every kind of organisation."""

    name = name_field()
    siret = siret_field()
    legal_form = SelectOrEmptyField(
        _l("Forme juridique"), choices=_with_empty(choices(LEGAL_FORM_LABELS), _l("Non précisée")),
        validators=[Optional(), one_of(LEGAL_FORM_LABELS)])
    address = StrippedStringField(_l("Adresse"), validators=[max_length(200)], render_kw={"maxlength": 200})
    postcode = StrippedStringField(_l("Code postal"), validators=[
        Optional(), Regexp(r"^\d{5}$", message=_l("Le code postal s'écrit avec 5 chiffres, par exemple 31000."))
    ], render_kw={"inputmode": "numeric", "maxlength": 5, "autocomplete": "postal-code"})
    city = StrippedStringField(_l("Commune"), validators=[max_length(100)], render_kw={"maxlength": 100})
    department_code = department_field()
    website = StrippedStringField(_l("Site web"), validators=[max_length(300), website_url],
                                  render_kw={"maxlength": 300, "inputmode": "url", "autocomplete": "url"})
    contact_email = EmailField(_l("E-mail de contact"), filters=[strip], validators=[
        Optional(), max_length(254), Email(_l("Cette adresse e-mail n'est pas valide."), check_deliverability=False),
    ])
    phone = StrippedStringField(_l("Téléphone"), validators=[
        max_length(30), Optional(),
        Regexp(r"^\+?[0-9][0-9 .()-]{5,28}$", message=_l("Indiquez un numéro de téléphone, par exemple 05 61 00 00 00.")),
    ], render_kw={"autocomplete": "tel", "inputmode": "tel", "maxlength": 30})
    description = TextAreaField(_l("Présentation"), filters=[strip], validators=[
        max_length(DESCRIPTION_MAX, _l("La présentation ne peut pas dépasser %(max)d caractères.", max=DESCRIPTION_MAX)),
    ], render_kw={"rows": 8, "maxlength": DESCRIPTION_MAX, "data-counter": DESCRIPTION_MAX})

    is_listed = BooleanField(_l("Afficher notre fiche dans l'annuaire public"))
    publish_address = BooleanField(_l("Montrer notre adresse"))
    publish_contact = BooleanField(_l("Montrer notre e-mail et notre téléphone de contact"))
    publish_figures = BooleanField(_l("Montrer nos chiffres (effectif, salariés en insertion, capacité)"))

    IDENTITY_FIELDS = ("name", "siret", "legal_form", "address", "postcode", "city", "department_code",
                       "website", "contact_email", "phone", "description")
    PUBLICATION_FIELDS = ("is_listed", "publish_address", "publish_contact", "publish_figures")
    KIND_FIELDS: tuple[str, ...] = ()

    def profile_data(self) -> dict:
        """The cleaned values, by Organisation attribute (empty strings become None)."""
        names = self.IDENTITY_FIELDS + self.PUBLICATION_FIELDS + self.KIND_FIELDS
        return {name: (getattr(self, name).data if getattr(self, name).data != "" else None) for name in names}


class SseProfileForm(ProfileForm):
    statuses = MultiCheckboxField(_l("Cochez les statuts et agréments de votre structure"), choices=choices(STATUS_LABELS),
                                  validators=[one_of(STATUS_LABELS)])
    siae_kind = SelectOrEmptyField(_l("Type de SIAE"), choices=_with_empty(choices(SIAE_KIND_LABELS), _l("Aucun")),
                                   validators=[one_of(SIAE_KIND_LABELS)])
    national = BooleanField(_l("Nous intervenons dans toute la France"))
    area_departments = MultiSelectField(_l("Départements d'intervention"), choices=department_choices,
                                        validators=[one_of(department_choices, _l("Choisissez des départements de la liste."))],
                                        render_kw={"size": 8})
    area_regions = MultiSelectField(_l("Régions d'intervention"), choices=region_choices,
                                    validators=[one_of(region_choices, _l("Choisissez des régions de la liste."))],
                                    render_kw={"size": 6})
    cpv_codes = CpvCodesField(_l("Activités (codes CPV)"), validators=[Optional()])
    headcount = WholeNumberField(_l("Effectif (salariés)"), validators=[bounded(0, HEADCOUNT_MAX)])
    insertion_employees = WholeNumberField(_l("Dont salariés en insertion ou en situation de handicap"),
                                           validators=[bounded(0, HEADCOUNT_MAX)])
    capacity_eur = WholeNumberField(_l("Plus gros marché que vous pouvez assurer seuls (€ HT)"), validators=[
        bounded(0, CAPACITY_MAX, _l("Indiquez un montant en euros entre 0 et 2 000 000 000."))])
    labels = TextAreaField(_l("Labels et certifications"), filters=[strip], validators=[
        max_length(LABELS_MAX)], render_kw={"rows": 4, "maxlength": LABELS_MAX})

    KIND_FIELDS = ("statuses", "siae_kind", "national", "area_departments", "area_regions", "cpv_codes",
                   "headcount", "insertion_employees", "capacity_eur", "labels")

    def validate_siae_kind(self, field):
        siae = SseStatus.SIAE.value in (self.statuses.data or [])
        if siae and not field.data:
            raise ValidationError(_l("Précisez le type de SIAE (EI, ETTI, ACI, AI ou EITI)."))
        if field.data and not siae:
            raise ValidationError(_l("Un type de SIAE ne s'indique que si le statut SIAE est coché."))

    def validate_insertion_employees(self, field):
        if field.data is not None and self.headcount.data is not None and field.data > self.headcount.data:
            raise ValidationError(_l("Les salariés en insertion ne peuvent pas dépasser l'effectif total."))

    def validate_area_departments(self, field):
        if not self.national.data and not field.data and not self.area_regions.data:
            raise ValidationError(_l("Choisissez au moins un département ou une région, "
                                     "ou cochez « toute la France »."))

    def validate_labels(self, field):
        too_long = [line for line in (field.data or "").splitlines() if len(line.strip()) > LABEL_LINE_MAX]
        if too_long:
            raise ValidationError(_l("Un label tient en %(max)d caractères au plus par ligne.", max=LABEL_LINE_MAX))


class BuyerProfileForm(ProfileForm):
    buyer_type = SelectOrEmptyField(_l("Type d'acheteur"), choices=_with_empty(choices(BUYER_TYPE_LABELS), _l("Choisissez")),
                                    validators=[Optional(), one_of(BUYER_TYPE_LABELS)])
    purchasing_band = SelectOrEmptyField(
        _l("Volume annuel d'achats"), choices=_with_empty(choices(PURCHASING_BAND_LABELS), _l("Non précisé")),
        validators=[Optional(), one_of(PURCHASING_BAND_LABELS)])
    spaser_adopted = BooleanField(_l("Nous avons adopté un SPASER (schéma de promotion des achats socialement "
                                     "et écologiquement responsables)"))

    is_listed = BooleanField(_l("Rendre notre fiche publique"))

    KIND_FIELDS = ("buyer_type", "purchasing_band", "spaser_adopted")


class FacilitatorProfileForm(ProfileForm):
    area_departments = MultiSelectField(_l("Départements couverts"), choices=department_choices,
                                        validators=[one_of(department_choices, _l("Choisissez des départements de la liste."))],
                                        render_kw={"size": 8})
    is_listed = BooleanField(_l("Rendre notre fiche publique"))

    KIND_FIELDS = ("area_departments",)

    def validate_area_departments(self, field):
        if not field.data:
            raise ValidationError(_l("Choisissez au moins un département : vous y verrez les besoins avec une clause "
                                     "sociale."))


class OrganiserProfileForm(ProfileForm):
    siret = siret_field(required=False)
    is_listed = BooleanField(_l("Rendre notre fiche publique"))


def profile_form_class(org: Organisation) -> type[ProfileForm]:
    return {OrgKind.SSE: SseProfileForm, OrgKind.BUYER: BuyerProfileForm,
            OrgKind.FACILITATOR: FacilitatorProfileForm}.get(org.kind, OrganiserProfileForm)


def initial_data(org: Organisation) -> dict:
    """The form's values from the organisation as saved."""
    data = {name: getattr(org, name) for name in ProfileForm.IDENTITY_FIELDS + ProfileForm.PUBLICATION_FIELDS}
    if org.kind == OrgKind.SSE:
        data.update(
            statuses=sorted(org.status_values), siae_kind=org.siae_kind, national=org.national,
            area_departments=[a.code for a in org.areas if a.kind == AreaKind.DEPARTMENT],
            area_regions=[a.code for a in org.areas if a.kind == AreaKind.REGION],
            cpv_codes=org.cpv_codes, headcount=org.headcount, insertion_employees=org.insertion_employees,
            capacity_eur=org.capacity_eur, labels=org.labels,
        )
    elif org.kind == OrgKind.BUYER:
        data.update(buyer_type=org.buyer_type, purchasing_band=org.purchasing_band,
                    spaser_adopted=bool(org.spaser_adopted))
    elif org.kind == OrgKind.FACILITATOR:
        data.update(area_departments=[a.code for a in org.areas if a.kind == AreaKind.DEPARTMENT])
    return data


def profile_form_for(org: Organisation, formdata=None) -> ProfileForm:
    """The profile form for `org`'s kind; from the request on POST, from the organisation on GET."""
    cls = profile_form_class(org)
    if formdata is not None:
        return cls(formdata=formdata)
    return cls(formdata=None, data=initial_data(org))
