"""Organisation services called directly: the rules hold whatever the caller."""
import pytest
from werkzeug.exceptions import Forbidden

from matchfair.extensions import db
from matchfair.organisations import invitations, logo, members, services
from matchfair.organisations.models import Invitation, Organisation

from .. import factories
from .conftest import image_bytes, org_of


def test_create_organisation_refuses_organisers_unless_allowed(sse_admin):
    with pytest.raises(ValueError):
        services.create_organisation(sse_admin, "organiser", "CRESS", None, "31")
    org = services.create_organisation(sse_admin, "organiser", "CRESS", None, "31", allow_organiser=True)
    assert org.kind == "organiser" and org.memberships[0].role == "admin"


def test_create_organisation_with_a_taken_siret(sse_admin, sse_org):
    with pytest.raises(services.SiretTaken):
        services.create_organisation(sse_admin, "buyer", "Doublon", sse_org.siret, "31")
    db.session.rollback()


def test_save_profile_needs_a_member(outsider, sse_org):
    with pytest.raises(Forbidden):
        services.save_profile(outsider, sse_org, {"name": "Piraté"})
    assert db.session.get(Organisation, sse_org.id).name != "Piraté"


def test_save_profile_refuses_unknown_attributes(sse_admin, sse_org):
    with pytest.raises(ValueError):
        services.save_profile(sse_admin, sse_org, {"id": 5, "not_a_column": 1} | {"nope": 2})
    db.session.rollback()


def test_save_profile_ignores_unknown_cpv_codes_and_statuses(sse_admin, sse_org, cpv_codes):
    services.save_profile(sse_admin, sse_org, {"statuses": ["ess", "bogus"], "cpv_codes": ["90911200", "11111111"],
                                               "area_departments": ["31"], "area_regions": [], "siae_kind": "EI"})
    assert sse_org.status_values == {"ess"} and sse_org.cpv_codes == ["90911200"]
    assert sse_org.siae_kind is None  # only with the SIAE status


def test_refresh_search_text(sse_org, cpv_codes, sse_admin):
    services.save_profile(sse_admin, sse_org, {"name": "Écocyclerie Ariégeoise", "city": "Foix",
                                               "department_code": "09", "labels": "Qualiopi",
                                               "cpv_codes": ["90911200"]})
    text = sse_org.search_text
    assert "ecocyclerie ariegeoise" in text and "foix" in text and "ariege" in text
    assert "qualiopi" in text and "nettoyage" in text and "building-cleaning" in text


def test_member_services_check_the_admin_role(sse_member, sse_admin, sse_org):
    with pytest.raises(Forbidden):
        members.change_role(sse_member, sse_org, sse_member.id, "admin")
    with pytest.raises(Forbidden):
        members.remove_member(sse_member, sse_org, sse_admin.id)
    with pytest.raises(Forbidden):
        invitations.invite(sse_member, sse_org, "x@exemple.fr", "member")
    with pytest.raises(Forbidden):
        invitations.revoke(sse_member, sse_org, 1)


def test_unknown_role_is_refused(sse_admin, sse_member, sse_org):
    with pytest.raises(members.MembershipError):
        members.change_role(sse_admin, sse_org, sse_member.id, "owner")
    with pytest.raises(invitations.InvitationError):
        invitations.invite(sse_admin, sse_org, "x@exemple.fr", "owner")


def test_accept_refuses_another_address(sse_org, outsider):
    invitation = Invitation(organisation=sse_org, email="someone@exemple.fr")
    db.session.add(invitation)
    db.session.flush()
    with pytest.raises(invitations.InvitationError):
        invitations.accept(outsider, invitation)


def test_accept_keeps_the_role_of_an_existing_member(sse_admin, sse_org):
    invitation = Invitation(organisation=sse_org, email=sse_admin.email, role="member")
    db.session.add(invitation)
    db.session.flush()
    membership = invitations.accept(sse_admin, invitation)
    assert membership.role == "admin" and invitation.accepted_at is not None


def test_logo_services_need_a_member(outsider, sse_org):
    png = logo.make_logo_png(image_bytes(), 1024 * 1024)
    with pytest.raises(Forbidden):
        logo.set_logo(outsider, sse_org, png)
    with pytest.raises(Forbidden):
        logo.remove_logo(outsider, sse_org)


def test_logo_keeps_transparency_and_orientation():
    from io import BytesIO

    from PIL import Image
    png = logo.make_logo_png(image_bytes("PNG", size=(512, 512), mode="RGBA"), 1024 * 1024)
    assert Image.open(BytesIO(png)).mode == "RGBA"
    jpeg = logo.make_logo_png(image_bytes("JPEG", size=(512, 256)), 1024 * 1024)
    assert Image.open(BytesIO(jpeg)).mode == "RGB"


def test_member_count_and_order(sse_admin, sse_member, sse_org):
    assert members.member_count(sse_org) == 2
    assert [m.user_id for m in members.members(sse_org)] == [sse_admin.id, sse_member.id]


def test_organisation_with_two_admins_can_lose_one(sse_admin, sse_org):
    second = factories.MembershipFactory(organisation=sse_org, role="admin").user
    members.leave(second, sse_org)
    with pytest.raises(members.MembershipError):
        members.leave(sse_admin, sse_org)
    assert org_of(sse_admin).id == sse_org.id
