"""Organisation services: creating organisations and saving their profile.

Services take the acting user as an argument, check the rules, and flush; the view commits.
Members and invitations: members.py and invitations.py; the logo: logo.py.
"""
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..engine.territory import department_name
from ..engine.text import fold
from ..extensions import db
from ..matching.state import suppliers_changed
from ..reference.models import CpvCode
from . import permissions
from .choices import SELF_SERVICE_KINDS
from .models import (
    AreaKind, Membership, OrgKind, Organisation, OrganisationArea, OrganisationCpv, OrganisationStatus, Role, SseStatus,
)


class SiretTaken(ValueError):
    """Another organisation already has this SIRET."""


def refresh_search_text(org: Organisation) -> None:
    """Recompute what the directory's word search looks into: the name (first: the directory sorts
    on it), the city and department when the address is published, description, labels, and the
    French and English labels of the organisation's CPV codes."""
    parts = [org.name]
    if org.publish_address:
        # A hidden address must not be found back through a search on the town's name.
        parts += [org.city, department_name(org.department_code) if org.department_code else None]
    parts += [org.description, org.labels]
    for link in org.cpv_links:
        if link.cpv is not None:
            parts += [link.cpv.label_fr, link.cpv.label_en]
    org.search_text = fold(" ".join(p for p in parts if p))


def siret_taken(siret: str | None, exclude_id: int | None = None) -> bool:
    """True when another organisation (not `exclude_id`) has this SIRET."""
    if not siret:
        return False
    statement = select(func.count()).select_from(Organisation).where(Organisation.siret == siret)
    if exclude_id is not None:
        statement = statement.where(Organisation.id != exclude_id)
    return db.session.scalar(statement) > 0


def _flush_checking_siret(org: Organisation) -> None:
    # The unique constraint settles a race between two requests with the same SIRET: the caller
    # rolls the session back and shows the same message as the check above.
    siret = org.siret
    with db.session.no_autoflush:
        taken = siret_taken(siret, exclude_id=org.id)
    if taken:
        raise SiretTaken(siret)
    try:
        db.session.flush()
    except IntegrityError as exc:
        if "siret" in str(exc.orig).lower():
            raise SiretTaken(siret) from exc
        raise


def create_organisation(actor, kind: str, name: str, siret: str | None, department_code: str | None,
                        *, allow_organiser: bool = False) -> Organisation:
    """Create an organisation with `actor` as its admin and flush.

    SSE companies and buyers only, unless `allow_organiser` (the organiser CLI).
    Raises SiretTaken; after it the session must be rolled back.
    """
    if kind not in SELF_SERVICE_KINDS and not (allow_organiser and kind == OrgKind.ORGANISER):
        raise ValueError(f"organisations of kind {kind!r} are not self-service")
    org = Organisation(kind=kind, name=name.strip(), siret=siret or None, department_code=department_code,
                       is_listed=kind != OrgKind.ORGANISER, publish_address=True, publish_contact=False,
                       publish_figures=True, national=False, search_text="")
    org.memberships.append(Membership(user=actor, role=Role.ADMIN))
    db.session.add(org)
    refresh_search_text(org)
    _flush_checking_siret(org)
    return org


def _replace_rows(current: list, wanted_keys: list, key, make) -> None:
    """Make the collection `current` hold exactly one row per key of `wanted_keys`: the rows kept stay,
    the others are removed, the missing ones made with `make(key)`."""
    wanted = list(dict.fromkeys(wanted_keys))
    for row in [r for r in current if key(r) not in wanted]:
        current.remove(row)
    present = {key(r) for r in current}
    current.extend(make(k) for k in wanted if k not in present)


def save_profile(actor, org: Organisation, data: dict) -> None:
    """Write the profile `data` (Organisation attributes; see profile_forms.ProfileForm.profile_data),
    replace the statuses, areas and CPV codes of an SSE company, refresh the search text, mark the
    matches stale and flush.

    Raises SiretTaken; after it the session must be rolled back.
    """
    permissions.ensure_member(actor, org)
    data = dict(data)
    if org.kind == OrgKind.SSE:
        _save_sse_parts(org, data)
    elif org.kind == OrgKind.FACILITATOR:
        _save_territory(org, data.pop("area_departments", None) or [])
    for name, value in data.items():
        if not hasattr(Organisation, name):
            raise ValueError(f"unknown profile attribute {name!r}")
        setattr(org, name, value)
    if org.kind == OrgKind.BUYER:
        org.spaser_adopted = bool(org.spaser_adopted)
    refresh_search_text(org)
    _flush_checking_siret(org)
    if org.kind == OrgKind.SSE:
        # The matches of every need may change: cached matching indexes are rebuilt.
        suppliers_changed()


def _save_territory(org: Organisation, departments: list[str]) -> None:
    """A facilitator's territory: the departments it covers."""
    _replace_rows(org.areas, [(AreaKind.DEPARTMENT.value, c) for c in departments], key=lambda r: (r.kind, r.code),
                  make=lambda k: OrganisationArea(kind=k[0], code=k[1]))


def _save_sse_parts(org: Organisation, data: dict) -> None:
    statuses = [s for s in data.pop("statuses", None) or [] if s in set(SseStatus)]
    _replace_rows(org.statuses, statuses, key=lambda r: r.status,
                  make=lambda s: OrganisationStatus(status=s))
    if SseStatus.SIAE not in statuses:
        data["siae_kind"] = None
    areas = ([(AreaKind.DEPARTMENT.value, c) for c in data.pop("area_departments", None) or []]
             + [(AreaKind.REGION.value, c) for c in data.pop("area_regions", None) or []])
    _replace_rows(org.areas, areas, key=lambda r: (r.kind, r.code),
                  make=lambda k: OrganisationArea(kind=k[0], code=k[1]))
    data["national"] = bool(data.get("national"))
    codes = data.pop("cpv_codes", None) or []
    known = {c.code8: c for c in db.session.scalars(select(CpvCode).where(CpvCode.code8.in_(codes)))} if codes else {}
    _replace_rows(org.cpv_links, [c for c in codes if c in known], key=lambda r: r.code8,
                  make=lambda c: OrganisationCpv(code8=c, cpv=known[c]))
    if data.get("labels"):
        lines = [line.strip() for line in data["labels"].splitlines()]
        data["labels"] = "\n".join(dict.fromkeys(line for line in lines if line)) or None
