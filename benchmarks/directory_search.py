"""Time the public directory's search pages on SQLite at the stated size.

    .venv/bin/python benchmarks/directory_search.py [--companies 5000] [--links 20000] [--runs 15]

Builds a temporary SQLite database (5,000 listed SSE companies, 20,000 CPV links, with statuses and
intervention areas), imports the CPV list from ../shared/data/cpv_2008.csv when it is there (else
the 45 shipped divisions only), then requests typical search pages with the test client and prints
the median time of each. The target is under 100 ms a page. --explain prints SQLite's query plan of
the most filtered search.
"""
import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from matchfair import create_app  # noqa: E402
from matchfair.engine.territory import DEPARTMENTS, REGIONS  # noqa: E402
from matchfair.extensions import db  # noqa: E402
from matchfair.organisations.models import (  # noqa: E402
    Organisation, OrganisationArea, OrganisationCpv, OrganisationStatus,
)
from matchfair.organisations.services import refresh_search_text  # noqa: E402
from matchfair.reference.models import CpvCode  # noqa: E402
from matchfair.reference.services import cpv_search_text, ensure_divisions  # noqa: E402

CPV_CSV = ROOT.parent / "shared" / "data" / "cpv_2008.csv"
SEARCHES = [
    ("everything", "/annuaire"),
    ("page 10", "/annuaire?page=10"),
    ("one word", "/annuaire?q=nettoyage"),
    ("two words", "/annuaire?q=nettoyage+toulouse"),
    ("CPV division", "/annuaire?cpv=90000000"),
    ("CPV class", "/annuaire?cpv=90910000"),
    ("department", "/annuaire?department=31"),
    ("region", "/annuaire?region=76"),
    ("status", "/annuaire?status=siae&status=ea"),
    ("combined", "/annuaire?q=insertion&cpv=90000000&department=31&status=siae"),
    ("no match", "/annuaire?q=zzzzzz&department=31"),
]
WORDS = ["Régie", "Atelier", "Jardins", "Solidaire", "Coopérative", "Insertion", "Entreprise", "Nettoyage",
         "Recyclerie", "Traiteur", "Bois", "Services", "Avenir", "Horizon", "Tremplin", "Éco", "Cocagne"]
CITIES = [("Toulouse", "31"), ("Albi", "81"), ("Montpellier", "34"), ("Lyon", "69"), ("Paris", "75"),
          ("Nantes", "44"), ("Lille", "59"), ("Bordeaux", "33"), ("Rennes", "35"), ("Marseille", "13")]
POPULAR_DIVISIONS = ("90", "77", "55", "45", "79", "85", "50", "39", "30", "18")


def load_cpv() -> None:
    ensure_divisions()
    if not CPV_CSV.exists():
        print(f"{CPV_CSV} not found: CPV links use the 45 divisions only.")
        return
    present = set(db.session.scalars(select(CpvCode.code8)))
    with CPV_CSV.open(encoding="utf-8") as handle:
        rows = [
            {"code8": r["code8"], "code": r["code"], "level": int(r["level"]), "type": r["type"],
             "parent8": (r["parent"] or "")[:8] or None, "label_fr": r["label_fr"], "label_en": r["label_en"],
             "search_text": cpv_search_text(r["code8"], r["label_fr"], r["label_en"])}
            for r in csv.DictReader(handle) if r["code8"] not in present
        ]
    db.session.execute(CpvCode.__table__.insert(), rows)
    db.session.commit()


def build(companies: int, links: int, rng: random.Random) -> None:
    codes = db.session.scalars(select(CpvCode)).all()  # kept in the identity map for refresh_search_text
    pool = [c.code8 for c in codes if c.code8[:2] in POPULAR_DIVISIONS and c.level >= 4] or [c.code8 for c in codes]
    departments, regions = list(DEPARTMENTS), list(REGIONS)
    per_company = [links // companies + (1 if i < links % companies else 0) for i in range(companies)]
    for i in range(companies):
        city, dep = rng.choice(CITIES)
        org = Organisation(
            kind="sse", name=f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}", city=city, department_code=dep,
            description=" ".join(rng.choice(WORDS).lower() for _ in range(30)), is_listed=rng.random() < 0.95,
            national=rng.random() < 0.15, siae_kind=None,
        )
        statuses = rng.sample(["ess", "esus", "siae", "ea", "esat", "geiq"], rng.randint(1, 2))
        if "siae" in statuses:
            org.siae_kind = rng.choice(["EI", "ETTI", "ACI", "AI", "EITI"])
        org.statuses = [OrganisationStatus(status=s) for s in statuses]
        if rng.random() < 0.3:
            org.areas = [OrganisationArea(kind="region", code=rng.choice(regions))]
        else:
            org.areas = [OrganisationArea(kind="department", code=d) for d in {dep, *rng.sample(departments, rng.randint(0, 2))}]
        org.cpv_links = [OrganisationCpv(code8=c) for c in rng.sample(pool, per_company[i])]
        db.session.add(org)
        if i % 500 == 499:
            db.session.flush()
    db.session.flush()
    for org in db.session.scalars(select(Organisation)):
        refresh_search_text(org)
    db.session.commit()


def time_searches(app, runs: int) -> None:
    client = app.test_client()
    print(f"{'search':<14} {'median ms':>9} {'max ms':>7}  results")
    for label, url in SEARCHES:
        client.get(url)  # warm the caches
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        status = response.get_data(as_text=True).split('role="status">', 1)[1].split("</p>", 1)[0]
        print(f"{label:<14} {statistics.median(times):9.1f} {max(times):7.1f}  {' '.join(status.split())}")


def explain() -> None:
    from matchfair.directory.services import DirectoryFilters, _conditions, _ordering

    filters = DirectoryFilters(words=("insertion",), cpv8="90000000", department="31", statuses=("siae",))
    statement = select(Organisation.id).where(*_conditions(filters)).order_by(*_ordering(filters)).limit(20)
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    for row in db.session.execute(db.text(f"EXPLAIN QUERY PLAN {compiled}")):
        print("  ", row[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=5000)
    parser.add_argument("--links", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({
            "TESTING": True, "SECRET_KEY": "benchmark-secret-key-that-is-long-enough",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3", "WTF_CSRF_ENABLED": False,
        })
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            load_cpv()
            build(args.companies, args.links, random.Random(42))
            print(f"Built {args.companies} companies and {args.links} CPV links in "
                  f"{time.perf_counter() - started:.1f} s.")
            if args.explain:
                print("Query plan of the combined search:")
                explain()
            db.session.remove()
        time_searches(app, args.runs)
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
