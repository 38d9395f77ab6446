"""Demo part: the SSE companies' offers, with their CPV codes, areas and references.

Most companies present one to three offers drawn from their activities (data_offers_site.py,
data_offers_services.py); the showcase companies have theirs written out. References name clients
of the company's territory: the demo's own buyers when there is one of the right kind, otherwise
a town hall, a school or a hospital of a real town. A few offers stay unpublished, as drafts.
"""
import random

from sqlalchemy import delete, select

from ..engine.territory import region_of
from ..extensions import db
from ..offers.models import Offer, OfferArea, OfferCpv, OfferReference
from ..organisations.models import Organisation
from .context import DemoContext
from .data_activities import ACTIVITIES
from .data_buyers import BUYERS
from .data_companies import COMPANIES, NATIONAL
from .data_offers_services import SERVICE_OFFERS
from .data_offers_site import SITE_OFFERS
from .identity import slugify
from .offer_template import FixedOffer, FixedRef, OfferTemplate
from .places import IN_DEPARTMENT, NEIGHBOURS, TOWNS

OFFERS: dict[str, tuple[OfferTemplate, ...]] = {**SITE_OFFERS, **SERVICE_OFFERS}
OCCITANIE = "76"
WITHOUT_OFFERS_SHARE = 0.12
UNPUBLISHED_SHARE = 0.1
FIRST_YEAR, LAST_YEAR = 2019, 2025

# "Département de la Haute-Garonne": how a name says "of this department".
OF_DEPARTMENT = {
    "07": "de l'Ardèche", "09": "de l'Ariège", "11": "de l'Aude", "12": "de l'Aveyron",
    "13": "des Bouches-du-Rhône", "15": "du Cantal", "30": "du Gard", "31": "de la Haute-Garonne",
    "32": "du Gers", "33": "de la Gironde", "34": "de l'Hérault", "44": "de la Loire-Atlantique",
    "46": "du Lot", "47": "de Lot-et-Garonne", "48": "de la Lozère", "59": "du Nord",
    "64": "des Pyrénées-Atlantiques", "65": "des Hautes-Pyrénées", "66": "des Pyrénées-Orientales",
    "69": "du Rhône", "75": "de Paris", "81": "du Tarn", "82": "de Tarn-et-Garonne", "84": "de Vaucluse",
    "93": "de la Seine-Saint-Denis",
}
PATRONS = ("Jean-Jaurès", "Jules-Ferry", "Victor-Hugo", "Jean-Moulin", "Pierre-Mendès-France",
           "Olympe-de-Gouges", "Marie-Curie", "Simone-Veil", "Léo-Lagrange", "Jean-Rostand")
EHPAD_NAMES = ("Les Tilleuls", "Les Glycines", "Le Val Fleuri", "La Roseraie", "Les Magnolias", "Le Clos des Vignes")
# Fictional companies and associations.
PRIVATE_CLIENTS = ("Menuiseries Cazals", "Transports Rouquette", "Biscuiterie Sabatier", "Clinique des Cèdres",
                   "Hôtel des Remparts", "Cave coopérative des Coteaux", "Laboratoires Pyrène Santé",
                   "Groupe Escudié Logistique")
ASSOCIATIONS = ("Centre social {of_town}", "Association d'aide à domicile {of_town}",
                "Maison des jeunes et de la culture {of_town}", "Banque alimentaire {of_dep}")
CLIENT_KINDS = ("mairie", "ccas", "departement", "region", "hopital", "ehpad", "college", "lycee", "bailleur",
                "epci", "caf", "entreprise", "association", "universite")

SHOWCASE_OFFERS: dict[str, tuple[FixedOffer, ...]] = {
    "Éclat Propreté Insertion": (
        FixedOffer("Nettoyage de locaux et vitrerie en Haute-Garonne",
                   "Entretien quotidien de bureaux, d'écoles et de parties communes, vitrerie comprise, en journée "
                   "autant que possible. Nos équipes en insertion sont encadrées par des chefs d'équipe qui suivent "
                   "chaque site et rendent compte au client chaque mois.",
                   ("90911200", "90911300", "90919000"),
                   (FixedRef("Mairie de Muret", "nettoyage de 3 écoles", 2024, 48_000),
                    FixedRef("Département de la Haute-Garonne", "entretien des locaux de 2 collèges", 2023, 96_000),
                    FixedRef("Toulouse Métropole Habitat", "nettoyage des parties communes de 12 résidences", 2025, 74_000)),
                   departments=("31",)),
        FixedOffer("Remise en état de logements avant relocation",
                   "Nettoyage de fin de travaux, décapage des sols et lessivage des murs : les logements vacants sont "
                   "prêts à relouer dans les délais du bailleur.",
                   ("90910000", "90911200"),
                   (FixedRef("Toulouse Métropole Habitat", "remise en état de 35 logements vacants", 2024, 38_500),
                    FixedRef("Mairie de Colomiers", "décapage et remise en cire des sols de 2 gymnases", 2025, 9_800)),
                   capacity_eur=60_000),
    ),
    "Coopérative Pixel & Pastel": (
        FixedOffer("Sites web accessibles et écoconçus pour les collectivités",
                   "Des sites conformes au RGAA, légers et hébergés en France, développés en logiciels libres ; nous "
                   "formons vos équipes pour qu'elles restent autonomes.",
                   ("72413000", "72262000"),
                   (FixedRef("Mairie de Ramonville-Saint-Agne", "refonte du site de la ville, conforme au RGAA", 2024, 32_000),
                    FixedRef("Mutuelle Solidaire du Midi", "espace adhérents en ligne", 2023, 45_000))),
        FixedOffer("Identité visuelle et documents accessibles",
                   "Graphisme, mise en page et déclinaisons accessibles (PDF balisés, Facile à lire et à comprendre) "
                   "des documents institutionnels.",
                   ("79822000", "79340000"),
                   (FixedRef("Région Occitanie", "mise en page accessible de 4 guides des aides régionales", 2025, 18_000),)),
    ),
    "ESAT Les Ateliers de l'Agout": (
        FixedOffer("Entretien d'espaces verts dans le Tarn",
                   "Tonte, taille, désherbage sans pesticides et entretien des massifs par des équipes de travailleurs "
                   "handicapés encadrées par des moniteurs d'atelier.",
                   ("77310000", "77313000", "77314000"),
                   (FixedRef("Mairie de Castres", "entretien des parcs et de 6 squares", 2024, 42_000),
                    FixedRef("Tarn Habitat", "entretien des espaces extérieurs de 9 résidences", 2025, 58_000),
                    FixedRef("Département du Tarn", "entretien des abords de 4 collèges", 2023, 27_500)),
                   departments=("81",)),
        FixedOffer("Mobilier en bois local pour les écoles",
                   "Mobilier scolaire et de bibliothèque en châtaignier du Tarn, fabriqué dans notre atelier de "
                   "menuiserie et conçu pour être réparé.",
                   ("39160000", "39150000"),
                   (FixedRef("Mairie de Mazamet", "mobilier de 3 classes maternelles", 2024, 21_000),)),
    ),
}


def load(ctx: DemoContext) -> None:
    """Add the demo companies' offers (after the companies and buyers parts)."""
    rng = ctx.rng_for("offers")
    buyers = _buyers_by_place_and_type()
    for department, town, name, _profile, _legal_form, activity_keys in COMPANIES:
        org = ctx.organisations[f"sse:{slugify(name)}"]
        if name in SHOWCASE_OFFERS:
            for fixed in SHOWCASE_OFFERS[name]:
                _add_fixed(ctx, org, fixed)
            continue
        if rng.random() < WITHOUT_OFFERS_SHARE:
            continue
        for key, template in _chosen_templates(rng, activity_keys):
            _add_from_template(ctx, rng, org, department, town, key, template, buyers)
    # No matching.state.suppliers_changed() here: it flushes, and the loader must first give a new
    # SIRET to a demo organisation that clashes with an existing one (loader._avoid_clashes).


def reset(org_ids: list[int], _user_ids: list[int]) -> None:
    """Delete the offers (and their rows) of the demo organisations `org_ids`."""
    offer_ids = select(Offer.id).where(Offer.organisation_id.in_(org_ids))
    for model in (OfferReference, OfferArea, OfferCpv):
        db.session.execute(delete(model).where(model.offer_id.in_(offer_ids))
                           .execution_options(synchronize_session=False))
    db.session.execute(delete(Offer).where(Offer.organisation_id.in_(org_ids))
                       .execution_options(synchronize_session=False))


def _chosen_templates(rng: random.Random, activity_keys) -> list[tuple[str, OfferTemplate]]:
    main, *others = activity_keys
    count = rng.choice((1, 1, 2)) if others else rng.choice((1, 2, 2, 3))
    chosen = [(main, t) for t in rng.sample(OFFERS[main], k=min(count, len(OFFERS[main])))]
    for key in others:
        if len(chosen) < 3 and rng.random() < 0.5:
            chosen.append((key, rng.choice(OFFERS[key])))
    return chosen


def _codes(ctx: DemoContext, codes) -> list[OfferCpv]:
    missing = [c for c in codes if c not in ctx.cpv]
    if missing:
        raise LookupError(f"CPV codes of demo offers missing from the demo's list: {missing}")
    return [OfferCpv(code8=c, cpv=ctx.cpv[c]) for c in codes]


def _add_fixed(ctx: DemoContext, org: Organisation, fixed: FixedOffer) -> None:
    offer = Offer(organisation=org, title=fixed.title, description=fixed.description, national=False,
                  capacity_eur=fixed.capacity_eur, is_published=True)
    offer.cpv_links = _codes(ctx, fixed.cpv)
    offer.areas = [OfferArea(kind="department", code=c) for c in fixed.departments]
    offer.references = [OfferReference(client=r.client, description=r.text, year=r.year, amount_eur=r.amount)
                        for r in fixed.refs]
    _added(ctx, offer)


def _add_from_template(ctx, rng: random.Random, org: Organisation, department: str, town: str, key: str,
                       template: OfferTemplate, buyers) -> None:
    national = department in NATIONAL
    places = {"city": town, "in_dep": "partout en France" if national else IN_DEPARTMENT[department]}
    description = template.description.format(**places)
    if rng.random() < 0.4:
        description += " " + rng.choice(ACTIVITIES[key].details).format(**places)
    local = "{in_dep}" in template.title
    offer = Offer(
        organisation=org, title=template.title.format(**places), description=description,
        national=national and local, is_published=rng.random() >= UNPUBLISHED_SHARE,
        capacity_eur=_capacity(rng, org.capacity_eur),
    )
    offer.cpv_links = _codes(ctx, template.cpv)
    if local and not national:
        offer.areas = [OfferArea(kind="department", code=department)]
    refs = rng.sample(template.refs, k=rng.randint(min(2, len(template.refs)), len(template.refs)))
    seen = set()
    for ref in refs:
        client = _client(rng, ref.client, _client_department(rng, department), buyers)
        text = ref.text.format(n=rng.randint(*ref.n))
        if (client, text) in seen:
            continue
        seen.add((client, text))
        offer.references.append(OfferReference(client=client, description=text,
                                               year=rng.randint(FIRST_YEAR, LAST_YEAR),
                                               amount_eur=_round_amount(rng.randint(*ref.amount))))
    _added(ctx, offer)


def _added(ctx: DemoContext, offer: Offer) -> None:
    db.session.add(offer)
    ctx.count("offers")
    ctx.count("offer_references", len(offer.references))


def _capacity(rng: random.Random, org_capacity: int | None) -> int | None:
    # Most offers keep the company's capacity; some are smaller (a part of the team, a workshop).
    if org_capacity is None or rng.random() >= 0.3:
        return None
    return max(5_000, round(org_capacity * rng.uniform(0.4, 0.9) / 5_000) * 5_000)


def _round_amount(amount: int) -> int:
    step = 100 if amount < 10_000 else 500 if amount < 100_000 else 1_000
    return max(step, round(amount / step) * step)


def _client_department(rng: random.Random, department: str) -> str:
    """Where a reference's client is: mostly the company's department, sometimes next door;
    anywhere in Occitanie for the companies that work in all of France."""
    if department in NATIONAL:
        return rng.choice(sorted(d for d in TOWNS if region_of(d) == OCCITANIE))
    near = [d for d in NEIGHBOURS.get(department, ()) if d in TOWNS]
    if near and rng.random() < 0.25:
        return rng.choice(near)
    return department


def _buyers_by_place_and_type() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for name, buyer_type, _legal, department, *_rest in BUYERS:
        found.setdefault((department, buyer_type), []).append(name)
    return found


def _client(rng: random.Random, kind: str, department: str, buyers) -> str:
    """A believable client of `kind` in `department` (a name that is not a kind is kept as it is)."""
    if kind not in CLIENT_KINDS:
        return kind
    towns = list(TOWNS[department])
    town = rng.choice(towns)
    of_dep = OF_DEPARTMENT[department]

    def demo_buyer(buyer_type: str, share: float = 1.0) -> str | None:
        names = buyers.get((department, buyer_type))
        return rng.choice(names) if names and rng.random() < share else None

    if kind == "mairie":
        return demo_buyer("city", 0.3) or f"Mairie {_of(town)}"
    if kind == "departement" or (kind == "region" and region_of(department) != OCCITANIE):
        return demo_buyer("department") or f"Département {of_dep}"
    if kind == "region":
        return "Région Occitanie"
    if kind == "hopital":
        return demo_buyer("hospital") or f"Centre hospitalier {_of(towns[0])}"
    if kind == "bailleur":
        return demo_buyer("social_landlord") or f"Office public de l'habitat {of_dep}"
    if kind == "epci":
        return demo_buyer("epci") or f"Communauté de communes du pays {_of(town)}"
    if kind == "entreprise":
        return demo_buyer("private", 0.5) or rng.choice(PRIVATE_CLIENTS)
    if kind == "universite":
        return demo_buyer("state", 0.8) or f"Lycée {rng.choice(PATRONS)} {_of(town)}"
    return {
        "ccas": f"CCAS {_of(town)}",
        "ehpad": f"EHPAD {rng.choice(EHPAD_NAMES)} {_of(town)}",
        "college": f"Collège {rng.choice(PATRONS)} {_of(town)}",
        "lycee": f"Lycée {rng.choice(PATRONS)} {_of(town)}",
        "caf": f"Caisse d'allocations familiales {of_dep}",
        "association": rng.choice(ASSOCIATIONS).format(of_town=_of(town), of_dep=of_dep),
    }[kind]


def _of(town: str) -> str:
    """"de Muret", "d'Albi", "du Vigan"."""
    if town.startswith("Le "):
        return "du " + town[3:]
    if town[0] in "AEÉIOUYaeéiouy":
        return "d'" + town
    return "de " + town
