"""engine/clauses.py: calibrate() turns an amount, a labour share, an hourly cost and an insertion rate
into insertion hours, keeps each step of the working, rounds half up and refuses bad input."""
import subprocess
import sys
from dataclasses import FrozenInstanceError
from fractions import Fraction
from pathlib import Path

import pytest

from matchfair.engine import clauses
from matchfair.engine.clauses import Calibration, calibrate


def test_the_issue_example_gives_1200_hours():
    # 2 400 000 € × 80 % ÷ 32 €/h × 2 % = 1 200 hours.
    result = calibrate(2_400_000, 80, 3200, 20)
    assert result.hours == 1200


def test_the_steps_of_the_working_are_kept():
    result = calibrate(2_400_000, 80, 3200, 20)
    assert isinstance(result, Calibration)
    assert (result.amount_eur, result.labour_share_pct, result.hourly_cost_cents, result.insertion_rate_tenths) == (
        2_400_000, 80, 3200, 20)
    assert result.labour_eur == 1_920_000
    assert result.work_hours == 60_000


def test_the_steps_are_exact_fractions_not_floats():
    # 1 001 € × 33 % = 330,33 €; ÷ 28,50 €/h = 11,59... hours: kept exactly.
    result = calibrate(1001, 33, 2850, 75)
    assert isinstance(result.labour_eur, Fraction) and isinstance(result.work_hours, Fraction)
    assert result.labour_eur == Fraction(33033, 100)
    assert result.work_hours == Fraction(33033, 2850)
    assert isinstance(result.hours, int)


def test_the_demo_laundry_calibration():
    # 180 000 € × 60 % ÷ 27 €/h × 5 % = 200 hours.
    result = calibrate(180_000, 60, 2700, 50)
    assert (result.labour_eur, result.work_hours, result.hours) == (108_000, 4000, 200)


def test_hourly_cost_with_cents_and_rate_with_tenths():
    # 100 000 € × 50 % ÷ 31,25 €/h = 1 600 hours; × 7,5 % = 120 hours.
    result = calibrate(100_000, 50, 3125, 75)
    assert result.work_hours == 1600
    assert result.hours == 120


@pytest.mark.parametrize("rate_tenths, hours", [
    (5, 1),    # 100 h × 0,5 % = 0,5 → 1 (half up, not to the even 0)
    (15, 2),   # 1,5 → 2
    (25, 3),   # 2,5 → 3 (half up, not to the even 2)
    (24, 2),   # 2,4 → 2
    (26, 3),   # 2,6 → 3
    (4, 0),    # 0,4 → 0
])
def test_hours_are_rounded_half_up(rate_tenths, hours):
    # 1 000 € × 100 % ÷ 10 €/h = 100 hours of work.
    result = calibrate(1000, 100, 1000, rate_tenths)
    assert result.work_hours == 100
    assert result.hours == hours


def test_the_whole_range_of_shares_and_rates_is_accepted():
    assert calibrate(1, 1, 1, 1).hours >= 0
    result = calibrate(10_000, 100, 1000, 1000)
    assert result.hours == 1000  # everything reserved to insertion


@pytest.mark.parametrize("args", [
    (0, 80, 3200, 20),
    (-2_400_000, 80, 3200, 20),
    (2_400_000, 80, 0, 20),
    (2_400_000, 80, -3200, 20),
    (2_400_000, 0, 3200, 20),
    (2_400_000, 101, 3200, 20),
    (2_400_000, -5, 3200, 20),
    (2_400_000, 80, 3200, 0),
    (2_400_000, 80, 3200, 1001),
    (2_400_000, 80, 3200, -20),
])
def test_bad_input_is_refused_with_value_error(args):
    with pytest.raises(ValueError):
        calibrate(*args)


def test_the_result_is_a_frozen_record():
    result = calibrate(2_400_000, 80, 3200, 20)
    with pytest.raises(FrozenInstanceError):
        result.hours = 1


def test_the_module_imports_nothing_but_the_standard_library():
    """Loaded on its own in a fresh interpreter (not through the matchfair package, whose __init__
    imports Flask), the module pulls in neither Flask nor SQLAlchemy nor the rest of the app."""
    path = Path(clauses.__file__).resolve()
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('clauses_alone', {str(path)!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "assert module.calibrate(2_400_000, 80, 3200, 20).hours == 1200\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('flask', 'sqlalchemy', 'flask_babel', 'werkzeug', 'jinja2', 'matchfair'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_the_purity_check_covers_this_module():
    from .test_engine_purity import MODULES

    assert "clauses.py" in {p.name for p in MODULES}
