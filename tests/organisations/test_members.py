"""/organisation/<id>/membres: the list, invitations sent, roles, removal, leaving; an admin always stays."""
import html
from datetime import timedelta

from sqlalchemy import select

from matchfair.extensions import db
from matchfair.organisations.models import Invitation, Membership
from matchfair.timeutil import utcnow

from .. import factories
from .conftest import org_of


def _page(response):
    return html.unescape(response.get_data(as_text=True))


def _role(user, org):
    db.session.expire_all()
    membership = db.session.get(Membership, (user.id, org.id))
    return membership.role if membership else None


def test_admin_sees_members_invitations_and_controls(client, login, sse_admin, sse_member, sse_org):
    db.session.add(Invitation(organisation=sse_org, email="attente@exemple.fr", role="member", invited_by=sse_admin))
    db.session.add(Invitation(organisation=sse_org, email="vieille@exemple.fr", role="admin", invited_by=sse_admin,
                              created_at=utcnow() - timedelta(days=30)))
    db.session.add(Invitation(organisation=sse_org, email="annulee@exemple.fr", revoked_at=utcnow()))
    db.session.commit()
    login(sse_admin)
    page = _page(client.get(f"/organisation/{sse_org.id}/membres"))
    assert "2 membres" in page and "Morgane Membre" in page and sse_admin.email in page
    assert "attente@exemple.fr" in page and "vieille@exemple.fr" in page and "annulee@exemple.fr" not in page
    assert "expirée" in page
    assert "Envoyer l'invitation" in page and "Retirer Morgane Membre" in page


def test_member_sees_the_list_without_controls(client, login, sse_member, sse_org):
    login(sse_member)
    page = _page(client.get(f"/organisation/{sse_org.id}/membres"))
    assert "Morgane Membre" in page
    assert "Envoyer l'invitation" not in page and "Changer le rôle" not in page and "Retirer" not in page
    assert "Quitter " in page


def test_invite_sends_a_link(client, login, sse_admin, sse_org, outbox):
    login(sse_admin)
    response = client.post(f"/organisation/{sse_org.id}/membres/inviter",
                           data={"email": "  Nouvelle.Collegue@Exemple.FR ", "role": "admin"})
    assert response.status_code == 302
    invitation = db.session.scalar(select(Invitation))
    assert (invitation.email, invitation.role, invitation.invited_by_id) == ("nouvelle.collegue@exemple.fr", "admin", sse_admin.id)
    [message] = outbox
    assert message.to == ["nouvelle.collegue@exemple.fr"]
    assert sse_org.name in message.subject
    assert "/invitation/" in message.body and sse_admin.full_name in message.body
    assert "administrateur" in message.body
    assert "Invitation envoyée à nouvelle.collegue@exemple.fr." in _page(client.get(response.headers["Location"]))


def test_reinviting_refreshes_the_pending_invitation(client, login, sse_admin, sse_org, outbox):
    login(sse_admin)
    client.post(f"/organisation/{sse_org.id}/membres/inviter", data={"email": "x@exemple.fr", "role": "member"})
    first = db.session.scalar(select(Invitation))
    first.created_at = utcnow() - timedelta(days=20)
    db.session.commit()
    response = client.post(f"/organisation/{sse_org.id}/membres/inviter", data={"email": "X@exemple.fr", "role": "admin"},
                           follow_redirects=True)
    assert "elle a été renvoyée avec un nouveau lien" in _page(response)
    db.session.expire_all()
    [invitation] = db.session.scalars(select(Invitation)).all()
    assert invitation.role == "admin" and invitation.created_at > utcnow() - timedelta(minutes=1)
    assert len(outbox) == 2


def test_invite_bad_input(client, login, sse_admin, sse_member, sse_org, outbox):
    login(sse_admin)
    for data, message in [({"email": "pas-une-adresse", "role": "member"}, "n'est pas valide"),
                          ({"email": "", "role": "member"}, "Indiquez une adresse e-mail."),
                          ({"email": "a" * 250 + "@exemple.fr", "role": "member"}, "254 caractères"),
                          ({"email": "ok@exemple.fr", "role": "owner"}, "Choisissez un rôle de la liste."),
                          ({"email": sse_member.email.upper(), "role": "member"}, "fait déjà partie de l'organisation")]:
        response = client.post(f"/organisation/{sse_org.id}/membres/inviter", data=data)
        assert response.status_code == 200
        assert message in _page(response), message
    assert db.session.scalar(select(Invitation)) is None
    assert outbox == []


def test_invitations_are_rate_limited(client, login, sse_admin, sse_org, outbox):
    login(sse_admin)
    for n in range(30):
        client.post(f"/organisation/{sse_org.id}/membres/inviter", data={"email": f"p{n}@exemple.fr", "role": "member"})
    response = client.post(f"/organisation/{sse_org.id}/membres/inviter", data={"email": "p31@exemple.fr", "role": "member"})
    assert "beaucoup d'invitations" in _page(response)
    assert len(outbox) == 30


def test_revoke_invitation(client, login, sse_admin, sse_org, outsider):
    invitation = Invitation(organisation=sse_org, email="x@exemple.fr", invited_by=sse_admin)
    other = Invitation(organisation=org_of(outsider), email="y@exemple.fr")
    db.session.add_all([invitation, other])
    db.session.commit()
    login(sse_admin)
    response = client.post(f"/organisation/{sse_org.id}/invitations/{invitation.id}/annuler", follow_redirects=True)
    assert "L'invitation de x@exemple.fr est annulée" in _page(response)
    db.session.expire_all()
    assert db.session.get(Invitation, invitation.id).revoked_at is not None
    # Twice, or another organisation's invitation through this one: refused, nothing changes.
    response = client.post(f"/organisation/{sse_org.id}/invitations/{invitation.id}/annuler", follow_redirects=True)
    assert "n'est plus en attente" in _page(response)
    client.post(f"/organisation/{sse_org.id}/invitations/{other.id}/annuler")
    db.session.expire_all()
    assert db.session.get(Invitation, other.id).revoked_at is None


def test_change_role(client, login, sse_admin, sse_member, sse_org):
    login(sse_admin)
    response = client.post(f"/organisation/{sse_org.id}/membres/{sse_member.id}/role", data={"role": "admin"},
                           follow_redirects=True)
    assert "Morgane Membre est maintenant administrateur." in _page(response)
    assert _role(sse_member, sse_org) == "admin"
    # Now that there are two admins, the first may step down.
    response = client.post(f"/organisation/{sse_org.id}/membres/{sse_admin.id}/role", data={"role": "member"})
    assert response.status_code == 302 and response.headers["Location"] == "/organisation"
    assert _role(sse_admin, sse_org) == "member"


def test_change_role_bad_input(client, login, sse_admin, sse_member, sse_org, outsider):
    login(sse_admin)
    response = client.post(f"/organisation/{sse_org.id}/membres/{sse_member.id}/role", data={"role": "owner"},
                           follow_redirects=True)
    assert "Choisissez un rôle de la liste." in _page(response)
    assert _role(sse_member, sse_org) == "member"
    response = client.post(f"/organisation/{sse_org.id}/membres/{outsider.id}/role", data={"role": "member"},
                           follow_redirects=True)
    assert "ne fait pas partie de l'organisation" in _page(response)
    assert _role(outsider, org_of(outsider)) == "admin"


def test_last_admin_cannot_be_demoted(client, login, sse_admin, sse_member, sse_org):
    login(sse_admin)
    response = client.post(f"/organisation/{sse_org.id}/membres/{sse_admin.id}/role", data={"role": "member"},
                           follow_redirects=True)
    assert "doit garder au moins un administrateur" in _page(response)
    assert _role(sse_admin, sse_org) == "admin"


def test_remove_member(client, login, sse_admin, sse_member, sse_org):
    login(sse_admin)
    response = client.post(f"/organisation/{sse_org.id}/membres/{sse_member.id}/retirer", follow_redirects=True)
    assert "Morgane Membre ne fait plus partie de l'organisation." in _page(response)
    assert _role(sse_member, sse_org) is None
    # The removed person no longer sees the organisation.
    login(sse_member)
    assert client.get(f"/organisation/{sse_org.id}/modifier").status_code == 404


def test_a_person_of_another_organisation_cannot_be_removed_through_this_one(client, login, sse_admin, sse_org,
                                                                             outsider):
    login(sse_admin)
    response = client.post(f"/organisation/{sse_org.id}/membres/{outsider.id}/retirer", follow_redirects=True)
    assert "ne fait pas partie de l'organisation" in _page(response)
    assert _role(outsider, org_of(outsider)) == "admin"


def test_last_admin_cannot_be_removed_or_remove_themselves(client, login, sse_admin, sse_org):
    login(sse_admin)
    response = client.post(f"/organisation/{sse_org.id}/membres/{sse_admin.id}/retirer", follow_redirects=True)
    assert "dernier administrateur" in _page(response)
    assert _role(sse_admin, sse_org) == "admin"


def test_an_admin_may_remove_another_admin(client, login, sse_admin, sse_org):
    other = factories.MembershipFactory(organisation=sse_org, role="admin").user
    login(sse_admin)
    client.post(f"/organisation/{sse_org.id}/membres/{other.id}/retirer")
    assert _role(other, sse_org) is None


def test_member_leaves(client, login, sse_member, sse_org):
    login(sse_member)
    response = client.post(f"/organisation/{sse_org.id}/quitter")
    assert response.status_code == 302 and response.headers["Location"] == "/organisation"
    assert f"Vous avez quitté {sse_org.name}." in _page(client.get("/organisation"))
    assert _role(sse_member, sse_org) is None


def test_admin_leaves_when_another_admin_remains(client, login, sse_admin, sse_member, sse_org):
    db.session.get(Membership, (sse_member.id, sse_org.id)).role = "admin"
    db.session.commit()
    login(sse_admin)
    client.post(f"/organisation/{sse_org.id}/quitter")
    assert _role(sse_admin, sse_org) is None


def test_last_admin_cannot_leave(client, login, sse_admin, sse_member, sse_org):
    login(sse_admin)
    response = client.post(f"/organisation/{sse_org.id}/quitter", follow_redirects=True)
    assert "Vous êtes le dernier administrateur : nommez d'abord un autre administrateur" in _page(response)
    assert _role(sse_admin, sse_org) == "admin"


def test_leaving_the_current_organisation_falls_back_to_another(client, login, sse_member, sse_org):
    second = factories.BuyerFactory(name="Ville de Rodez")
    factories.MembershipFactory(user=sse_member, organisation=second, role="admin")
    login(sse_member)
    client.post("/organisation/choisir", data={"organisation_id": sse_org.id})
    client.post(f"/organisation/{sse_org.id}/quitter")
    assert "<h1>Ville de Rodez</h1>" in _page(client.get("/organisation"))


def test_invitation_kept_when_the_mail_server_fails(client, login, sse_admin, sse_org, monkeypatch):
    from matchfair.organisations import invitations

    def broken(_invitation):
        raise ConnectionRefusedError("SMTP down")
    monkeypatch.setattr(invitations, "send_invitation", broken)
    login(sse_admin)
    response = client.post(f"/organisation/{sse_org.id}/membres/inviter",
                           data={"email": "x@exemple.fr", "role": "member"}, follow_redirects=True)
    assert "n'a pas pu partir" in _page(response)
    assert db.session.scalar(select(Invitation)).email == "x@exemple.fr"
