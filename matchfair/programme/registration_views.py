"""Seats: register for a session, cancel, my registrations; `seat_state(session)` for the partial
templates/programme/seats/_button.html that the public session page includes.

The rules (capacity, waiting list, overlaps, promotion): registrations.py.
"""
from dataclasses import dataclass
from itertools import groupby

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from ..extensions import db
from ..timeutil import utcnow
from ..urls import safe_next
from . import registrations
from .access import session_or_404
from .events_services import attending_event
from .models import ProgrammeSession, SeatStatus, SessionRegistration
from .registration_mail import send_queued_emails, when
from .registrations import SeatError

bp = Blueprint("seats", __name__)


@dataclass
class SeatState:
    """What the partial shows for one session and the person looking at it."""

    session: ProgrammeSession
    places_left: int | None  # None: unlimited
    waiting: int
    registration: SessionRegistration | None  # registered or waiting only
    rank: int | None
    closed: str | None  # "cancelled", "started" or None
    attending: bool
    clash: SessionRegistration | None  # a registered session at the same time

    @property
    def full(self) -> bool:
        return self.places_left == 0

    @property
    def can_cancel(self) -> bool:
        return self.registration is not None and self.session.starts_at > utcnow()


def seat_state(session: ProgrammeSession, my_seats: dict | None = None, waiting_counts: dict | None = None,
               attending: bool | None = None) -> SeatState:
    """The places left, the waiting list's length and the signed-in person's status and rank.

    A page listing many sessions passes what it loaded once for all of them (`my_seats`: session id ->
    the person's SessionRegistration; `waiting_counts`; `attending`), so that the partial costs no
    query per session; the overlap warning then looks only at the sessions of `my_seats` (the
    register service still checks every event when the person clicks).
    """
    places_left = None if session.capacity is None else max(session.capacity - session.registered_count, 0)
    closed = "cancelled" if session.is_cancelled else "started" if session.starts_at <= utcnow() else None
    batch = my_seats is not None
    registration = rank = clash = None
    if current_user.is_authenticated:
        registration = my_seats.get(session.id) if batch else registrations.registration_of(current_user, session)
        if registration is not None and registration.status == SeatStatus.CANCELLED:
            registration = None
        rank = registrations.waiting_rank(registration)
        if attending is None:
            attending = registration is not None or attending_event(current_user, session.event)
        attending = attending or registration is not None
        if closed is None and (registration is None or registration.status == SeatStatus.WAITING):
            clash = (_clash_among(session, my_seats.values()) if batch
                     else registrations.overlapping_registration(current_user.id, session))
    waiting = waiting_counts.get(session.id, 0) if waiting_counts is not None else registrations.waiting_count(session)
    return SeatState(session, places_left, waiting, registration, rank, closed, bool(attending), clash)


def _clash_among(session: ProgrammeSession, seats) -> SessionRegistration | None:
    """The first held place among `seats` whose session overlaps `session` (same rule as the service)."""
    held = [s for s in seats if s.status == SeatStatus.REGISTERED and s.session_id != session.id
            and not s.session.is_cancelled and s.session.starts_at < session.ends_at
            and s.session.ends_at > session.starts_at]
    return min(held, key=lambda s: s.session.starts_at, default=None)


@bp.app_context_processor
def _seat_helpers():
    return {"seat_state": seat_state, "seat_when": when}


@bp.after_app_request
def _send_promotion_emails(response):
    # Promotions committed during this request (here, or by the timetable raising a capacity).
    send_queued_emails()
    return response


def _back():
    return redirect(safe_next(request.form.get("next")) or url_for("seats.mine"))


@bp.post("/seances/<int:session_id>/inscription")
@login_required
def register(session_id: int):
    session = session_or_404(session_id)
    try:
        outcome = registrations.register(current_user, session)
    except SeatError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(outcome.message, outcome.category)
    return _back()


@bp.post("/seances/<int:session_id>/annulation")
@login_required
def cancel(session_id: int):
    session = db.session.get(ProgrammeSession, session_id)
    if session is None:
        abort(404)
    registration = registrations.registration_of(current_user, session)
    if registration is None:
        session_or_404(session_id)  # someone else's unpublished session stays hidden
        flash(_("Vous n'êtes pas inscrit·e à cette séance."), "info")
        return _back()
    try:
        outcome = registrations.cancel(current_user, registration)
    except SeatError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(outcome.message, outcome.category)
    return _back()


@bp.get("/mes-inscriptions")
@login_required
def mine():
    rows = db.session.scalars(
        select(SessionRegistration).join(SessionRegistration.session).join(ProgrammeSession.event)
        .options(contains_eager(SessionRegistration.session).contains_eager(ProgrammeSession.event))
        .where(SessionRegistration.user_id == current_user.id,
               SessionRegistration.status.in_([SeatStatus.REGISTERED, SeatStatus.WAITING]))
        .order_by(ProgrammeSession.starts_at, ProgrammeSession.id)).all()
    now = utcnow()
    upcoming = [r for r in rows if r.session.ends_at > now]
    past = [r for r in rows if r.session.ends_at <= now][::-1]
    ranks = {r.id: registrations.waiting_rank(r) for r in upcoming if r.status == SeatStatus.WAITING}
    by_event = [(event, list(items)) for event, items in
                groupby(sorted(upcoming, key=lambda r: (r.session.event.starts_on, r.session.event_id,
                                                        r.session.starts_at)), key=lambda r: r.session.event)]
    return render_template("programme/seats/mine.html", by_event=by_event, past=past, ranks=ranks, now=now)
