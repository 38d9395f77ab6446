"""The matching engine's input checks: every malformed item is refused with a message naming it."""
import copy

import pytest

from matchfair.engine.matching import MatchingInputError, parse_input

GOOD = {
    "suppliers": [
        {"id": "sse-407", "cpv": ["90911200-8", "90919000"], "department": "31",
         "area": {"departments": ["31", "09"], "regions": ["76"], "national": False},
         "statuses": ["ess", "siae"], "capacity_eur": 150000, "text": "Nettoyage"},
        {"id": "sse-2", "cpv": ["45000000"], "department": "2A", "statuses": []},
    ],
    "needs": [
        {"id": "need-12", "cpv": ["90911200"], "department": "974", "amount_eur": 80000.5,
         "reserved": "L2113-14", "social_clause": True, "text": "Nettoyage des lycées"},
        {"id": "need-13", "cpv": ["90911200"], "department": "31", "reserved": None},
    ],
}


def test_a_good_input_is_read():
    suppliers, needs = parse_input(copy.deepcopy(GOOD))
    assert suppliers[0].cpv == ("90911200", "90919000")  # the check digit is dropped
    assert suppliers[0].area.regions == ("76",) and suppliers[0].statuses == {"ess", "siae"}
    assert suppliers[1].area is None and suppliers[1].capacity_eur is None and suppliers[1].text == ""
    assert needs[0].reserved == "L2113-14" and needs[0].social_clause is True
    assert needs[1].reserved is None and needs[1].social_clause is False and needs[1].amount_eur is None


def edited(path, value):
    """GOOD with one field replaced (value ... deletes it): path like ("needs", 1, "cpv")."""
    data = copy.deepcopy(GOOD)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize("path, value, message", [
    (("needs", 1, "cpv"), ["1234"], "needs[1] (need-13): unknown CPV code '1234'"),
    (("needs", 1, "cpv"), ["12345678"], "needs[1] (need-13): unknown CPV code '12345678'"),  # no division 12
    (("needs", 1, "cpv"), ["90911200-88"], "unknown CPV code '90911200-88'"),
    (("needs", 1, "cpv"), [90911200], "unknown CPV code 90911200"),
    (("needs", 1, "cpv"), "90911200", "needs[1] (need-13): 'cpv' must be a list"),
    (("needs", 1, "cpv"), ..., "needs[1] (need-13): missing 'cpv'"),
    (("suppliers", 1, "cpv"), ["9091120"], "suppliers[1] (sse-2): unknown CPV code '9091120'"),
    (("needs", 1, "department"), "99", "needs[1] (need-13): unknown department code '99'"),
    (("needs", 1, "department"), "2C", "unknown department code '2C'"),
    (("needs", 1, "department"), 31, "unknown department code 31"),
    (("needs", 1, "department"), ..., "needs[1] (need-13): missing 'department'"),
    (("suppliers", 0, "department"), "975", "suppliers[0] (sse-407): unknown department code '975'"),
    (("suppliers", 0, "area", "departments"), ["31", "100"],
     "suppliers[0] (sse-407): unknown department code '100'"),
    (("suppliers", 0, "area", "regions"), ["99"], "suppliers[0] (sse-407): unknown region code '99'"),
    (("suppliers", 0, "area", "regions"), "76", "'regions' must be a list"),
    (("suppliers", 0, "area", "national"), "yes", "'area.national' must be true or false"),
    (("suppliers", 0, "area"), ["31"], "suppliers[0] (sse-407): 'area' must be an object"),
    (("suppliers", 0, "statuses"), ["ess", "scop"], "suppliers[0] (sse-407): unknown status 'scop'"),
    (("suppliers", 0, "statuses"), [["ess"]], "unknown status ['ess']"),
    (("suppliers", 0, "statuses"), "ess", "'statuses' must be a list"),
    (("suppliers", 0, "capacity_eur"), -1, "'capacity_eur' must be a number"),
    (("suppliers", 0, "capacity_eur"), "150000", "'capacity_eur' must be a number"),
    (("suppliers", 0, "capacity_eur"), True, "'capacity_eur' must be a number"),
    (("suppliers", 0, "capacity_eur"), float("nan"), "'capacity_eur' must be a number"),
    (("needs", 0, "amount_eur"), float("inf"), "needs[0] (need-12): 'amount_eur' must be a number"),
    (("needs", 0, "reserved"), "L2113-16", "needs[0] (need-12): unknown reservation 'L2113-16'"),
    (("needs", 0, "reserved"), "l2113-13", "unknown reservation 'l2113-13'"),
    (("needs", 0, "social_clause"), "yes", "'social_clause' must be true or false"),
    (("needs", 0, "text"), 12, "needs[0] (need-12): 'text' must be a string"),
    (("needs", 0, "id"), "", "needs[0]: 'id' must be a non-empty string"),
    (("needs", 0, "id"), 12, "needs[0]: 'id' must be a non-empty string"),
    (("needs", 1, "id"), "need-12", "needs[1] (need-12): duplicate id 'need-12'"),
    (("suppliers", 1, "id"), "sse-407", "suppliers[1] (sse-407): duplicate id 'sse-407'"),
    (("needs", 1), "need-13", "needs[1]: must be an object"),
    (("needs",), {"id": "need-12"}, "the input must have a 'needs' list"),
    (("suppliers",), ..., "the input must have a 'suppliers' list"),
])
def test_malformed_items_are_refused_with_their_name(path, value, message):
    with pytest.raises(MatchingInputError) as raised:
        parse_input(edited(path, value))
    assert message in str(raised.value)


@pytest.mark.parametrize("data", [[], "x", None, 3])
def test_the_top_level_must_be_an_object(data):
    with pytest.raises(MatchingInputError, match="JSON object"):
        parse_input(data)


def test_optional_fields_may_be_null_and_extra_fields_are_ignored():
    data = edited(("suppliers", 0, "capacity_eur"), None)
    data["suppliers"][0].update({"text": None, "statuses": None, "name": "Régie de quartier"})
    data["needs"][0].update({"amount_eur": None, "social_clause": None, "title": "Nettoyage"})
    suppliers, needs = parse_input(data)
    assert suppliers[0].capacity_eur is None and suppliers[0].statuses == frozenset()
    assert needs[0].social_clause is False
