"""The matching engine: scores, reasons, hard rules, French text, ranking order (../shared/formats/matching.md)."""
import copy

import pytest

from matchfair.engine.matching import (
    MatchingIndex, explain, parse_need, parse_supplier, rank_needs_for_supplier, rank_suppliers_for_need, run,
)
from matchfair.engine.matching_text import stem, terms

EXAMPLE = {
    "suppliers": [
        {"id": "sse-407", "cpv": ["90911200", "90919000"], "department": "31",
         "area": {"departments": ["31", "09"], "regions": [], "national": False},
         "statuses": ["ess", "siae"], "capacity_eur": 150000,
         "text": "Nettoyage de locaux et vitrerie, chantier d'insertion"},
    ],
    "needs": [
        {"id": "need-12", "cpv": ["90911200"], "department": "31", "amount_eur": 80000,
         "reserved": "L2113-13", "social_clause": True, "text": "Nettoyage des lycées de la Haute-Garonne"},
    ],
}


def sup(id, cpv=("90911200",), department="31", **fields):
    return parse_supplier({"id": id, "cpv": list(cpv), "department": department, **fields})


def need(id="need-1", cpv=("90911200",), department="31", **fields):
    return parse_need({"id": id, "cpv": list(cpv), "department": department, **fields})


def ranked(suppliers, a_need, top=20):
    return rank_suppliers_for_need(MatchingIndex(suppliers), a_need, top)


def ids(matches):
    return [m.supplier for m in matches]


def by_id(matches):
    return {m.supplier: m for m in matches}


def test_the_format_example():
    out = run(copy.deepcopy(EXAMPLE))
    assert list(out) == ["matches"]
    [match] = out["matches"]["need-12"]
    assert match["supplier"] == "sse-407"
    assert match["reasons"] == ["cpv:category", "area:department", "reserved:eligible", "text:nettoyage"]
    assert isinstance(match["score"], float) and 0 < match["score"] <= 100
    assert round(match["score"], 1) == match["score"]


def test_capacity_below_the_amount_is_a_penalty_and_a_reason():
    data = copy.deepcopy(EXAMPLE)
    before = run(copy.deepcopy(data))["matches"]["need-12"][0]
    data["suppliers"][0]["capacity_eur"] = 50000
    after = run(data)["matches"]["need-12"][0]
    assert "capacity:below-amount" in after["reasons"]
    assert "capacity:below-amount" not in before["reasons"]
    assert after["score"] == pytest.approx(before["score"] - 10)


def test_deeper_cpv_agreement_ranks_first():
    suppliers = [sup("a-division", ["90000000"]), sup("b-group", ["90900000"]), sup("c-class", ["90910000"]),
                 sup("d-category", ["90911000"]), sup("e-same-code", ["90911200"]), sup("f-none", ["45000000"])]
    matches = ranked(suppliers, need(cpv=["90911200"]))
    assert ids(matches) == ["e-same-code", "d-category", "c-class", "b-group", "a-division"]
    assert [m.reasons[0] for m in matches] == ["cpv:category", "cpv:category", "cpv:class", "cpv:group",
                                              "cpv:division"]
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 5


@pytest.mark.parametrize("need_code, supplier_code, reason", [
    ("90000000", "90911200", "cpv:division"),   # the need's code is an ancestor: 2 digits shared
    ("90910000", "90911200", "cpv:class"),
    ("90911200", "90910000", "cpv:class"),      # and the other way round
    ("90911000", "90911000", "cpv:category"),
    ("90919000", "90911200", "cpv:class"),      # siblings under 9091
    ("03000000", "03100000", "cpv:division"),
])
def test_cpv_depth_is_the_shared_significant_digits(need_code, supplier_code, reason):
    [match] = ranked([sup("s", [supplier_code])], need(cpv=[need_code]))
    assert match.reasons[0] == reason


def test_the_best_pair_of_codes_counts():
    [match] = ranked([sup("s", ["45000000", "90911000"])], need(cpv=["77000000", "90911200"]))
    assert match.reasons[0] == "cpv:category"


def test_area_coverage_order_and_reasons():
    suppliers = [
        sup("a-national", department="75", area={"national": True}),
        sup("b-outside", department="75"),
        sup("c-region", department="34", area={"regions": ["76"]}),
        sup("d-listed", department="09", area={"departments": ["31"]}),
        sup("e-home", department="31"),
    ]
    matches = ranked(suppliers, need(department="31"))
    assert ids(matches) == ["d-listed", "e-home", "c-region", "a-national", "b-outside"]
    reasons = {m.supplier: m.reasons[1] for m in matches}
    assert reasons == {"d-listed": "area:department", "e-home": "area:department", "c-region": "area:region",
                       "a-national": "area:national", "b-outside": "area:not-covered"}
    scores = by_id(matches)
    assert scores["e-home"].score - scores["b-outside"].score >= 25  # a strong penalty, not an exclusion


def test_a_supplier_always_covers_its_own_department():
    [match] = ranked([sup("s", department="31", area={"departments": ["09"]})], need(department="31"))
    assert "area:department" in match.reasons
    [match] = ranked([sup("s", department="31", area={"departments": ["09"]})], need(department="81"))
    assert "area:not-covered" in match.reasons


ELIGIBLE = {"L2113-12": {"ea", "esat"}, "L2113-13": {"siae"}, "L2113-14": {"ea", "esat", "siae"},
            "L2113-15": {"ess", "esus"}}


@pytest.mark.parametrize("reserved", sorted(ELIGIBLE))
@pytest.mark.parametrize("status", ["ess", "esus", "siae", "ea", "esat", "geiq"])
def test_a_reserved_need_lists_eligible_suppliers_only(reserved, status):
    suppliers = [sup("s", statuses=[status]), sup("t-none")]
    matches = ranked(suppliers, need(reserved=reserved))
    if status in ELIGIBLE[reserved]:
        assert ids(matches) == ["s"] and "reserved:eligible" in matches[0].reasons
    else:
        assert matches == []


def test_an_unreserved_need_says_nothing_of_eligibility():
    [match] = ranked([sup("s", statuses=["ea"])], need())
    assert not any(r.startswith("reserved:") for r in match.reasons)


@pytest.mark.parametrize("status, bonus", [("siae", True), ("geiq", True), ("ea", False), ("ess", False)])
def test_insertion_structures_come_first_for_a_social_clause(status, bonus):
    suppliers = [sup("a-plain", statuses=["ess"]), sup("b-test", statuses=[status])]
    matches = ranked(suppliers, need(social_clause=True))
    assert (ids(matches)[0] == "b-test") is bonus
    assert ("social-clause:insertion" in by_id(matches)["b-test"].reasons) is bonus
    assert all("social-clause:insertion" not in m.reasons for m in ranked(suppliers, need()))


def test_no_shared_division_and_no_meaningful_word_is_no_match():
    suppliers = [
        sup("a-other", ["45000000"], text="Maçonnerie et gros œuvre"),
        sup("b-stopwords", ["45000000"], text="de la des pour les et services prestations"),
        sup("c-word", ["45000000"], text="Vitrerie et peinture"),
    ]
    matches = ranked(suppliers, need(cpv=["90911200"], text="Nettoyage et vitrerie des services"))
    assert ids(matches) == ["c-word"]
    assert matches[0].reasons == ("area:department", "text:vitrerie")
    assert ranked(suppliers[:2], need(cpv=[], text="")) == []


@pytest.mark.parametrize("need_text, supplier_text, word", [
    ("Nettoyages des bâtiments", "Nettoyage", "nettoyages"),
    ("Entretien des écoles", "ecole", "écoles"),
    ("ENTRETIEN DES ÉCOLES", "Écoles maternelles", "écoles"),
    ("Entreprise adaptée", "entreprises adaptées", "adaptée"),
    ("Crèches de la ville", "creche", "crèches"),
])
def test_words_match_without_accents_and_with_their_inflections(need_text, supplier_text, word):
    [match] = ranked([sup("s", ["45000000"], text=supplier_text)], need(cpv=["90911200"], text=need_text))
    assert f"text:{word}" in match.reasons


def test_terms_fold_stem_and_drop_stop_words():
    assert stem("écoles") == stem("ECOLE") == stem("ecoles") == "ecol"
    assert stem("les") == "" and stem("2026") == "" and stem("prestations") == ""
    assert terms("Nettoyage des écoles, nettoyages") == {"nettoyag": "nettoyage", "ecol": "écoles"}
    assert terms("") == {} and terms(None) == {}


def test_rare_words_weigh_more():
    common = [sup(f"c{i}", ["45000000"], text="nettoyage") for i in range(20)]
    rare = sup("rare", ["45000000"], text="vitrerie")
    matches = by_id(ranked(common + [rare], need(cpv=["90911200"], text="nettoyage vitrerie")))
    assert matches["rare"].score > matches["c0"].score


def test_more_shared_words_score_more():
    suppliers = [sup("a", text="nettoyage"), sup("b", text="nettoyage vitrerie lycées")]
    matches = by_id(ranked(suppliers, need(text="Nettoyage et vitrerie des lycées")))
    assert matches["b"].score > matches["a"].score


def test_equal_scores_are_ordered_by_supplier_id_and_top_k_is_kept():
    suppliers = [sup(f"s{n:02d}") for n in (17, 3, 25, 8, 11, 1, 30, 22)]
    matches = ranked(suppliers, need(), top=5)
    assert ids(matches) == ["s01", "s03", "s08", "s11", "s17"]
    assert len({m.score for m in matches}) == 1
    assert len(ranked([sup(f"s{n:02d}") for n in range(30)], need())) == 20  # the default
    assert ranked(suppliers, need(), top=0) == []


def test_results_do_not_depend_on_input_order():
    suppliers = [sup(f"s{n}", [c], text=t) for n, (c, t) in enumerate(
        [("90911200", "nettoyage"), ("90910000", "vitrerie"), ("90000000", "lycées"), ("45000000", "nettoyage")])]
    a_need = need(text="nettoyage vitrerie lycées")
    assert ranked(suppliers, a_need) == ranked(list(reversed(suppliers)), a_need)


def test_rank_needs_for_supplier_reads_the_other_way_with_the_same_scores():
    suppliers = [sup("s", statuses=["siae"], text="nettoyage"), sup("t", ["45000000"], text="peinture")]
    index = MatchingIndex(suppliers)
    needs = [need("n-far", department="75"), need("n-close", text="nettoyage"),
             need("n-reserved-ea", reserved="L2113-12"), need("n-works", cpv=["45000000"]),
             need("n-siae", reserved="L2113-13")]
    matches = rank_needs_for_supplier(index, suppliers[0], needs, top=10)
    assert [m.need for m in matches] == ["n-close", "n-siae", "n-far"]
    for m in matches:
        forward = by_id(rank_suppliers_for_need(index, next(n for n in needs if n.id == m.need)))
        assert forward["s"].score == m.score and forward["s"].reasons == m.reasons
    assert len(rank_needs_for_supplier(index, suppliers[0], needs, top=1)) == 1


def test_no_supplier_or_no_need():
    assert run({"suppliers": [], "needs": [EXAMPLE["needs"][0]]}) == {"matches": {"need-12": []}}
    assert run({"suppliers": EXAMPLE["suppliers"], "needs": []}) == {"matches": {}}


def test_explain_one_pair():
    suppliers = [sup("s", statuses=["siae"]), sup("t", ["45000000"])]
    index = MatchingIndex(suppliers)
    a_need = need(reserved="L2113-13", text="nettoyage")
    assert explain(index, a_need, suppliers[0]) == rank_suppliers_for_need(index, a_need)[0]
    assert explain(index, a_need, suppliers[1]) is None
