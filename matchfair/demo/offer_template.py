"""How the demo writes an SSE company's offer: a template per activity, filled in for each company."""
from dataclasses import dataclass


@dataclass(frozen=True)
class RefTemplate:
    """A reference: a kind of client (offers.CLIENT_KINDS: "mairie", "departement"...) or a name,
    what was done ("{n}" a count drawn from `n`), and the amount's range in euros excluding VAT."""

    client: str
    text: str
    amount: tuple[int, int]
    n: tuple[int, int] = (2, 6)


@dataclass(frozen=True)
class OfferTemplate:
    """Title and description may say where: {in_dep} "en Haute-Garonne", {city} the company's town;
    an offer whose title says {in_dep} covers that department. `cpv`: codes of the activity."""

    title: str
    description: str
    cpv: tuple[str, ...]
    refs: tuple[RefTemplate, ...]


@dataclass(frozen=True)
class FixedRef:
    """A reference written out in full (the showcase companies)."""

    client: str
    text: str
    year: int
    amount: int


@dataclass(frozen=True)
class FixedOffer:
    title: str
    description: str
    cpv: tuple[str, ...]
    refs: tuple[FixedRef, ...]
    departments: tuple[str, ...] = ()
    capacity_eur: int | None = None


def O(title: str, description: str, cpv: tuple[str, ...], *refs: RefTemplate) -> OfferTemplate:
    return OfferTemplate(title, description, cpv, refs)


def R(client: str, text: str, low: int, high: int, n: tuple[int, int] = (2, 6)) -> RefTemplate:
    return RefTemplate(client, text, (low, high), n)
