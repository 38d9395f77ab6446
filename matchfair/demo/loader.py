"""Load (and, on request, delete) the demo fair, part by part, in the caller's transaction.

A part is a module function `load(ctx)` listed in PARTS, in order. Later issues add their own part
(buyers' needs, events, meetings...) after the ones they build on, reading ctx.organisations;
a part that stores rows referring to organisations or users gives a `reset` that deletes them.
"""
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from werkzeug.security import generate_password_hash

from ..accounts.models import User
from ..extensions import db
from ..matching.state import needs_changed, suppliers_changed
from ..organisations.models import (
    Invitation,
    Membership,
    Organisation,
    OrganisationArea,
    OrganisationCpv,
    OrganisationStatus,
    Role,
)
from . import (
    buyers,
    clauses,
    companies,
    interests,
    meetings,
    needs,
    offers,
    past_edition,
    programme,
    reference_codes,
)
from .context import DemoContext, Login
from .data_buyers import ORGANISER
from .data_buyers import SHOWCASE as BUYER_SHOWCASE
from .data_companies import SHOWCASE as COMPANY_SHOWCASE
from .identity import DEMO_DOMAIN, DEMO_PASSWORD, ORGANISER_EMAIL


@dataclass(frozen=True)
class Part:
    name: str
    load: Callable[[DemoContext], None]
    # Deletes this part's own rows of the demo organisations (ids) and users (ids), before those go.
    reset: Callable[[list[int], list[int]], None] | None = None
    # The part needs the rows' ids (it queries or goes through services): the earlier parts are
    # flushed first (after giving clashing rows new values), and it may flush.
    after_flush: bool = False


PARTS: tuple[Part, ...] = (
    Part("cpv", reference_codes.load),
    Part("organiser", buyers.load_organiser),
    Part("companies", companies.load),
    Part("buyers", buyers.load_buyers),
    Part("offers", offers.load, offers.reset),
    Part("needs", needs.load, needs.reset),
    Part("programme", programme.load, programme.reset),
    Part("meetings", meetings.load, meetings.reset, after_flush=True),
    Part("interests", interests.load, interests.reset, after_flush=True),
    Part("past_edition", past_edition.load, past_edition.reset, after_flush=True),
    Part("clauses", clauses.load, clauses.reset, after_flush=True),
)


def is_loaded() -> bool:
    """True when the demo's organiser admin exists: the demo was loaded in this database."""
    return db.session.scalar(select(User.id).where(User.email == ORGANISER_EMAIL)) is not None


def load_demo() -> DemoContext:
    """Add the whole demo to the session (flushed, not committed) and return what was made."""
    ctx = DemoContext(password_hash=generate_password_hash(DEMO_PASSWORD))
    flushed = False
    for part in PARTS:
        if part.after_flush and not flushed:
            _avoid_clashes(ctx)
            db.session.flush()
            flushed = True
        part.load(ctx)
    if not flushed:
        _avoid_clashes(ctx)
    db.session.flush()
    # Parts write rows directly (no services): tell the cached matching indexes once, at the end.
    suppliers_changed()
    needs_changed()
    return ctx


def reset_demo() -> tuple[int, int]:
    """Delete the organisations and users the demo made (by their demo addresses); return both counts.

    Only organisations whose contact address and website are on the demo domain and users whose
    e-mail is, are touched. The CPV codes stay: they are the official ones.
    """
    org_ids = list(db.session.scalars(select(Organisation.id).where(
        Organisation.contact_email.like(f"%.{DEMO_DOMAIN}"),
        Organisation.website.like(f"https://%.{DEMO_DOMAIN}"),
    )))
    user_ids = list(db.session.scalars(select(User.id).where(User.email.like(f"%@{DEMO_DOMAIN}"))))
    for part in reversed(PARTS):
        if part.reset:
            part.reset(org_ids, user_ids)
    for model in (OrganisationCpv, OrganisationArea, OrganisationStatus, Invitation):
        _delete(delete(model).where(model.organisation_id.in_(org_ids)))
    _delete(delete(Membership).where(Membership.organisation_id.in_(org_ids) | Membership.user_id.in_(user_ids)))
    _delete(update(Invitation).where(Invitation.invited_by_id.in_(user_ids)).values(invited_by_id=None))
    _delete(delete(Organisation).where(Organisation.id.in_(org_ids)))
    _delete(delete(User).where(User.id.in_(user_ids)))
    db.session.expire_all()
    return len(org_ids), len(user_ids)


def _delete(statement) -> None:
    db.session.execute(statement.execution_options(synchronize_session=False))


def existing_logins() -> list[Login]:
    """The demo log-ins to print when the demo was loaded before (from the database)."""
    wanted = [("Organisateur", ORGANISER["name"]), *((role, name) for name, role in COMPANY_SHOWCASE.items()),
              *((role, name) for name, role in BUYER_SHOWCASE.items()), (clauses.FACILITATOR_ROLE, clauses.PLIE)]
    rows = db.session.execute(
        select(Organisation.name, User.email)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .join(User, User.id == Membership.user_id)
        .where(Organisation.name.in_([name for _, name in wanted]), Membership.role == Role.ADMIN.value,
               User.email.like(f"%@{DEMO_DOMAIN}"))
        .order_by(User.id)
    )
    emails: dict[str, str] = {}
    for name, email in rows:
        emails.setdefault(name, email)
    return [Login(role, name, emails[name]) for role, name in wanted if name in emails]


def _avoid_clashes(ctx: DemoContext) -> None:
    """Give a new SIRET or e-mail to the rare demo row that clashes with one already in the database."""
    with db.session.no_autoflush:
        taken_sirets = set(db.session.scalars(select(Organisation.siret).where(Organisation.siret.in_(ctx.sirets))))
        taken_emails = set(db.session.scalars(select(User.email).where(User.email.in_(ctx.emails))))
    if taken_sirets:
        from .builder import unique_siret

        rng = ctx.rng_for("clashes")
        for org in ctx.organisations.values():
            if org.siret in taken_sirets:
                org.siret = unique_siret(ctx, rng)
    if taken_emails:
        for user in (obj for obj in db.session.new if isinstance(obj, User)):
            if user.email in taken_emails:
                local, domain = user.email.split("@")
                n = 2
                while f"{local}{n}@{domain}" in ctx.emails | taken_emails:
                    n += 1
                user.email = f"{local}{n}@{domain}"
                ctx.emails.add(user.email)
