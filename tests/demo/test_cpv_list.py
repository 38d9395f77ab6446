"""The demo's own CPV list: copied from the official list, exactly the codes it uses and their ancestors."""
import csv
import os
from pathlib import Path

import pytest

from matchfair.demo.data_cpv import CPV_CODES
from matchfair.demo.reference_codes import used_codes
from matchfair.engine.cpv_divisions import DIVISIONS

OFFICIAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "cpv_2008.csv"


def test_every_used_code_and_its_ancestors_are_shipped():
    shipped = {row[0][:8]: row for row in CPV_CODES}
    divisions = {code[:8] for code, *_ in DIVISIONS}
    assert used_codes() <= shipped.keys()
    for code, level, type_, parent, label_fr, label_en in CPV_CODES:
        assert parent[:8] in shipped or parent[:8] in divisions, code
        assert level >= 3 and type_ in ("supplies", "works", "services") and label_fr and label_en
    # Nothing more than what the demo needs: no copy of the whole list.
    needed = set()
    for code8 in used_codes():
        while code8 in shipped:
            needed.add(code8)
            code8 = shipped[code8][3][:8]
    assert needed == shipped.keys()


def test_rows_are_copied_from_the_official_list():
    if not OFFICIAL.exists():
        # Skipped on a laptop without ../shared; CI always has it, and there it must run.
        message = f"{OFFICIAL} (the official CPV list) is not beside the project"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with OFFICIAL.open(encoding="utf-8") as f:
        official = {row["code"]: row for row in csv.DictReader(f)}
    for code, level, type_, parent, label_fr, label_en in CPV_CODES:
        row = official[code]
        assert (int(row["level"]), row["type"], row["parent"], row["label_fr"], row["label_en"]) == \
            (level, type_, parent, label_fr, label_en), code
