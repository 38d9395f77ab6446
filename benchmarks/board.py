"""Time the public needs board and its Atom feed on SQLite at the stated size.

    .venv/bin/python benchmarks/board.py [--needs 2000] [--runs 15] [--explain]

Builds a temporary SQLite database: 40 buyers, 2,000 published needs (and 300 drafts, 200 closed)
with one to three CPV codes each drawn from ../shared/data/cpv_2008.csv when it is there (else the
45 shipped divisions), a third of them with two to four lots, departments over all France, a spread
of amounts, expected dates, reservations and social clauses. Then requests typical board pages and
feeds with the test client and prints the median time of each. The target is under 100 ms a page.
"""
import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from matchfair import create_app  # noqa: E402
from matchfair.engine.territory import DEPARTMENTS  # noqa: E402
from matchfair.engine.text import fold  # noqa: E402
from matchfair.extensions import db  # noqa: E402
from matchfair.needs.models import Need, NeedCpv, NeedLot, NeedLotCpv  # noqa: E402
from matchfair.organisations.models import Organisation  # noqa: E402
from matchfair.reference.models import CpvCode  # noqa: E402
from matchfair.reference.services import cpv_search_text, ensure_divisions  # noqa: E402

CPV_CSV = ROOT.parent / "shared" / "data" / "cpv_2008.csv"
SEARCHES = [
    ("everything", "/besoins"),
    ("page 10", "/besoins?page=10"),
    ("one word", "/besoins?q=nettoyage"),
    ("CPV division", "/besoins?cpv=90000000"),
    ("CPV class", "/besoins?cpv=90910000"),
    ("department", "/besoins?department=31"),
    ("region", "/besoins?region=76"),
    ("reserved", "/besoins?reservation=reserved"),
    ("social clause", "/besoins?social=with"),
    ("amount bands", "/besoins?amount=lt40k&amount=40k-60k"),
    ("within 6 months", "/besoins?within=6"),
    ("direct award", "/besoins?direct=y"),
    ("with closed", "/besoins?closed=y"),
    ("combined", "/besoins?cpv=90000000&region=76&social=with&amount=40k-60k&amount=60k-100k&amount=100k-216k"),
    ("no match", "/besoins?q=zzzzzz&department=31"),
    ("feed, all", "/besoins/flux.atom"),
    ("feed, filtered", "/besoins/flux.atom?region=76&social=with"),
]
WORDS = ["Nettoyage", "Entretien", "Restauration", "Espaces verts", "Collecte", "Recyclage", "Impression",
         "Blanchisserie", "Menuiserie", "Travaux", "Accompagnement", "Formation", "Transport", "Traiteur"]
PLACES = ["des lycées", "des collèges", "des bureaux", "du siège", "des écoles", "des gymnases", "du port"]
POPULAR_DIVISIONS = ("90", "77", "55", "45", "79", "85", "50", "39", "30", "18", "98", "92", "60", "80")


def load_cpv() -> list[CpvCode]:
    ensure_divisions()
    if CPV_CSV.exists():
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
    else:
        print(f"{CPV_CSV} not found: CPV codes are the 45 divisions only.")
    codes = db.session.scalars(select(CpvCode)).all()
    return [c for c in codes if c.code8[:2] in POPULAR_DIVISIONS and c.level >= 4] or codes


def build(count: int, rng: random.Random) -> None:
    pool = load_cpv()
    buyers = [Organisation(kind="buyer", name=f"Acheteur public {i}", department_code=rng.choice(list(DEPARTMENTS)),
                           search_text="") for i in range(40)]
    db.session.add_all(buyers)
    db.session.flush()
    departments = list(DEPARTMENTS)
    statuses = ["published"] * count + ["draft"] * 300 + ["closed"] * 200
    start = date.today() - timedelta(days=60)
    for i, status in enumerate(statuses):
        codes = rng.sample(pool, rng.randint(1, 3))
        title = f"{rng.choice(WORDS)} {rng.choice(PLACES)} {i}"
        need = Need(
            organisation_id=rng.choice(buyers).id, status=status, title=title,
            description=f"{title}. " + " ".join(fold(c.label_fr) for c in codes) * 3,
            department_code=rng.choice(departments[:20] if rng.random() < 0.4 else departments),
            estimated_amount_eur=rng.choice([None, rng.randint(5_000, 60_000), rng.randint(60_000, 250_000),
                                             rng.randint(250_000, 3_000_000)]),
            expected_publication_date=None if rng.random() < 0.2 else start + timedelta(days=rng.randint(0, 540)),
            reservation=rng.choice(["none"] * 4 + ["L2113-12", "L2113-13", "L2113-14", "L2113-15"]),
            social_clause=rng.choice(["none", "none", "execution", "award"]),
            environmental_clause=rng.random() < 0.3, innovative=rng.random() < 0.1,
            purchase_kind="works" if codes[0].code8.startswith("45") else "supplies_services",
            published_at=None if status == "draft" else datetime(2026, 1, 1) + timedelta(hours=i),
            search_text=fold(title + " " + " ".join(f"{c.label_fr} {c.label_en}" for c in codes)),
        )
        need.cpv_links = [NeedCpv(code8=c.code8) for c in codes]
        if rng.random() < 0.33:
            need.lots = [NeedLot(number=n, title=f"Lot {n}", estimated_amount_eur=rng.randint(5_000, 200_000),
                                 cpv_links=[NeedLotCpv(code8=rng.choice(pool).code8)])
                         for n in range(1, rng.randint(2, 4) + 1)]
        db.session.add(need)
        if i % 500 == 499:
            db.session.flush()
    db.session.commit()


def time_searches(app, runs: int) -> None:
    client = app.test_client()
    print(f"{'search':<16} {'median ms':>9} {'max ms':>7}  results")
    for label, url in SEARCHES:
        client.get(url)  # warm the caches
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        text = response.get_data(as_text=True)
        if "atom" in url:
            status = f"{text.count('<entry>')} entries, {len(text) // 1024} KiB"
        else:
            status = " ".join(text.split('role="status">', 1)[1].split("</p>", 1)[0].split())
        print(f"{label:<16} {statistics.median(times):9.1f} {max(times):7.1f}  {status}")


def explain() -> None:
    from matchfair.board.services import BoardFilters, _conditions

    filters = BoardFilters(words=("services",), cpv8="90000000", region="76", reservation="reserved",
                           amount_bands=("40k-60k",), direct_award=True)
    expected = Need.expected_publication_date
    statement = (select(Need.id).where(*_conditions(filters, date.today()))
                 .order_by(expected.is_(None), expected, Need.id).limit(20))
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    for row in db.session.execute(db.text(f"EXPLAIN QUERY PLAN {compiled}")):
        print("  ", row[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=int, default=2000)
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
            build(args.needs, random.Random(42))
            print(f"Built {args.needs} published needs (and 500 drafts or closed) in "
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
