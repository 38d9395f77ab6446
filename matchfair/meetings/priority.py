"""A meeting's priority for the scheduler (its `weight`, an integer >= 1).

    meeting_weight(match_score, is_mutual) -> int
        1, plus 2 when both sides asked for it (mutual), plus 1 when the need or offer it is about
        matches at 60 or more (the threshold of the digests), plus 1 more at 80 or more.
"""

MATCH_GOOD = 60
MATCH_STRONG = 80


def meeting_weight(match_score: int | None, is_mutual: bool) -> int:
    weight = 1
    if is_mutual:
        weight += 2
    if match_score is not None and match_score >= MATCH_GOOD:
        weight += 1
    if match_score is not None and match_score >= MATCH_STRONG:
        weight += 1
    return weight
