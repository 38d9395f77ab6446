"""The grid's layout: rows, spans, 15-minute rows when needed, sessions listed apart."""
from matchfair.programme.timetable_grid import build_grid, day_sessions

from .conftest import DAY1, make_session


def test_rows_spans_and_sessions_apart(event, garonne, tarn):
    make_session(event, "Quart d'heure", DAY1, (10, 15), (11, 0), garonne)
    make_session(event, "Chevauche (créée hors grille)", DAY1, (10, 30), (11, 30), garonne)
    make_session(event, "En ligne", DAY1, (9, 0), (10, 0), online_url="https://visio.exemple.fr")
    make_session(event, "Tôt", DAY1, (7, 0), (8, 0), tarn)
    grid = build_grid(event, DAY1, day_sessions(event, DAY1))
    assert grid.rows[0].label == "07:00" and grid.rows[-1].label == "18:45"
    by_title = {c.session.title: (row.label, c.rowspan) for row in grid.rows for c in row.cells if c.session}
    assert by_title == {"Quart d'heure": ("10:15", 3), "Tôt": ("07:00", 4)}
    assert [s.title for s in grid.apart] == ["En ligne", "Chevauche (créée hors grille)"]
    row_1030 = next(r for r in grid.rows if r.label == "10:30")
    assert [c.room.name for c in row_1030.cells] == ["Tarn"]  # Garonne is covered by the 10:15 session
    assert grid.count == 4
