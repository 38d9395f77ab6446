"""Brokerage-event instances where every requested meeting fits: the engine places them all."""
import random

import pytest

from matchfair.engine.scheduling import schedule

from .brokerage import brokerage_instance


@pytest.mark.parametrize("seed", range(8))
def test_every_meeting_of_a_feasible_brokerage_event_is_placed(seed):
    data = brokerage_instance(random.Random(seed))
    assert 150 <= len(data["meetings"]) <= 300 and 14 <= len(data["tables"]) <= 22
    result = schedule(data)
    assert result.solution["unscheduled"] == []
    assert result.placed == len(data["meetings"])
