"""The organiser's runs of the meeting scheduler: preview, publish, discard.

    run(user, event, time_limit=None, *, now=None) -> SchedulingRun
        Build the instance (scheduling_instance), run the engine, store instance, solution and
        figures as a preview. Earlier previews of the event are discarded. Refused (MeetingError)
        when the event has no meeting grid, no future slot, no table, or nothing to place.
    analyse(run) -> Preview            (scheduling_preview: placed, unplaced with reasons, holes...)
    publish(user, run, *, now=None) -> PublishReport
        Only the event's latest run, still a preview. Books each meeting the run placed through
        placement.place(source="scheduler"), after checking it is still accepted and unbooked, the
        slot still ahead and both sides still available; a meeting that changed meanwhile or whose
        slot or table was taken in between (SlotTaken), or whose side reached its cap of meetings
        with bookings made since the preview, is a conflict: skipped, counted, not an error.
        Then one e-mail per participant: its newly placed meetings, and those left unplaced.
    discard(user, run) -> None

Only the event's organisers (programme.access.is_event_organiser) may do any of it. Services
flush; the caller commits (e-mails leave after the commit, see notify).

`placed_count` counts the meetings this run places (not the already booked ones it kept);
`weight` and `upper_bound` are the engine's (booked meetings included), so their ratio is the share
of the best possible schedule reached.
"""
import logging
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from flask import has_request_context, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from ..backoffice import audit
from ..engine.scheduling import ScheduleInputError, schedule
from ..extensions import db
from ..programme.access import is_event_organiser
from ..programme.models import Event
from ..programme.timezones import to_local
from ..timeutil import utcnow
from . import notify, placement
from .errors import MeetingError
from .grid import settings_of
from .models import (
    BookingSource,
    Meeting,
    MeetingParticipant,
    MeetingSeat,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    RunStatus,
    SchedulingRun,
)
from .scheduling_instance import build_instance, bulk_unavailable, ref_id
from .scheduling_preview import Preview, analyse  # noqa: F401  (part of this module's interface)

log = logging.getLogger(__name__)


@dataclass
class PublishReport:
    placed: int  # meetings booked by the publication
    conflicts: int  # meetings the run placed but that changed or whose slot was taken meanwhile
    unplaced: int  # meetings of the run still accepted and not booked afterwards
    emails: int  # people notified


def _require_organiser(user, event: Event) -> None:
    if not is_event_organiser(user, event):
        raise MeetingError(_("Seuls les organisateurs de l'événement peuvent planifier les rendez-vous."))


def _event_of(run: SchedulingRun) -> Event:
    return db.session.get(Event, run.event_id)


def run(user, event: Event, time_limit: float | None = None, *, now: datetime | None = None) -> SchedulingRun:
    """Run the engine on the event's accepted, unbooked meetings and keep the result as a preview."""
    _require_organiser(user, event)
    settings = settings_of(event)
    if settings is None:
        raise MeetingError(_("Cet événement n'a pas de grille de rendez-vous : créez d'abord ses créneaux et "
                             "ses tables."))
    now = now or utcnow()
    instance, mapping = build_instance(event, now=now)
    if not instance["slots"]:
        raise MeetingError(_("Aucun créneau de rendez-vous à venir : ajoutez des plages à la grille avant de "
                             "lancer la planification."))
    if mapping.to_place == 0:
        raise MeetingError(_("Rien à planifier : aucun rendez-vous accepté n'attend de créneau. Les rendez-vous "
                             "déjà réservés restent à leur place."))
    if not instance["tables"]:
        raise MeetingError(_("Aucune table active : ajoutez ou réactivez des tables avant de lancer la "
                             "planification."))
    started = time.perf_counter()
    try:
        result = schedule(instance, time_limit=time_limit)
    except ScheduleInputError as error:  # the data breaks a rule of the format: say which item
        log.warning("Scheduling instance of event %s refused: %s", event.id, error)
        raise MeetingError(_("La planification a refusé les données de l'événement (%(error)s). Vérifiez les "
                             "rendez-vous réservés et les tables, puis relancez.", error=str(error))) from None
    elapsed = time.perf_counter() - started
    db.session.execute(update(SchedulingRun).where(
        SchedulingRun.event_id == event.id, SchedulingRun.status == RunStatus.PREVIEW)
        .values(status=RunStatus.DISCARDED))
    made = SchedulingRun(
        event_id=event.id, status=RunStatus.PREVIEW, created_by_id=getattr(user, "id", None), created_at=now,
        instance=instance, solution=result.solution,
        placed_count=result.placed - len(mapping.fixed), unscheduled_count=len(result.solution["unscheduled"]),
        weight=result.weight, upper_bound=result.upper_bound, elapsed_ms=round(elapsed * 1000))
    db.session.add(made)
    db.session.flush()
    return made


def latest_run(event: Event | int) -> SchedulingRun | None:
    """The event's most recent run, whatever its status."""
    return db.session.scalar(select(SchedulingRun).where(SchedulingRun.event_id == getattr(event, "id", event))
                             .order_by(SchedulingRun.created_at.desc(), SchedulingRun.id.desc()).limit(1))


def _require_preview(run_: SchedulingRun) -> None:
    if run_.status != RunStatus.PREVIEW:
        raise MeetingError(_("Ce calcul n'est plus un aperçu : il a déjà été publié ou abandonné."))


def discard(user, run_: SchedulingRun) -> None:
    """Drop a preview: nothing is booked."""
    _require_organiser(user, _event_of(run_))
    _require_preview(run_)
    run_.status = RunStatus.DISCARDED
    db.session.flush()


def _room_under_caps(event, settings) -> dict[int, int]:
    """How many more meetings each capped participant may have booked now (two queries)."""
    default = settings.max_meetings if settings is not None else None
    caps = {pid: own if own is not None else default for pid, own in db.session.execute(
        select(MeetingParticipant.id, MeetingParticipant.max_meetings).where(MeetingParticipant.event_id == event.id))}
    caps = {pid: cap for pid, cap in caps.items() if cap is not None}
    if not caps:
        return {}
    booked = dict(db.session.execute(
        select(MeetingSeat.participant_id, func.count()).join(Meeting, Meeting.id == MeetingSeat.meeting_id)
        .where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.ACCEPTED)
        .group_by(MeetingSeat.participant_id)).all())
    return {pid: cap - booked.get(pid, 0) for pid, cap in caps.items()}


def publish(user, run_: SchedulingRun, *, now: datetime | None = None) -> PublishReport:
    """Book the meetings the preview placed and tell everyone (see the module docstring)."""
    event = _event_of(run_)
    _require_organiser(user, event)
    # Two organisers publishing at once: the second waits for the first, then finds it published.
    db.session.get(SchedulingRun, run_.id, with_for_update=True, populate_existing=True)
    _require_preview(run_)
    latest = latest_run(event)
    if latest is not None and latest.id != run_.id:
        raise MeetingError(_("Un calcul plus récent existe : seul le dernier aperçu peut être publié."))
    now = now or utcnow()
    settings = settings_of(event)
    online = settings is not None and settings.is_online
    fixed = {item["meeting"] for item in run_.instance.get("fixed", [])}
    waiting = {m.id: m for m in db.session.scalars(select(Meeting).where(
        Meeting.event_id == event.id, Meeting.status == MeetingStatus.ACCEPTED, Meeting.slot_id.is_(None)))}
    slots = {s.id: s for s in db.session.scalars(select(MeetingSlot).where(MeetingSlot.event_id == event.id))}
    tables = {t.id: t for t in db.session.scalars(select(MeetingTable).where(MeetingTable.event_id == event.id))}
    off = bulk_unavailable(event.id, [s.id for s in slots.values() if s.starts_at > now])

    room = _room_under_caps(event, settings)
    wanted, conflicts = [], 0
    for item in run_.solution.get("assignments", []):
        if item["meeting"] in fixed:
            continue
        meeting = waiting.get(ref_id(item["meeting"]))
        slot = slots.get(ref_id(item["slot"]))
        table = None if item["table"].startswith("v-") else tables.get(ref_id(item["table"]))
        if (meeting is None or slot is None or slot.starts_at <= now
                or (table is None) != online or (table is not None and not table.is_active)
                or slot.id in off.get(meeting.requester_id, ()) or slot.id in off.get(meeting.recipient_id, ())):
            conflicts += 1
            continue
        sides = (meeting.requester_id, meeting.recipient_id)
        if any(room.get(side, 1) < 1 for side in sides):  # a cap reached by bookings made since the preview
            conflicts += 1
            continue
        for side in sides:
            if side in room:
                room[side] -= 1
        wanted.append((meeting, slot, table))
    # A side or the table booked in between: refused, counted as a conflict.
    placed, refused = placement.place_many(user, wanted, source=BookingSource.SCHEDULER)
    conflicts += refused
    run_.status = RunStatus.PUBLISHED
    run_.published_at = now
    run_.published_by_id = getattr(user, "id", None)
    db.session.flush()
    considered = {item["id"] for item in run_.instance.get("meetings", [])}
    unplaced = [m for m in waiting.values() if m.slot_id is None and f"m-{m.id}" in considered]
    emails = _queue_emails(event, settings, placed, unplaced, slots, tables)
    audit.record(user, "schedule.published", event=event, obj=run_, placed=len(placed), conflicts=conflicts,
                 unplaced=len(unplaced), emails=emails)
    return PublishReport(placed=len(placed), conflicts=conflicts, unplaced=len(unplaced), emails=emails)


def _agenda_link() -> str | None:
    return url_for("seats.mine", _external=True) if has_request_context() else None


def _queue_emails(event: Event, settings, placed: list[Meeting], unplaced: list[Meeting],
                  slots: dict[int, MeetingSlot], tables: dict[int, MeetingTable]) -> int:
    """One e-mail per participant with a meeting placed or left unplaced by the publication."""
    people = {p.id: p for p in db.session.scalars(
        select(MeetingParticipant).where(MeetingParticipant.event_id == event.id)
        .options(joinedload(MeetingParticipant.user), joinedload(MeetingParticipant.organisation)))}
    new: dict[int, list[dict]] = defaultdict(list)
    left: dict[int, list[str]] = defaultdict(list)
    for meeting in placed:
        slot, table = slots[meeting.slot_id], tables.get(meeting.table_id)
        start, end = to_local(slot.starts_at, event.timezone), to_local(slot.ends_at, event.timezone)
        for side, other in ((meeting.requester_id, meeting.recipient_id), (meeting.recipient_id, meeting.requester_id)):
            new[side].append({"starts_at": start.replace(tzinfo=None), "day": start.date(),
                              "times": f"{start:%H:%M}–{end:%H:%M}", "counterpart": people[other].organisation.name,
                              "table": table.name if table is not None else None, "video_url": meeting.video_url})
    for meeting in unplaced:
        left[meeting.requester_id].append(people[meeting.recipient_id].organisation.name)
        left[meeting.recipient_id].append(people[meeting.requester_id].organisation.name)
    event_name, link = event.name, _agenda_link()
    direct = bool(settings is not None and settings.direct_booking)
    for pid in sorted(set(new) | set(left)):
        person = people[pid]
        lines = sorted(new.get(pid, []), key=lambda line: line["starts_at"])
        notify.queue_email(
            person.user,
            (lambda: _("Vos rendez-vous d'affaires à %(event)s", event=event_name)) if lines else
            (lambda: _("Rendez-vous d'affaires à %(event)s : à réserver vous-même", event=event_name)
             if direct else _("Rendez-vous d'affaires à %(event)s : non planifié", event=event_name)),
            "emails/meetings_schedule_placed" if lines else "emails/meetings_schedule_unplaced",
            event_name=event_name, organisation=person.organisation.name, meetings=lines,
            unplaced=sorted(left.get(pid, [])), direct_booking=direct, link=link)
    return len(set(new) | set(left))


def history(event: Event, limit: int = 30) -> list[tuple[SchedulingRun, str | None]]:
    """The event's runs, newest first, with the name of who ran each."""
    from ..accounts.models import User

    rows = db.session.execute(
        select(SchedulingRun, User.full_name).outerjoin(User, User.id == SchedulingRun.created_by_id)
        .where(SchedulingRun.event_id == event.id)
        .order_by(SchedulingRun.created_at.desc(), SchedulingRun.id.desc()).limit(limit)).all()
    return [(r, name) for r, name in rows]


def counts(event: Event, *, now: datetime | None = None) -> dict[str, int]:
    """What there is to place: accepted meetings waiting, booked ones, participants, slots, tables."""
    now = now or utcnow()
    accepted = dict(db.session.execute(
        select(Meeting.slot_id.is_(None), func.count()).where(
            Meeting.event_id == event.id, Meeting.status == MeetingStatus.ACCEPTED)
        .group_by(Meeting.slot_id.is_(None))).all())
    return {
        "waiting": accepted.get(True, 0),
        "booked": accepted.get(False, 0),
        "participants": db.session.scalar(select(func.count()).select_from(MeetingParticipant).where(
            MeetingParticipant.event_id == event.id, MeetingParticipant.left_at.is_(None))),
        "slots": db.session.scalar(select(func.count()).select_from(MeetingSlot).where(
            MeetingSlot.event_id == event.id, MeetingSlot.starts_at > now)),
        "tables": db.session.scalar(select(func.count()).select_from(MeetingTable).where(
            MeetingTable.event_id == event.id, MeetingTable.is_active.is_(True))),
    }
