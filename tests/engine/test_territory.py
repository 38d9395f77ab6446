"""The French territory shipped in engine/territory.py: 101 departments, 18 regions (INSEE codes)."""
import pytest

from matchfair.engine import territory


def test_101_departments_with_corsica_and_overseas():
    codes = set(territory.DEPARTMENTS)
    assert len(codes) == 101
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= codes
    assert "20" not in codes and "975" not in codes
    mainland = {f"{n:02d}" for n in range(1, 96) if n != 20}
    assert mainland <= codes


def test_18_regions_and_every_department_has_one():
    assert len(territory.REGIONS) == 18
    for dep in territory.DEPARTMENTS.values():
        assert dep.region_code in territory.REGIONS, dep
    assert {d.region_code for d in territory.DEPARTMENTS.values()} == set(territory.REGIONS)


@pytest.mark.parametrize(
    "region, count",
    [("76", 13), ("11", 8), ("84", 12), ("75", 12), ("44", 10), ("94", 2), ("01", 1), ("06", 1)],
)
def test_departments_per_region(region, count):
    assert len(territory.departments_of(region)) == count


def test_occitanie():
    assert territory.region_name("76") == "Occitanie"
    assert territory.departments_of("76") == [
        "09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82",
    ]


@pytest.mark.parametrize(
    "typed, expected",
    [("1", "01"), ("01", "01"), ("2a", "2A"), (" 2B ", "2B"), ("974", "974"), ("20", None),
     ("975", None), ("", None), (None, None), ("abc", None)],
)
def test_normalize_department(typed, expected):
    assert territory.normalize_department(typed) == expected


@pytest.mark.parametrize(
    "code, name, region",
    [("31", "Haute-Garonne", "76"), ("2A", "Corse-du-Sud", "94"), ("974", "La Réunion", "04"),
     ("976", "Mayotte", "06"), ("75", "Paris", "11"), ("34", "Hérault", "76")],
)
def test_names_and_regions(code, name, region):
    assert territory.department_name(code) == name
    assert territory.region_of(code) == region


def test_unknown_codes_fall_back_to_the_code():
    assert territory.department_name("99") == "99"
    assert territory.region_name("99") == "99"
    assert territory.region_of("99") is None


def test_regions_have_time_zones():
    assert territory.REGIONS["04"].timezone == "Indian/Reunion"
    assert territory.REGIONS["76"].timezone == "Europe/Paris"


def test_choices():
    deps = territory.department_choices()
    assert len(deps) == 101 and deps[0] == ("01", "01 – Ain")
    regions = territory.region_choices()
    assert len(regions) == 18
    assert [name for _, name in regions] == sorted(name for _, name in regions)
