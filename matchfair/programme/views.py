"""The public programme of an event (by day, by room, as a list), a page per session, and a
person's agenda for an event (printable). Read-only pages: nothing here writes.

Who sees what (access.py): a published session of a published event is public; an unpublished
event or session is a 404 but for the event's organisers, who see it marked "non publiée".
"""
from datetime import date, datetime
from itertools import groupby

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import format_date, format_time, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..extensions import db
from ..timeutil import utcnow
from . import public_programme as programme
from .access import event_or_404, is_event_organiser, session_or_404
from .agenda import agenda_items, session_location, speaker_text
from .events_services import attending_event, zone_text
from .models import Event, SeatStatus
from .programme_filters import ProgrammeFilterForm
from .registrations import waiting_rank
from .timezones import to_local

bp = Blueprint("programme", __name__)

# The zone most visitors live in; a session in another zone says which one its times are in.
USUAL_ZONE = "Europe/Paris"


def _event_by_slug(slug: str) -> Event:
    event_id = db.session.scalar(select(Event.id).where(Event.slug == slug))
    if event_id is None:
        abort(404)
    return event_or_404(event_id)


@bp.context_processor
def _helpers():
    # Made once per page and memoised: a programme of 120 sessions asks for the same few times,
    # days and labels again and again, and each Babel call costs.
    cache: dict = {}

    def memo(key, make):
        if key not in cache:
            cache[key] = make()
        return cache[key]

    def local(moment: datetime, event: Event) -> datetime:
        return memo(("local", moment, event.timezone), lambda: to_local(moment, event.timezone))

    def hour(moment: datetime, event: Event) -> str:
        """"09:30" in the event's zone and the page's language."""
        return memo(("hour", moment, event.timezone),
                    lambda: format_time(local(moment, event), "short", rebase=False))

    def day_label(day: date, fmt: str = "full", capital: bool = False) -> str:
        """The date in the page's language; `capital`: first letter only upper-cased (not |capitalize,
        which lower-cases the rest, English month names included)."""
        text = memo(("day", day, fmt), lambda: format_date(day, fmt))
        return text[:1].upper() + text[1:] if capital else text

    def kind_label(kind: str) -> str:
        return memo(("kind", kind), lambda: programme.kind_label(kind))

    def places_text(left: int | None) -> str:
        """"12 places restantes", "Complet" or "Places illimitées"."""
        def make():
            if left is None:
                return _("Places illimitées")
            if left == 0:
                return _("Complet")
            return ngettext("%(num)d place restante", "%(num)d places restantes", left)
        return memo(("places", left), make)

    def programme_url(**changes) -> str:
        """This programme page with some query arguments changed (None or "" removes one)."""
        args = {k: v for k, v in request.args.items() if k in ("type", "theme", "vue", "jour")}
        args.update(changes)
        return url_for("programme.event_programme", slug=request.view_args["slug"],
                       **{k: v for k, v in args.items() if v})

    texts = {"now": _("En cours"), "next": _("À suivre"), "online": _("En ligne"), "no_room": _("Salle à préciser"),
             "cancelled": _("Annulée"), "draft": _("Non publiée"), "themes": _("Thèmes")}
    return {"programme_url": programme_url, "local": local, "hour": hour, "day_label": day_label,
            "kind_label": kind_label, "places_left": programme.places_left, "places_text": places_text,
            "speaker_text": speaker_text, "speaker_profile_id": programme.speaker_profile_id, "texts": texts}


@bp.get("/evenements/<slug>/programme")
def event_programme(slug: str):
    event = _event_by_slug(slug)
    organiser = is_event_organiser(current_user, event)
    themes = programme.event_themes(event, include_unpublished=organiser)
    labels = programme.theme_labels(themes)
    form = ProgrammeFilterForm(request.args, labels)
    form.validate()
    filters = form.chosen()
    sessions = programme.programme_sessions(event, include_unpublished=organiser, **filters)
    days = programme.by_day(event, sessions)
    day = _chosen_day(form.jour.data, event, list(days))
    now_ids, next_ids = programme.highlighted(event, sessions)
    return render_template(
        "programme/public/programme.html", event=event, form=form, view=form.view, sessions=sessions,
        days=days, day=day, rooms=programme.by_room(event, sessions) if form.view == "salle" else [],
        theme_labels=labels, filtered=any(filters.values()), is_organiser=organiser,
        now_ids=now_ids, next_ids=next_ids, usual_zone=event.timezone == USUAL_ZONE, zone=zone_text(event),
        my_seats=programme.my_seats(current_user, sessions), seat_waiting_counts=programme.waiting_counts(sessions),
        seat_attending=attending_event(current_user, event) if current_user.is_authenticated else False,
        seat_batch=True,
    )


def _chosen_day(value: str | None, event: Event, days: list[date]) -> date | None:
    """?jour=2026-05-12 when it is a day of the programme; else today during the event; else day one."""
    if not days:
        return None
    try:
        chosen = date.fromisoformat(value) if value else None
    except ValueError:
        chosen = None
    if chosen in days:
        return chosen
    today = to_local(utcnow(), event.timezone).date()
    return today if today in days else days[0]


@bp.get("/seances/<int:session_id>")
def session(session_id: int):
    item = session_or_404(session_id)
    event = item.event
    seats = programme.my_seats(current_user, [item])
    mine = seats.get(item.id)
    registered = mine is not None and mine.status == SeatStatus.REGISTERED
    themes = [t.theme for t in item.themes]
    return render_template(
        "programme/public/session.html", session=item, event=event, is_organiser=is_event_organiser(current_user, event),
        registered=registered, my_seat=mine if mine is not None and mine.status != SeatStatus.CANCELLED else None,
        online_link=(item.online_url or (event.online_url if event.is_online and item.room is None else None)),
        location=session_location(item), theme_labels=programme.theme_labels(themes), themes=themes,
        usual_zone=event.timezone == USUAL_ZONE, zone=zone_text(event), my_seats=seats,
        places=programme.places_left(item),
    )


@bp.get("/evenements/<slug>/mon-agenda")
@login_required
def my_agenda(slug: str):
    event = _event_by_slug(slug)
    # Seats the organiser cancelled (or withdrew) stay, struck through: the person needs to know.
    items = [i for i in agenda_items(current_user, event, include_cancelled=True)
             if i.status != SeatStatus.CANCELLED or (i.session_cancelled and i.registration.status != SeatStatus.CANCELLED)]
    ranks = {i.key: waiting_rank(i.registration) for i in items if i.status == SeatStatus.WAITING}
    days = [(day, list(group)) for day, group in groupby(items, key=lambda i: i.local_starts_at.date())]
    return render_template(
        "programme/public/agenda.html", event=event, days=days, count=len(items), ranks=ranks,
        attending=attending_event(current_user, event), usual_zone=event.timezone == USUAL_ZONE,
        zone=zone_text(event), is_organiser=is_event_organiser(current_user, event),
    )
