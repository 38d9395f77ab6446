"""`flask organiser create`: the organiser organisation and its confirmed admin."""
import pytest
from sqlalchemy import select

from matchfair.accounts.models import User
from matchfair.accounts.services import authenticate
from matchfair.extensions import db
from matchfair.organisations.models import Organisation

from .. import factories


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def _run(*args):
        result = runner.invoke(args=["organiser", "create", *args])
        db.session.expire_all()
        return result
    return _run


def _organiser(name):
    return db.session.scalar(select(Organisation).where(Organisation.name == name))


def test_creates_organisation_and_admin_with_password(run):
    result = run("--name", "CRESS Occitanie", "--email", "Admin@CRESS-Occitanie.org",
                 "--password", "une phrase assez longue", "--full-name", "Claire Cress", "--department", "34")
    assert result.exit_code == 0, result.output
    org = _organiser("CRESS Occitanie")
    assert org.kind == "organiser" and org.department_code == "34" and not org.is_listed
    user = db.session.scalar(select(User).where(User.email == "admin@cress-occitanie.org"))
    assert user.is_confirmed and user.full_name == "Claire Cress"
    assert [(m.organisation_id, m.role) for m in user.memberships] == [(org.id, "admin")]
    assert authenticate("admin@cress-occitanie.org", "une phrase assez longue") == user
    assert "Organisation organisatrice « CRESS Occitanie » créée" in result.output
    assert "avec le mot de passe donné" in result.output


def test_generates_a_password_when_none_is_given(run):
    result = run("--name", "CRESS Bretagne", "--email", "admin@cress-bretagne.org")
    assert result.exit_code == 0, result.output
    password = result.output.split("avec le mot de passe : ")[1].split()[0]
    assert authenticate("admin@cress-bretagne.org", password) is not None
    assert db.session.scalar(select(User).where(User.email == "admin@cress-bretagne.org")).full_name == "admin"


def test_existing_account_becomes_admin_of_the_new_organisation(run, sse_admin):
    result = run("--name", "Région Occitanie - achats", "--email", sse_admin.email.upper(), "--password", "ignored-password")
    assert result.exit_code == 0, result.output
    assert "existait déjà" in result.output and "--password et --full-name ont été ignorés" in result.output
    org = _organiser("Région Occitanie - achats")
    user = db.session.get(User, sse_admin.id)
    assert sorted(m.organisation.kind for m in user.memberships) == ["organiser", "sse"]
    assert [m.role for m in org.memberships] == ["admin"]


@pytest.mark.parametrize("args,message", [
    (["--email", "pas-une-adresse"], "adresse non valide"),
    (["--email", "a@exemple.fr", "--password", "court"], "trop court"),
    (["--email", "a@exemple.fr", "--siret", "12345678901234"], "SIRET non valide"),
    (["--email", "a@exemple.fr", "--department", "99"], "code de département INSEE"),
])
def test_bad_arguments(run, args, message):
    result = run("--name", "CRESS X", *args)
    assert result.exit_code != 0 and message in result.output
    assert _organiser("CRESS X") is None
    assert db.session.scalar(select(User).where(User.email == "a@exemple.fr")) is None


def test_duplicate_name_or_siret(run):
    taken = factories.OrganisationFactory()
    run("--name", "CRESS Y", "--email", "a@exemple.fr", "--password", "une phrase assez longue")
    result = run("--name", "CRESS Y", "--email", "b@exemple.fr")
    assert result.exit_code != 0 and "existe déjà" in result.output
    result = run("--name", "CRESS Z", "--email", "c@exemple.fr", "--siret", taken.siret)
    assert result.exit_code != 0 and "a déjà le SIRET" in result.output
    assert _organiser("CRESS Z") is None
    assert db.session.scalar(select(User).where(User.email == "c@exemple.fr")) is None


def test_required_options(run):
    assert run("--name", "CRESS").exit_code != 0
    assert run("--email", "a@exemple.fr").exit_code != 0
