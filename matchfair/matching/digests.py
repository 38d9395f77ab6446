"""E-mail digests without fatigue: new needs for SSE companies, new interest for buyers.

`flask digests send` (digests_cli in commands.py) runs these steps; it is meant for cron, every
hour or every day, and is idempotent:
1. create_notices(now): each publication of a need is scanned once (NeedNoticeScan); the
   suppliers scoring at least MATCH_NOTICE_MIN_SCORE (60) get a NeedNotice row. The engine never
   ranks an ineligible supplier for a reserved need, so none is ever notified of one.
2. build_digest(user, settings, now) for each person due (plan_digests(now) builds them all): one
   digest per person at most per period, and one e-mail for both kinds: the notices of the SSE
   companies they belong to, the interest declared on their buyers' needs. The command builds each
   one just before sending it, in a few queries however many rows it holds.
   Daily (the default) means none in the last 24 hours; weekly, the last 7 days; never, nothing.
   A person gets what is new to them: rows not yet in anyone's digest, or first sent after their
   own last digest (so colleagues with other rhythms each get everything once).
3. deliver(digest, now): send it, mark its rows sent and the person's last digest; the command
   commits after each e-mail, so a failure later never sends the same digest twice.
`now` is passed in (naive UTC) so that tests move time without sleeping.
Unsubscribing: every e-mail carries a signed link (unsubscribe_token) that sets "never" in one
click (a confirmation button, no log-in); /notifications changes the rhythm.
"""
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app, url_for
from flask_babel import force_locale, gettext as _, ngettext
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..extensions import db
from ..mailer import send_email
from ..needs.models import Need, NeedStatus
from ..organisations.models import Membership, OrgKind, Organisation
from . import adapters
from .cache import supplier_entry
from .models import DigestFrequency, DigestSettings, Interest, InterestKind, NeedNotice, NeedNoticeScan

log = logging.getLogger(__name__)

DEFAULT_MIN_SCORE = 60
# Suppliers considered per need: the best ones; a need matching more suppliers this well is rare.
MAX_NOTICES_PER_NEED = 300
# Needs published longer ago are not announced (first run on an old database); rows older than
# this are not put in a digest either.
FRESHNESS = timedelta(days=14)
PERIODS = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(days=7)}
UNSUBSCRIBE_SALT = "matchfair.matching.unsubscribe"


def create_notices(now: datetime) -> tuple[int, int]:
    """Scan the publications not scanned yet; (needs scanned, notices created). Flushes."""
    scans = {scan.need_id: scan for scan in db.session.scalars(select(NeedNoticeScan))}
    rows = db.session.execute(select(Need.id, Need.published_at).where(Need.status == NeedStatus.PUBLISHED.value))
    todo = {need_id: published for need_id, published in rows
            if need_id not in scans or (published is not None and (scans[need_id].published_at is None
                                                                    or published > scans[need_id].published_at))}
    if not todo:
        return 0, 0
    min_score = current_app.config.get("MATCH_NOTICE_MIN_SCORE", DEFAULT_MIN_SCORE)
    index = supplier_entry().index
    fresh = [i for i, published in todo.items() if published is None or published >= now - FRESHNESS]
    created = 0
    known = defaultdict(set)  # need id -> the suppliers already noticed of it (one query for all the needs)
    if fresh:
        for need_id, org_id in db.session.execute(
                select(NeedNotice.need_id, NeedNotice.organisation_id).where(NeedNotice.need_id.in_(fresh))):
            known[need_id].add(org_id)
    for need in adapters.load_needs(db.session, need_ids=fresh) if fresh else []:
        need_id = int(need.id)
        for match in index.rank(need, MAX_NOTICES_PER_NEED):
            if match.score < min_score:
                break
            org_id = int(match.supplier)
            if org_id not in known[need_id]:
                db.session.add(NeedNotice(need_id=need_id, organisation_id=org_id, score=match.score, created_at=now))
                created += 1
    for need_id, published in todo.items():
        scan = scans.get(need_id)
        if scan is None:
            db.session.add(NeedNoticeScan(need_id=need_id, published_at=published, scanned_at=now))
        else:
            scan.published_at, scan.scanned_at = published, now
    db.session.flush()
    return len(todo), created


@dataclass
class Digest:
    """One e-mail to one person: new needs for their SSE companies, new interest in their needs."""

    user: User
    # One notice per need (a need that matches two of the person's companies is told once)...
    notices: list[NeedNotice] = field(default_factory=list)
    interests: list[Interest] = field(default_factory=list)
    # ...but every notice row behind them is marked sent.
    notice_rows: list[NeedNotice] = field(default_factory=list)


def _is_due(settings: DigestSettings | None, now: datetime) -> bool:
    frequency = settings.frequency if settings is not None else DigestFrequency.DAILY
    if frequency not in PERIODS:
        return False
    last = settings.last_sent_at if settings is not None else None
    return last is None or now - last >= PERIODS[frequency]


def _new_to(since: datetime | None, column, now: datetime):
    """Not yet in anyone's digest, or first sent after this person's last one.

    Rows sent by this run (at `now`) still count as new to the people it has not reached yet: the
    colleagues of a company all get its news in the same run.
    """
    return or_(column.is_(None), column > since if since is not None else column >= now)


def _due(now: datetime) -> list[tuple[User, DigestSettings | None]]:
    """The people due for a digest at `now` who may have something new (confirmed addresses only),
    by id, with their settings: two queries, whatever their number."""
    oldest = now - FRESHNESS
    notice_orgs = select(NeedNotice.organisation_id).join(Need, Need.id == NeedNotice.need_id).where(
        Need.status == NeedStatus.PUBLISHED.value, NeedNotice.created_at >= oldest)
    interest_orgs = select(Need.organisation_id).join(Interest, Interest.need_id == Need.id).where(
        Interest.kind == InterestKind.INTERESTED.value, Interest.updated_at >= oldest)
    user_ids = select(Membership.user_id).where(
        or_(Membership.organisation_id.in_(notice_orgs), Membership.organisation_id.in_(interest_orgs)))
    users = db.session.scalars(select(User).where(User.id.in_(user_ids), User.email_confirmed_at.is_not(None))
                               .order_by(User.id)).all()
    if not users:
        return []
    settings = {row.user_id: row for row in db.session.scalars(
        select(DigestSettings).where(DigestSettings.user_id.in_([user.id for user in users])))}
    return [(user, settings.get(user.id)) for user in users if _is_due(settings.get(user.id), now)]


def build_digest(user: User, settings: DigestSettings | None, now: datetime) -> Digest | None:
    """What is new for `user` since their last digest (None when nothing): the notices of their SSE
    companies and the interest declared in their buyers' needs, with what the e-mail shows (3 queries)."""
    oldest = now - FRESHNESS
    since = settings.last_sent_at if settings is not None else None
    orgs = db.session.execute(select(Organisation.id, Organisation.kind).join(Membership).where(
        Membership.user_id == user.id)).all()
    sse = [org_id for org_id, kind in orgs if kind == OrgKind.SSE]
    buyers = [org_id for org_id, kind in orgs if kind == OrgKind.BUYER]
    digest = Digest(user)
    if sse:
        digest.notice_rows = list(db.session.scalars(
            select(NeedNotice).join(Need, Need.id == NeedNotice.need_id)
            .where(NeedNotice.organisation_id.in_(sse), Need.status == NeedStatus.PUBLISHED.value,
                   NeedNotice.created_at >= oldest, _new_to(since, NeedNotice.sent_at, now))
            .options(joinedload(NeedNotice.need).joinedload(Need.organisation))
            .order_by(NeedNotice.score.desc(), NeedNotice.need_id)).unique())
        digest.notices = _one_per_need(digest.notice_rows)
    if buyers:
        digest.interests = list(db.session.scalars(
            select(Interest).join(Need, Need.id == Interest.need_id)
            .where(Need.organisation_id.in_(buyers), Interest.kind == InterestKind.INTERESTED.value,
                   Interest.updated_at >= oldest, _new_to(since, Interest.notified_at, now))
            .options(joinedload(Interest.need), joinedload(Interest.organisation), joinedload(Interest.grouping))
            .order_by(Interest.need_id, Interest.updated_at)).unique())
    return digest if digest.notices or digest.interests else None


def plan_digests(now: datetime) -> list[Digest]:
    """The digests due at `now`, one per person with something new (confirmed addresses only)."""
    return [digest for digest in (build_digest(user, settings, now) for user, settings in _due(now)) if digest]


def _one_per_need(notices: list[NeedNotice]) -> list[NeedNotice]:
    # A person in two matching companies hears of a need once; every row is still marked sent.
    seen, kept = set(), []
    for notice in notices:
        if notice.need_id not in seen:
            kept.append(notice)
            seen.add(notice.need_id)
    return kept


def deliver(digest: Digest, now: datetime) -> None:
    """Send `digest`, then mark its rows and the person's last digest at `now`; flushes."""
    user = digest.user
    settings = db.session.get(DigestSettings, user.id)
    locale = user.locale if user.locale in current_app.config["LANGUAGES"] else current_app.config["LANGUAGES"][0]
    with force_locale(locale):
        subject = _subject(digest)
        send_email(user.email, subject, "emails/matching_digest", user=user, digest=digest,
                   site_name=current_app.config["SITE_NAME"],
                   weekly=settings is not None and settings.frequency == DigestFrequency.WEEKLY,
                   matches_url=url_for("matching.my_matches", _external=True),
                   settings_url=url_for("matching.digest_settings", _external=True),
                   unsubscribe_url=url_for("matching.unsubscribe", token=unsubscribe_token(user), _external=True),
                   need_url=lambda need_id: url_for("needs.show", need_id=need_id, _external=True),
                   interests_url=lambda need_id: url_for("matching.need_suppliers", need_id=need_id,
                                                         onglet="interets", _external=True))
    for notice in digest.notice_rows or digest.notices:
        if notice.sent_at is None:
            notice.sent_at = now
    for interest in digest.interests:
        if interest.notified_at is None:
            interest.notified_at = now
    if settings is None:
        db.session.add(DigestSettings(user_id=user.id, frequency=DigestFrequency.DAILY.value, last_sent_at=now))
    else:
        settings.last_sent_at = now
    db.session.flush()


def _subject(digest: Digest) -> str:
    needs, interests = len(digest.notices), len(digest.interests)
    if needs and interests:
        return _("Nouveaux besoins et nouveaux intérêts sur %(site)s", site=current_app.config["SITE_NAME"])
    if needs:
        return ngettext("%(num)d nouveau besoin d'acheteur pour vous", "%(num)d nouveaux besoins d'acheteurs pour vous",
                        needs)
    return ngettext("%(num)d nouvel intérêt pour vos besoins", "%(num)d nouveaux intérêts pour vos besoins", interests)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user: User) -> str:
    """The signed token of a person's one-click unsubscription link (it does not expire)."""
    return _serializer().dumps({"uid": user.id})


def user_from_unsubscribe_token(token: str) -> User | None:
    """The person of a valid unsubscription token, or None."""
    try:
        payload = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("uid"), int):
        return None
    return db.session.get(User, payload["uid"])


@dataclass
class RunReport:
    needs_scanned: int = 0
    notices_created: int = 0
    digests_sent: int = 0
    failures: int = 0


def run(now: datetime, commit) -> RunReport:
    """Both steps, calling `commit()` after the notices and after each e-mail (the command's commit)."""
    report = RunReport()
    try:
        report.needs_scanned, report.notices_created = create_notices(now)
        commit()
    except IntegrityError:  # another run scanned the same needs at the same moment: it made the notices
        db.session.rollback()
    # Each digest is read just before it is sent: the commit after each e-mail expires what was read.
    for user, settings in _due(now):
        digest = build_digest(user, settings, now)
        if digest is None:
            continue
        try:
            deliver(digest, now)
        except Exception:  # one address failing (SMTP refused it) must not stop the others
            log.exception("digest to user %s failed", digest.user.id)
            db.session.rollback()
            report.failures += 1
            continue
        commit()
        report.digests_sent += 1
    return report
