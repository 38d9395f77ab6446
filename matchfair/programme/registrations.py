"""Places at programme sessions: register, join the waiting list, cancel, promote in order.

The database, not Python, keeps the capacity: a place is taken by ONE conditional UPDATE of the
session's counter (`registered_count < capacity`), backed by the table's CHECK constraint. Every
change to a session's places holds that session's row lock (PostgreSQL) or SQLite's write lock
(POST requests begin with BEGIN IMMEDIATE) until the commit, so places, waiting ranks
(`queued_at`, then id) and promotions follow the commit order.

Promotion e-mails are queued on the database session and leave only once it has committed
(see registration_mail.py): a rolled-back promotion sends nothing, a failed e-mail undoes nothing.
"""
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select, update

from ..accounts.models import User
from ..extensions import db
from ..meetings.availability import booked_meeting_between
from ..timeutil import utcnow
from . import registration_mail
from .events_services import attending_event
from .models import ProgrammeSession, SeatStatus, SessionRegistration

_session_table = ProgrammeSession.__table__
_seat_table = SessionRegistration.__table__


class SeatError(Exception):
    """A registration or cancellation refused; str(error) is the message to show."""


@dataclass
class SeatOutcome:
    """What register() or cancel() did, and the message to show the person."""

    registration: SessionRegistration | None
    changed: bool
    message: str
    category: str = "success"
    promoted: tuple = ()


def registration_of(user, session: ProgrammeSession) -> SessionRegistration | None:
    """The person's row for the session (in any status), or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(select(SessionRegistration).where(
        SessionRegistration.session_id == session.id, SessionRegistration.user_id == user.id))


def overlapping_registration(user_id: int, session: ProgrammeSession) -> SessionRegistration | None:
    """A session (of any event, not cancelled) that overlaps `session` and the person holds a place at."""
    return db.session.scalar(
        select(SessionRegistration).join(SessionRegistration.session)
        .where(SessionRegistration.user_id == user_id, SessionRegistration.status == SeatStatus.REGISTERED,
               SessionRegistration.session_id != session.id, ProgrammeSession.is_cancelled.is_(False),
               ProgrammeSession.starts_at < session.ends_at, ProgrammeSession.ends_at > session.starts_at)
        .order_by(ProgrammeSession.starts_at).limit(1)
    )


def waiting_rank(registration: SessionRegistration) -> int | None:
    """1 for the first on the session's waiting list...; None when the person is not waiting."""
    if registration is None or registration.status != SeatStatus.WAITING:
        return None
    ahead = db.session.scalar(select(func.count(SessionRegistration.id)).where(
        SessionRegistration.session_id == registration.session_id,
        SessionRegistration.status == SeatStatus.WAITING,
        or_(SessionRegistration.queued_at < registration.queued_at,
            and_(SessionRegistration.queued_at == registration.queued_at,
                 SessionRegistration.id < registration.id))))
    return ahead + 1


def waiting_count(session: ProgrammeSession) -> int:
    """How many people are on the session's waiting list."""
    return db.session.scalar(select(func.count(SessionRegistration.id)).where(
        SessionRegistration.session_id == session.id, SessionRegistration.status == SeatStatus.WAITING))


def _take_place(session_id: int) -> bool:
    """Take one place with the conditional UPDATE; the database decides (and row-locks the session)."""
    result = db.session.execute(
        update(_session_table).where(
            _session_table.c.id == session_id,
            or_(_session_table.c.capacity.is_(None), _session_table.c.registered_count < _session_table.c.capacity))
        .values(registered_count=_session_table.c.registered_count + 1)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def _lock_session(session_id: int) -> None:
    # A no-op write: the session's row lock on PostgreSQL, the write lock on SQLite, held until commit.
    db.session.execute(update(_session_table).where(_session_table.c.id == session_id)
                       .values(registered_count=_session_table.c.registered_count)
                       .execution_options(synchronize_session=False))


def _lock_person(user_id: int) -> None:
    # Serialises one person's own registrations (two tabs), so the overlap rule holds on PostgreSQL.
    db.session.execute(select(User.id).where(User.id == user_id).with_for_update())


def _refresh_counter(session: ProgrammeSession) -> None:
    db.session.expire(session, ["registered_count"])


def check_open(user, session: ProgrammeSession) -> None:
    """Raise SeatError unless `user` may register for `session` now (published, not cancelled,
    not started, and the person attends the event)."""
    if not (session.is_published and session.event.is_published):
        raise SeatError(_("Cette séance n'est pas ouverte aux inscriptions."))
    if session.is_cancelled:
        raise SeatError(_("Cette séance est annulée : il n'est pas possible de s'y inscrire."))
    if session.starts_at <= utcnow():
        raise SeatError(_("Cette séance a déjà commencé : les inscriptions sont closes."))
    if not attending_event(user, session.event):
        raise SeatError(_("Seuls les participants de l'événement « %(event)s » peuvent s'inscrire à ses séances : "
                          "votre organisation doit y être inscrite (et acceptée) et vous compter parmi ses "
                          "participants.", event=session.event.name))


def register(actor, session: ProgrammeSession) -> SeatOutcome:
    """Give `actor` a place at `session`, or a rank on its waiting list when it is full.

    Refuses (SeatError) a closed session, a person who does not attend the event, a person sitting
    at a booked business meeting at that time, and a place at a session overlapping one the person
    is registered for (waiting lists may overlap). A second
    click while registered or waiting changes nothing. Flushes; the caller commits.
    """
    _lock_person(actor.id)  # before the attendance check: see release_user_seats
    check_open(actor, session)
    registration = registration_of(actor, session)
    if registration is not None and registration.status == SeatStatus.REGISTERED:
        return SeatOutcome(registration, False, _("Vous êtes déjà inscrit·e à cette séance."), "info")
    if registration is not None and registration.status == SeatStatus.WAITING:
        return SeatOutcome(registration, False, _("Vous êtes déjà sur la liste d'attente de cette séance "
                                                  "(n° %(rank)d).", rank=waiting_rank(registration)), "info")
    meeting = booked_meeting_between(actor.id, session.starts_at, session.ends_at)
    if meeting is not None:
        other = meeting.recipient if meeting.requester.user_id == actor.id else meeting.requester
        raise SeatError(_("Vous avez un rendez-vous d'affaires avec %(org)s (%(when)s) qui a lieu en même temps. "
                          "Déplacez ou annulez ce rendez-vous avant de vous inscrire ici.",
                          org=other.organisation.name,
                          when=registration_mail.format_when(meeting.slot.starts_at, meeting.slot.ends_at,
                                                             session.event.timezone)))
    clash = overlapping_registration(actor.id, session)
    if clash is None:
        taken = _take_place(session.id)
        if not taken:
            # Full at this instant: hold the lock, then try again (a place may just have been freed),
            # so that nobody is queued behind a free place.
            _lock_session(session.id)
            taken = _take_place(session.id)
    else:
        _lock_session(session.id)
        _refresh_counter(session)
        if session.capacity is None or session.registered_count < session.capacity:
            raise SeatError(_("Vous êtes déjà inscrit·e à « %(title)s » (%(when)s), qui a lieu en même temps. "
                              "Annulez cette inscription pour prendre une place ici.",
                              title=clash.session.title, when=registration_mail.when(clash.session)))
        taken = False
    now = utcnow()
    status = SeatStatus.REGISTERED if taken else SeatStatus.WAITING
    if registration is None:
        registration = SessionRegistration(session_id=session.id, user_id=actor.id, status=status, queued_at=now)
        db.session.add(registration)
    else:  # the cancelled row comes back, at the end of the queue
        registration.status, registration.queued_at = status, now
        registration.promoted_at = registration.cancelled_at = None
    db.session.flush()
    _refresh_counter(session)
    if taken:
        return SeatOutcome(registration, True, _("Vous êtes inscrit·e à « %(title)s ».", title=session.title))
    message = _("La séance est complète : vous êtes n° %(rank)d sur la liste d'attente. Si une place se libère, "
                "vous l'aurez automatiquement, dans l'ordre, et recevrez un e-mail.", rank=waiting_rank(registration))
    if clash is not None:
        message += " " + _("Tant que vous êtes inscrit·e à « %(title)s » (%(when)s), qui a lieu en même temps, "
                           "une place libérée ira à la personne suivante.",
                           title=clash.session.title, when=registration_mail.when(clash.session))
    return SeatOutcome(registration, True, message, "warning" if clash else "success")


def cancel(actor, registration: SessionRegistration) -> SeatOutcome:
    """Cancel `actor`'s place or waiting rank, before the session starts; a freed place goes to the
    first on the waiting list (see promote_waiting). Flushes; the caller commits."""
    if registration.user_id != actor.id:
        raise SeatError(_("Cette inscription n'est pas la vôtre."))
    session = registration.session
    if session.starts_at <= utcnow():
        raise SeatError(_("La séance a commencé : il n'est plus possible d'annuler l'inscription."))
    was = registration.status
    if was == SeatStatus.CANCELLED:
        return SeatOutcome(registration, False, _("Vous n'êtes pas inscrit·e à cette séance."), "info")
    done, promoted = _cancel_row(registration, was)
    if not done:  # another request changed it first
        return SeatOutcome(registration, False, _("Votre inscription avait déjà changé : voici son état."), "info")
    if was == SeatStatus.REGISTERED:
        return SeatOutcome(registration, True, _("Votre inscription à « %(title)s » est annulée. Votre place est "
                                                 "libérée pour une autre personne.", title=session.title),
                           promoted=promoted)
    return SeatOutcome(registration, True, _("Vous avez quitté la liste d'attente de « %(title)s ».",
                                             title=session.title))


def release_user_seats(user_ids, event) -> list[SessionRegistration]:
    """Cancel the places and waiting ranks of the people `user_ids` at the sessions of `event` that
    have not started, e.g. once their organisation's registration is cancelled or refused, or they
    are no longer among its attendees. Each row is cancelled as cancel() does it (a freed place goes
    to the waiting list, in order, with an e-mail sent after the commit), without cancel()'s checks
    of the acting person. Returns the cancelled rows. Flushes; the caller commits.
    """
    ids = sorted(set(user_ids))
    if not ids:
        return []
    # The people's locks make their own register() wait for this commit (it checks attendance after
    # taking them); the sessions' locks, in id order, keep the rows read below from changing.
    db.session.execute(select(User.id).where(User.id.in_(ids)).order_by(User.id).with_for_update())
    for session_id in sorted({row.session_id for row in _held_seats(ids, event)}):
        _lock_session(session_id)
    released = []
    # Waiting ranks go first, so that nobody leaving is promoted by a place freed by their colleague.
    for row in sorted(_held_seats(ids, event, fresh=True), key=lambda r: (r.status != SeatStatus.WAITING, r.id)):
        if _cancel_row(row, row.status)[0]:
            released.append(row)
    return released


def _held_seats(user_ids: list[int], event, fresh: bool = False) -> list[SessionRegistration]:
    statement = (select(SessionRegistration).join(SessionRegistration.session)
                 .where(ProgrammeSession.event_id == event.id, ProgrammeSession.starts_at > utcnow(),
                        SessionRegistration.user_id.in_(user_ids),
                        SessionRegistration.status.in_([SeatStatus.REGISTERED, SeatStatus.WAITING])))
    if fresh:
        statement = statement.execution_options(populate_existing=True)
    return list(db.session.scalars(statement))


def _cancel_row(registration: SessionRegistration, was: str) -> tuple[bool, tuple]:
    # Cancel the row if it still is `was`, under its session's lock; a freed place is promoted.
    # Returns (cancelled, promoted registrations).
    session = registration.session
    _lock_session(session.id)
    now = utcnow()
    done = db.session.execute(
        update(_seat_table).where(_seat_table.c.id == registration.id, _seat_table.c.status == was)
        .values(status=SeatStatus.CANCELLED.value, cancelled_at=now, updated_at=now)
        .execution_options(synchronize_session=False)).rowcount
    db.session.expire(registration)
    if not done or was != SeatStatus.REGISTERED:
        return bool(done), ()
    db.session.execute(update(_session_table).where(_session_table.c.id == session.id)
                       .values(registered_count=_session_table.c.registered_count - 1)
                       .execution_options(synchronize_session=False))
    promoted = tuple(_promote(session))
    _refresh_counter(session)
    return True, promoted


def promote_waiting(session: ProgrammeSession) -> list[SessionRegistration]:
    """Give the free places of `session` to the waiting list, in order (e.g. after its capacity was
    raised). People registered for an overlapping session are skipped and keep their rank. Queues
    one e-mail per promoted person, sent after the commit. Flushes; the caller commits."""
    _lock_session(session.id)
    promoted = _promote(session)
    _refresh_counter(session)
    return promoted


def _promote(session: ProgrammeSession) -> list[SessionRegistration]:
    # The caller holds the session's lock: the waiting list read here is the committed one.
    if session.is_cancelled or session.starts_at <= utcnow():
        return []
    promoted = []
    waiting = db.session.scalars(
        select(SessionRegistration).where(SessionRegistration.session_id == session.id,
                                          SessionRegistration.status == SeatStatus.WAITING)
        .order_by(SessionRegistration.queued_at, SessionRegistration.id)).all()
    for candidate in waiting:
        if overlapping_registration(candidate.user_id, session) is not None:
            continue
        if not _take_place(session.id):
            break
        candidate.status, candidate.promoted_at = SeatStatus.REGISTERED, utcnow()
        promoted.append(candidate)
    db.session.flush()
    for registration in promoted:
        registration_mail.queue_promotion(registration)
    return promoted
