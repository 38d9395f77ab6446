"""services.search_directory: each filter, their combinations, ordering and pagination."""
import pytest

from matchfair.directory.services import DirectoryFilters, listed_company_count, search_directory

from .. import factories


def found(filters=DirectoryFilters(), page=1, per_page=50) -> list[str]:
    return [org.name for org in search_directory(filters, page, per_page).items]


def test_only_listed_sse_companies(make_sse):
    make_sse(name="Listée")
    make_sse(name="Cachée", is_listed=False)
    factories.BuyerFactory(name="Mairie")
    factories.OrganisationFactory(kind="organiser", name="CRESS")
    assert found() == ["Listée"]
    assert listed_company_count() == 1


def test_words_must_all_appear_folded(make_sse, cpv_codes):
    make_sse(name="Régie de quartier", city="Toulouse", cpv=["90911200"])
    make_sse(name="Nettoyage Albigeois", city="Albi", department_code="81")
    make_sse(name="Jardins de Cocagne", city="Toulouse", description="Maraîchage biologique")
    assert found(DirectoryFilters(words=("nettoyage", "toulouse"))) == ["Régie de quartier"]
    assert found(DirectoryFilters(words=("regie",))) == ["Régie de quartier"]
    assert found(DirectoryFilters(words=("maraichage",))) == ["Jardins de Cocagne"]
    # CPV labels count, in both languages.
    assert found(DirectoryFilters(words=("cleaning",))) == ["Régie de quartier"]
    assert found(DirectoryFilters(words=("nettoyage",))) == ["Nettoyage Albigeois", "Régie de quartier"]


def test_name_matches_come_first(make_sse):
    make_sse(name="Atelier Bois", description="Menuiserie et nettoyage")
    make_sse(name="Zèbre Nettoyage")
    make_sse(name="Brin de nettoyage", description="Nettoyage")
    assert found(DirectoryFilters(words=("nettoyage",))) == ["Brin de nettoyage", "Zèbre Nettoyage", "Atelier Bois"]


def test_order_by_name_ignores_case_and_accents(make_sse):
    for name in ("zeste", "Élan", "atelier", "Bleu"):
        make_sse(name=name)
    assert found() == ["atelier", "Bleu", "Élan", "zeste"]


@pytest.fixture
def cpv_companies(make_sse, cpv_codes):
    make_sse(name="A finer 90911200", cpv=["90911200"])
    make_sse(name="B category 90919000", cpv=["90919000"])
    make_sse(name="C class 90920000", cpv=["90920000"])
    make_sse(name="D group 90500000", cpv=["90500000"])
    make_sse(name="E green 77310000", cpv=["77310000"])
    make_sse(name="F division 90000000", cpv=["90000000"])


@pytest.mark.parametrize("code, expected", [
    ("90000000", ["A finer 90911200", "B category 90919000", "C class 90920000", "D group 90500000",
                  "F division 90000000"]),
    ("90900000", ["A finer 90911200", "B category 90919000", "C class 90920000"]),
    ("90910000", ["A finer 90911200", "B category 90919000"]),
    ("90911000", ["A finer 90911200"]),
    ("90911200", ["A finer 90911200"]),
    ("90919000", ["B category 90919000"]),
    ("90920000", ["C class 90920000"]),
    ("90500000", ["D group 90500000"]),
    ("77000000", ["E green 77310000"]),
    ("77300000", ["E green 77310000"]),
    ("55500000", []),
])
def test_cpv_finds_the_code_and_its_descendants_not_siblings(cpv_companies, code, expected):
    assert found(DirectoryFilters(cpv8=code)) == expected


def test_company_with_several_codes_is_listed_once(make_sse, cpv_codes):
    make_sse(name="Multi", cpv=["90911200", "90919000", "90910000"])
    page = search_directory(DirectoryFilters(cpv8="90000000"), 1, 10)
    assert [o.name for o in page.items] == ["Multi"] and page.total == 1


@pytest.fixture
def territory_companies(make_sse):
    make_sse(name="Nationale", national=True)
    make_sse(name="Haute-Garonne seule", departments=["31"])
    make_sse(name="Tarn seul", departments=["81"])
    make_sse(name="Occitanie entière", regions=["76"])
    make_sse(name="Paris seule", departments=["75"])
    make_sse(name="Île-de-France entière", regions=["11"])
    make_sse(name="Sans zone")


def test_department_is_covered_by_national_department_or_its_region(territory_companies):
    assert found(DirectoryFilters(department="31")) == ["Haute-Garonne seule", "Nationale", "Occitanie entière"]
    assert found(DirectoryFilters(department="81")) == ["Nationale", "Occitanie entière", "Tarn seul"]
    assert found(DirectoryFilters(department="75")) == ["Île-de-France entière", "Nationale", "Paris seule"]
    assert found(DirectoryFilters(department="2A")) == ["Nationale"]


def test_region_is_covered_by_national_region_or_one_of_its_departments(territory_companies):
    assert found(DirectoryFilters(region="76")) == [
        "Haute-Garonne seule", "Nationale", "Occitanie entière", "Tarn seul"]
    assert found(DirectoryFilters(region="11")) == ["Île-de-France entière", "Nationale", "Paris seule"]
    assert found(DirectoryFilters(region="94")) == ["Nationale"]


def test_national_companies_can_be_left_out(territory_companies):
    assert found(DirectoryFilters(department="31", include_national=False)) == [
        "Haute-Garonne seule", "Occitanie entière"]
    assert found(DirectoryFilters(region="94", include_national=False)) == []
    # Without a territory, the option changes nothing.
    assert len(found(DirectoryFilters(include_national=False))) == 7


def test_department_and_region_together(territory_companies):
    assert found(DirectoryFilters(department="31", region="76")) == [
        "Haute-Garonne seule", "Nationale", "Occitanie entière"]
    assert found(DirectoryFilters(department="31", region="11")) == ["Nationale"]


@pytest.fixture
def status_companies(make_sse):
    make_sse(name="ACI", statuses=["siae", "ess"], siae_kind="ACI")
    make_sse(name="EI", statuses=["siae"], siae_kind="EI")
    make_sse(name="EA", statuses=["ea"])
    make_sse(name="ESAT", statuses=["esat", "ess"])
    make_sse(name="Aucun")


def test_status(status_companies):
    assert found(DirectoryFilters(statuses=("siae",))) == ["ACI", "EI"]
    assert found(DirectoryFilters(statuses=("ess",))) == ["ACI", "ESAT"]
    assert found(DirectoryFilters(statuses=("geiq",))) == []


def test_several_statuses_mean_any_of_them(status_companies):
    assert found(DirectoryFilters(statuses=("ea", "esat"))) == ["EA", "ESAT"]


def test_siae_kinds_narrow_the_siae_status(status_companies):
    assert found(DirectoryFilters(siae_kinds=("ACI",))) == ["ACI"]
    assert found(DirectoryFilters(statuses=("siae",), siae_kinds=("EI",))) == ["EI"]
    # Other ticked statuses still count: EA, or an SIAE of kind EI.
    assert found(DirectoryFilters(statuses=("ea", "siae"), siae_kinds=("EI",))) == ["EA", "EI"]


def test_filters_combine(make_sse, cpv_codes):
    make_sse(name="Bonne", statuses=["siae"], siae_kind="ACI", departments=["31"], cpv=["90911200"],
             description="Nettoyage écologique")
    make_sse(name="Mauvais statut", statuses=["ea"], departments=["31"], cpv=["90911200"],
             description="Nettoyage écologique")
    make_sse(name="Mauvais territoire", statuses=["siae"], departments=["75"], cpv=["90911200"],
             description="Nettoyage écologique")
    make_sse(name="Mauvaise activité", statuses=["siae"], departments=["31"], cpv=["77310000"],
             description="Nettoyage écologique")
    make_sse(name="Mauvais mots", statuses=["siae"], departments=["31"], cpv=["90911200"])
    filters = DirectoryFilters(words=("ecologique",), cpv8="90910000", department="31", statuses=("siae",))
    assert found(filters) == ["Bonne"]
    assert found(DirectoryFilters(cpv8="90900000", region="76", statuses=("siae",))) == [
        "Bonne", "Mauvais mots"]


def test_pagination_is_stable_and_complete(make_sse):
    for i in range(7):
        make_sse(name="Même nom")
    make_sse(name="Autre")
    pages = [search_directory(DirectoryFilters(), p, 3) for p in (1, 2, 3)]
    ids = [o.id for page in pages for o in page.items]
    assert len(ids) == 8 == len(set(ids)) == pages[0].total
    assert [p.pages for p in pages] == [3, 3, 3]


def test_page_beyond_the_last_is_empty(make_sse):
    make_sse(name="Seule")
    page = search_directory(DirectoryFilters(), 5, 10)
    assert page.items == [] and page.total == 1
