"""Demo part: the B2B meetings of the two demo events.

The Toulouse fair: meetings open, 25 + 5 minute slots on day 1 09:00-12:30 and 14:00-17:30 and day 2
09:00-12:30 (21 slots), twenty shared tables and three buyers' stands; most registered organisations
take part (represented by their admin), and meetings in every state, built from the matching of the
SSE companies with the buyers' published needs: pending requests, a few declined with a reason,
about forty accepted and waiting for the scheduler, and about fifteen booked directly (through
placement.place, in slots where both sides are free). The showcase company "Éclat Propreté
Insertion" and the Région Occitanie take part with no meeting between them, so that the whole
journey (request from a match, accept, book) can be tried by hand.

The online TRAIDS week: video links from a pattern, two periods, a few participants and meetings.

This part needs the rows' ids (matching reads the database, placement writes seats): the loader
flushes the earlier parts before it (Part.after_flush).
"""
import random
from datetime import datetime, time, timedelta

from sqlalchemy import delete, func, or_, select, update

from ..engine.matching import MatchingIndex, rank_needs_for_supplier
from ..extensions import db
from ..matching import adapters
from ..meetings import availability, grid, placement
from ..meetings.models import (
    Meeting,
    MeetingOutcome,
    MeetingParticipant,
    MeetingPeriod,
    MeetingSeat,
    MeetingSettings,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    MeetingUnavailability,
    SchedulingRun,
)
from ..meetings.priority import meeting_weight
from ..needs.models import Need, NeedStatus
from ..organisations.models import Membership, Role
from ..programme.models import (
    Event,
    EventRegistration,
    ProgrammeSession,
    RegistrationStatus,
    SeatStatus,
    SessionRegistration,
)
from ..programme.timezones import to_utc
from ..timeutil import utcnow
from .context import DemoContext

SHOWCASE_PAIR = ("Éclat Propreté Insertion", "Région Occitanie")
FAIR_PERIODS = ((0, "09:00", "12:30"), (0, "14:00", "17:30"), (1, "09:00", "12:30"))
ONLINE_PERIODS = ((1, "14:00", "16:00"), (3, "10:00", "12:00"))
POOL_TABLES = 20
STAND_BUYERS = ("Région Occitanie", "Département de la Haute-Garonne")
OPT_IN_SHARE = 0.85
# How many meetings of each state the fair gets, from the best matches down.
BOOKED, ACCEPTED, REQUESTED, DECLINED = 15, 40, 14, 6
DECLINE_REASONS = (
    "Nous avons déjà un prestataire pour ce besoin jusqu'à la fin de l'année.",
    "Ce besoin sera porté par un groupement de commandes : rapprochez-vous du coordonnateur.",
    "Notre agenda du salon est complet, écrivez-nous après le salon.",
    "Le besoin est encore à l'étude ; nous vous recontacterons au moment du sourcing.",
)
PITCHES = {
    "sse": ("Nous cherchons à rencontrer les acheteurs qui préparent des marchés dans notre activité, "
            "y compris en lots réservés."),
    "buyer": ("Nous préparons nos consultations de l'an prochain et voulons connaître les structures "
              "de l'ESS de la région."),
}
VIDEO_PATTERN = "https://visio.traids.example/{event}-{meeting}-{code}"


def load(ctx: DemoContext) -> None:
    """Add the meeting grids, participants and meetings of the demo's events."""
    rng = ctx.rng_for("meetings")
    organiser = ctx.organisations["organiser"]
    events = list(db.session.scalars(select(Event).where(Event.organiser_organisation_id == organiser.id)
                                     .order_by(Event.starts_on, Event.id)))
    fair = next(e for e in events if not e.is_online)
    week = next(e for e in events if e.is_online)
    _fair(ctx, rng, fair)
    _week(ctx, rng, week)


def _settings(event: Event, periods, **fields) -> None:
    db.session.add(MeetingSettings(event_id=event.id, is_open=True, direct_booking=True, slot_minutes=25,
                                   break_minutes=5, request_expiry_days=7, pending_cap=10, **fields))
    for day, start, end in periods:
        on = event.starts_on + timedelta(days=day)
        db.session.add(MeetingPeriod(
            event_id=event.id, starts_at=to_utc(datetime.combine(on, time.fromisoformat(start)), event.timezone),
            ends_at=to_utc(datetime.combine(on, time.fromisoformat(end)), event.timezone)))
    db.session.flush()
    grid.rebuild_slots(event)


def _participants(ctx: DemoContext, rng: random.Random, event: Event, share: float,
                  limit: int | None = None) -> list[MeetingParticipant]:
    """Participants among the event's approved organisations (buyers and the showcase ones always,
    other SSE companies at `share`), each represented by its admin among the registration's attendees."""
    registrations = db.session.scalars(
        select(EventRegistration).where(EventRegistration.event_id == event.id,
                                        EventRegistration.status == RegistrationStatus.APPROVED.value)
        .order_by(EventRegistration.id)).all()
    admins = dict(db.session.execute(select(Membership.organisation_id, Membership.user_id).where(
        Membership.role == Role.ADMIN.value,
        Membership.organisation_id.in_([r.organisation_id for r in registrations]))).all())
    showcase = set(SHOWCASE_PAIR) | {o.name for o in _showcase(ctx)}
    seats = dict(db.session.execute(
        select(SessionRegistration.user_id, func.count(SessionRegistration.id))
        .join(ProgrammeSession, ProgrammeSession.id == SessionRegistration.session_id)
        .where(ProgrammeSession.event_id == event.id, SessionRegistration.status == SeatStatus.REGISTERED.value)
        .group_by(SessionRegistration.user_id)).all())
    made = []
    for registration in registrations:
        org = registration.organisation
        if org.name not in showcase and org.kind != "buyer" and rng.random() > share:
            continue
        # The showcase organisations' admin (a demo log-in); else the attendee with the fewest sessions.
        attendees = sorted((a.user_id for a in registration.attendees),
                           key=lambda u: (seats.get(u, 0), u != admins.get(org.id), u))
        admin = admins.get(org.id)
        user_id = admin if org.name in showcase and admin in attendees else attendees[0]
        participant = MeetingParticipant(event_id=event.id, organisation_id=org.id, user_id=user_id,
                                         pitch=PITCHES.get(org.kind) if rng.random() < 0.5 else None,
                                         wants_stand=org.name in STAND_BUYERS)
        db.session.add(participant)
        made.append(participant)
        if limit and len(made) >= limit:
            break
    db.session.flush()
    ctx.count("meeting_participants", len(made))
    return made


def _showcase(ctx: DemoContext):
    from .data_buyers import SHOWCASE as BUYERS
    from .data_companies import SHOWCASE as COMPANIES

    return [o for o in ctx.organisations.values() if o.name in COMPANIES or o.name in BUYERS]


def _stands(event: Event, participants: list[MeetingParticipant]) -> None:
    """Twenty pool tables, and a stand for the Région, the Haute-Garonne and one more department."""
    db.session.add_all(MeetingTable(event_id=event.id, name=f"Table {n}", position=n)
                       for n in range(1, POOL_TABLES + 1))
    buyers = [p for p in participants if p.organisation.kind == "buyer"]
    chosen = [p for name in STAND_BUYERS for p in buyers if p.organisation.name == name]
    others = sorted((p for p in buyers if p not in chosen), key=lambda p: (p.organisation.buyer_type != "department",
                                                                          p.organisation.name))
    chosen += others[:1]
    for position, participant in enumerate(chosen, start=POOL_TABLES + 1):
        table = MeetingTable(event_id=event.id, name=f"Stand {_short_name(participant.organisation.name)}"[:60],
                             position=position)
        db.session.add(table)
        db.session.flush()
        participant.wants_stand = True
        participant.stand_table_id = table.id
    db.session.flush()


def _short_name(name: str) -> str:
    for prefix in ("Département de la ", "Département de l'", "Département des ", "Département du "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _candidate_pairs(participants: list[MeetingParticipant]) -> list[tuple]:
    """(score, company, buyer, need id) for each company and buyer with a published need it matches,
    the best need of the pair, best pairs first."""
    companies = [p for p in participants if p.organisation.kind == "sse"]
    buyers = {p.organisation_id: p for p in participants if p.organisation.kind == "buyer"}
    owners = dict(db.session.execute(select(Need.id, Need.organisation_id).where(
        Need.organisation_id.in_(list(buyers)), Need.status == NeedStatus.PUBLISHED.value)).all())
    if not owners or not companies:
        return []
    index = MatchingIndex(adapters.load_suppliers(db.session).suppliers)
    profiles = [index.need_profile(n) for n in adapters.load_needs(db.session, need_ids=list(owners))]
    best: dict[tuple[int, int], tuple] = {}
    for company in companies:
        position = index.position.get(adapters.supplier_key(company.organisation_id))
        if position is None:
            continue
        supplier = index.suppliers[position]
        for match in rank_needs_for_supplier(index, supplier, profiles, top=len(profiles)):
            buyer = buyers[owners[int(match.need)]]
            key = (company.id, buyer.id)
            if key not in best or match.score > best[key][0]:
                best[key] = (match.score, company, buyer, int(match.need))
    return sorted(best.values(), key=lambda c: (-c[0], c[1].id, c[2].id))


def _fair(ctx: DemoContext, rng: random.Random, event: Event) -> None:
    _settings(event, FAIR_PERIODS)
    participants = _participants(ctx, rng, event, OPT_IN_SHARE)
    _stands(event, participants)
    slots = grid.event_slots(event.id)
    # A few people are away for a morning (declared on their availability page).
    away = [p for p in participants if p.organisation.name not in SHOWCASE_PAIR]
    for participant in rng.sample(away, min(4, len(away))):
        db.session.add_all(MeetingUnavailability(participant_id=participant.id, slot_id=s.id) for s in slots[-7:])
    # Buyers' people sit in many sessions: nobody gets more meetings than slots they are free in.
    unavailable = {p.id: set(availability.unavailable_slots(p)) for p in participants}
    free = {p.id: len(slots) - len(unavailable[p.id]) for p in participants}
    chosen = _spread(_pairs(rng, participants), BOOKED + ACCEPTED + REQUESTED + DECLINED, per_buyer=16,
                     per_company=5, free=free)
    accepted = len(chosen) - REQUESTED - DECLINED
    states = ([MeetingStatus.ACCEPTED] * accepted + [MeetingStatus.REQUESTED] * REQUESTED
              + [MeetingStatus.DECLINED] * DECLINED)[:len(chosen)]
    rng.shuffle(states)
    meetings = [_meeting(ctx, rng, event, pair, state) for pair, state in zip(chosen, states)]
    db.session.flush()
    _book(ctx, rng, [m for m in meetings if m.status == MeetingStatus.ACCEPTED][:BOOKED], unavailable=unavailable)


def _pairs(rng: random.Random, participants: list[MeetingParticipant]) -> list[tuple]:
    """The matched pairs, best first, then (score None, no need) the other company-buyer pairs in a
    random order: companies also ask buyers whose needs are not published yet. Never the showcase pair."""
    matched = _candidate_pairs(participants)
    seen = {(c[1].id, c[2].id) for c in matched}
    companies = [p for p in participants if p.organisation.kind == "sse"]
    buyers = [p for p in participants if p.organisation.kind == "buyer"]
    others = [(None, c, b, None) for c in companies for b in buyers if (c.id, b.id) not in seen]
    rng.shuffle(others)
    return [c for c in matched + others if (c[1].organisation.name, c[2].organisation.name) != SHOWCASE_PAIR]


def _spread(pairs: list[tuple], wanted: int, per_buyer: int, per_company: int,
            free: dict[int, int] | None = None) -> list[tuple]:
    """The first `wanted` pairs with at most `per_buyer` meetings per buyer and `per_company` per
    company (and no more than `free`[participant] slots), so that the meetings spread out."""
    free = free or {}
    counted_buyers: dict[int, int] = {}
    counted_companies: dict[int, int] = {}
    chosen = []
    for pair in pairs:
        _score, company, buyer, _need = pair
        if (counted_buyers.get(buyer.id, 0) >= min(per_buyer, free.get(buyer.id, per_buyer))
                or counted_companies.get(company.id, 0) >= min(per_company, free.get(company.id, per_company))):
            continue
        counted_buyers[buyer.id] = counted_buyers.get(buyer.id, 0) + 1
        counted_companies[company.id] = counted_companies.get(company.id, 0) + 1
        chosen.append(pair)
        if len(chosen) == wanted:
            break
    return chosen


def _meeting(ctx: DemoContext, rng: random.Random, event: Event, pair: tuple, status: str) -> Meeting:
    score, company, buyer, need_id = pair
    from_buyer = rng.random() < 0.3
    requester, recipient = (buyer, company) if from_buyer else (company, buyer)
    mutual = status == MeetingStatus.ACCEPTED and rng.random() < 0.15
    score = round(score) if score is not None else None
    now = utcnow()
    created = now - timedelta(days=rng.randint(0, 5), hours=rng.randint(0, 20))
    meeting = Meeting(
        event_id=event.id, requester_id=requester.id, recipient_id=recipient.id, need_id=need_id,
        message=_message(requester, need_id is not None), status=status, is_mutual=mutual, match_score=score,
        weight=meeting_weight(score, mutual), created_by_id=requester.user_id, created_at=created,
        expires_at=created + timedelta(days=7))
    if status != MeetingStatus.REQUESTED:
        meeting.answered_at = created + timedelta(hours=rng.randint(2, 30))
        meeting.answered_by_id = recipient.user_id
    if status == MeetingStatus.DECLINED:
        meeting.decline_reason = rng.choice(DECLINE_REASONS)
    db.session.add(meeting)
    ctx.count("meetings")
    return meeting


def _message(requester: MeetingParticipant, about_need: bool) -> str:
    name = requester.organisation.name
    if requester.organisation.kind == "sse":
        if about_need:
            return (f"Bonjour, {name} aimerait vous présenter son offre au regard de votre besoin publié. "
                    "Un rendez-vous au salon serait l'occasion d'en parler.")
        return (f"Bonjour, {name} aimerait connaître vos projets d'achats des prochains mois et vous présenter "
                "ce que nous faisons.")
    if about_need:
        return f"Bonjour, votre profil correspond à un besoin de {name}. Pouvons-nous en parler pendant le salon ?"
    return f"Bonjour, {name} souhaite mieux connaître les structures de l'ESS de la région : êtes-vous disponible ?"



def _book(ctx: DemoContext, rng: random.Random, meetings: list[Meeting], online: bool = False,
          unavailable: dict[int, set[int]] | None = None) -> None:
    """Book each meeting directly, as one of its sides would: in a future slot where neither side is
    unavailable (declared, or in a session) or already booked, at a free table (none online)."""
    slots = grid.event_slots(meetings[0].event_id) if meetings else []
    now = utcnow()
    unavailable = unavailable if unavailable is not None else {}
    for meeting in meetings:
        blocked: set[int] = set()
        for side in meeting.participants:
            if side.id not in unavailable:
                unavailable[side.id] = set(availability.unavailable_slots(side))
            blocked |= unavailable[side.id] | set(availability.busy_slots(side))
        free = [s for s in slots if s.starts_at > now and s.id not in blocked]
        rng.shuffle(free)
        for slot in free[:8]:
            tables = [] if online else availability.candidate_tables(meeting, slot.id)
            if online or tables:
                placement.place(meeting.requester.user, meeting, slot, tables[0] if tables else None,
                                source="direct")
                ctx.count("meetings_booked")
                break


def _week(ctx: DemoContext, rng: random.Random, event: Event) -> None:
    _settings(event, ONLINE_PERIODS, video_link_pattern=VIDEO_PATTERN)
    participants = _participants(ctx, rng, event, 1.0, limit=8)
    states = [MeetingStatus.ACCEPTED, MeetingStatus.ACCEPTED, MeetingStatus.ACCEPTED, MeetingStatus.REQUESTED]
    chosen = _spread(_pairs(rng, participants), len(states), per_buyer=2, per_company=1)
    meetings = [_meeting(ctx, rng, event, pair, state) for pair, state in zip(chosen, states)]
    db.session.flush()
    _book(ctx, rng, [m for m in meetings if m.status == MeetingStatus.ACCEPTED][:2], online=True)


def reset(org_ids: list[int], user_ids: list[int]) -> None:
    """Delete the meetings rows of the demo events, and the demo organisations' and people's rows in others."""
    event_ids = select(Event.id).where(Event.organiser_organisation_id.in_(org_ids))
    participant_ids = select(MeetingParticipant.id).where(or_(
        MeetingParticipant.event_id.in_(event_ids), MeetingParticipant.organisation_id.in_(org_ids),
        MeetingParticipant.user_id.in_(user_ids)))
    meeting_ids = select(Meeting.id).where(or_(Meeting.event_id.in_(event_ids), Meeting.requester_id.in_(participant_ids),
                                               Meeting.recipient_id.in_(participant_ids)))
    for statement in (
        delete(MeetingSeat).where(MeetingSeat.meeting_id.in_(meeting_ids)),
        delete(MeetingOutcome).where(MeetingOutcome.meeting_id.in_(meeting_ids)),
        delete(Meeting).where(Meeting.id.in_(meeting_ids)),
        delete(MeetingUnavailability).where(MeetingUnavailability.participant_id.in_(participant_ids)),
        update(MeetingParticipant).where(MeetingParticipant.id.in_(participant_ids)).values(stand_table_id=None),
        delete(MeetingParticipant).where(MeetingParticipant.id.in_(participant_ids)),
        delete(SchedulingRun).where(SchedulingRun.event_id.in_(event_ids)),
        delete(MeetingTable).where(MeetingTable.event_id.in_(event_ids)),
        delete(MeetingSlot).where(MeetingSlot.event_id.in_(event_ids)),
        delete(MeetingPeriod).where(MeetingPeriod.event_id.in_(event_ids)),
        delete(MeetingSettings).where(MeetingSettings.event_id.in_(event_ids)),
    ):
        db.session.execute(statement.execution_options(synchronize_session=False))

