"""Monthly reminders to record insertion hours (`flask clauses remind`, run daily or monthly by cron).

    remind_due(now) -> int
        For each facilitator helping on an awarded need whose hours are not all done, and that has
        recorded nothing for last month: one e-mail per facilitator (its admins) listing those needs,
        with their links. Each help is reminded once per month (ClauseSupport.reminded_for), so the
        command can run every day. Returns the number of needs reminded about.
"""
from datetime import date, datetime, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..extensions import db
from ..meetings.notify import queue_email
from ..needs.direct_award import local_today
from ..needs.models import Need, NeedStatus
from ..organisations.models import Role
from .models import ClauseSupport, InsertionHours, SupportStatus


def last_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def remind_due(now: datetime | None = None) -> int:
    today = local_today() if now is None else now.date()
    month = last_month(today)
    done = (select(InsertionHours.need_id, func.sum(InsertionHours.hours).label("done"))
            .group_by(InsertionHours.need_id).subquery())
    recorded = select(InsertionHours.need_id).where(InsertionHours.period == month)
    rows = db.session.execute(
        select(ClauseSupport, Need, func.coalesce(done.c.done, 0))
        .join(Need, Need.id == ClauseSupport.need_id).outerjoin(done, done.c.need_id == Need.id)
        .where(ClauseSupport.status == SupportStatus.ACTIVE, Need.status == NeedStatus.AWARDED,
               Need.insertion_hours > func.coalesce(done.c.done, 0), Need.awarded_at < _first_of_next(month),
               Need.id.not_in(recorded),
               (ClauseSupport.reminded_for.is_(None)) | (ClauseSupport.reminded_for < month))
        .order_by(ClauseSupport.facilitator_id, Need.title)).all()
    by_facilitator: dict[int, list] = {}
    for support, need, hours_done in rows:
        support.reminded_for = month
        by_facilitator.setdefault(support.facilitator_id, []).append((support, need, int(hours_done)))
    for items in by_facilitator.values():
        facilitator = items[0][0].facilitator
        needs = [{"title": need.title, "buyer": need.organisation.name, "due": need.insertion_hours,
                  "done": hours_done, "link": url_for("clauses.need", need_id=need.id, _external=True) + "#heures"}
                 for _support, need, hours_done in items]
        people = [m.user for m in facilitator.memberships if m.role == Role.ADMIN] or \
            [m.user for m in facilitator.memberships]
        for user in people:
            queue_email(user, lambda: str(_l("Heures d'insertion du mois dernier à saisir")),
                        "emails/clauses_reminder", needs=needs, month=month)
    db.session.flush()
    return len(rows)


def _first_of_next(month: date) -> datetime:
    return datetime.combine((month.replace(day=28) + timedelta(days=4)).replace(day=1), datetime.min.time())
