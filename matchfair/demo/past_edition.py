"""Demo part: last edition of the fair, held about five months before the load date in Montpellier,
so that the organiser's back office can be seen on a fair run through to the end: registrations
decided, people checked in at the entrance, workshops filled, meetings held (and a few no-shows),
and what came of them reported by both sides (information, cooperations, consultations to answer,
contracts signed with their amounts), with the organisers' audit log.

Its rows are written directly (no services), like the other parts, except the meetings' bookings
(placement.place_many, the one writer of bookings). It needs the rows' ids: Part.after_flush.
Its events are the organiser's, so the programme and meetings parts' resets delete them; `reset`
deletes the audit entries of the demo's people and organisations.
"""
import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, or_, select

from ..backoffice.models import AuditEntry
from ..extensions import db
from ..meetings import grid, placement
from ..meetings.models import BookingSource, Meeting, MeetingOutcome, MeetingStatus, MeetingTable, Outcome
from ..needs.direct_award import local_today
from ..programme.models import Attendee, Event, EventRegistration, ProgrammeSession, Room, SessionRegistration
from ..programme.timezones import to_utc
from . import meetings as demo_meetings
from . import programme as demo_programme
from .context import DemoContext

DAYS_AGO = 150
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
ROOMS = (("Salle Pasteur", 150, "Niveau 0, boucle magnétique"), ("Salle Joffre", 30, "Niveau 1, ascenseur"),
         ("Espace rendez-vous", 80, "Hall : tables des rendez-vous d'affaires"))
# (start, end, kind, title, room, capacity or None for the room's, share of the places taken)
SESSIONS = (
    ("09:30", "10:15", "plenary", "Ouverture : bilan des achats responsables de l'année", "Salle Pasteur", None, 0.55),
    ("10:30", "12:00", "workshop", "Les marchés réservés aux SIAE, EA et ESAT", "Salle Joffre", None, 1.0),
    ("14:00", "15:30", "training", "Suivre une clause sociale avec le facilitateur", "Salle Joffre", 25, 0.8),
)
PERIODS = ((0, "09:00", "12:30"), (0, "14:00", "17:30"))
TABLES = 12
REFUSED = ("Votre structure n'a pas d'établissement en Occitanie.",
           "Inscription en double : votre collègue a déjà inscrit la structure.")
CHECKED_IN_SHARE = 0.85
# Meetings: accepted and booked, a few declined and a few cancelled before the day.
BOOKED, DECLINED, CANCELLED = 46, 6, 2
NO_SHOW_SHARE, REPORTED_SHARE = 0.08, 0.75
# A held meeting's outcome (never "not held": the meeting was checked in).
OUTCOME_WEIGHTS = ((Outcome.INFORMATIVE, 34), (Outcome.COOPERATION, 24), (Outcome.CONSULTATION, 24),
                   (Outcome.CONTRACT, 18))
COMMENTS = {
    Outcome.INFORMATIVE: "Échange utile sur le calendrier des achats de l'an prochain.",
    Outcome.COOPERATION: "Nous préparons une réponse commune avec une autre structure rencontrée au salon.",
    Outcome.CONSULTATION: "La consultation sort à l'automne : nous y répondrons.",
    Outcome.CONTRACT: "Bon de commande signé après un devis, sous le seuil de dispense de procédure.",
}


def past_start(today: date) -> date:
    """A Tuesday about DAYS_AGO days before `today`."""
    start = today - timedelta(days=DAYS_AGO)
    return start - timedelta(days=(start.weekday() - 1) % 7)


def load(ctx: DemoContext) -> None:
    rng = ctx.rng_for("past_edition")
    organiser = ctx.organisations["organiser"]
    staff = [m.user for m in organiser.memberships]
    start = past_start(local_today())
    event = _event(ctx, organiser, start)
    db.session.flush()
    opened = _local(event, start - timedelta(days=60), "09:00")
    _audit(staff[0], "event.created", event, organiser.id, event, opened - timedelta(days=1), name=event.name)
    _audit(staff[0], "event.published", event, organiser.id, event, opened, name=event.name)
    orgs = demo_programme._pick_organisations(ctx, rng)
    refused = set(rng.sample(orgs[-12:], len(REFUSED)))
    attendees = _register(ctx, rng, event, orgs, refused, staff, opened)
    _sessions(ctx, rng, event, attendees)
    _check_in(ctx, rng, event, attendees, staff)
    db.session.flush()
    _meetings(ctx, rng, event, staff[0], opened)


def _event(ctx: DemoContext, organiser, start: date) -> Event:
    name = f"Rencontres ESS & achat public de Montpellier, {MONTHS[start.month - 1]} {start.year}"
    event = Event(
        organiser=organiser, name=name, slug=demo_programme._slug(name), starts_on=start, ends_on=start,
        timezone=demo_programme.ZONE, is_online=False, venue_name="Le Corum",
        venue_address="Esplanade Charles-de-Gaulle, 34000 Montpellier", department_code="34",
        registration_opens_at=to_utc(datetime.combine(start - timedelta(days=60), time(9)), demo_programme.ZONE),
        registration_closes_at=to_utc(datetime.combine(start - timedelta(days=2), time(18)), demo_programme.ZONE),
        requires_approval=True, is_published=True,
        description="L'édition précédente des rencontres, dans l'Hérault : une journée de rendez-vous d'affaires "
                    "entre acheteurs publics et structures de l'ESS, un atelier sur les marchés réservés et une "
                    "formation au suivi des clauses sociales.",
    )
    event.rooms = [Room(name=n, capacity=c, description=d, position=i) for i, (n, c, d) in enumerate(ROOMS, 1)]
    db.session.add(event)
    ctx.count("events")
    ctx.count("rooms", len(ROOMS))
    return event


def _local(event: Event, day: date, at: str) -> datetime:
    return to_utc(datetime.combine(day, time.fromisoformat(at)), event.timezone)


def _audit(actor, action: str, event: Event, organisation_id, obj, at: datetime, **details) -> None:
    db.session.add(AuditEntry(actor_id=actor.id, organisation_id=organisation_id, event_id=event.id, action=action,
                              object_type=obj.__tablename__, object_id=obj.id, details=details, created_at=at))


def _register(ctx, rng, event, orgs, refused, staff, opened) -> list[tuple]:
    """Every organisation registered in the first weeks; the organisers decided within a day.
    Returns (attendee, organisation) of the approved registrations."""
    attending = []
    for i, org in enumerate(orgs):
        created = opened + timedelta(days=i // 3, hours=rng.randint(1, 9))
        decided, by = created + timedelta(hours=rng.randint(3, 26)), staff[i % len(staff)]
        is_refused = org in refused
        registration = EventRegistration(
            event=event, organisation=org, status="refused" if is_refused else "approved", created_at=created,
            decided_at=decided, decided_by_id=by.id, created_by_id=org.memberships[0].user_id,
            refusal_reason=REFUSED[len([o for o in orgs[:i] if o in refused])] if is_refused else None,
            attendees=[] if is_refused else [Attendee(user=m.user) for m in org.memberships])
        db.session.add(registration)
        db.session.flush()
        if is_refused:
            _audit(by, "registration.refused", event, org.id, registration, decided, organisation_name=org.name,
                   reason=registration.refusal_reason)
        else:
            _audit(by, "registration.approved", event, org.id, registration, decided, organisation_name=org.name,
                   reason=None)
            attending += [(a, org) for a in registration.attendees]
        ctx.count("event_registrations")
        ctx.count("audit_entries")
    return attending


def _sessions(ctx, rng, event, attendees) -> None:
    """The day's three sessions, filled to their share of places (the reserved-contracts workshop full)."""
    people = [a.user for a, _org in attendees]
    for start, end, kind, title, room_name, capacity, share in SESSIONS:
        room = next(r for r in event.rooms if r.name == room_name)
        session = ProgrammeSession(
            event=event, kind=kind, title=title, room=room, is_published=True, registered_count=0,
            starts_at=_local(event, event.starts_on, start), ends_at=_local(event, event.starts_on, end),
            capacity=capacity or room.capacity)
        taken = min(len(people), round(session.capacity * share))
        for rank, user in enumerate(rng.sample(people, taken)):
            db.session.add(SessionRegistration(session=session, user=user, status="registered",
                                               queued_at=session.starts_at - timedelta(days=12, minutes=-7 * rank)))
        session.registered_count = taken
        db.session.add(session)
        ctx.count("sessions")
        ctx.count("session_registrations", taken)


def _check_in(ctx, rng, event, attendees, staff) -> None:
    """Most people were scanned at the entrance between 08:30 and 10:30."""
    first = _local(event, event.starts_on, "08:30")
    for rank, (attendee, org) in enumerate(attendees):
        if rng.random() >= CHECKED_IN_SHARE:
            continue
        by = staff[rank % len(staff)]
        attendee.checked_in_at = first + timedelta(minutes=rank * 120 // len(attendees), seconds=rng.randint(0, 59))
        attendee.checked_in_by_id = by.id
        db.session.flush()
        _audit(by, "attendee.checked_in", event, org.id, attendee, attendee.checked_in_at,
               name=attendee.user.full_name, organisation_name=org.name)
        ctx.count("attendees_checked_in")
        ctx.count("audit_entries")


def _meetings(ctx, rng: random.Random, event: Event, organiser_user, opened: datetime) -> None:
    """Meetings asked for before the fair, booked by the organisers' schedule, held (or not) on the day,
    and what came of them, reported by one side or both."""
    demo_meetings._settings(event, PERIODS)
    settings = grid.settings_of(event.id)
    settings.is_open = False
    db.session.add_all(MeetingTable(event_id=event.id, name=f"Table {n}", position=n) for n in range(1, TABLES + 1))
    participants = demo_meetings._participants(ctx, rng, event, 0.9)
    slots = grid.event_slots(event.id)
    tables = list(db.session.scalars(select(MeetingTable).where(MeetingTable.event_id == event.id)
                                     .order_by(MeetingTable.position)))
    pairs = demo_meetings._spread(demo_meetings._pairs(rng, participants), BOOKED + DECLINED + CANCELLED,
                                  per_buyer=10, per_company=4)
    states = ([MeetingStatus.ACCEPTED] * (len(pairs) - DECLINED - CANCELLED) + [MeetingStatus.DECLINED] * DECLINED
              + [MeetingStatus.CANCELLED] * CANCELLED)[:len(pairs)]
    rng.shuffle(states)
    meetings = [demo_meetings._meeting(ctx, rng, event, pair, state) for pair, state in zip(pairs, states)]
    db.session.flush()
    for meeting in meetings:
        meeting.created_at = opened + timedelta(days=rng.randint(10, 45), hours=rng.randint(0, 10))
        meeting.expires_at = meeting.created_at + timedelta(days=7)
        if meeting.answered_at is not None:
            meeting.answered_at = meeting.created_at + timedelta(hours=rng.randint(2, 30))
        if meeting.status == MeetingStatus.CANCELLED:
            meeting.cancelled_at = meeting.answered_at + timedelta(days=2)
            meeting.cancelled_by_id = meeting.requester.user_id
            meeting.cancel_reason = "Nous ne pourrons finalement pas venir au salon."
    db.session.flush()
    published = _local(event, event.starts_on - timedelta(days=6), "17:00")
    placed = _schedule(organiser_user, [m for m in meetings if m.status == MeetingStatus.ACCEPTED], slots, tables)
    for meeting in placed:
        meeting.booked_at = published
        meeting.sequence = 1
        _held(rng, meeting)
    ctx.count("meetings_booked", len(placed))


def _schedule(user, meetings: list[Meeting], slots, tables) -> list[Meeting]:
    """Each meeting in the first slot where both sides are free, at the first free table."""
    busy: set[tuple[int, int]] = set()
    used: set[tuple[int, int]] = set()
    items = []
    for meeting in meetings:
        for slot in slots:
            if {(meeting.requester_id, slot.id), (meeting.recipient_id, slot.id)} & busy:
                continue
            table = next((t for t in tables if (slot.id, t.id) not in used), None)
            if table is None:
                continue
            busy |= {(meeting.requester_id, slot.id), (meeting.recipient_id, slot.id)}
            used.add((slot.id, table.id))
            items.append((meeting, slot, table))
            break
    placed, _refused = placement.place_many(user, items, source=BookingSource.SCHEDULER)
    return placed


def _held(rng: random.Random, meeting: Meeting) -> None:
    """Held (checked in a few minutes after the start) or a no-show; then the sides' reports."""
    slot = meeting.slot
    if rng.random() < NO_SHOW_SHARE:
        meeting.no_show_id = rng.choice((meeting.requester_id, meeting.recipient_id))
        return
    meeting.checked_in_at = slot.starts_at + timedelta(minutes=rng.randint(0, 4))
    if rng.random() >= REPORTED_SHARE:
        return
    outcome = rng.choices([o for o, _w in OUTCOME_WEIGHTS], weights=[w for _o, w in OUTCOME_WEIGHTS])[0]
    amount = rng.choice((6_500, 12_000, 18_400, 24_000, 39_900, 58_000)) if outcome == Outcome.CONTRACT else None
    sides = [meeting.requester, meeting.recipient]
    rng.shuffle(sides)
    for n, side in enumerate(sides[:2 if rng.random() < 0.4 else 1]):
        db.session.add(MeetingOutcome(
            meeting_id=meeting.id, participant_id=side.id, outcome=outcome, contract_amount_eur=amount,
            comment=COMMENTS[outcome] if n == 0 else None, recorded_by_id=side.user_id,
            created_at=slot.ends_at + timedelta(days=rng.randint(3, 60))))


def reset(org_ids: list[int], user_ids: list[int]) -> None:
    """Delete the audit entries of the demo's events, organisations and people."""
    event_ids = select(Event.id).where(Event.organiser_organisation_id.in_(org_ids))
    db.session.execute(delete(AuditEntry).where(or_(
        AuditEntry.event_id.in_(event_ids), AuditEntry.organisation_id.in_(org_ids),
        AuditEntry.actor_id.in_(user_ids))).execution_options(synchronize_session=False))
