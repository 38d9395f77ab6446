"""How complete an organisation's profile is: the checklist shown on its dashboard."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .models import OrgKind, Organisation


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool
    # The id of the edit page's section (or field) that completes it.
    anchor: str


def checklist(org: Organisation) -> list[ChecklistItem]:
    """The profile items for `org`'s kind, in the order of the edit page, each done or not."""
    items = [
        ChecklistItem("siret", _l("Numéro SIRET"), bool(org.siret), "siret"),
        ChecklistItem("address", _l("Adresse complète (rue, code postal, commune)"),
                      bool(org.address and org.postcode and org.city), "address"),
        ChecklistItem("contact", _l("Site web ou e-mail de contact"), bool(org.website or org.contact_email),
                      "website"),
        ChecklistItem("description", _l("Présentation de l'organisation"),
                      bool(org.description), "description"),
        ChecklistItem("logo", _l("Logo"), org.logo_updated_at is not None, "section-logo"),
    ]
    if org.kind == OrgKind.SSE:
        items += [
            ChecklistItem("statuses", _l("Statuts et agréments (ESS, SIAE, EA…)"), bool(org.statuses),
                          "section-statuses"),
            ChecklistItem("cpv", _l("Activités (codes CPV)"), bool(org.cpv_links), "section-activities"),
            ChecklistItem("area", _l("Territoire d'intervention"), bool(org.national or org.areas), "section-area"),
            ChecklistItem("figures", _l("Effectif et capacité"),
                          org.headcount is not None and org.capacity_eur is not None, "section-figures"),
        ]
    elif org.kind == OrgKind.BUYER:
        items += [
            ChecklistItem("buyer_type", _l("Type d'acheteur"), bool(org.buyer_type), "section-buyer"),
            ChecklistItem("purchasing", _l("Volume annuel d'achats"), bool(org.purchasing_band), "section-buyer"),
        ]
    elif org.kind == OrgKind.FACILITATOR:
        items.append(ChecklistItem("territory", _l("Territoire couvert"), bool(org.areas), "section-area"))
    return items


def percent_done(items: list[ChecklistItem]) -> int:
    """The share of items done, in whole percent."""
    return round(100 * sum(i.done for i in items) / len(items)) if items else 100
