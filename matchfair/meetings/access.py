"""Who may see and do what with meetings.

- A participant is an organisation; every member of it manages its meetings (opt-in,
  availability, requests, bookings, outcomes). The representative (`participant.user_id`) is the
  person who sits at them and whose agenda shows them.
- A meeting exists only for the members of its two organisations and for the event's organisers:
  anyone else gets a 404.
"""
from flask import abort, has_request_context
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..organisations.current import current_organisation
from ..organisations.permissions import membership_of
from ..programme.access import is_event_organiser
from ..programme.models import Event
from .models import Meeting, MeetingParticipant


def participant_of(event: Event | int, organisation) -> MeetingParticipant | None:
    """The organisation's participation in the event's meetings, or None (also once it has left)."""
    found = participation_record(event, organisation)
    return found if found is not None and found.left_at is None else None


def participation_record(event: Event | int, organisation) -> MeetingParticipant | None:
    """The organisation's participation row, current or left (opting in again reuses it)."""
    if organisation is None:
        return None
    return db.session.scalar(select(MeetingParticipant).where(
        MeetingParticipant.event_id == getattr(event, "id", event),
        MeetingParticipant.organisation_id == getattr(organisation, "id", organisation)))


def current_participant(event: Event | int) -> MeetingParticipant | None:
    """The participation of the organisation the signed-in user acts for, or None."""
    return participant_of(event, current_organisation())


def acts_for(user, participant: MeetingParticipant) -> bool:
    """True when `user` is a member of the participant's organisation."""
    return membership_of(user, participant.organisation_id) is not None


def side_of(user, meeting: Meeting) -> MeetingParticipant | None:
    """The side of the meeting `user` acts for: the current organisation's side when it is one of
    the two, else the first side the user is a member of; None when they are on neither side."""
    org = current_organisation() if has_request_context() else None
    for participant in (meeting.requester, meeting.recipient):
        if org is not None and participant.organisation_id == org.id and acts_for(user, participant):
            return participant
    for participant in (meeting.requester, meeting.recipient):
        if acts_for(user, participant):
            return participant
    return None


def meeting_or_404(meeting_id: int, *, allow_organiser: bool = True) -> Meeting:
    """The meeting, for a member of either side (or the event's organisers); else a 404."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    if side_of(current_user, meeting) is not None:
        return meeting
    if allow_organiser and is_event_organiser(current_user, meeting.event):
        return meeting
    abort(404)
