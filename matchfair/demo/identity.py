"""How the demo names things: its e-mail domain, password, web addresses, slugs and SIRET numbers.

Everything the demo creates is on DEMO_DOMAIN, a domain nobody receives mail for, so that the demo
can recognise (and, on request, delete) exactly what it made.
"""
import random
import re

from stdnum import luhn

from ..engine.text import fold

DEMO_DOMAIN = "demo.matchfair.fr"
# One password for every demo account, printed by `flask demo load`.
DEMO_PASSWORD = "demo-matchfair-2026"
# The random generator's seed: the same demo on every machine.
SEED = 2026

# The organiser's administrator: the demo is loaded when this account exists.
ORGANISER_ADMIN = ("Marion", "Delmas")
ORGANISER_EMAIL = f"marion.delmas@{DEMO_DOMAIN}"

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """"Coopérative Pixel & Pastel" -> "cooperative-pixel-pastel"."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")


def website(slug: str) -> str:
    """The demo web address of an organisation: https://<slug>.demo.matchfair.fr."""
    return f"https://{slug}.{DEMO_DOMAIN}"


def contact_email(slug: str, mailbox: str = "contact") -> str:
    """The demo contact address of an organisation: contact@<slug>.demo.matchfair.fr."""
    return f"{mailbox}@{slug}.{DEMO_DOMAIN}"


def is_demo_contact(email: str | None) -> bool:
    """True for an organisation contact address that the demo made (on a subdomain of DEMO_DOMAIN)."""
    return bool(email) and email.lower().endswith("." + DEMO_DOMAIN)


def person_email(first_name: str, last_name: str, taken: set[str]) -> str:
    """prenom.nom@demo.matchfair.fr, with a number when the address is already `taken` (then added)."""
    local = f"{slugify(first_name)}.{slugify(last_name)}".replace("-", "")
    email, n = f"{local}@{DEMO_DOMAIN}", 2
    while email in taken:
        email, n = f"{local}{n}@{DEMO_DOMAIN}", n + 1
    taken.add(email)
    return email


def make_siret(rng: random.Random, first_digit: str | None = None) -> str:
    """A SIRET that python-stdnum accepts (Luhn-valid SIREN, then Luhn-valid SIRET).

    `first_digit` follows INSEE's habit: 1 for the State, 2 for local authorities; any other when None.
    """
    head = first_digit or rng.choice("3456789")
    siren8 = head + "".join(rng.choice("0123456789") for _ in range(7))
    siren = siren8 + luhn.calc_check_digit(siren8)
    nic4 = "000" + rng.choice("123456789") if rng.random() < 0.7 else "".join(
        rng.choice("0123456789") for _ in range(4))
    return siren + nic4 + luhn.calc_check_digit(siren + nic4)
