"""Demo part: the SSE companies, with their statuses, areas, CPV codes, figures and descriptions."""
import random

from ..engine.territory import region_of
from ..organisations.models import (
    AreaKind, OrgKind, Organisation, OrganisationArea, OrganisationCpv, OrganisationStatus,
)
from ..organisations.services import refresh_search_text
from .activity import Activity
from .builder import new_organisation
from .context import DemoContext, Login
from .data_activities import ACTIVITIES
from .data_companies import COMPANIES, NATIONAL, SHOWCASE, UNLISTED
from .data_statuses import PROFILES, Profile
from .identity import slugify
from .people import add_people
from .places import IN_DEPARTMENT, NEIGHBOURS

OCCITANIE = "76"
# Legal forms that make a company part of the SSE by law (loi du 31 juillet 2014).
ESS_LEGAL_FORMS = frozenset({"association", "scop", "scic", "cooperative", "mutuelle", "fondation"})
GENERAL_LABELS = ("Lucie 26000", "Engagé RSE (AFNOR)")
MAX_CPV = 5
MIN_CAPACITY, MAX_CAPACITY = 20_000, 2_000_000


def load(ctx: DemoContext) -> None:
    """Add the demo's SSE companies, each with one or two people."""
    rng = ctx.rng_for("companies")
    for department, town, name, profile_key, legal_form, activity_keys in COMPANIES:
        org = _company(ctx, rng, department, town, name, PROFILES[profile_key], legal_form,
                       [ACTIVITIES[k] for k in activity_keys])
        admin = add_people(ctx, org)
        if name in SHOWCASE:
            ctx.logins.append(Login(SHOWCASE[name], name, admin.email))


def _company(ctx: DemoContext, rng: random.Random, department: str, town: str, name: str,
             profile: Profile, legal_form: str, activities: list[Activity]) -> Organisation:
    national = department in NATIONAL
    figures = _figures(rng, profile, national)
    codes = _cpv_codes(rng, activities)
    org = new_organisation(
        ctx, rng, f"sse:{slugify(name)}", OrgKind.SSE.value, name, department, town,
        legal_form=legal_form,
        siae_kind=profile.siae_kind,
        national=national,
        headcount=figures["headcount"],
        insertion_employees=figures.get("insertion"),
        capacity_eur=_capacity(rng, figures["headcount"], activities[0]),
        labels="\n".join(_labels(rng, profile, activities)) or None,
        description=_description(rng, profile, activities, town, department, figures),
        is_listed=name not in UNLISTED,
        publish_address=rng.random() < 0.9,
        publish_contact=rng.random() < 0.6,
        publish_figures=rng.random() < 0.85,
    )
    statuses = set(profile.statuses) | ({"ess"} if legal_form in ESS_LEGAL_FORMS else set())
    org.statuses = [OrganisationStatus(status=s) for s in sorted(statuses)]
    org.areas = _areas(rng, department, national, figures["headcount"])
    org.cpv_links = [OrganisationCpv(code8=c, cpv=ctx.cpv[c]) for c in codes]
    refresh_search_text(org)
    ctx.count("cpv_links", len(codes))
    return org


def _figures(rng: random.Random, profile: Profile, national: bool) -> dict[str, int]:
    low, high = profile.headcount
    headcount = rng.randint(low, high) * (2 if national else 1)
    figures = {"headcount": headcount}
    if profile.insertion_share:
        figures["insertion"] = max(1, round(headcount * rng.uniform(*profile.insertion_share)))
    if profile.disabled_share:
        figures["disabled"] = round(headcount * rng.uniform(*profile.disabled_share))
        figures["staff"] = headcount - figures["disabled"]
    # Cooperatives: most employees of a SCOP are members; a SCIC also has users and partners.
    figures["members"] = max(2, round(headcount * rng.uniform(0.5, 0.9)))
    figures["partners"] = rng.randint(30, 250)
    return figures


def _cpv_codes(rng: random.Random, activities: list[Activity]) -> list[str]:
    main, *others = activities
    codes = [main.cpv[0]] + rng.sample(main.cpv[1:], k=rng.randint(0, min(2, len(main.cpv) - 1)))
    for activity in others:
        codes += [activity.cpv[0]] + rng.sample(activity.cpv[1:], k=rng.randint(0, 1))
    return list(dict.fromkeys(codes))[:MAX_CPV]


def _capacity(rng: random.Random, headcount: int, main: Activity) -> int:
    # The largest contract a company takes alone: a share of what its team produces in a year.
    raw = headcount * rng.uniform(*main.per_head_eur) * rng.uniform(0.3, 0.6)
    step = 5_000 if raw < 200_000 else 50_000
    return int(min(MAX_CAPACITY, max(MIN_CAPACITY, round(raw / step) * step)))


def _labels(rng: random.Random, profile: Profile, activities: list[Activity]) -> list[str]:
    pool = [label for activity in activities for label in activity.labels] + list(GENERAL_LABELS)
    if "geiq" in profile.statuses:
        pool.append("Label GEIQ")
    count = rng.choice((0, 1, 1, 2))
    return sorted(set(rng.sample(pool, k=min(count, len(pool)))))


def _areas(rng: random.Random, department: str, national: bool, headcount: int) -> list[OrganisationArea]:
    if national:
        return []
    near = NEIGHBOURS.get(department, ())
    if region_of(department) != OCCITANIE:
        # Head offices next door work in their department and the Occitanie ones along the border.
        codes = [department, *near]
    else:
        draw = rng.random()
        if draw < (0.35 if headcount > 60 else 0.15):
            return [OrganisationArea(kind=AreaKind.REGION.value, code=OCCITANIE)]
        codes = [department]
        if draw > 0.55:
            codes += rng.sample(near, k=min(len(near), rng.randint(1, 2)))
    return [OrganisationArea(kind=AreaKind.DEPARTMENT.value, code=c) for c in codes]


def _description(rng: random.Random, profile: Profile, activities: list[Activity], town: str,
                 department: str, figures: dict[str, int]) -> str:
    main, *others = activities
    places = {"city": town, "in_dep": IN_DEPARTMENT[department]}
    sentences = [rng.choice(main.openings).format(**places)]
    if not others or rng.random() < 0.5:
        sentences.append(rng.choice(main.details).format(**places))
    for activity in others:
        sentences.append(f"Nous assurons aussi {activity.also}.")
    sentences.append(rng.choice(profile.sentences).format(**figures))
    if len(sentences) < 4 and profile.reserved and rng.random() < 0.5:
        sentences.append(profile.reserved)
    return " ".join(sentences)
