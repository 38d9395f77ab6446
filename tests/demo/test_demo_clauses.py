"""The demo's social-clause part: the PLIE of Haute-Garonne (a demo log-in) and the Maison de l'emploi
du Tarn; the Région's high-schools cleaning need with the PLIE active and no proposal yet (the issue's
journey is left to do by hand, and done here through the pages); the CHU's laundry, awarded, with
adopted hours and months of recorded hours; an offer waiting; reset and reload without orphans."""
import html
from datetime import timedelta

from sqlalchemy import func, select

from matchfair.accounts.models import User
from matchfair.clauses.models import ClauseProposal, ClauseSupport, FacilitatorNote, InsertionHours, SupportStatus
from matchfair.demo import clauses as demo_clauses
from matchfair.demo.data_needs import AWARDED, HIGH_SCHOOLS
from matchfair.demo.identity import DEMO_PASSWORD
from matchfair.demo.loader import reset_demo
from matchfair.engine.clauses import calibrate
from matchfair.extensions import db
from matchfair.needs.direct_award import local_today
from matchfair.needs.models import Need
from matchfair.organisations.models import AreaKind, Organisation, OrganisationArea, OrgKind
from matchfair.timeutil import utcnow

from .. import factories

NADIA = "nadia.ferhat@demo.matchfair.fr"
CLAUSE_MODELS = (ClauseSupport, ClauseProposal, FacilitatorNote, InsertionHours)


def _org(name: str) -> Organisation:
    return db.session.scalars(select(Organisation).where(Organisation.name == name)).one()


def _need(title: str) -> Need:
    return db.session.scalars(select(Need).where(Need.title == title)).one()


def _user(email: str) -> User:
    return db.session.scalars(select(User).where(User.email == email)).one()


def _territory(org: Organisation) -> list[str]:
    return sorted(a.code for a in org.areas if a.kind == AreaKind.DEPARTMENT)


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True)).replace("\u00a0", " ").replace("\u202f", " ")


def _sign_in(client, user) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


def _buyer_admin(need: Need) -> User:
    return next(m.user for m in need.organisation.memberships if m.role == "admin")


def _counts() -> tuple[int, ...]:
    return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in CLAUSE_MODELS)


# --- The facilitators -----------------------------------------------------------------------------------

def test_the_plie_covers_haute_garonne_with_a_demo_log_in(loaded):
    plie = _org(demo_clauses.PLIE)
    assert plie.kind == OrgKind.FACILITATOR
    assert _territory(plie) == ["31"]
    nadia = _user(NADIA)
    assert nadia.full_name == "Nadia Ferhat" and nadia.email_confirmed_at is not None
    assert any(m.organisation_id == plie.id and m.role == "admin" for m in nadia.memberships)
    assert NADIA in loaded.output and demo_clauses.FACILITATOR_ROLE in loaded.output
    assert DEMO_PASSWORD in loaded.output


def test_the_tarn_facilitator_covers_the_tarn(loaded):
    tarn = _org(demo_clauses.TARN)
    assert tarn.kind == OrgKind.FACILITATOR and _territory(tarn) == ["81"]


def test_nadia_can_log_in_with_the_demo_password(loaded, client):
    response = client.post("/connexion", data={"email": NADIA, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/facilitateur").status_code == 200


# --- The high schools: the PLIE active, nothing proposed ----------------------------------------------------

def test_the_high_schools_need_has_the_plie_active_and_no_proposal(loaded):
    need = _need(HIGH_SCHOOLS)
    assert need.organisation.name == "Région Occitanie" and need.department_code == "31"
    assert need.status == "published" and need.social_clause == "execution" and need.insertion_hours is None
    [support] = db.session.scalars(select(ClauseSupport).where(ClauseSupport.need_id == need.id)).all()
    assert support.facilitator.name == demo_clauses.PLIE and support.status == SupportStatus.ACTIVE
    assert support.created_by_id == _buyer_admin(need).id
    assert db.session.scalar(select(func.count()).select_from(ClauseProposal)
                             .where(ClauseProposal.need_id == need.id)) == 0
    notes = db.session.scalars(select(FacilitatorNote.body).where(FacilitatorNote.need_id == need.id)).all()
    assert sorted(notes) == sorted(demo_clauses.NOTES)


def test_nadia_sees_the_high_schools_need_on_her_board(loaded, client):
    _sign_in(client, _user(NADIA))
    page = _text(client.get("/facilitateur"))
    assert "PLIE Garonne Emploi couvre :" in page and "Haute-Garonne (31)" in page
    card = page.split(f">{HIGH_SCHOOLS}</a></h3>")[0].rsplit('<article class="clause-card">', 1)[1]
    assert "Clause d'insertion" in card and "Vous accompagnez" in card
    followed = page.split('id="followed-title"')[1].split("</section>")[0]
    assert HIGH_SCHOOLS in followed and AWARDED[0] in followed and demo_clauses.OFFER_NEED in followed


def test_the_issue_journey_on_the_demo(loaded, client):
    """Done when: the PLIE proposes 1 200 hours with the working shown, the Région adopts it; after
    the award, hours are recorded and the progress shows on the three sides."""
    need = _need(HIGH_SCHOOLS)
    nadia, region = _user(NADIA), _buyer_admin(need)
    _sign_in(client, nadia)
    page = _text(client.get(f"/besoins/{need.id}/clause-sociale"))
    assert "Vous accompagnez Région Occitanie sur ce besoin." in page
    assert demo_clauses.NOTES[0] in page
    response = client.post(f"/besoins/{need.id}/clause-sociale/proposition", data={
        "amount_eur": "2 400 000", "labour_share_pct": "80", "hourly_cost_cents": "32", "insertion_rate_tenths": "2"},
        follow_redirects=True)
    assert "Proposition envoyée à l'acheteur : 1 200 heures d'insertion." in _text(response)

    _sign_in(client, region)
    page = _text(client.get(f"/besoins/{need.id}/clause-sociale"))
    assert "2 400 000 € × 80 % de main-d'œuvre = 1 920 000 €" in page
    assert "1 920 000 € ÷ 32 € de l'heure = 60 000 heures de travail" in page
    assert "1 200 heures d'insertion" in page
    assert demo_clauses.NOTES[0] not in page
    proposal = db.session.scalars(select(ClauseProposal).where(ClauseProposal.need_id == need.id)).one()
    client.post(f"/clause-sociale/propositions/{proposal.id}/adopter")
    db.session.expire_all()
    assert _need(HIGH_SCHOOLS).insertion_hours == 1200

    response = client.post(f"/besoins/{need.id}/attribuer",
                           data={"organisation_name": "Éclat Propreté Insertion", "amount_eur": "2 350 000"})
    assert response.status_code == 302
    winner = _org("Éclat Propreté Insertion")
    assert _need(HIGH_SCHOOLS).awarded_organisation_id == winner.id

    _sign_in(client, nadia)
    month = utcnow().date().replace(day=1).strftime("%Y-%m")
    response = client.post(f"/besoins/{need.id}/clause-sociale/heures",
                           data={"period": month, "structure": str(winner.id), "hours": "96"}, follow_redirects=True)
    assert "Heures enregistrées pour Éclat Propreté Insertion." in _text(response)
    winner_admin = next(m.user for m in winner.memberships if m.role == "admin")
    for user in (nadia, region, winner_admin):
        _sign_in(client, user)
        page = _text(client.get(f"/besoins/{need.id}/clause-sociale"))
        assert "96 heures réalisées sur 1 200 dues" in page, user.email
        assert "Reste 1 104 heures." in page


# --- The laundry: awarded, adopted hours, months recorded -------------------------------------------------

def test_the_laundry_is_awarded_with_adopted_hours(loaded):
    need = _need(AWARDED[0])
    expected = calibrate(*demo_clauses.LAUNDRY_CALIBRATION).hours
    assert expected == 200
    assert need.status == "awarded" and need.social_clause == "execution" and need.insertion_hours == expected
    [support] = db.session.scalars(select(ClauseSupport).where(ClauseSupport.need_id == need.id)).all()
    assert support.facilitator.name == demo_clauses.PLIE and support.status == SupportStatus.ACTIVE
    [proposal] = db.session.scalars(select(ClauseProposal).where(ClauseProposal.need_id == need.id)).all()
    assert proposal.hours == expected and proposal.adopted_at is not None
    assert proposal.support_id == support.id
    assert proposal.adopted_by_id == _buyer_admin(need).id
    assert support.created_at < proposal.created_at < proposal.adopted_at <= need.awarded_at
    assert need.published_at < need.awarded_at


def test_the_laundry_hours_are_monthly_since_the_award(loaded):
    need = _need(AWARDED[0])
    rows = db.session.scalars(select(InsertionHours).where(InsertionHours.need_id == need.id)).all()
    assert rows
    award_month = need.awarded_at.date().replace(day=1)
    today = local_today()
    plie = _org(demo_clauses.PLIE)
    for row in rows:
        assert row.period.day == 1
        assert award_month <= row.period <= today, row.period
        assert row.hours > 0 and row.facilitator_id == plie.id
        assert row.structure_name == row.structure.name
    structures = {row.structure.name for row in rows}
    assert AWARDED[1] in structures
    assert structures <= {AWARDED[1], demo_clauses.GEIQ}
    periods = sorted({row.period for row in rows})
    assert len(periods) >= 2  # the consultation was months ago: several months to show
    # At most one row a month and a structure (the database guards it; the demo respects it).
    assert len({(r.period, r.structure_id) for r in rows}) == len(rows)


def test_the_laundry_progress_shows_to_the_three_sides(loaded, client):
    need = _need(AWARDED[0])
    done = sum(db.session.scalars(select(InsertionHours.hours).where(InsertionHours.need_id == need.id)))
    winner_admin = next(m.user for m in need.awarded_organisation.memberships if m.role == "admin")
    for user in (_user(NADIA), _buyer_admin(need), winner_admin):
        _sign_in(client, user)
        page = _text(client.get(f"/besoins/{need.id}/clause-sociale"))
        assert f"{done} heures réalisées sur 200 dues" in page, user.email
    _sign_in(client, winner_admin)
    assert f"{done} heures réalisées sur 200" in _text(client.get("/organisation"))


# --- The offer waiting ------------------------------------------------------------------------------------

def test_an_offer_waits_for_the_department(loaded, client):
    need = _need(demo_clauses.OFFER_NEED)
    [support] = db.session.scalars(select(ClauseSupport).where(ClauseSupport.need_id == need.id)).all()
    assert support.status == SupportStatus.OFFERED and support.facilitator.name == demo_clauses.PLIE
    assert support.message == demo_clauses.OFFER and support.decided_at is None
    assert need.organisation.name == "Département de la Haute-Garonne" and need.department_code == "31"
    _sign_in(client, _buyer_admin(need))
    page = _text(client.get(f"/besoins/{need.id}/clause-sociale"))
    assert "PLIE Garonne Emploi propose son aide" in page and "Accepter son aide" in page


def test_every_demo_clause_row_is_in_the_plie_territory(loaded):
    plie = _org(demo_clauses.PLIE)
    for support in db.session.scalars(select(ClauseSupport)):
        assert support.need.department_code in _territory(plie)
    supports, proposals, notes, hours = _counts()
    assert (supports, proposals, notes) == (3, 1, len(demo_clauses.NOTES)) and hours >= 2


# --- Reset and reload ---------------------------------------------------------------------------------------

def test_reset_deletes_every_demo_clause_row(loaded):
    assert all(_counts())
    reset_demo()
    db.session.flush()  # the database's foreign keys check what is left
    assert _counts() == (0, 0, 0, 0)
    assert db.session.scalar(select(func.count()).select_from(Organisation)
                             .where(Organisation.kind == OrgKind.FACILITATOR)) == 0
    db.session.rollback()


def test_reset_and_reload_give_the_same_clause_rows(loaded, run_demo):
    def snapshot():
        supports = sorted((s.need.title, s.facilitator.name, s.status, s.message) for s in db.session.scalars(
            select(ClauseSupport)))
        proposals = sorted((db.session.get(Need, p.need_id).title, p.hours, p.adopted_at is not None)
                           for p in db.session.scalars(select(ClauseProposal)))
        hours = sorted((db.session.get(Need, h.need_id).title, h.structure_name, h.period, h.hours)
                       for h in db.session.scalars(select(InsertionHours)))
        notes = sorted(n.body for n in db.session.scalars(select(FacilitatorNote)))
        return supports, proposals, hours, notes

    first = snapshot()
    assert run_demo().exit_code == 0  # already loaded: nothing added
    assert snapshot() == first
    result = run_demo("--reset")
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert snapshot() == first
    assert NADIA in result.output


def test_reset_leaves_no_orphan_clause_rows(loaded, run_demo):
    """Rows of real organisations on demo needs, and of the demo PLIE on a real need, go with them."""
    real = factories.MembershipFactory(organisation=factories.OrganisationFactory(
        kind=OrgKind.FACILITATOR, name="Vrai PLIE", department_code="31"))
    db.session.add(OrganisationArea(organisation_id=real.organisation_id, kind="department", code="31"))
    high_schools = _need(HIGH_SCHOOLS)
    db.session.add(FacilitatorNote(need_id=high_schools.id, facilitator_id=real.organisation_id,
                                   author_id=real.user_id, body="Note d'un vrai facilitateur"))
    db.session.add(ClauseSupport(need_id=high_schools.id, facilitator_id=real.organisation_id,
                                 status=SupportStatus.OFFERED))
    db.session.commit()
    result = run_demo("--reset")
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    need_ids = set(db.session.scalars(select(Need.id)))
    org_ids = set(db.session.scalars(select(Organisation.id)))
    for model in CLAUSE_MODELS:
        for row in db.session.scalars(select(model)):
            assert row.need_id in need_ids, (model.__name__, row.id)
            for column in ("facilitator_id", "structure_id"):
                value = getattr(row, column, None)
                assert value is None or value in org_ids, (model.__name__, row.id, column)
    for proposal in db.session.scalars(select(ClauseProposal)):
        assert db.session.get(ClauseSupport, proposal.support_id) is not None
    assert db.session.get(Organisation, real.organisation_id).name == "Vrai PLIE"
    assert db.session.scalar(select(func.count()).select_from(FacilitatorNote).where(
        FacilitatorNote.facilitator_id == real.organisation_id)) == 0


def test_the_laundry_dates_stay_in_the_past(loaded):
    need = _need(AWARDED[0])
    assert need.awarded_at <= utcnow()
    assert need.expected_publication_date <= local_today() - timedelta(days=100)
