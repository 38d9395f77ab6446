"""Exports and printouts of an event for its organisers (CSV files and printable A4 pages)."""
from flask import Blueprint, render_template
from flask_babel import format_date

from ..programme.event_views import managed_event
from ..programme.models import Event
from ..programme.timezones import to_local
from . import exports

bp = Blueprint("exports", __name__)


def _day_text(meeting, event) -> str:
    text = format_date(to_local(meeting.slot.starts_at, event.timezone).date(), "full")
    return text[:1].upper() + text[1:]


def _helpers(event: Event) -> dict:
    return {"event": event, "hour": exports.hour, "day_text": _day_text, "sides": exports.sides,
            "subject": exports.subject, "place": exports.place, "counterpart": exports.counterpart}


@bp.get("/evenements/<int:event_id>/exports")
@managed_event
def index(event: Event):
    return render_template("backoffice/exports/index.html", event=event)


@bp.get("/evenements/<int:event_id>/exports/participants.csv")
@managed_event
def participants_csv(event: Event):
    return exports.csv_response(exports.participant_header(), exports.participant_rows(event),
                                f"participants-{event.slug}.csv")


@bp.get("/evenements/<int:event_id>/exports/besoins.csv")
@managed_event
def needs_csv(event: Event):
    return exports.csv_response(exports.need_header(), exports.need_rows(event), f"besoins-{event.slug}.csv")


@bp.get("/evenements/<int:event_id>/exports/rendez-vous.csv")
@managed_event
def schedule_csv(event: Event):
    return exports.csv_response(exports.schedule_header(), exports.schedule_rows(event),
                                f"rendez-vous-{event.slug}.csv")


@bp.get("/evenements/<int:event_id>/exports/rendez-vous-par-table")
@managed_event
def schedule_tables(event: Event):
    return render_template("backoffice/exports/schedule_tables.html", groups=exports.by_table(event),
                           **_helpers(event))


@bp.get("/evenements/<int:event_id>/exports/rendez-vous-par-personne")
@managed_event
def schedule_people(event: Event):
    return render_template("backoffice/exports/schedule_people.html", groups=exports.by_person(event),
                           **_helpers(event))


@bp.get("/evenements/<int:event_id>/exports/chevalets")
@managed_event
def table_cards(event: Event):
    return render_template("backoffice/exports/table_cards.html", cards=exports.table_cards(event), event=event)
