"""QA: the decline page's headings follow each other (h1 then h2, no jump to h3)."""
import re
from itertools import pairwise

from matchfair.meetings.models import MeetingStatus


def test_decline_page_heading_order(client, login, event, meeting_grid, sse_participant, buyer_participant,
                                    make_meeting):
    meeting = make_meeting(sse_participant, buyer_participant, status=MeetingStatus.REQUESTED)
    login(buyer_participant.user)
    page = client.get(f"/evenements/{event.id}/rendez-vous/demandes/{meeting.id}/refuser").get_data(as_text=True)
    main = page.split("<main", 1)[1]
    levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", main)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels
    assert f'<h2 id="rdv-{meeting.id}-title">' in page
