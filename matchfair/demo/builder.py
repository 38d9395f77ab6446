"""What every demo organisation has: identity, address, demo web and e-mail addresses, a phone number."""
import random

from ..extensions import db
from ..organisations.models import Organisation
from .context import DemoContext
from .identity import contact_email, make_siret, slugify, website
from .places import postcode, street_address

# Telephone ranges that ARCEP keeps for fiction: they reach nobody.
_FICTION_PHONES = {"04": "04 65 71", "05": "05 36 49"}
_DEPARTMENTS_ON_04 = frozenset({"07", "11", "13", "30", "34", "48", "66", "84"})
_DEPARTMENTS_ON_05 = frozenset({"09", "12", "15", "31", "32", "33", "46", "47", "64", "65", "81", "82"})


def new_organisation(ctx: DemoContext, rng: random.Random, key: str, kind: str, name: str,
                     department: str, town: str, mailbox: str = "contact",
                     siren_digit: str | None = None, **fields) -> Organisation:
    """Add an organisation to the session, known to later parts as ctx.organisations[key]."""
    slug = slugify(name)
    org = Organisation(
        kind=kind,
        name=name,
        siret=unique_siret(ctx, rng, siren_digit),
        address=street_address(rng),
        postcode=postcode(department, town, rng),
        city=town,
        department_code=department,
        website=website(slug),
        contact_email=contact_email(slug, mailbox),
        phone=fiction_phone(department, rng),
        search_text="",
        **fields,
    )
    db.session.add(org)
    ctx.organisations[key] = org
    ctx.count(kind)
    return org


def unique_siret(ctx: DemoContext, rng: random.Random, siren_digit: str | None = None) -> str:
    """A valid SIRET that no other demo organisation has (clashes with existing rows are handled later)."""
    siret = make_siret(rng, siren_digit)
    while siret in ctx.sirets:
        siret = make_siret(rng, siren_digit)
    ctx.sirets.add(siret)
    return siret


def fiction_phone(department: str, rng: random.Random) -> str:
    """A phone number in the range kept for fiction, with the area prefix of the department."""
    if department in _DEPARTMENTS_ON_04:
        prefix = _FICTION_PHONES["04"]
    elif department in _DEPARTMENTS_ON_05:
        prefix = _FICTION_PHONES["05"]
    else:
        prefix = "01 99 00"
    return f"{prefix} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"
