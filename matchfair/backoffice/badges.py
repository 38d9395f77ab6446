"""Badges and entrance check-in (issue 6): a code per attendee that cannot be guessed, its QR code,
checking people in at the entrance and the attendance counts.

A badge code is "A<attendee id>-<8 characters>": the characters are the start of an HMAC-SHA256 of
the attendee id with the app's SECRET_KEY, in base 32 (A-Z, 2-7: no 0/O or 1/I confusion, case
does not matter). Nothing is stored: the code is recomputed and compared in constant time.
"""
import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

import segno
from flask import current_app
from flask_babel import format_time
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import Forbidden

from ..accounts.models import User
from ..extensions import db
from ..organisations.models import Organisation, OrgKind
from ..programme.access import is_event_organiser
from ..programme.models import Attendee, Event, EventRegistration, RegistrationStatus
from ..programme.timezones import now_utc, to_local
from . import audit

_SIGNATURE_LENGTH = 8
_CODE = re.compile(r"A(\d{1,12})-?([A-Z2-7]{8})")  # 8: _SIGNATURE_LENGTH
KIND_LABELS = {OrgKind.SSE.value: _l("Entreprise de l'ESS"), OrgKind.BUYER.value: _l("Acheteur"),
               OrgKind.ORGANISER.value: _l("Organisateur")}


class CheckInRefused(Exception):
    """A code or a person that may not enter; the message says why, for the staff at the door."""


def _signature(attendee_id: int) -> str:
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key, b"matchfair-badge:%d" % attendee_id, hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:_SIGNATURE_LENGTH]


def badge_code(attendee: Attendee | int) -> str:
    """The attendee's badge code, such as "A42-K7QX3MZP"."""
    attendee_id = getattr(attendee, "id", attendee)
    return f"A{attendee_id}-{_signature(attendee_id)}"


# A handheld scanner set up for a US keyboard on a French (AZERTY) computer types "Q&é)..." for
# "A12-...": the keys it means, read back (the signature check rules out any false match).
_AZERTY_AS_QWERTY = str.maketrans("&é\"'(-è_çà)AQZWaqzw?", "1234567890-QAWZQAWZM")


def parse_badge_code(text: str | None) -> int | None:
    """The attendee id of a typed or scanned code, or None when it is not a genuine badge code.

    Accepts lower case, spaces and dashes anywhere, a URL holding the code (as its last path
    segment or in a `code` query parameter), for QR codes that hold a link, and what a scanner set
    up for a US keyboard types on a French one.
    """
    text = (text or "").strip()
    if not text or len(text) > 500:
        return None
    found = _parse(text)
    return found if found is not None else _parse(text.translate(_AZERTY_AS_QWERTY))


def _parse(text: str) -> int | None:
    if "/" in text or "?" in text:
        parts = urlsplit(text)
        query = parse_qs(parts.query).get("code")
        text = query[0] if query else unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    cleaned = re.sub(r"[\s_.]+", "", text).upper()
    match = _CODE.fullmatch(cleaned)
    if match is None:
        return None
    attendee_id = int(match.group(1))
    if not hmac.compare_digest(match.group(2), _signature(attendee_id)):
        return None
    return attendee_id


def qr_svg(code: str) -> Markup:
    """The code as an inline SVG QR code (a regular QR code, which every scanner reads)."""
    qr = segno.make_qr(code, error="m")
    svg = qr.svg_inline(scale=4, border=2, omitsize=True, svgclass="badge-qr", lineclass="badge-qr-line",
                        title=code)
    label = Markup.escape(str(_l("QR code du badge %(code)s", code=code)))
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def _require_organiser(user, event: Event) -> None:
    if not is_event_organiser(user, event):
        raise Forbidden()


def _attendees_of(event: Event):
    return (select(Attendee).join(Attendee.registration).join(Organisation,
                                                              Organisation.id == EventRegistration.organisation_id)
            .join(User, User.id == Attendee.user_id).where(EventRegistration.event_id == event.id)
            .options(joinedload(Attendee.user), joinedload(Attendee.registration)
                     .joinedload(EventRegistration.organisation)))


def badge_attendees(event: Event, *, org_query: str | None = None, kind: str | None = None) -> list[Attendee]:
    """The people of the event's approved registrations, by organisation then name; optionally only
    organisations whose name contains `org_query`, or of one kind ("sse", "buyer")."""
    statement = _attendees_of(event).where(EventRegistration.status == RegistrationStatus.APPROVED.value)
    if org_query:
        statement = statement.where(func.lower(Organisation.name).contains(org_query.strip().lower(),
                                                                            autoescape=True))
    if kind:
        statement = statement.where(Organisation.kind == kind)
    return list(db.session.scalars(statement.order_by(func.lower(Organisation.name), func.lower(User.full_name),
                                                       Attendee.id)).unique())


def event_attendee(event: Event, attendee_id: int, *, approved_only: bool = True) -> Attendee | None:
    """The attendee `attendee_id` if they belong to `event` (and, by default, an approved registration)."""
    attendee = db.session.get(Attendee, attendee_id)
    if attendee is None or attendee.registration.event_id != event.id:
        return None
    if approved_only and attendee.registration.status != RegistrationStatus.APPROVED:
        return None
    return attendee


def own_attendees(user, event: Event) -> list[Attendee]:
    """The user's attendee rows for the event (one per organisation they come for), any status."""
    return list(db.session.scalars(_attendees_of(event).where(Attendee.user_id == user.id)
                                   .order_by(Attendee.id)).unique())


def _who(attendee: Attendee) -> str:
    return f"{attendee.user.full_name} ({attendee.registration.organisation.name})"


def _time(event: Event, moment) -> str:
    return format_time(to_local(moment, event.timezone), "short", rebase=False)


def _refusal(status: str, org: str, name: str) -> str:
    if status == RegistrationStatus.PENDING:
        return _l("Refusé : l'inscription de %(org)s attend encore la validation des organisateurs (%(name)s).",
                  org=org, name=name)
    if status == RegistrationStatus.REFUSED:
        return _l("Refusé : l'inscription de %(org)s a été refusée (%(name)s).", org=org, name=name)
    return _l("Refusé : %(org)s a annulé son inscription (%(name)s).", org=org, name=name)


def attendee_for_code(user, event: Event, text: str) -> Attendee:
    """The attendee whose badge code is `text`, if they may enter `event`; else CheckInRefused saying why."""
    _require_organiser(user, event)
    if not (text or "").strip():
        raise CheckInRefused(_l("Refusé : aucun code saisi. Scannez le badge ou tapez son code."))
    attendee_id = parse_badge_code(text)
    if attendee_id is None:
        raise CheckInRefused(_l("Refusé : « %(code)s » n'est pas un code de badge valide. Vérifiez la saisie, "
                                "ou cherchez la personne par son nom.", code=text.strip()[:60]))
    attendee = db.session.get(Attendee, attendee_id)
    if attendee is None:
        raise CheckInRefused(_l("Refusé : ce badge ne correspond plus à aucun participant (la personne a été "
                                "retirée de l'inscription). Cherchez-la par son nom."))
    if attendee.registration.event_id != event.id:
        raise CheckInRefused(_l("Refusé : ce badge est celui d'un autre événement (%(other)s).",
                                other=attendee.registration.event.name))
    return attendee


def check_in(user, event: Event, attendee: Attendee) -> bool:
    """Mark the attendee present (flushed); False when they already were (nothing changes).

    Refused (CheckInRefused) unless their organisation's registration is approved.
    """
    _require_organiser(user, event)
    if attendee.registration.event_id != event.id:
        raise CheckInRefused(_l("Refusé : cette personne n'est pas inscrite à cet événement."))
    status = attendee.registration.status
    if status != RegistrationStatus.APPROVED:
        raise CheckInRefused(_refusal(status, attendee.registration.organisation.name, attendee.user.full_name))
    if attendee.checked_in_at is not None:
        return False
    # A conditional UPDATE: two scanners at two doors cannot both record the same entrance.
    done = db.session.execute(
        Attendee.__table__.update().where(Attendee.id == attendee.id, Attendee.checked_in_at.is_(None))
        .values(checked_in_at=now_utc(), checked_in_by_id=user.id)).rowcount
    db.session.refresh(attendee)
    if not done:
        return False
    audit.record(user, "attendee.checked_in", event=event, obj=attendee, name=attendee.user.full_name,
                 organisation_name=attendee.registration.organisation.name)
    db.session.flush()
    return True


def undo_check_in(user, event: Event, attendee: Attendee) -> bool:
    """Forget the attendee's entrance (flushed); False when they were not checked in."""
    _require_organiser(user, event)
    if attendee.registration.event_id != event.id:
        raise CheckInRefused(_l("Cette personne n'est pas inscrite à cet événement."))
    if attendee.checked_in_at is None:
        return False
    attendee.checked_in_at = None
    attendee.checked_in_by_id = None
    audit.record(user, "attendee.check_in_undone", event=event, obj=attendee, name=attendee.user.full_name,
                 organisation_name=attendee.registration.organisation.name)
    db.session.flush()
    return True


def welcome_message(event: Event, attendee: Attendee, entered: bool) -> str:
    """What the staff read after a check-in: welcome, or already in since when."""
    if entered:
        return str(_l("Bienvenue, %(who)s : entrée enregistrée.", who=_who(attendee)))
    return str(_l("Déjà entré·e : %(who)s est enregistré·e depuis %(time)s. Pas besoin de recommencer.",
                  who=_who(attendee), time=_time(event, attendee.checked_in_at)))


def search_attendees(event: Event, query: str, limit: int = 30) -> list[Attendee]:
    """People of the event (any registration status) whose name or organisation contains `query`."""
    query = (query or "").strip().lower()
    if not query:
        return []
    statement = _attendees_of(event).where(or_(func.lower(User.full_name).contains(query, autoescape=True),
                                               func.lower(Organisation.name).contains(query, autoescape=True)))
    return list(db.session.scalars(statement.order_by(func.lower(User.full_name), Attendee.id).limit(limit)).unique())


def recent_check_ins(event: Event, limit: int = 10) -> list[Attendee]:
    """The last people checked in, latest first."""
    statement = _attendees_of(event).where(Attendee.checked_in_at.is_not(None))
    return list(db.session.scalars(statement.order_by(Attendee.checked_in_at.desc(), Attendee.id.desc())
                                   .limit(limit)).unique())


@dataclass
class _Counts:
    expected: int = 0
    checked_in: int = 0


def attendance_counts(event: Event) -> dict:
    """Attendance of the event's approved registrations:
    {"expected": n, "checked_in": m, "by_kind": {"sse": {"expected", "checked_in"}, "buyer": {...}}}
    (every registering kind present, 0 when none)."""
    rows = db.session.execute(
        select(Organisation.kind, func.count(Attendee.id), func.count(Attendee.checked_in_at))
        .select_from(Attendee).join(Attendee.registration)
        .join(Organisation, Organisation.id == EventRegistration.organisation_id)
        .where(EventRegistration.event_id == event.id,
               EventRegistration.status == RegistrationStatus.APPROVED.value)
        .group_by(Organisation.kind))
    by_kind = {OrgKind.SSE.value: _Counts(), OrgKind.BUYER.value: _Counts()}
    for kind, expected, checked_in in rows:
        by_kind[kind] = _Counts(expected, checked_in)
    return {"expected": sum(c.expected for c in by_kind.values()),
            "checked_in": sum(c.checked_in for c in by_kind.values()),
            "by_kind": {k: {"expected": c.expected, "checked_in": c.checked_in} for k, c in by_kind.items()}}
