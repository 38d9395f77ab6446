"""Time the matching engine at the issue's size: 20,000 suppliers x 2,000 needs, top 20 per need.

    .venv/bin/python benchmarks/matching.py [--suppliers 20000] [--needs 2000] [--seed 1]

Builds a seeded, realistic instance: CPV codes drawn from the full CPV 2008 list
(../shared/data/cpv_2008.csv beside the repository, never copied into it), weighted toward the
services and works divisions typical of SSE suppliers; departments spread over France with more in
the populous ones; areas (own department, neighbours, region, national); a mix of statuses; texts
made from the codes' French labels and activity words. Prints the median of 5 runs of the index
build and of the all-needs ranking, the median time of one need against all suppliers, the peak
memory, and checks that the plain all-pairs scoring ranks a subsample identically (with the ratio).
"""
import argparse
import csv
import gc
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matchfair.engine.matching import (  # noqa: E402
    MatchingIndex, match_all, parse_input, rank_needs_for_supplier, run,
)
from matchfair.engine.territory import DEPARTMENTS, departments_of  # noqa: E402

CPV_FILE = ROOT.parent / "shared" / "data" / "cpv_2008.csv"
# Divisions where SSE suppliers are many: cleaning, green spaces, catering, works, training,
# health and social care, culture, transport, repairs, furniture, clothing, printing...
DIVISION_WEIGHTS = {"90": 12, "77": 8, "55": 8, "45": 12, "98": 5, "79": 6, "80": 6, "85": 6,
                    "92": 4, "60": 4, "50": 5, "39": 3, "18": 3, "22": 3, "15": 3, "71": 2,
                    "72": 2, "33": 2, "44": 2, "37": 1}
OTHER_DIVISION_WEIGHT = 0.3
BIG_DEPARTMENTS = {"75": 6, "13": 5, "59": 6, "69": 5, "92": 4, "93": 4, "33": 4, "31": 5, "44": 4,
                   "34": 4, "67": 3, "06": 3, "62": 3, "76": 3, "38": 3, "35": 3, "94": 3, "77": 3,
                   "78": 3, "91": 3, "95": 3, "974": 2}
ACTIVITY = ["chantier d'insertion", "entreprise adaptée", "réemploi et recyclage", "circuits courts",
            "intervention rapide", "personnel formé", "démarche qualité", "éco-responsable",
            "accompagnement des salariés", "ateliers", "coopérative d'activité", "produits bio",
            "entretien régulier", "collectivités et bailleurs sociaux", "petits travaux",
            "espaces verts", "médiation", "logistique urbaine", "vélo", "conciergerie",
            "blanchisserie", "traiteur", "menuiserie", "numérique responsable", "formation"]
PLACES = ["les collèges du département", "les lycées de la région", "les services de la ville",
          "le centre hospitalier", "les bâtiments communaux", "les écoles maternelles",
          "les résidences du bailleur social", "le siège de la métropole", "les crèches"]
STATUS_RATES = {"ess": 0.7, "esus": 0.15, "siae": 0.25, "ea": 0.08, "esat": 0.08, "geiq": 0.03}
RESERVED = [(None, 80), ("L2113-12", 4), ("L2113-13", 8), ("L2113-14", 3), ("L2113-15", 5)]


# The command line, then its own peak resident memory (VmHWM; ru_maxrss would count this process's).
CLI_WITH_PEAK = """
import runpy, sys
sys.argv = ["matching", sys.argv[1]]
try:
    runpy.run_module("matchfair.engine.matching", run_name="__main__")
finally:
    hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
    print("peak", int(hwm) // 1024, "MB", file=sys.stderr)
"""


def load_cpv(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Division -> [(code8, French label)] from the CPV file."""
    by_division: dict[str, list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            by_division.setdefault(row["code8"][:2], []).append((row["code8"], row["label_fr"]))
    return by_division


class Generator:
    """Seeded realistic suppliers and needs."""

    def __init__(self, cpv: dict[str, list[tuple[str, str]]], seed: int) -> None:
        self.rng = random.Random(seed)
        self.cpv = cpv
        self.divisions = sorted(cpv)
        self.division_weights = [DIVISION_WEIGHTS.get(d, OTHER_DIVISION_WEIGHT) for d in self.divisions]
        self.departments = list(DEPARTMENTS)
        self.department_weights = [BIG_DEPARTMENTS.get(d, 1) for d in self.departments]

    def codes(self, count: int) -> list[tuple[str, str]]:
        rng = self.rng
        division = rng.choices(self.divisions, self.division_weights)[0]
        picked = []
        for _ in range(count):
            if picked and rng.random() < 0.3:
                division = rng.choices(self.divisions, self.division_weights)[0]
            picked.append(rng.choice(self.cpv[division]))
        return picked

    def department(self) -> str:
        return self.rng.choices(self.departments, self.department_weights)[0]

    def supplier(self, n: int) -> dict:
        rng = self.rng
        codes = self.codes(rng.choices([1, 2, 3, 4], [40, 30, 20, 10])[0])
        department = self.department()
        region = DEPARTMENTS[department].region_code
        kind = rng.random()
        if kind < 0.45:
            area = None
        elif kind < 0.70:
            area = (rng.sample(departments_of(region), min(3, len(departments_of(region)))), [], False)
        elif kind < 0.85:
            area = ([], [region], False)
        elif kind < 0.90:
            area = (rng.sample(self.departments, 3), [region], False)
        else:
            area = ([], [], True)
        statuses = frozenset(s for s, rate in STATUS_RATES.items() if rng.random() < rate) or frozenset({"ess"})
        capacity = None if rng.random() < 0.1 else round(math.exp(rng.uniform(math.log(2e4), math.log(5e6))))
        words = [label for _, label in codes[:2]] + rng.sample(ACTIVITY, rng.randint(2, 4))
        item = {"id": f"sup-{n:05d}", "cpv": [c for c, _ in codes], "department": department,
                "statuses": sorted(statuses), "capacity_eur": capacity, "text": ", ".join(words)}
        if area is not None:
            item["area"] = {"departments": list(area[0]), "regions": list(area[1]), "national": area[2]}
        return item

    def need(self, n: int) -> dict:
        rng = self.rng
        codes = self.codes(rng.choices([1, 2, 3], [60, 30, 10])[0])
        reserved = rng.choices([r for r, _ in RESERVED], [w for _, w in RESERVED])[0]
        text = f"{codes[0][1]} pour {rng.choice(PLACES)}"
        if rng.random() < 0.5:
            text += ", " + rng.choice(ACTIVITY)
        amount = round(math.exp(rng.uniform(math.log(1e4), math.log(3e6))))
        return {"id": f"need-{n:04d}", "cpv": [c for c, _ in codes], "department": self.department(),
                "amount_eur": amount, "reserved": reserved, "social_clause": rng.random() < 0.3, "text": text}


def median_time(fn, runs: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--suppliers", type=int, default=20_000)
    parser.add_argument("--needs", type=int, default=2_000)
    parser.add_argument("--plain", type=int, default=200, help="needs checked against all-pairs scoring")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cpv", type=Path, default=CPV_FILE)
    args = parser.parse_args()

    gen = Generator(load_cpv(args.cpv), args.seed)
    document = {"suppliers": [gen.supplier(n) for n in range(args.suppliers)],
                "needs": [gen.need(n) for n in range(args.needs)]}
    start = time.perf_counter()
    suppliers, needs = parse_input(document)
    parse = time.perf_counter() - start
    start = time.perf_counter()
    MatchingIndex(suppliers)
    cold = time.perf_counter() - start
    with open("/proc/cpuinfo") as f:
        cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "?")
    print(f"machine: {os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}")
    print(f"instance: {len(suppliers):,} suppliers, {len(needs):,} needs (seed {args.seed})")

    print(f"input check (parse_input): {parse * 1000:.0f} ms; "
          f"first index build (stem cache cold): {cold * 1000:.0f} ms")
    build, index = median_time(lambda: MatchingIndex(suppliers))
    print(f"index build: {build * 1000:.0f} ms (median of 5)")
    ranking, result = median_time(lambda: match_all(index, needs, 20))
    print(f"all needs, top 20: {ranking * 1000:.0f} ms (median of 5); "
          f"with the build: {(ranking + build) * 1000:.0f} ms")
    listed = sum(len(m) for m in result.values())
    print(f"  {listed:,} matches listed, {sum(1 for m in result.values() if not m)} needs without a match")

    end_to_end, _ = median_time(lambda: run(document, 20), runs=3)
    print(f"end to end, as the command line (check + index + rank + output document): "
          f"{end_to_end * 1000:.0f} ms (median of 3)")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CLI_WITH_PEAK, str(path)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
        elapsed = time.perf_counter() - start
        print(f"the command line itself on a {path.stat().st_size / 2**20:.1f} MB JSON file "
              f"(Python start, JSON read and write included): {elapsed * 1000:.0f} ms, "
              f"peak RSS {done.stderr.split()[-2]} MB")

    gc.collect()
    one = []
    for need in needs:
        start = time.perf_counter()
        index.rank(need, 20)
        one.append(time.perf_counter() - start)
    one.sort()
    print(f"one need vs {len(suppliers):,} suppliers: median {statistics.median(one) * 1000:.2f} ms, "
          f"p95 {one[int(len(one) * 0.95)] * 1000:.2f} ms, max {one[-1] * 1000:.2f} ms")

    reverse = []
    profiles = [index.need_profile(n) for n in needs]
    for supplier in random.Random(args.seed).sample(suppliers, 50):
        start = time.perf_counter()
        rank_needs_for_supplier(index, supplier, needs, 20)
        middle = time.perf_counter()
        rank_needs_for_supplier(index, supplier, profiles, 20)
        reverse.append((middle - start, time.perf_counter() - middle))
    print(f"needs for one supplier ({len(needs):,} needs, median of 50 suppliers): "
          f"{statistics.median(r[0] for r in reverse) * 1000:.1f} ms; with the needs' profiles made once: "
          f"{statistics.median(r[1] for r in reverse) * 1000:.1f} ms")

    sample = random.Random(args.seed).sample(needs, min(args.plain, len(needs)))
    start = time.perf_counter()
    plain = {n.id: index.rank_plain(n, 20) for n in sample}
    plain_time = (time.perf_counter() - start) / len(sample)
    start = time.perf_counter()
    indexed = {n.id: index.rank(n, 20) for n in sample}
    indexed_time = (time.perf_counter() - start) / len(sample)
    same = plain == indexed
    print(f"plain all-pairs on {len(sample)} needs: {plain_time * 1000:.1f} ms a need, indexed "
          f"{indexed_time * 1000:.2f} ms: {plain_time / indexed_time:.0f}x faster; "
          f"rankings identical: {'yes' if same else 'NO'}")

    del index, result
    gc.collect()
    tracemalloc.start()
    index = MatchingIndex(suppliers)
    match_all(index, needs, 20)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory: engine peak {peak / 2**20:.0f} MB (tracemalloc: index and all-needs run); "
          f"process max RSS {rss:.0f} MB (including the generated instance)")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
