"""/organisation: the current organisation's home, its checklist, and switching organisation."""
import html

from matchfair.extensions import db
from matchfair.organisations.models import OrganisationArea, OrganisationStatus

from .. import factories
from .conftest import org_of


def _page(response):
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_no_organisation_yet_shows_what_to_do(client, login):
    login(factories.UserFactory())
    page = _page(client.get("/organisation"))
    assert "aucune organisation" in page
    assert "/organisation/nouvelle?kind=sse" in page and "/organisation/nouvelle?kind=buyer" in page
    assert "inviter" in page


def test_checklist_of_a_new_sse_company(client, login, sse_admin, sse_org):
    login(sse_admin)
    page = _page(client.get("/organisation"))
    assert f"<h1>{sse_org.name}</h1>" in page
    assert "Vous en êtes administrateur." in page
    # Done: SIRET, description; to do: logo, CPV codes, area... each with a link to its section.
    assert f'/organisation/{sse_org.id}/modifier#section-logo">Logo</a>' in page
    assert f'/organisation/{sse_org.id}/modifier#section-activities">Activités (codes CPV)</a>' in page
    assert f'/organisation/{sse_org.id}/modifier#section-area">' in page
    assert "✓</span> Numéro SIRET" in page
    assert "1 personne fait partie de l'organisation." in page
    assert "Invitez vos collègues" in page
    assert f'href="/annuaire/{sse_org.id}"' in page
    assert 'class="org-switcher"' not in page


def test_checklist_progress(client, login, sse_admin, sse_org):
    sse_org.statuses.append(OrganisationStatus(status="ess"))
    sse_org.areas.append(OrganisationArea(kind="department", code="31"))
    db.session.commit()
    login(sse_admin)
    page = _page(client.get("/organisation"))
    assert "✓</span> Statuts et agréments" in page and "✓</span> Territoire d'intervention" in page


def test_unlisted_sse_company_is_told_so(client, login, sse_admin, sse_org):
    sse_org.is_listed = False
    db.session.commit()
    login(sse_admin)
    page = _page(client.get("/organisation"))
    assert "n'apparaît pas dans l'annuaire public" in page
    assert f'href="/annuaire/{sse_org.id}"' not in page


def test_buyer_dashboard(client, login, buyer_admin):
    login(buyer_admin)
    page = _page(client.get("/organisation"))
    assert "Type d'acheteur" in page and "Volume annuel d'achats" in page
    assert "Chercher des fournisseurs dans l'annuaire" in page


def test_member_sees_member_wording(client, login, sse_member):
    login(sse_member)
    page = _page(client.get("/organisation"))
    assert "Vous en êtes membre." in page
    assert "2 personnes font partie de l'organisation." in page


def test_switching_organisation(client, login, sse_admin, sse_org):
    second = factories.BuyerFactory(name="Ville de Montauban")
    factories.MembershipFactory(user=sse_admin, organisation=second, role="member")
    login(sse_admin)
    page = _page(client.get("/organisation"))
    assert 'class="org-switcher"' in page and "Ville de Montauban" in page
    assert f"<h1>{sse_org.name}</h1>" in page
    response = client.post("/organisation/choisir", data={"organisation_id": second.id})
    assert response.status_code == 302 and response.headers["Location"] == "/organisation"
    page = _page(client.get("/organisation"))
    assert "<h1>Ville de Montauban</h1>" in page
    assert "Vous agissez maintenant pour Ville de Montauban." in page
    # The header follows.
    assert 'aria-current="page">Ville de Montauban</a>' in page
    # And back, to a safe "next".
    response = client.post("/organisation/choisir", data={"organisation_id": sse_org.id, "next": "/annuaire"})
    assert response.headers["Location"] == "/annuaire"
    response = client.post("/organisation/choisir", data={"organisation_id": second.id, "next": "https://evil.example"})
    assert response.headers["Location"] == "/organisation"


def test_cannot_switch_to_someone_elses_organisation(client, login, sse_admin, outsider):
    login(sse_admin)
    assert client.post("/organisation/choisir", data={"organisation_id": org_of(outsider).id}).status_code == 404
    assert client.post("/organisation/choisir", data={"organisation_id": "abc"}).status_code == 404
    assert client.post("/organisation/choisir", data={}).status_code == 404
