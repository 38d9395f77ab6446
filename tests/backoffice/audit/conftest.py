"""Audit fixtures: the meetings tests' event, grid and participants, and the needs tests' CPV codes,
buyer and need maker."""
from tests.backoffice.participants.conftest import other_organiser, register  # noqa: F401 (fixtures)
from tests.meetings.conftest import (  # noqa: F401 (fixtures)
    event,
    make_meeting,
    make_participant,
    meeting_grid,
    organiser_user,
    slots,
)
from tests.meetings.scheduling.conftest import book, tables  # noqa: F401 (fixtures)
from tests.needs.conftest import buyer, cpv_codes, make_need  # noqa: F401 (fixtures)
