"""Properties of the matching engine on seeded random inputs (400 of them).

On every input: the indexed ranking equals the plain all-pairs scoring; a reserved need never lists
an ineligible supplier; every listed pair shares a CPV division or a word; the order is by score
then id; the reverse direction (needs for a supplier) gives the same pairs, scores and reasons.
"""
import random

import pytest

from matchfair.engine.matching import MatchingIndex, parse_input, rank_needs_for_supplier

ELIGIBLE = {"L2113-12": {"ea", "esat"}, "L2113-13": {"siae"}, "L2113-14": {"ea", "esat", "siae"},
            "L2113-15": {"ess", "esus"}}
DEPARTMENTS = ["31", "09", "81", "75", "92", "2A", "974", "34"]
REGIONS = ["76", "11", "94", "04", "84"]
STATUSES = ["ess", "esus", "siae", "ea", "esat", "geiq"]
WORDS = ["nettoyage", "Nettoyages", "écoles", "ecole", "vitrerie", "lycées", "de", "la", "des", "insertion",
         "espaces", "verts", "repas", "restauration", "peinture", "services", "Crèche", "menuiserie", "bio"]


def random_input(rng: random.Random) -> dict:
    def code():
        tail = "".join(rng.choice("0123") for _ in range(rng.randint(0, 6)))
        digits = rng.choice(["90", "45", "55", "03"]) + tail
        return digits.ljust(8, "0") + rng.choice(["", "-1"])

    def text():
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 5)))

    def amount():
        return rng.choice([None, rng.randint(1, 20) * 10_000])

    suppliers = []
    for n in range(rng.randint(0, 40)):
        item = {"id": f"s{rng.randint(0, 999):03d}-{n}", "cpv": [code() for _ in range(rng.randint(0, 3))],
                "department": rng.choice(DEPARTMENTS),
                "statuses": rng.sample(STATUSES, rng.randint(0, 3)), "capacity_eur": amount(), "text": text()}
        if rng.random() < 0.6:
            item["area"] = {"departments": rng.sample(DEPARTMENTS, rng.randint(0, 2)),
                            "regions": rng.sample(REGIONS, rng.randint(0, 1)), "national": rng.random() < 0.15}
        suppliers.append(item)
    needs = [{"id": f"n{n}", "cpv": [code() for _ in range(rng.randint(0, 2))],
              "department": rng.choice(DEPARTMENTS), "amount_eur": amount(),
              "reserved": rng.choice([None, None, *ELIGIBLE]), "social_clause": rng.random() < 0.4, "text": text()}
             for n in range(rng.randint(1, 6))]
    return {"suppliers": suppliers, "needs": needs}


@pytest.mark.parametrize("chunk", range(8))
def test_random_inputs(chunk):
    for seed in range(chunk * 50, chunk * 50 + 50):
        check(seed)


def check(seed: int) -> None:
    rng = random.Random(seed)
    suppliers, needs = parse_input(random_input(rng))
    index = MatchingIndex(suppliers)
    statuses = {s.id: s.statuses for s in suppliers}
    top = rng.randint(1, 8)
    every_pair = {}
    for need in needs:
        indexed = index.rank(need, top)
        assert indexed == index.rank_plain(need, top), f"seed {seed}, {need.id}"
        for m in indexed:
            if need.reserved:
                assert statuses[m.supplier] & ELIGIBLE[need.reserved], f"seed {seed}"
                assert "reserved:eligible" in m.reasons
            assert any(r.startswith(("cpv:", "text:")) for r in m.reasons), f"seed {seed}"
            assert 0 <= m.score <= 100 and round(m.score, 1) == m.score
        assert [(-m.score, m.supplier) for m in indexed] == sorted((-m.score, m.supplier) for m in indexed)
        every_pair.update({(m.need, m.supplier): m for m in index.rank_plain(need, len(suppliers))})
    for supplier in suppliers:
        found = rank_needs_for_supplier(index, supplier, needs, top=len(needs))
        assert found == sorted(found, key=lambda m: (-m.score, m.need))
        assert {(m.need, m.supplier): m for m in found} == \
            {pair: m for pair, m in every_pair.items() if pair[1] == supplier.id}, f"seed {seed}"
