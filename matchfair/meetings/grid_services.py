"""The organiser's meeting grid of an event: settings, periods, tables and buyers' stands.

API (the acting user first; each function checks that the user organises the event, flushes, and
leaves the commit to the view; a refused action raises MeetingError, or GridFieldError naming the
form field it concerns):
    offer_meetings(user, event) -> MeetingSettings        settings with the defaults (closed)
    update_settings(user, event, data) -> SlotChanges     data: SETTINGS_FIELDS
    add_period(user, event, day, start, end) -> SlotChanges      local day and wall-clock times
    delete_period(user, period) -> SlotChanges
    add_tables(user, event, prefix, count) -> list[MeetingTable]  "Table" -> Table 1..N, numbering continued
    rename_table(user, table, name); set_table_active(user, table, active) -> int (future bookings kept)
    delete_table(user, table) -> bool                     False: it was used, so it is deactivated instead
    assign_stand(user, participant, table); remove_stand(user, participant)
Every change to the settings or periods rebuilds the slots (grid.rebuild_slots) in the same
transaction; a rebuild that would take a booked meeting's slot away is refused (MeetingError with
GridError's message) and the view rolls everything back.
"""
import re
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import Forbidden

from ..backoffice import audit
from ..extensions import db
from ..programme.access import is_event_organiser
from ..programme.models import Event
from ..programme.timezones import to_utc
from ..timeutil import utcnow
from . import grid
from .errors import MeetingError
from .grid import GridError, SlotChanges
from .models import (
    Meeting,
    MeetingParticipant,
    MeetingPeriod,
    MeetingSettings,
    MeetingSlot,
    MeetingTable,
)

SETTINGS_FIELDS = ("is_open", "direct_booking", "slot_minutes", "break_minutes", "video_link_pattern",
                   "request_expiry_days", "pending_cap", "max_meetings")
DEFAULTS = {"is_open": False, "direct_booking": True, "slot_minutes": 25, "break_minutes": 5,
            "video_link_pattern": None, "request_expiry_days": 7, "pending_cap": 10, "max_meetings": None}
EARLIEST, LATEST = time(6, 0), time(23, 0)
MAX_TABLES_AT_ONCE = 200
TABLE_NAME_MAX = 60


class GridFieldError(MeetingError):
    """A refused grid change about one form field (`field`), shown next to it."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _ensure_organiser(user, event: Event) -> None:
    if not is_event_organiser(user, event):
        raise Forbidden()


def _rebuild(event: Event) -> SlotChanges:
    try:
        return grid.rebuild_slots(event)
    except GridError as error:
        raise MeetingError(str(error)) from None


def event_days(event: Event) -> list[date]:
    """The event's days, first to last."""
    return [event.starts_on + timedelta(days=n) for n in range((event.ends_on - event.starts_on).days + 1)]


# --- Settings ------------------------------------------------------------------------------------

def offer_meetings(user, event: Event) -> MeetingSettings:
    """Offer B2B meetings at `event`: settings with the defaults, closed to participants for now."""
    _ensure_organiser(user, event)
    if grid.settings_of(event) is not None:
        raise MeetingError(_("Cet événement propose déjà des rendez-vous d'affaires."))
    settings = MeetingSettings(event_id=event.id, **DEFAULTS)
    db.session.add(settings)
    db.session.flush()
    audit.record(user, "meetings.offered", event=event)
    return settings


def _booked_count(event: Event) -> int:
    return db.session.scalar(select(func.count(Meeting.id)).where(
        Meeting.event_id == event.id, Meeting.slot_id.is_not(None))) or 0


def update_settings(user, event: Event, data: dict) -> SlotChanges:
    """Change the settings (SETTINGS_FIELDS in `data`) and rebuild the slots.

    Switching between tables and video links is refused while meetings are booked (they would keep
    a table online, or have no table at the venue)."""
    _ensure_organiser(user, event)
    settings = grid.settings_of(event)
    if settings is None:
        raise MeetingError(_("Proposez d'abord des rendez-vous d'affaires pour cet événement."))
    online = bool(data.get("video_link_pattern"))
    if online != settings.is_online:
        booked = _booked_count(event)
        if booked:
            raise GridFieldError(_(
                "%(count)d rendez-vous sont déjà réservés : on ne peut plus passer des tables aux liens visio "
                "(ou l'inverse). Annulez-les d'abord, ou gardez le même mode.", count=booked), "video_link_pattern")
    for key in SETTINGS_FIELDS:
        setattr(settings, key, data[key])
    db.session.flush()
    audit.record(user, "meetings.settings_saved", event=event)
    return _rebuild(event)


# --- Periods -------------------------------------------------------------------------------------

def add_period(user, event: Event, day: date, start: time, end: time) -> SlotChanges:
    """A period of meetings on one of the event's days, from `start` to `end` (the event's zone):
    within 06:00-23:00, end after start, long enough for one slot, overlapping no other period."""
    _ensure_organiser(user, event)
    settings = grid.settings_of(event)
    if settings is None:
        raise MeetingError(_("Proposez d'abord des rendez-vous d'affaires pour cet événement."))
    if day not in event_days(event):
        raise GridFieldError(_("Choisissez un jour de l'événement."), "day")
    if not EARLIEST <= start <= LATEST:
        raise GridFieldError(_("Les rendez-vous ont lieu entre 06:00 et 23:00."), "start_time")
    if not EARLIEST <= end <= LATEST:
        raise GridFieldError(_("Les rendez-vous ont lieu entre 06:00 et 23:00."), "end_time")
    if end <= start:
        raise GridFieldError(_("La fin doit venir après le début."), "end_time")
    starts_at = to_utc(datetime.combine(day, start), event.timezone)
    ends_at = to_utc(datetime.combine(day, end), event.timezone)
    if ends_at - starts_at < timedelta(minutes=settings.slot_minutes):
        raise GridFieldError(_("Cette plage est plus courte qu'un créneau (%(num)d minutes).",
                               num=settings.slot_minutes), "end_time")
    clash = db.session.scalar(select(MeetingPeriod).where(
        MeetingPeriod.event_id == event.id, MeetingPeriod.starts_at < ends_at, MeetingPeriod.ends_at > starts_at))
    if clash is not None:
        raise GridFieldError(_("Cette plage chevauche la plage %(other)s : choisissez d'autres heures.",
                               other=period_label(clash, event)), "start_time")
    db.session.add(period := MeetingPeriod(event_id=event.id, starts_at=starts_at, ends_at=ends_at))
    db.session.flush()
    audit.record(user, "meetings.period_added", event=event, obj=period, period=period_label(period, event))
    return _rebuild(event)


def period_label(period: MeetingPeriod, event: Event) -> str:
    """"jeudi 11 juin, 09:00–12:30" in the event's zone."""
    from ..programme.registration_mail import format_when

    return format_when(period.starts_at, period.ends_at, event.timezone)


def delete_period(user, period: MeetingPeriod) -> SlotChanges:
    """Delete a period and its slots; refused while one of its slots holds a booked meeting."""
    event = db.session.get(Event, period.event_id)
    _ensure_organiser(user, event)
    booked = db.session.execute(
        select(MeetingSlot, func.count(Meeting.id)).join(Meeting, Meeting.slot_id == MeetingSlot.id)
        .where(MeetingSlot.period_id == period.id).group_by(MeetingSlot.id)
        .order_by(MeetingSlot.starts_at)).first()
    if booked is not None:
        slot, count = booked
        raise MeetingError(_("Le créneau %(slot)s porte %(count)d rendez-vous réservé(s) : annulez-les ou "
                             "déplacez-les avant de supprimer cette plage.", slot=grid.slot_label(slot, event),
                             count=count))
    audit.record(user, "meetings.period_removed", event=event, obj=period, period=period_label(period, event))
    db.session.execute(delete(MeetingSlot).where(MeetingSlot.period_id == period.id))
    db.session.execute(delete(MeetingPeriod).where(MeetingPeriod.id == period.id))
    db.session.flush()
    return _rebuild(event)


# --- Tables --------------------------------------------------------------------------------------

def _name_taken(event_id: int, name: str, table_id: int | None = None) -> bool:
    statement = select(MeetingTable.id).where(MeetingTable.event_id == event_id,
                                              func.lower(MeetingTable.name) == name.lower())
    if table_id is not None:
        statement = statement.where(MeetingTable.id != table_id)
    return db.session.scalar(statement) is not None


def add_tables(user, event: Event, prefix: str, count: int) -> list[MeetingTable]:
    """`count` tables named "<prefix> <n>", n continuing after the highest number already used with
    that prefix (names taken otherwise are skipped)."""
    _ensure_organiser(user, event)
    prefix = " ".join((prefix or "").split())
    if not prefix:
        raise GridFieldError(_("Indiquez le début du nom des tables, par exemple « Table »."), "prefix")
    if not 1 <= count <= MAX_TABLES_AT_ONCE:
        raise GridFieldError(_("Ajoutez entre 1 et %(max)d tables à la fois.", max=MAX_TABLES_AT_ONCE), "count")
    tables = grid.event_tables(event.id)
    numbered = re.compile(rf"^{re.escape(prefix.lower())} (\d+)$")
    numbers = [int(m.group(1)) for t in tables if (m := numbered.match(t.name.lower()))]
    taken = {t.name.lower() for t in tables}
    number, position = max(numbers, default=0), max((t.position for t in tables), default=0)
    made = []
    while len(made) < count:
        number += 1
        name = f"{prefix} {number}"
        if len(name) > TABLE_NAME_MAX:
            raise GridFieldError(_("Ce nom est trop long : %(max)d caractères au plus avec le numéro.",
                                   max=TABLE_NAME_MAX), "prefix")
        if name.lower() in taken:
            continue
        position += 1
        made.append(MeetingTable(event_id=event.id, name=name, position=position, is_active=True))
    db.session.add_all(made)
    db.session.flush()
    audit.record(user, "meetings.tables_added", event=event, count=len(made), names=[t.name for t in made])
    return made


def rename_table(user, table: MeetingTable, name: str) -> None:
    """Rename a table (names are unique in the event, whatever the case)."""
    _ensure_organiser(user, db.session.get(Event, table.event_id))
    name = " ".join((name or "").split())
    if not name:
        raise GridFieldError(_("Donnez un nom à la table."), "name")
    if len(name) > TABLE_NAME_MAX:
        raise GridFieldError(_("%(max)d caractères au plus.", max=TABLE_NAME_MAX), "name")
    if _name_taken(table.event_id, name, table.id):
        raise GridFieldError(_("Une autre table de cet événement porte déjà ce nom."), "name")
    audit.record(user, "meetings.table_renamed", event=table.event_id, obj=table, before=table.name, name=name)
    table.name = name
    db.session.flush()


def future_bookings(table: MeetingTable, *, besides: MeetingParticipant | None = None) -> int:
    """Meetings booked at `table` in slots still to come (`besides`: not counting that participant's)."""
    statement = (select(func.count(Meeting.id)).join(MeetingSlot, MeetingSlot.id == Meeting.slot_id)
                 .where(Meeting.table_id == table.id, MeetingSlot.starts_at > utcnow()))
    if besides is not None:
        statement = statement.where(Meeting.requester_id != besides.id, Meeting.recipient_id != besides.id)
    return db.session.scalar(statement) or 0


def set_table_active(user, table: MeetingTable, active: bool) -> int:
    """Activate or deactivate a table (an inactive table gets no new meeting); returns the number of
    future meetings already booked there, which stay."""
    _ensure_organiser(user, db.session.get(Event, table.event_id))
    table.is_active = active
    db.session.flush()
    audit.record(user, "meetings.table_activated" if active else "meetings.table_deactivated",
                 event=table.event_id, obj=table, name=table.name)
    return future_bookings(table)


def delete_table(user, table: MeetingTable) -> bool:
    """Delete a table no meeting ever used; a used one is deactivated instead (returns False)."""
    _ensure_organiser(user, db.session.get(Event, table.event_id))
    used = db.session.scalar(select(func.count(Meeting.id)).where(Meeting.table_id == table.id))
    audit.record(user, "meetings.table_deactivated" if used else "meetings.table_deleted", event=table.event_id,
                 obj=table, name=table.name)
    if used:
        table.is_active = False
        db.session.flush()
        return False
    for participant in db.session.scalars(select(MeetingParticipant).where(
            MeetingParticipant.stand_table_id == table.id)):
        participant.stand_table_id = None
    db.session.flush()
    db.session.delete(table)
    db.session.flush()
    return True


# --- Stands --------------------------------------------------------------------------------------

def stand_choices(event: Event, participant: MeetingParticipant | None = None) -> list[MeetingTable]:
    """Active tables that are nobody's stand (and `participant`'s own stand), in table order."""
    tables = grid.pool_tables(event.id)
    if participant is not None and participant.stand_table is not None:
        tables = [participant.stand_table, *tables]
    return tables


def assign_stand(user, participant: MeetingParticipant, table: MeetingTable) -> None:
    """Give a buyer `table` as its own stand: an active table of the event, nobody else's stand,
    and holding no booked meeting of other participants still to come."""
    event = db.session.get(Event, participant.event_id)
    _ensure_organiser(user, event)
    if participant.organisation.kind != "buyer":
        raise MeetingError(_("Seuls les acheteurs peuvent avoir un stand."))
    if table.event_id != participant.event_id:
        raise GridFieldError(_("Choisissez une table de cet événement."), "table_id")
    if participant.stand_table_id == table.id:
        return
    if not table.is_active:
        raise GridFieldError(_("La table « %(name)s » est désactivée : activez-la d'abord.", name=table.name),
                             "table_id")
    holder = db.session.scalar(select(MeetingParticipant).where(MeetingParticipant.stand_table_id == table.id))
    if holder is not None:
        raise GridFieldError(_("La table « %(name)s » est déjà le stand de %(org)s.", name=table.name,
                               org=holder.organisation.name), "table_id")
    others = future_bookings(table, besides=participant)
    if others:
        raise GridFieldError(_(
            "La table « %(name)s » accueille déjà %(count)d rendez-vous réservé(s) d'autres participants : "
            "déplacez-les ou choisissez une autre table.", name=table.name, count=others), "table_id")
    participant.stand_table_id = table.id
    db.session.flush()
    audit.record(user, "meetings.stand_assigned", event=event, organisation=participant.organisation_id,
                 obj=participant, organisation_name=participant.organisation.name, table=table.name)


def remove_stand(user, participant: MeetingParticipant) -> None:
    """The participant no longer has a stand; its table goes back to the shared pool."""
    _ensure_organiser(user, db.session.get(Event, participant.event_id))
    audit.record(user, "meetings.stand_removed", event=participant.event_id, organisation=participant.organisation_id,
                 obj=participant, organisation_name=participant.organisation.name)
    participant.stand_table_id = None
    db.session.flush()


def table_usage(event: Event) -> dict[int, int]:
    """Table id -> the number of meetings booked there (any time)."""
    return dict(db.session.execute(
        select(Meeting.table_id, func.count(Meeting.id)).where(
            Meeting.event_id == event.id, Meeting.table_id.is_not(None)).group_by(Meeting.table_id)).all())


def stand_participants(event: Event) -> list[MeetingParticipant]:
    """The event's buyer participants, those asking for a stand first, then by name."""
    from ..organisations.models import Organisation

    return list(db.session.scalars(
        select(MeetingParticipant).join(Organisation, Organisation.id == MeetingParticipant.organisation_id)
        .where(MeetingParticipant.event_id == event.id, Organisation.kind == "buyer",
               MeetingParticipant.left_at.is_(None))
        .options(selectinload(MeetingParticipant.organisation), selectinload(MeetingParticipant.user),
                 selectinload(MeetingParticipant.stand_table))
        .order_by(MeetingParticipant.wants_stand.desc(), Organisation.name, MeetingParticipant.id)))
