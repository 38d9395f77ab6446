"""Time the organisations import (back office) on SQLite at 5,000 rows: check, then import.

    .venv/bin/python benchmarks/import_organisations.py [--rows 5000] [--runs 3] [--existing 250]

Generates a CSV of SSE companies (valid SIRETs with the Luhn rule, departments all over France, one
to three CPV divisions, statuses, an organisation e-mail and a person to invite on each row),
with `--existing` of its SIRETs already in the database (merged on confirmation). Each run uses a
fresh temporary SQLite database and times: reading the file, checking every row (the preview),
the confirmation (creations, merges, accounts and memberships, one commit) and the invitation
e-mails (rendered, locmem backend). Prints the median of the runs. The target is under 30 s for
the check and the import together.
"""
import argparse
import csv
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stdnum import luhn

from matchfair import create_app
from matchfair.accounts.models import User
from matchfair.backoffice import imports
from matchfair.backoffice.models import OrganisationImport
from matchfair.engine.territory import DEPARTMENTS
from matchfair.extensions import db
from matchfair.organisations.models import Membership, Organisation, OrgKind
from matchfair.reference.models import CpvCode
from matchfair.reference.services import ensure_divisions

HEADER = ["Raison sociale", "SIRET", "Département", "Adresse", "Code postal", "Ville", "Site web", "Courriel",
          "Téléphone", "Présentation", "Codes CPV", "Statut", "Nom du contact", "Email contact"]
STATUSES = ["SCOP", "SIAE (EI)", "ACI", "EA", "ESAT", "association", "GEIQ", "SCIC, ESUS", "association, AI"]


def make_siret(rng: random.Random) -> str:
    """A SIRET that python-stdnum accepts (as tests/factories.py make_siret)."""
    siren8 = "".join(rng.choice("0123456789") for _ in range(8))
    siren = siren8 + luhn.calc_check_digit(siren8)
    nic4 = "".join(rng.choice("0123456789") for _ in range(4))
    return siren + nic4 + luhn.calc_check_digit(siren + nic4)


def make_file(rows: int, divisions: list[str], rng: random.Random) -> tuple[bytes, list[str]]:
    departments = [d for d in DEPARTMENTS if len(d) == 2]
    out, sirets = io.StringIO(), []
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    seen = set()
    for i in range(1, rows + 1):
        siret = make_siret(rng)
        while siret in seen:
            siret = make_siret(rng)
        seen.add(siret)
        sirets.append(siret)
        dep = rng.choice(departments)
        postcode = f"{dep}{rng.randint(0, 999):03d}" if dep.isdigit() else "20000"
        writer.writerow([f"Structure solidaire {i}", siret, dep, f"{i} rue de la Coopération", postcode,
                         f"Commune {i % 300}", f"www.structure{i}.fr", f"contact@structure{i}.fr", "05 61 00 00 00",
                         "Insertion par l'activité économique, entretien, restauration.",
                         ", ".join(rng.sample(divisions, rng.randint(1, 3))), rng.choice(STATUSES),
                         f"Personne {i}", f"personne{i}@structure{i}.fr"])
    return out.getvalue().encode("utf-8"), sirets


def one_run(rows: int, existing: int, seed: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({
            "TESTING": True, "SECRET_KEY": "benchmark-secret-key-that-is-long-enough", "MAIL_BACKEND": "locmem",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3", "WTF_CSRF_ENABLED": False,
            "SERVER_NAME": "matchfair.test",
        })
        with app.app_context(), app.test_request_context():
            db.create_all()
            ensure_divisions()
            divisions = [c for c in db.session.scalars(db.select(CpvCode.code8))]
            raw, sirets = make_file(rows, divisions, random.Random(seed))
            organiser = Organisation(kind=OrgKind.ORGANISER, name="CRESS", search_text="cress")
            actor = User(email="orga@exemple.fr", full_name="Orga", password_hash="!")
            organiser.memberships.append(Membership(user=actor, role="admin"))
            db.session.add(organiser)
            db.session.add_all(Organisation(kind=OrgKind.SSE, name=f"Ancienne {i}", siret=s, search_text="")
                               for i, s in enumerate(sirets[:existing]))
            db.session.commit()
            times = {}
            started = time.perf_counter()
            csv_file = imports.read_file(raw)
            imp = OrganisationImport(organiser_organisation_id=organiser.id, created_by_id=actor.id,
                                     filename="bench.csv", kind="sse", header=csv_file.header, rows=csv_file.rows,
                                     mapping=imports.guess_mapping(csv_file.header, "sse"),
                                     report={"lines": csv_file.lines})
            db.session.add(imp)
            db.session.commit()
            times["read"] = time.perf_counter() - started
            started = time.perf_counter()
            result = imports.check_import(imp)
            db.session.commit()
            times["check"] = time.perf_counter() - started
            assert not result.errors, result.errors[:5]
            assert len(imp.mapping) == len(HEADER), imp.mapping
            started = time.perf_counter()
            notices = imports.confirm(actor, imp)
            db.session.commit()
            times["import"] = time.perf_counter() - started
            started = time.perf_counter()
            imports.send_notices(notices)
            times["e-mails"] = time.perf_counter() - started
            done = imp.report["done"]
            assert done["created"] == rows - existing and done["merged"] == existing, done
            db.session.remove()
            db.engine.dispose()
    times["check + import"] = times["read"] + times["check"] + times["import"]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--existing", type=int, default=250)
    args = parser.parse_args()
    runs = [one_run(args.rows, args.existing, seed) for seed in range(args.runs)]
    print(f"Organisations import, {args.rows} rows ({args.existing} merged into existing organisations), "
          f"SQLite, median of {args.runs} runs:")
    for name in runs[0]:
        values = [r[name] for r in runs]
        print(f"  {name:<15} {statistics.median(values):6.2f} s   (runs: {', '.join(f'{v:.2f}' for v in values)})")
    total = statistics.median(r["check + import"] for r in runs)
    print(f"Target: check + import under 30 s: {'met' if total < 30 else 'NOT MET'} ({total:.1f} s).")


if __name__ == "__main__":
    main()
