"""Time the matching pages with 20,000 SSE suppliers in the database (target: under 100 ms median).

    .venv/bin/python benchmarks/matching_pages.py [--suppliers 20000] [--needs 300] [--runs 30]

Builds a temporary SQLite database with bulk Core inserts: SSE suppliers with statuses, areas,
CPV codes (drawn from ../shared/data/cpv_2008.csv when it is there, else the 45 divisions) and
offers for a third of them; buyers with a few hundred published needs. Then, through the test
client, signed in: warms the matching cache once (and prints the cold build times), and prints the
median and max of --runs requests (and the median CPU time of this process, which a busy machine
inflates less) of the buyer's supplier page of a need, the need page (with its
matching panel), and a company's matches page.
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

from sqlalchemy import insert, select  # noqa: E402

from matchfair import create_app  # noqa: E402
from matchfair.accounts.models import User  # noqa: E402
from matchfair.engine.territory import DEPARTMENTS, REGIONS  # noqa: E402
from matchfair.extensions import db  # noqa: E402
from matchfair.matching.cache import get_cache, needs_entry, supplier_entry  # noqa: E402
from matchfair.matching.models import MatchingState  # noqa: E402
from matchfair.needs.models import Need, NeedCpv  # noqa: E402
from matchfair.offers.models import Offer, OfferCpv  # noqa: E402
from matchfair.organisations.models import (  # noqa: E402
    Membership, Organisation, OrganisationArea, OrganisationCpv, OrganisationStatus,
)
from matchfair.reference.models import CpvCode  # noqa: E402
from matchfair.reference.services import cpv_search_text, ensure_divisions  # noqa: E402
from matchfair.timeutil import utcnow  # noqa: E402

CPV_CSV = ROOT.parent / "shared" / "data" / "cpv_2008.csv"
DIVISION_WEIGHTS = {"90": 12, "77": 8, "55": 8, "45": 12, "98": 5, "79": 6, "80": 6, "85": 6, "92": 4, "60": 4,
                    "50": 5, "39": 3, "18": 3, "22": 3, "15": 3, "71": 2, "72": 2, "33": 2, "44": 2, "37": 1}
BIG_DEPARTMENTS = {"75": 6, "13": 5, "59": 6, "69": 5, "92": 4, "93": 4, "33": 4, "31": 5, "44": 4, "34": 4}
WORDS = ["insertion", "nettoyage", "lycées", "collèges", "espaces verts", "traiteur", "réemploi", "menuiserie",
         "blanchisserie", "bâtiments publics", "circuits courts", "entretien", "vitres", "bureaux", "formation"]
STATUS_RATES = {"ess": 0.7, "esus": 0.15, "siae": 0.25, "ea": 0.08, "esat": 0.08, "geiq": 0.03}
RESERVED = [("none", 80), ("L2113-12", 4), ("L2113-13", 8), ("L2113-14", 3), ("L2113-15", 5)]


def load_cpv() -> dict[str, str]:
    """Import the CPV list when present; {code8: French label} of the codes suppliers draw from."""
    ensure_divisions()
    if CPV_CSV.exists():
        present = set(db.session.scalars(select(CpvCode.code8)))
        with CPV_CSV.open(encoding="utf-8") as handle:
            rows = [{"code8": r["code8"], "code": r["code"], "level": int(r["level"]), "type": r["type"],
                     "parent8": (r["parent"] or "")[:8] or None, "label_fr": r["label_fr"], "label_en": r["label_en"],
                     "search_text": cpv_search_text(r["code8"], r["label_fr"], r["label_en"])}
                    for r in csv.DictReader(handle) if r["code8"] not in present]
        db.session.execute(insert(CpvCode), rows)
    else:
        print(f"{CPV_CSV} not found: CPV codes are the 45 divisions only.")
    db.session.commit()
    return {c.code8: c.label_fr for c in db.session.scalars(select(CpvCode).where(CpvCode.level >= 4))} or {
        c.code8: c.label_fr for c in db.session.scalars(select(CpvCode))}


def _weighted(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def build(suppliers: int, needs: int, rng: random.Random) -> tuple[int, int, int, int]:
    """Bulk-insert everything; (buyer user id, a need id, SSE user id, its organisation id)."""
    labels = load_cpv()
    by_division: dict[str, list[str]] = {}
    for code8 in labels:
        by_division.setdefault(code8[:2], []).append(code8)
    weights = {d: DIVISION_WEIGHTS.get(d, 0.3) for d in by_division}
    departments = {d: BIG_DEPARTMENTS.get(d, 1) for d in DEPARTMENTS}
    regions = list(REGIONS)

    def codes(n):
        return list({rng.choice(by_division[_weighted(rng, weights)]) for _ in range(n)})

    now = utcnow()
    orgs, statuses, areas, links, offers, offer_links = [], [], [], [], [], []
    for org_id in range(1, suppliers + 1):
        dep = _weighted(rng, departments)
        mine = codes(rng.randint(1, 4))
        text = " ".join(labels[c] for c in mine) + " " + " ".join(rng.sample(WORDS, 3))
        orgs.append({"id": org_id, "kind": "sse", "name": f"Structure {org_id}", "department_code": dep,
                     "description": text, "is_listed": rng.random() < 0.95, "national": rng.random() < 0.05,
                     "capacity_eur": rng.choice([None, 50_000, 150_000, 500_000, 2_000_000]), "search_text": "",
                     "publish_address": True, "publish_contact": False, "publish_figures": True,
                     "created_at": now, "updated_at": now})
        statuses += [{"organisation_id": org_id, "status": s} for s, rate in STATUS_RATES.items() if rng.random() < rate]
        if rng.random() < 0.3:
            areas.append({"organisation_id": org_id, "kind": "region", "code": rng.choice(regions)})
        areas += [{"organisation_id": org_id, "kind": "department", "code": d}
                  for d in {_weighted(rng, departments) for _ in range(rng.randint(0, 2))}]
        links += [{"organisation_id": org_id, "code8": c} for c in mine]
        if rng.random() < 0.33:
            offer_id = len(offers) + 1
            offers.append({"id": offer_id, "organisation_id": org_id, "title": f"Offre {offer_id}",
                           "description": " ".join(rng.sample(WORDS, 4)), "national": False, "is_published": True,
                           "capacity_eur": None, "created_at": now, "updated_at": now})
            offer_links += [{"offer_id": offer_id, "code8": c} for c in codes(2)]
    buyer_ids = range(suppliers + 1, suppliers + 31)
    orgs += [{"id": i, "kind": "buyer", "name": f"Acheteur {i}", "department_code": _weighted(rng, departments),
              "is_listed": False, "national": False, "search_text": "", "publish_address": True,
              "publish_contact": False, "publish_figures": True, "created_at": now, "updated_at": now}
             for i in buyer_ids]
    need_rows, need_links = [], []
    for need_id in range(1, needs + 1):
        mine = codes(rng.randint(1, 2))
        need_rows.append({
            "id": need_id, "organisation_id": rng.choice(buyer_ids), "status": "published",
            "title": f"Besoin {need_id} : {labels[mine[0]][:80]}", "description": " ".join(rng.sample(WORDS, 4)),
            "department_code": _weighted(rng, departments), "estimated_amount_eur": rng.choice(
                [20_000, 45_000, 90_000, 300_000, 1_200_000]), "reservation": _weighted(rng, dict(RESERVED)),
            "social_clause": rng.choice(["none", "none", "execution", "award"]), "procedure": "undecided",
            "purchase_kind": "supplies_services", "is_renewal": False, "environmental_clause": False,
            "innovative": False, "search_text": "", "published_at": now, "created_at": now, "updated_at": now})
        need_links += [{"need_id": need_id, "code8": c} for c in mine]
    # The timed need: cleaning of buildings in Haute-Garonne, the demo's story.
    need_rows[0].update(title="Nettoyage des lycées de la région", department_code="31", reservation="none",
                        description="Nettoyage quotidien des lycées", estimated_amount_eur=400_000)
    need_links = [link for link in need_links if link["need_id"] != 1]
    need_links.append({"need_id": 1, "code8": "90911200" if "90911200" in labels else next(iter(labels))})
    for table, rows in ((Organisation, orgs), (OrganisationStatus, statuses), (OrganisationArea, areas),
                        (OrganisationCpv, links), (Offer, offers), (OfferCpv, offer_links), (Need, need_rows),
                        (NeedCpv, need_links)):
        for start in range(0, len(rows), 5000):
            db.session.execute(insert(table), rows[start:start + 5000])
    company_id = next(o["id"] for o in orgs if o["department_code"] == "31" and o["kind"] == "sse")
    db.session.execute(insert(OrganisationCpv).prefix_with("OR IGNORE"),
                       [{"organisation_id": company_id, "code8": need_links[-1]["code8"]}])
    buyer = User(email="acheteur@bench.test", full_name="Acheteur", password_hash="x", email_confirmed_at=now)
    company = User(email="structure@bench.test", full_name="Structure", password_hash="x", email_confirmed_at=now)
    db.session.add_all([buyer, company])
    db.session.flush()
    db.session.add_all([Membership(user_id=buyer.id, organisation_id=need_rows[0]["organisation_id"], role="admin"),
                        Membership(user_id=company.id, organisation_id=company_id, role="admin"),
                        MatchingState(id=1, suppliers_version=1, needs_version=1)])
    db.session.commit()
    return buyer.id, 1, company.id, company_id


def timed(client, url: str, runs: int) -> tuple[float, float, float, str]:
    """(median wall ms, max wall ms, median CPU ms of this process, what the page says it shows)."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    html = response.get_data(as_text=True)
    status = html.split('role="status">', 1)[1].split("</p>", 1)[0] if 'role="status">' in html else ""
    return statistics.median(times), max(times), statistics.median(cpu), " ".join(status.split())[:60]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=20_000)
    parser.add_argument("--needs", type=int, default=300)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "SECRET_KEY": "benchmark-secret-key-that-is-long-enough",
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3", "WTF_CSRF_ENABLED": False})
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            buyer_id, need_id, company_id, company_org = build(args.suppliers, args.needs, random.Random(7))
            print(f"Built {args.suppliers} SSE suppliers and {args.needs} published needs "
                  f"in {time.perf_counter() - started:.1f} s.")
            started, started_cpu = time.perf_counter(), time.process_time()
            entry = supplier_entry()
            middle, middle_cpu = time.perf_counter(), time.process_time()
            needs_entry()
            print(f"Cold rebuild: supplier index {(middle - started) * 1000:.0f} ms "
                  f"(CPU {(middle_cpu - started_cpu) * 1000:.0f} ms, {len(entry.index)} suppliers), "
                  f"published needs {(time.perf_counter() - middle) * 1000:.0f} ms "
                  f"(CPU {(time.process_time() - middle_cpu) * 1000:.0f} ms).")
            buyer, company = db.session.get(User, buyer_id), db.session.get(User, company_id)
            buyer_key, company_key = buyer.get_id(), company.get_id()
            db.session.remove()
        client = app.test_client()
        print(f"{'page':<34} {'median ms':>9} {'max ms':>7} {'CPU ms':>7}  shows")
        for label, key, url in (("buyer: need's suppliers", buyer_key, f"/besoins/{need_id}/fournisseurs"),
                                ("buyer: need's suppliers, page 3", buyer_key, f"/besoins/{need_id}/fournisseurs?page=3"),
                                ("buyer: need page (with panel)", buyer_key, f"/besoins/{need_id}"),
                                ("company: matches", company_key, "/correspondances"),
                                ("company: matches, department 31", company_key, "/correspondances?department=31")):
            with client.session_transaction() as session:
                session["_user_id"], session["_fresh"] = key, True
            client.get(url)  # the cache is warm already; this warms Jinja's template cache
            median, worst, cpu, shows = timed(client, url, args.runs)
            verdict = "ok" if median < 100 else "SLOW"
            print(f"{label:<34} {median:9.1f} {worst:7.1f} {cpu:7.1f}  {shows} [{verdict}]")
        with app.app_context():
            get_cache().clear()
            db.engine.dispose()


if __name__ == "__main__":
    main()
