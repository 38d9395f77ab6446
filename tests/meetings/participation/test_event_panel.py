"""The meetings panel for the event page and the navigation's list of events with meetings."""
import html

from flask import g, render_template_string
from flask_login import login_user

from matchfair.extensions import db
from matchfair.meetings.models import MeetingStatus
from matchfair.meetings.request_lists import meeting_events_of

PANEL = '{% include "meetings/participation/_event_panel.html" %}'


def _panel(app, event, user=None) -> str:
    with app.test_request_context(f"/evenements/{event.slug}"):
        g.__dict__.clear()  # the tests share one app context: no user or organisation left from before
        if user is not None:
            login_user(user)
        return html.unescape(render_template_string(PANEL, event=event))


def test_no_meetings_no_panel(app, event):
    assert _panel(app, event).strip() == ""


def test_panel_for_visitors_and_participants(app, event, meeting_grid, sse_participant, buyer_participant,
                                             make_meeting, make_participant, sse_admin, organiser_user):
    assert "Connectez-vous pour participer aux rendez-vous" in _panel(app, event)
    page = _panel(app, event, sse_admin)
    assert "n'est pas inscrite à l'événement" in page and "Participer aux rendez-vous" not in page
    assert "Rendez-vous d'affaires" in _panel(app, event, organiser_user)
    make_meeting(sse_participant, buyer_participant, status=MeetingStatus.REQUESTED)
    page = _panel(app, event, buyer_participant.user)
    assert "1 demande attend votre réponse." in page and f"/evenements/{event.id}/rendez-vous" in page
    newcomer = make_participant("sse")
    db.session.delete(newcomer)
    db.session.commit()
    page = _panel(app, event, newcomer.user)
    assert f'href="/evenements/{event.id}/rendez-vous/participer">Participer aux rendez-vous' in page


def test_meeting_events_of(event, meeting_grid, sse_participant, organiser_user):
    assert meeting_events_of(sse_participant.organisation) == [event]
    assert meeting_events_of(organiser_user.memberships[0].organisation) == []
    assert meeting_events_of(None) == []
