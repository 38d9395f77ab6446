"""`python -m matchfair.engine.scheduling INSTANCE.json [-o FILE] [--time-limit S]`: the format's CLI."""
import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from matchfair.engine.scheduling import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = {
    "slots": [
        {"id": "d1-0900", "start": "2026-06-11T09:00:00+02:00", "end": "2026-06-11T09:25:00+02:00"},
        {"id": "d1-0930", "start": "2026-06-11T09:30:00+02:00", "end": "2026-06-11T09:55:00+02:00"},
    ],
    "tables": ["T1", "T2", "T3"],
    "participants": [
        {"id": "buyer-12", "table": "T1", "unavailable": ["d1-0900"], "max_meetings": 10},
        {"id": "sse-407"}, {"id": "sse-51"}, {"id": "sse-9"},
    ],
    "meetings": [
        {"id": "m-1", "a": "buyer-12", "b": "sse-407", "weight": 3},
        {"id": "m-2", "a": "buyer-12", "b": "sse-51", "slots": ["d1-0900", "d1-0930"]},
        {"id": "m-9", "a": "sse-51", "b": "sse-9"},
    ],
    "fixed": [{"meeting": "m-9", "slot": "d1-0930", "table": "T2"}],
}


def cli(tmp_path, data=None, *args, raw=None):
    path = tmp_path / "instance.json"
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(json.dumps(data), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "matchfair.engine.scheduling", str(path), *args],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_the_example_is_solved(tmp_path):
    run = cli(tmp_path, EXAMPLE)
    assert run.returncode == 0, run.stderr
    solution = json.loads(run.stdout)
    assert solution == {"assignments": [{"meeting": "m-1", "slot": "d1-0930", "table": "T1"},
                                        {"meeting": "m-9", "slot": "d1-0930", "table": "T2"}],
                        "unscheduled": ["m-2"]}
    assert "upper bound 4" in run.stderr and run.stderr.count("\n") == 1


def test_output_file_and_time_limit(tmp_path, capsys):
    (tmp_path / "i.json").write_text(json.dumps(EXAMPLE), encoding="utf-8")
    out = tmp_path / "out.json"
    assert main([str(tmp_path / "i.json"), "-o", str(out), "--time-limit", "0.5"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["unscheduled"] == ["m-2"]
    assert capsys.readouterr().out == ""


def broken(path, value):
    data = copy.deepcopy(EXAMPLE)
    *keys, last = path
    target = data
    for k in keys:
        target = target[k]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return data


@pytest.mark.parametrize("path, value, named", [
    (("slots", 1, "id"), "d1-0900", "d1-0900"),
    (("slots", 0, "start"), "11/06/2026 9h", "d1-0900"),
    (("slots", 0, "end"), "2026-06-11T08:00:00+02:00", "d1-0900"),
    (("slots", 1, "end"), KeyError, "d1-0930"),
    (("tables", 1), "T1", "T1"),
    (("participants", 1, "id"), "buyer-12", "buyer-12"),
    (("participants", 0, "table"), "T9", "T9"),
    (("participants", 0, "unavailable"), ["d9"], "d9"),
    (("participants", 0, "max_meetings"), -1, "buyer-12"),
    (("meetings", 0, "b"), "nobody", "nobody"),
    (("meetings", 1, "id"), "m-1", "m-1"),
    (("meetings", 0, "weight"), 0, "m-1"),
    (("meetings", 0, "weight"), 1.5, "m-1"),
    (("meetings", 0, "b"), "buyer-12", "m-1"),
    (("meetings", 1, "slots"), ["d1-1000"], "d1-1000"),
    (("fixed", 0, "meeting"), "m-77", "m-77"),
    (("fixed", 0, "slot"), "d1-0900", "m-9"),
    (("fixed", 0, "table"), "T1", "m-9"),            # buyer-12's own table
    (("fixed", 0, "table"), "T7", "T7"),
    (("meetings",), KeyError, "meetings"),
])
def test_malformed_instances_exit_2_naming_the_item(tmp_path, path, value, named):
    data = broken(path, value)
    if path == ("fixed", 0, "slot"):
        data["participants"][3]["unavailable"] = ["d1-0900"]
    run = cli(tmp_path, data)
    assert run.returncode == 2, run.stdout
    assert named in run.stderr and "Traceback" not in run.stderr and run.stdout == ""


def test_fixed_double_booking_is_refused(tmp_path):
    data = copy.deepcopy(EXAMPLE)
    data["fixed"].append({"meeting": "m-2", "slot": "d1-0930", "table": "T1"})   # sse-51 twice
    run = cli(tmp_path, data)
    assert run.returncode == 2 and "m-2" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("raw", [b"{not json", b"\xff\xfe", b"[]", b'{"slots": 3}'])
def test_bad_files_exit_2(tmp_path, raw):
    run = cli(tmp_path, raw=raw)
    assert run.returncode == 2 and run.stderr.startswith("error:") and "Traceback" not in run.stderr


def test_bad_arguments_exit_2(tmp_path):
    assert cli(tmp_path, EXAMPLE, "--time-limit", "-1").returncode == 2
    run = subprocess.run([sys.executable, "-m", "matchfair.engine.scheduling", str(tmp_path / "none.json")],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "none.json" in run.stderr and "Traceback" not in run.stderr
