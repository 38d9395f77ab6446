"""QA: a refused stand shows the reason once, not also a "form expired" message."""
from html import unescape

from matchfair.meetings import grid


def test_stand_refused_for_an_sse_company_says_why_only(client, login, event, meeting_grid, organiser_user,
                                                        sse_participant):
    login(organiser_user)
    table = grid.event_tables(event.id)[0]
    response = client.post(f"/evenements/{event.id}/rendez-vous/stands/{sse_participant.id}",
                           data={f"p{sse_participant.id}-table_id": str(table.id)})
    text = unescape(response.get_data(as_text=True))
    assert response.status_code == 200 and "Seuls les acheteurs peuvent avoir un stand." in text
    assert "formulaire a expiré" not in text
