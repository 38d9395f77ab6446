"""Demo part: the buyers (public bodies and a few committed companies) and the organiser."""
from ..organisations.choices import SPASER_MANDATORY_BANDS
from ..organisations.models import BuyerType, OrgKind
from ..organisations.services import refresh_search_text
from .builder import new_organisation
from .context import DemoContext, Login
from .data_buyers import BUYERS, DEMO_NOTE_PRIVATE, DEMO_NOTE_PUBLIC, ORGANISER, SHOWCASE, VOLUNTARY_SPASER
from .identity import ORGANISER_ADMIN, slugify
from .people import add_people


def load_organiser(ctx: DemoContext) -> None:
    """Add the organiser of the demo fair, its admin (whose e-mail marks the demo as loaded) and a colleague."""
    rng = ctx.rng_for("organiser")
    org = new_organisation(
        ctx, rng, "organiser", OrgKind.ORGANISER.value, ORGANISER["name"], ORGANISER["department"],
        ORGANISER["town"], legal_form=ORGANISER["legal_form"], description=ORGANISER["description"],
    )
    refresh_search_text(org)
    admin = add_people(ctx, org, admin=ORGANISER_ADMIN, member=True)
    ctx.logins.insert(0, Login("Organisateur", org.name, admin.email))


def load_buyers(ctx: DemoContext) -> None:
    """Add the demo's buyers, each with one or two people."""
    rng = ctx.rng_for("buyers")
    for name, buyer_type, legal_form, department, town, band, siren_digit, text in BUYERS:
        private = buyer_type == BuyerType.PRIVATE.value
        org = new_organisation(
            ctx, rng, f"buyer:{slugify(name)}", OrgKind.BUYER.value, name, department, town,
            mailbox="achats", siren_digit=siren_digit or None,
            legal_form=legal_form,
            buyer_type=buyer_type,
            purchasing_band=band,
            spaser_adopted=spaser_adopted(name, band, private),
            description=f"{text} {DEMO_NOTE_PRIVATE if private else DEMO_NOTE_PUBLIC}",
            publish_contact=True,
        )
        refresh_search_text(org)
        admin = add_people(ctx, org)
        if name in SHOWCASE:
            ctx.logins.append(Login(SHOWCASE[name], name, admin.email))


def spaser_adopted(name: str, band: str, private: bool) -> bool | None:
    """Public buyers above 50 M€ a year must adopt a SPASER; a few smaller ones chose to; None for companies."""
    if private:
        return None
    return band in SPASER_MANDATORY_BANDS or name in VOLUNTARY_SPASER
