"""Reference-data fixtures: CSV files to import, the real CPV list, a few imported codes."""
import os
from pathlib import Path

import pytest

from matchfair.engine.cpv import validate_rows
from matchfair.extensions import db
from matchfair.reference.csv_import import upsert_codes

# The real CPV 2008 list, outside the project (see ../shared/data/README.md); CI always has it.
REAL_CPV_FILE = Path(__file__).resolve().parents[3] / "shared" / "data" / "cpv_2008.csv"
HEADER = "code,code8,level,type,parent,label_fr,label_en"

# Real rows of the CPV 2008 list, below some of the shipped divisions.
SAMPLE_ROWS = """\
90000000-7,90000000,2,services,,"Services d'évacuation des eaux usées et d'élimination des déchets, services d'hygiénisation et services relatifs à l'environnement","Sewage, refuse, cleaning and environmental services"
90900000-6,90900000,3,services,90000000-7,Services de nettoyage et d'hygiène,Cleaning and sanitation services
90910000-9,90910000,4,services,90900000-6,Services de nettoyage,Cleaning services
90911000-6,90911000,5,services,90910000-9,"Services de nettoyage de logements, de bâtiments et de vitres","Accommodation, building and window cleaning services"
90911200-8,90911200,6,services,90911000-6,Services de nettoyage de bâtiments,Building-cleaning services
90911300-9,90911300,6,services,90911000-6,Services de nettoyage de vitres,Window-cleaning services
90919000-2,90919000,5,services,90910000-9,"Services de nettoyage de matériel de bureau, de bureaux, des écoles","Office, school and office equipment cleaning services"
90919200-4,90919200,6,services,90919000-2,Services de nettoyage de bureaux,Office cleaning services
77000000-0,77000000,2,services,,"Services agricoles, sylvicoles, horticoles, d'aquaculture et d'apiculture","Agricultural, forestry, horticultural, aquacultural and apicultural services"
77300000-3,77300000,3,services,77000000-0,Services horticoles,Horticultural services
77310000-6,77310000,4,services,77300000-3,Réalisation et entretien d'espaces verts,Planting and maintenance services of green areas
55000000-0,55000000,2,services,,"Services d'hôtellerie, de restauration et de commerce au détail","Hotel, restaurant and retail trade services"
55500000-5,55500000,3,services,55000000-0,Services de cantine et service traiteur,Canteen and catering services
55520000-1,55520000,4,services,55500000-5,Services traiteur,Catering services
55524000-9,55524000,5,services,55520000-1,Service traiteur pour écoles,School catering services
45000000-7,45000000,2,works,,Travaux de construction,Construction work
45200000-9,45200000,3,works,45000000-7,Travaux de construction complète ou partielle et travaux de génie civil,Works for complete or part construction and civil engineering work
45210000-2,45210000,4,works,45200000-9,Travaux de construction de bâtiments,Building construction work
45214000-0,45214000,5,works,45210000-2,Travaux de construction d'établissements d'enseignement et de centres de recherche,Construction work for buildings relating to education and research
45214200-2,45214200,6,works,45214000-0,Travaux de construction de bâtiments scolaires,Construction work for school buildings
45214210-5,45214210,7,works,45214000-0,Travaux de construction d'écoles primaires,Primary school construction work
"""
SAMPLE_CSV = HEADER + "\n" + SAMPLE_ROWS
SAMPLE_COUNT = SAMPLE_ROWS.count("\n")


@pytest.fixture
def real_cpv_file() -> Path:
    """The full CPV 2008 list; missing: skipped on a laptop, a failure in CI (CI=true)."""
    if not REAL_CPV_FILE.exists():
        message = f"{REAL_CPV_FILE} is missing (see shared/data/README.md)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return REAL_CPV_FILE


@pytest.fixture
def write_csv(tmp_path):
    """write_csv(text or bytes, name="cpv.csv") -> path of a file holding it."""

    def _write(content, name="cpv.csv") -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return str(path)

    return _write


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def _invoke(*args):
        return runner.invoke(args=["cpv-import", *args])

    return _invoke


@pytest.fixture
def sample_codes(app):
    """The SAMPLE_ROWS imported (the divisions are already there)."""
    import csv
    import io

    rows = list(enumerate(csv.DictReader(io.StringIO(SAMPLE_CSV)), start=2))
    records, errors = validate_rows(rows)
    assert not errors
    upsert_codes(records)
    db.session.commit()
    return records
