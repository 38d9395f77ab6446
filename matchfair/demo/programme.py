"""Demo part: the fair's programme. A two-day event in Toulouse (a month after the load date) with
five rooms, about forty registered organisations and a dozen sessions without clashes (one small
workshop full, with a waiting list), and an online TRAIDS week with three sessions.

Rows are written directly (no services) and without flushing, like the other parts.
"""
import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, func, or_, select, update

from ..extensions import db
from ..needs.direct_award import local_today
from ..organisations.models import Organisation, Role
from ..programme.events_services import available_slug
from ..programme.models import (
    Attendee,
    Event,
    EventRegistration,
    ProgrammeSession,
    Room,
    SessionRegistration,
    SessionTheme,
    Speaker,
)
from ..programme.timezones import to_utc
from ..timeutil import utcnow
from .context import DemoContext
from .data_buyers import SHOWCASE as BUYER_SHOWCASE
from .data_companies import SHOWCASE as COMPANY_SHOWCASE
from .identity import DEMO_DOMAIN, slugify

ZONE = "Europe/Paris"
DAYS_AHEAD = 30
ROOMS = (("Amphithéâtre", 200, "Rez-de-chaussée, boucle magnétique"), ("Salle Garonne", 40, "1er étage, ascenseur"),
         ("Salle Canal", 30, "1er étage, ascenseur"), ("Atelier 1", 20, "Rez-de-chaussée"),
         ("Espace rendez-vous", 120, "Hall central : tables des rendez-vous d'affaires"))
SSE_REGISTERED, BUYERS_REGISTERED, PENDING = 30, 10, 4
FULL_WORKSHOP = "Chiffrer sa réponse : le bordereau de prix pas à pas"
FULL_CAPACITY, WAITING = 12, 3
# (day, start, end, kind, title, room, capacity or None for the room's, speaker kinds, themes, description)
SESSIONS = (
    (0, "09:30", "10:30", "plenary", "Ouverture : l'achat public responsable en Occitanie", "Amphithéâtre", None,
     ("organiser", "buyer"), ("topic:achats-responsables",),
     "Les objectifs de la Région et des acheteurs publics, et ce que ces deux jours doivent permettre."),
    (0, "11:00", "12:30", "workshop", "Répondre à un marché public", "Salle Garonne", None, ("buyer", "sse"),
     ("topic:premiers-pas",), ("Lire un dossier de consultation, poser ses questions, construire un mémoire "
     "technique qui répond aux critères : un atelier pratique avec une acheteuse et une structure qui gagne.")),
    (0, "11:00", "12:30", "round_table", "Les marchés réservés : EA, ESAT, SIAE et entreprises de l'ESS",
     "Amphithéâtre", None, ("buyer", "sse", "sse"), ("topic:marches-reserves",),
     "Articles L2113-12 à L2113-15 : quels marchés réserver, à qui, et comment vérifier l'éligibilité."),
    (0, "11:00", "12:30", "workshop", FULL_WORKSHOP, "Atelier 1", FULL_CAPACITY, ("sse",), ("topic:premiers-pas",),
     "En petit groupe, sur un vrai bordereau de prix : coûts, marge, révision des prix."),
    (0, "14:00", "15:30", "pitch", "Pitchs : dix structures de l'ESS face aux acheteurs", "Espace rendez-vous", None,
     ("sse", "sse"), ("cpv:90", "cpv:77"), "Trois minutes chacune pour présenter leur offre, puis les questions."),
    (0, "14:00", "15:30", "training", "Les clauses sociales d'insertion, mode d'emploi", "Salle Canal", None,
     ("buyer",), ("topic:clauses-sociales",), ("Condition d'exécution ou critère d'attribution, suivi des heures "
     "avec le facilitateur : une formation pour les acheteurs et les entreprises.")),
    (0, "16:00", "17:00", "workshop", "Se grouper pour répondre : cotraitance et sous-traitance", "Salle Garonne",
     None, ("sse",), ("topic:groupements",), "Former un groupement momentané, répartir les lots, choisir le mandataire."),
    (1, "09:30", "11:00", "training", "Déposer une offre sur un profil d'acheteur", "Atelier 1", None, ("buyer",),
     ("topic:premiers-pas",), "Certificat, signature, dépôt électronique : une démonstration pas à pas."),
    (1, "09:30", "11:00", "round_table", "Le SPASER, levier de l'achat socialement responsable", "Amphithéâtre",
     None, ("buyer", "buyer"), ("topic:achats-responsables",), "Des acheteurs présentent leur schéma et leurs indicateurs."),
    (1, "11:30", "12:30", "workshop", "Sourcing : présenter son offre en cinq minutes", "Salle Canal", None,
     ("buyer",), ("topic:premiers-pas",), "Préparer un rendez-vous de sourcing avec un acheteur, et le suivre."),
    (1, "14:00", "15:00", "pitch", "Pitchs : innovations sociales et achats durables", "Espace rendez-vous", None,
     ("sse", "sse"), ("topic:innovation", "cpv:45"), "Réemploi, économie circulaire, numérique responsable."),
    (1, "15:30", "16:30", "plenary", "Clôture : les engagements des acheteurs", "Amphithéâtre", None,
     ("organiser", "buyer"), ("topic:achats-responsables",), "Ce que les acheteurs publieront dans l'année."),
)
ONLINE_SESSIONS = (
    (0, "10:00", "11:00", "training", "Comprendre le recensement des besoins", ("buyer",), ("topic:premiers-pas",)),
    (2, "14:00", "15:00", "round_table", "Achats solidaires outre-mer et en métropole", ("buyer", "sse"),
     ("topic:achats-responsables",)),
    (4, "11:00", "12:00", "workshop", "Les clauses sociales dans les marchés de services", ("sse",),
     ("topic:clauses-sociales", "cpv:90")),
)


def load(ctx: DemoContext) -> None:
    """Add the two demo events, their rooms, registrations and sessions."""
    rng = ctx.rng_for("programme")
    today, now = local_today(), utcnow()
    fair = _fair(ctx, today, now)
    orgs = _pick_organisations(ctx, rng)
    waiting_approval = set(rng.sample(orgs[len(COMPANY_SHOWCASE) + len(BUYER_SHOWCASE):], PENDING))
    attendees = _register(ctx, fair, orgs, now, pending=waiting_approval)
    speakers = _speakers(ctx, rng, [o for o in orgs if o not in waiting_approval])
    sessions = [_session(fair, spec, fair.starts_on, speakers, ctx) for spec in SESSIONS]
    _seat(ctx, rng, sessions, attendees, now)
    week = _traids(ctx, today, now)
    _register(ctx, week, orgs[:12], now, pending=set())
    for day, start, end, kind, title, speaker_kinds, themes in ONLINE_SESSIONS:
        spec = (day, start, end, kind, title, None, None, speaker_kinds, themes, None)
        session = _session(week, spec, week.starts_on, speakers, ctx)
        session.online_url = f"https://visio.{DEMO_DOMAIN}/traids/{slugify(title)}"


def _fair(ctx: DemoContext, today: date, now: datetime) -> Event:
    start = fair_start(today)
    name = f"Rencontres ESS & achat public Occitanie {start.year}"
    event = Event(
        organiser=ctx.organisations["organiser"], name=name, slug=_slug(name), starts_on=start,
        ends_on=start + timedelta(days=1), timezone=ZONE, is_online=False,
        venue_name="Centre de congrès Pierre-Baudis", venue_address="11 esplanade Compans-Caffarelli, 31000 Toulouse",
        department_code="31", registration_opens_at=now - timedelta(days=20),
        registration_closes_at=to_utc(datetime.combine(start - timedelta(days=2), time(18)), ZONE),
        requires_approval=True, is_published=True,
        description="Deux jours pour que les acheteurs publics et les structures de l'économie sociale et solidaire "
                    "se rencontrent : rendez-vous d'affaires, ateliers pratiques et tables rondes sur les marchés "
                    "réservés et les clauses sociales.\n\nAccès : métro ligne B, station Compans-Caffarelli. "
                    "Le lieu est accessible en fauteuil roulant.",
    )
    event.rooms = [Room(name=n, capacity=c, description=d, position=i) for i, (n, c, d) in enumerate(ROOMS, 1)]
    db.session.add(event)
    ctx.count("events")
    ctx.count("rooms", len(ROOMS))
    return event


def _traids(ctx: DemoContext, today: date, now: datetime) -> Event:
    start = today + timedelta(days=60)
    start += timedelta(days=(7 - start.weekday()) % 7)  # a Monday
    name = f"TRAIDS {start.year} : la semaine en ligne des achats solidaires"
    event = Event(
        organiser=ctx.organisations["organiser"], name=name, slug=_slug(f"traids-{start.year}"), starts_on=start,
        ends_on=start + timedelta(days=4), timezone=ZONE, is_online=True,
        online_url=f"https://visio.{DEMO_DOMAIN}/traids", registration_opens_at=now - timedelta(days=5),
        requires_approval=False, is_published=True,
        description="Une semaine de webinaires courts pour préparer ses réponses aux marchés publics, depuis "
                    "l'Occitanie comme depuis les outre-mer.",
    )
    db.session.add(event)
    ctx.count("events")
    return event


def _slug(name: str) -> str:
    with db.session.no_autoflush:
        return available_slug(slugify(name)[:80].strip("-"))


def _pick_organisations(ctx: DemoContext, rng: random.Random) -> list[Organisation]:
    """The showcase organisations first, then others drawn at random (SSE companies and buyers)."""
    sse = [o for k, o in ctx.organisations.items() if k.startswith("sse:")]
    buyers = [o for k, o in ctx.organisations.items() if k.startswith("buyer:")]
    showcase = [o for o in sse + buyers if o.name in COMPANY_SHOWCASE or o.name in BUYER_SHOWCASE]
    rest_sse = rng.sample([o for o in sse if o not in showcase], SSE_REGISTERED - len(COMPANY_SHOWCASE))
    rest_buyers = rng.sample([o for o in buyers if o not in showcase], BUYERS_REGISTERED - len(BUYER_SHOWCASE))
    return showcase + rest_sse + rest_buyers


def _register(ctx: DemoContext, event: Event, orgs: list[Organisation], now: datetime, pending: set) -> list:
    """Register `orgs` with all their members; those in `pending` wait for approval. Returns
    (user, organisation) of the approved attendees."""
    attending = []
    for i, org in enumerate(orgs):
        approved = org not in pending
        created = now - timedelta(days=15 - i % 10, hours=i % 7)
        users = [m.user for m in org.memberships]
        db.session.add(EventRegistration(
            event=event, organisation=org, status="approved" if approved else "pending", created_at=created,
            decided_at=created + timedelta(hours=20) if approved else None,
            note="Nous viendrons à deux." if len(users) > 1 and i % 3 == 0 else None,
            attendees=[Attendee(user=u) for u in users]))
        if approved:
            attending += [(u, org) for u in users]
        ctx.count("event_registrations")
    return attending


def _speakers(ctx: DemoContext, rng: random.Random, orgs: list[Organisation]) -> dict[str, list]:
    """Speakers by kind, each used once: admins of approved SSE companies, of buyers (registered or not),
    and the organiser's people (twice at most, at different times)."""
    def admins(kind_orgs):
        return [(m.user, o) for o in kind_orgs for m in o.memberships if m.role == Role.ADMIN]

    organiser = ctx.organisations["organiser"]
    pools = {"organiser": [(m.user, organiser) for m in organiser.memberships],
             "sse": admins([o for o in orgs if o.kind == "sse" and o.name not in COMPANY_SHOWCASE]),
             "buyer": admins([o for k, o in ctx.organisations.items() if k.startswith("buyer:")])}
    for pool in pools.values():
        rng.shuffle(pool)
    return pools


ROLES = {"organiser": "Organisation du salon", "sse": "Dirigeante ou dirigeant", "buyer": "Service des achats"}


def fair_start(today: date) -> date:
    """The fair's first day: a Tuesday about DAYS_AHEAD days on, out of the Christmas holidays."""
    start = today + timedelta(days=DAYS_AHEAD)
    start += timedelta(days=(1 - start.weekday()) % 7)  # Tuesday and Wednesday
    if (start.month == 12 and start.day >= 18) or (start.month == 1 and start.day <= 4):
        start = date(start.year + (start.month == 12), 1, 5)
        start += timedelta(days=(1 - start.weekday()) % 7)
    return start


def _session(event: Event, spec, first_day: date, speakers: dict[str, list], ctx: DemoContext) -> ProgrammeSession:
    day, start, end, kind, title, room_name, capacity, speaker_kinds, themes, description = spec
    on = first_day + timedelta(days=day)
    room = next((r for r in event.rooms if r.name == room_name), None)
    session = ProgrammeSession(
        event=event, kind=kind, title=title, description=description, room=room,
        starts_at=to_utc(datetime.combine(on, time.fromisoformat(start)), event.timezone),
        ends_at=to_utc(datetime.combine(on, time.fromisoformat(end)), event.timezone),
        capacity=capacity or (room.capacity if room else None), is_published=True, registered_count=0)
    for position, speaker_kind in enumerate(speaker_kinds):
        # The organiser's two people speak twice at most; everyone else once (no one is in two places).
        pool = speakers[speaker_kind]
        user, org = pool.pop(0) if speaker_kind != "organiser" else pool[position % len(pool)]
        session.speakers.append(Speaker(full_name=user.full_name, organisation=org, position=position,
                                        role=ROLES[speaker_kind][:200]))
    session.themes = [SessionTheme(theme=t) for t in themes]
    db.session.add(session)
    ctx.count("sessions")
    return session


def _seat(ctx: DemoContext, rng: random.Random, sessions: list[ProgrammeSession], attending: list,
          now: datetime) -> None:
    """Register approved attendees for sessions, never twice at the same time; fill the small workshop
    and queue a few people behind it. The showcase companies' people are left free to try it."""
    busy: dict[int, list[tuple[datetime, datetime]]] = {}
    people = [u for u, org in attending if org.name not in COMPANY_SHOWCASE]

    def free(user, session) -> bool:
        return all(session.ends_at <= s or session.starts_at >= e for s, e in busy.get(id(user), []))

    for session in sorted(sessions, key=lambda s: s.title != FULL_WORKSHOP):
        full = session.title == FULL_WORKSHOP
        wanted = session.capacity + WAITING if full else rng.randint(session.capacity // 5, session.capacity // 2)
        candidates = [u for u in people if free(u, session)]
        rng.shuffle(candidates)
        for rank, user in enumerate(candidates[:wanted]):
            registered = rank < session.capacity
            db.session.add(SessionRegistration(session=session, user=user,
                                               status="registered" if registered else "waiting",
                                               queued_at=now - timedelta(days=10, minutes=-17 * rank)))
            session.registered_count += registered
            busy.setdefault(id(user), []).append((session.starts_at, session.ends_at))
            ctx.count("session_registrations")


def reset(org_ids: list[int], user_ids: list[int]) -> None:
    """Delete the demo events (of demo organisers) with their rows, and the demo's rows in other events."""
    event_ids = select(Event.id).where(Event.organiser_organisation_id.in_(org_ids))
    session_ids = select(ProgrammeSession.id).where(ProgrammeSession.event_id.in_(event_ids))
    registration_ids = select(EventRegistration.id).where(or_(EventRegistration.event_id.in_(event_ids),
                                                              EventRegistration.organisation_id.in_(org_ids)))
    for statement in (
        delete(SessionRegistration).where(or_(SessionRegistration.session_id.in_(session_ids),
                                              SessionRegistration.user_id.in_(user_ids))),
        delete(Speaker).where(Speaker.session_id.in_(session_ids)),
        delete(SessionTheme).where(SessionTheme.session_id.in_(session_ids)),
        delete(ProgrammeSession).where(ProgrammeSession.event_id.in_(event_ids)),
        delete(Room).where(Room.event_id.in_(event_ids)),
        delete(Attendee).where(or_(Attendee.registration_id.in_(registration_ids), Attendee.user_id.in_(user_ids))),
        delete(EventRegistration).where(EventRegistration.id.in_(registration_ids)),
        delete(Event).where(Event.organiser_organisation_id.in_(org_ids)),
    ):
        db.session.execute(statement.execution_options(synchronize_session=False))
    # Demo people may have held seats in other events: count those sessions' places again.
    seats = (select(func.count(SessionRegistration.id))
             .where(SessionRegistration.session_id == ProgrammeSession.id, SessionRegistration.status == "registered")
             .scalar_subquery())
    db.session.execute(update(ProgrammeSession).values(registered_count=seats)
                       .execution_options(synchronize_session=False))
