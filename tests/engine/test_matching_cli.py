"""`python -m matchfair.engine.matching INPUT.json [--top K]`: JSON out, or a message and exit status 2."""
import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = {
    "suppliers": [
        {"id": "sse-407", "cpv": ["90911200", "90919000"], "department": "31",
         "area": {"departments": ["31", "09"], "regions": [], "national": False},
         "statuses": ["ess", "siae"], "capacity_eur": 150000,
         "text": "Nettoyage de locaux et vitrerie, chantier d'insertion"},
        {"id": "sse-12", "cpv": ["90910000-9"], "department": "09", "statuses": ["siae"],
         "capacity_eur": 50000, "text": "Entretien des écoles"},
        {"id": "sse-3", "cpv": ["45000000"], "department": "31", "statuses": ["ea"], "text": "Travaux"},
    ],
    "needs": [
        {"id": "need-12", "cpv": ["90911200"], "department": "31", "amount_eur": 80000,
         "reserved": "L2113-13", "social_clause": True, "text": "Nettoyage des lycées de la Haute-Garonne"},
        {"id": "need-13", "cpv": ["90900000"], "department": "09", "text": "Nettoyage des écoles"},
    ],
}


def cli(tmp_path, data=None, *args, raw=None, seed="0"):
    path = tmp_path / "input.json"
    if raw is not None:
        path.write_bytes(raw)
    elif data is not None:
        path.write_text(json.dumps(data), encoding="utf-8")
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-m", "matchfair.engine.matching", str(path), *args],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)


def test_valid_input_prints_the_matches(tmp_path):
    done = cli(tmp_path, EXAMPLE)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert list(out["matches"]) == ["need-12", "need-13"]
    first = out["matches"]["need-12"][0]
    assert first["supplier"] == "sse-407"
    assert first["reasons"] == ["cpv:category", "area:department", "reserved:eligible", "text:nettoyage"]
    assert [m["supplier"] for m in out["matches"]["need-12"]] == ["sse-407", "sse-12"]  # sse-3: an EA
    assert "capacity:below-amount" in out["matches"]["need-12"][1]["reasons"]
    assert [m["supplier"] for m in out["matches"]["need-13"]] == ["sse-12", "sse-407"]
    assert set(out["matches"]["need-13"][0]) == {"supplier", "score", "reasons"}


def test_top_keeps_the_best_k(tmp_path):
    done = cli(tmp_path, EXAMPLE, "--top", "1")
    assert done.returncode == 0, done.stderr
    assert [len(v) for v in json.loads(done.stdout)["matches"].values()] == [1, 1]


def test_the_output_is_the_same_whatever_the_hash_seed(tmp_path):
    outputs = {cli(tmp_path, EXAMPLE, seed=seed).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1


def test_standard_input(tmp_path):
    done = subprocess.run([sys.executable, "-m", "matchfair.engine.matching", "-"], cwd=ROOT,
                          input=json.dumps(EXAMPLE), capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0 and "sse-407" in done.stdout


def broken(path, value):
    data = copy.deepcopy(EXAMPLE)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize("data, raw, args, message", [
    (broken(("needs", 1, "cpv"), ["1234"]), None, (), "needs[1] (need-13): unknown CPV code '1234'"),
    (broken(("needs", 0, "department"), "96"), None, (), "needs[0] (need-12): unknown department code '96'"),
    (broken(("suppliers", 2, "area"), {"regions": ["77"]}), None, (),
     "suppliers[2] (sse-3): unknown region code '77'"),
    (broken(("suppliers", 1, "statuses"), ["scop"]), None, (), "suppliers[1] (sse-12): unknown status 'scop'"),
    (broken(("needs", 0, "reserved"), "L2113-99"), None, (), "needs[0] (need-12): unknown reservation 'L2113-99'"),
    (broken(("needs", 1, "id"), "need-12"), None, (), "duplicate id 'need-12'"),
    ([EXAMPLE], None, (), "JSON object"),
    ({"suppliers": []}, None, (), "'needs' list"),
    (None, b'{"suppliers": [], "needs": [', (), "invalid JSON at line 1"),
    (None, b"\xff\xfe{}", (), "not UTF-8"),
    (EXAMPLE, None, ("--top", "0"), "positive integer"),
    (EXAMPLE, None, ("--top", "-3"), "positive integer"),
    (EXAMPLE, None, ("--top", "abc"), "positive integer"),
])
def test_malformed_input_exits_2_with_a_message(tmp_path, data, raw, args, message):
    done = cli(tmp_path, data, *args, raw=raw)
    assert done.returncode == 2
    assert done.stdout == ""
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_file_exits_2(tmp_path):
    done = cli(tmp_path)  # nothing written
    assert done.returncode == 2 and done.stdout == ""
    assert "input.json" in done.stderr and "Traceback" not in done.stderr
