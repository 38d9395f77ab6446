"""`flask demo load`: what it prints, idempotence, --reset, one transaction, speed, determinism."""
import random
import re
import time

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from stdnum.fr import siret
from werkzeug.security import check_password_hash

from matchfair.accounts.models import User
from matchfair.demo import companies, loader
from matchfair.demo.data_companies import COMPANIES
from matchfair.demo.identity import DEMO_DOMAIN, DEMO_PASSWORD, ORGANISER_EMAIL, SEED, make_siret
from matchfair.extensions import db
from matchfair.organisations.models import Membership, OrgKind, Organisation, Role
from tests import factories

EMAIL = re.compile(r"\S+@" + re.escape(DEMO_DOMAIN))


def _count(kind: str) -> int:
    return db.session.scalar(select(func.count()).select_from(Organisation).where(Organisation.kind == kind))


def _user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_load_prints_counts_password_and_logins(loaded):
    output = loaded.output
    assert f"{len(COMPANIES)} structures de l'ESS" in output
    assert "30 acheteurs" in output
    assert "1 organisateur" in output
    assert DEMO_PASSWORD in output
    for name in ("CRESS Occitanie (démo)", "Éclat Propreté Insertion", "ESAT Les Ateliers de l'Agout",
                 "Coopérative Pixel & Pastel", "Région Occitanie", "Département de la Haute-Garonne",
                 "CHU de Toulouse", "PLIE Garonne Emploi"):
        assert name in output
    assert ORGANISER_EMAIL in output
    assert len(EMAIL.findall(output)) == 8


def test_printed_logins_work(loaded):
    for line in loaded.output.splitlines():
        match = EMAIL.search(line)
        if not match:
            continue
        user = db.session.scalar(select(User).where(User.email == match.group(0)))
        assert user is not None, line
        assert user.is_confirmed
        assert check_password_hash(user.password_hash, DEMO_PASSWORD)
        # The printed organisation is the one the account administers.
        admin_of = {m.organisation.name for m in user.memberships if m.role == Role.ADMIN}
        assert any(name in line for name in admin_of), line


def test_counts_in_the_database(loaded):
    assert _count(OrgKind.SSE) == len(COMPANIES)
    assert 140 <= len(COMPANIES) <= 160
    assert _count(OrgKind.BUYER) == 30
    assert _count(OrgKind.ORGANISER) == 1
    for org in db.session.scalars(select(Organisation)):
        roles = sorted(m.role for m in org.memberships)
        assert roles in (["admin"], ["admin", "member"]), org.name
    users = list(db.session.scalars(select(User)))
    assert len(users) == db.session.scalar(select(func.count()).select_from(Membership))
    assert all(u.email.endswith("@" + DEMO_DOMAIN) and u.is_confirmed for u in users)
    # One hash for all: hashing is slow by design.
    assert len({u.password_hash for u in users}) == 1


def test_second_run_adds_nothing_and_prints_the_logins_again(loaded, run_demo):
    before = (_count(OrgKind.SSE), _count(OrgKind.BUYER), _count(OrgKind.ORGANISER), _user_count())
    again = run_demo()
    assert again.exit_code == 0, again.output
    assert "déjà chargée" in again.output
    assert (_count(OrgKind.SSE), _count(OrgKind.BUYER), _count(OrgKind.ORGANISER), _user_count()) == before
    assert DEMO_PASSWORD in again.output
    assert sorted(EMAIL.findall(again.output)) == sorted(EMAIL.findall(loaded.output))


def test_reset_reloads_the_demo_and_keeps_everything_else(loaded, run_demo):
    other = factories.MembershipFactory(organisation=factories.OrganisationFactory(name="Vraie structure"))
    demo_org = db.session.scalar(select(Organisation).where(Organisation.name == "Éclat Propreté Insertion"))
    # Someone from outside the demo joined a demo organisation: their account must survive.
    db.session.add(Membership(user=other.user, organisation=demo_org, role=Role.MEMBER))
    db.session.commit()

    result = run_demo("--reset")

    assert result.exit_code == 0, result.output
    assert "Ancienne démo supprimée : 183 organisations" in result.output  # 150 + 30 + organiser + 2 facilitators
    assert _count(OrgKind.SSE) == len(COMPANIES) + 1
    assert _count(OrgKind.BUYER) == 30
    assert db.session.get(Organisation, other.organisation_id).name == "Vraie structure"
    assert db.session.get(User, other.user_id) is not None
    reloaded = db.session.scalars(select(Organisation).where(Organisation.name == "Éclat Propreté Insertion")).one()
    assert other.user_id not in {m.user_id for m in reloaded.memberships}
    assert len(EMAIL.findall(result.output)) == 8


def test_reset_on_an_empty_database_just_loads(run_demo):
    result = run_demo("--reset")
    assert result.exit_code == 0, result.output
    assert "Ancienne démo" not in result.output
    assert _count(OrgKind.ORGANISER) == 1


def test_a_failure_leaves_nothing_behind(run_demo, monkeypatch):
    def broken(ctx):
        raise IntegrityError("INSERT", {}, Exception("boom"))

    parts = tuple(loader.Part(p.name, broken if p.load is companies.load else p.load) for p in loader.PARTS)
    monkeypatch.setattr(loader, "PARTS", parts)
    result = run_demo()
    assert result.exit_code == 1
    assert "rien n'a été modifié" in result.output
    assert _count(OrgKind.ORGANISER) == 0
    assert _user_count() == 0


def test_loading_is_fast(run_demo):
    started = time.perf_counter()
    result = run_demo()
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - started < 10


def test_the_demo_is_the_same_every_time(loaded, run_demo):
    def snapshot():
        rows = db.session.execute(select(Organisation.name, Organisation.siret, Organisation.description,
                                         Organisation.capacity_eur).order_by(Organisation.name))
        return [tuple(row) for row in rows], sorted(db.session.scalars(select(User.email)))

    first = snapshot()
    assert run_demo("--reset").exit_code == 0
    assert snapshot() == first


def test_a_siret_already_in_the_database_is_not_reused(run_demo):
    # The first SIRET the demo draws is the organiser's: someone already has it.
    taken = make_siret(random.Random(f"{SEED}:organiser"))
    factories.OrganisationFactory(name="Déjà là", siret=taken)

    result = run_demo()

    assert result.exit_code == 0, result.output
    organiser = db.session.scalars(select(Organisation).where(Organisation.kind == OrgKind.ORGANISER)).one()
    assert organiser.siret != taken and siret.is_valid(organiser.siret)
    assert db.session.scalars(select(Organisation).where(Organisation.siret == taken)).one().name == "Déjà là"
