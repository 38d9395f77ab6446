"""Exports and printouts of an event for its organisers: CSV files (participants, needs, meeting
schedule) and the data of the printable pages (schedule per table, per person, table cards).

    csv_response(header, rows, filename) -> Response   UTF-8 with BOM, ";" separator, CRLF
    participant_rows(event) -> list[list[str]]         one row per attendee of every registration (and one,
                                                       without a person, per registration with nobody yet)
    need_rows(event) -> list[list[str]]                published needs of the approved buyers
    booked_meetings(event) -> list[Meeting]            booked meetings, time then table order
    schedule_rows(event) -> list[list[str]]            one row per booked meeting
    by_table(event) -> list[(MeetingTable | None, list[Meeting])]
    by_person(event) -> list[(MeetingParticipant, list[Meeting])]
    table_cards(event) -> list[(MeetingTable, Organisation | None)]   active tables, stand owner
"""
import csv
import io
from collections import defaultdict

from flask import Response, url_for
from flask_babel import format_date, format_time
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..meetings.models import Meeting, MeetingParticipant, MeetingSlot, MeetingStatus, MeetingTable
from ..needs.choices import RESERVATION_SHORT, SOCIAL_CLAUSE_SHORT
from ..needs.models import Need, NeedStatus
from ..organisations.choices import KIND_LABELS
from ..organisations.models import Organisation, OrgKind
from ..programme.models import Attendee, Event, EventRegistration, RegistrationStatus
from ..programme.timezones import to_local


def csv_response(header: list[str], rows: list[list], filename: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return Response("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def registration_status_labels() -> dict:
    return {RegistrationStatus.APPROVED: _("validée"), RegistrationStatus.PENDING: _("en attente"),
            RegistrationStatus.REFUSED: _("refusée"), RegistrationStatus.CANCELLED: _("annulée")}


def participant_header() -> list[str]:
    return [_("organisation"), _("type"), _("SIRET"), _("département"), _("inscription"), _("personne"),
            _("e-mail"), _("présent")]


def participant_rows(event: Event) -> list[list[str]]:
    registrations = db.session.scalars(
        select(EventRegistration).where(EventRegistration.event_id == event.id)
        .options(joinedload(EventRegistration.organisation),
                 selectinload(EventRegistration.attendees).joinedload(Attendee.user))
        .join(EventRegistration.organisation).order_by(Organisation.name, EventRegistration.id)).unique()
    statuses = registration_status_labels()
    rows = []
    for reg in registrations:
        org = reg.organisation
        for attendee in sorted(reg.attendees, key=lambda a: (a.user.full_name.lower(), a.id)):
            present = (format_date(to_local(attendee.checked_in_at, event.timezone).date(), "short") + " "
                       + format_time(to_local(attendee.checked_in_at, event.timezone), "short", rebase=False)
                       if attendee.checked_in_at else "")
            rows.append([org.name, str(KIND_LABELS.get(org.kind, org.kind)), org.siret or "",
                         org.department_code or "", statuses.get(reg.status, reg.status),
                         attendee.user.full_name, attendee.user.email, _("oui") + " " + present if present else _("non")])
        if not reg.attendees:
            # An organisation registered with nobody named yet (an import without a contact person, for
            # one) is still a participant: listed with its contact address, as the participants page does.
            rows.append([org.name, str(KIND_LABELS.get(org.kind, org.kind)), org.siret or "",
                         org.department_code or "", statuses.get(reg.status, reg.status), "",
                         org.contact_email or "", ""])
    return rows


def need_header() -> list[str]:
    return [_("acheteur"), _("intitulé"), _("codes CPV"), _("réservation"), _("clause sociale"),
            _("montant estimé (€ HT)"), _("date prévue"), _("lien")]


def event_needs(event: Event) -> list[Need]:
    buyers = select(EventRegistration.organisation_id).join(EventRegistration.organisation).where(
        EventRegistration.event_id == event.id, EventRegistration.status == RegistrationStatus.APPROVED,
        Organisation.kind == OrgKind.BUYER)
    return list(db.session.scalars(
        select(Need).join(Need.organisation)
        .where(Need.status == NeedStatus.PUBLISHED, Need.organisation_id.in_(buyers))
        .options(joinedload(Need.organisation), selectinload(Need.cpv_links))
        .order_by(Organisation.name, Need.title, Need.id)).unique())


def need_rows(event: Event) -> list[list[str]]:
    return [[n.organisation.name, n.title, " ".join(link.code8 for link in n.cpv_links),
             str(RESERVATION_SHORT.get(n.reservation, n.reservation)),
             str(SOCIAL_CLAUSE_SHORT.get(n.social_clause, n.social_clause)),
             "" if n.estimated_amount_eur is None else str(n.estimated_amount_eur),
             n.expected_publication_date.isoformat() if n.expected_publication_date else "",
             url_for("needs.show", need_id=n.id, _external=True)] for n in event_needs(event)]


def booked_meetings(event: Event) -> list[Meeting]:
    side = (joinedload(MeetingParticipant.organisation), joinedload(MeetingParticipant.user))
    return list(db.session.scalars(
        select(Meeting).join(Meeting.slot).outerjoin(Meeting.table)
        .where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.ACCEPTED, Meeting.slot_id.is_not(None))
        .options(joinedload(Meeting.slot), joinedload(Meeting.table),
                 joinedload(Meeting.requester).options(*side), joinedload(Meeting.recipient).options(*side),
                 joinedload(Meeting.need), joinedload(Meeting.offer))
        .order_by(MeetingSlot.starts_at, MeetingTable.position, MeetingTable.name, Meeting.id)).unique())


def sides(meeting: Meeting) -> tuple[MeetingParticipant, MeetingParticipant]:
    """(SSE side, buyer side)."""
    if meeting.requester.organisation.kind == OrgKind.BUYER:
        return meeting.recipient, meeting.requester
    return meeting.requester, meeting.recipient


def subject(meeting: Meeting) -> str:
    if meeting.need:
        return meeting.need.title
    return meeting.offer.title if meeting.offer else ""


def place(meeting: Meeting) -> str:
    if meeting.table:
        return meeting.table.name
    return meeting.video_url or ""


def hour(moment, event: Event) -> str:
    return format_time(to_local(moment, event.timezone), "short", rebase=False)


def schedule_header() -> list[str]:
    return [_("jour"), _("début"), _("fin"), _("table ou lien de visioconférence"), _("structure de l'ESS"),
            _("personne (ESS)"), _("acheteur"), _("personne (acheteur)"), _("besoin ou offre")]


def schedule_rows(event: Event) -> list[list[str]]:
    rows = []
    for m in booked_meetings(event):
        sse, buyer = sides(m)
        rows.append([to_local(m.slot.starts_at, event.timezone).date().isoformat(), hour(m.slot.starts_at, event),
                     hour(m.slot.ends_at, event), place(m), sse.organisation.name, sse.user.full_name,
                     buyer.organisation.name, buyer.user.full_name, subject(m)])
    return rows


def by_table(event: Event) -> list[tuple[MeetingTable | None, list[Meeting]]]:
    """Each table with booked meetings, in table order (online meetings under None, last)."""
    groups: dict = defaultdict(list)
    for m in booked_meetings(event):
        groups[m.table].append(m)
    tables = sorted((t for t in groups if t is not None), key=lambda t: (t.position, t.name, t.id))
    return [(t, groups[t]) for t in tables] + ([(None, groups[None])] if None in groups else [])


def by_person(event: Event) -> list[tuple[MeetingParticipant, list[Meeting]]]:
    """Each participant with booked meetings (by organisation name), its meetings in time order."""
    groups: dict = defaultdict(list)
    for m in booked_meetings(event):
        groups[m.requester].append(m)
        groups[m.recipient].append(m)
    people = sorted(groups, key=lambda p: (p.organisation.name.lower(), p.user.full_name.lower(), p.id))
    return [(p, groups[p]) for p in people]


def counterpart(meeting: Meeting, participant: MeetingParticipant) -> MeetingParticipant:
    return meeting.recipient if meeting.requester_id == participant.id else meeting.requester


def table_cards(event: Event) -> list[tuple[MeetingTable, Organisation | None]]:
    tables = list(db.session.scalars(
        select(MeetingTable).where(MeetingTable.event_id == event.id, MeetingTable.is_active)
        .order_by(MeetingTable.position, MeetingTable.name, MeetingTable.id)))
    stands = {p.stand_table_id: p.organisation for p in db.session.scalars(
        select(MeetingParticipant).where(MeetingParticipant.event_id == event.id,
                                         MeetingParticipant.stand_table_id.is_not(None),
                                         MeetingParticipant.left_at.is_(None))
        .options(joinedload(MeetingParticipant.organisation)))}
    return [(t, stands.get(t.id)) for t in tables]
