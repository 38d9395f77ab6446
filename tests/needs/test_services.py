"""Needs services: every status transition (allowed and refused), award, delete, derived fields, matching version."""
import pytest
from werkzeug.exceptions import Forbidden

from matchfair.extensions import db
from matchfair.matching.state import versions
from matchfair.needs import services
from matchfair.needs.models import Need
from matchfair.needs.transitions import ALLOWED, NeedError

from .. import factories
from .conftest import (
    BUILDING_CLEANING,
    FURNITURE,
    GREEN,
    PAINTING,
    WORKS,
    need_data,
    org_of,
)

STATUSES = ["draft", "published", "closed", "awarded"]


def _do(action, actor, need, sse=None):
    if action == "publish":
        services.publish_need(actor, need)
    elif action == "close":
        services.close_need(actor, need)
    elif action == "reopen":
        services.reopen_need(actor, need)
    elif action == "award":
        services.award_need(actor, need, outside_name="Entreprise Dupont", amount_eur=40_000)
    elif action == "delete":
        services.delete_draft(actor, need)
    elif action == "edit":
        services.update_need(actor, need, need_data(title="Nouveau titre"))


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_every_transition_is_allowed_or_refused_with_a_message(make_need, buyer_admin, status, action):
    need = make_need(status=status)
    before = versions()[1]
    if status in ALLOWED[action]:
        _do(action, buyer_admin, need)
        db.session.commit()
        assert versions()[1] > before
        if action == "delete":
            assert db.session.get(Need, need.id) is None
        else:
            expected = {"publish": "published", "close": "closed", "reopen": "published", "award": "awarded",
                        "edit": status}[action]
            assert need.status == expected
    else:
        with pytest.raises(NeedError) as error:
            _do(action, buyer_admin, need)
        assert str(error.value)
        assert "%(" not in str(error.value)
        db.session.rollback()
        assert db.session.get(Need, need.id).status == status


def test_the_transition_table_is_the_documented_one():
    assert ALLOWED["publish"] == {"draft"}
    assert ALLOWED["close"] == {"published"}
    assert ALLOWED["reopen"] == {"closed"}
    assert ALLOWED["award"] == {"published", "closed"}
    assert ALLOWED["delete"] == {"draft"}
    assert ALLOWED["edit"] == {"draft", "published", "closed"}


def test_refused_messages_name_the_status(make_need, buyer_admin):
    need = make_need(status="awarded")
    with pytest.raises(NeedError, match="« Attribué »"):
        services.close_need(buyer_admin, need)
    with pytest.raises(NeedError, match="ne se modifie plus"):
        services.update_need(buyer_admin, need, need_data())


def test_publish_sets_published_at_and_close_reopen(make_need, buyer_admin):
    need = make_need()
    assert need.published_at is None
    services.publish_need(buyer_admin, need)
    assert need.published_at is not None
    services.close_need(buyer_admin, need)
    assert need.closed_at is not None
    services.reopen_need(buyer_admin, need)
    assert need.status == "published" and need.closed_at is None


def test_publish_requires_a_cpv_code_and_lots_complete(make_need, buyer_admin):
    need = make_need(cpv_codes=[])
    with pytest.raises(NeedError, match="code CPV"):
        services.publish_need(buyer_admin, need)
    need = make_need(lots=[{"title": "Lot sans code", "cpv_codes": [], "estimated_amount_eur": None}])
    with pytest.raises(NeedError, match="lot 1"):
        services.publish_need(buyer_admin, need)


def test_a_published_need_stays_published_when_edited_but_stays_publishable(make_need, buyer_admin):
    need = make_need(status="published")
    services.update_need(buyer_admin, need, need_data(title="Nettoyage et vitrerie"))
    assert need.status == "published" and need.title == "Nettoyage et vitrerie"
    with pytest.raises(NeedError, match="code CPV"):
        services.update_need(buyer_admin, need, need_data(cpv_codes=[]))


def test_status_changes_do_not_move_updated_at(make_need, buyer_admin):
    need = make_need()
    updated = need.updated_at
    services.publish_need(buyer_admin, need)
    db.session.commit()
    assert need.updated_at == updated
    services.update_need(buyer_admin, need, need_data(title="Changé"))
    db.session.commit()
    assert need.updated_at >= updated


def test_award_to_an_sse_company(make_need, buyer_admin, sse_company):
    need = make_need(status="closed")
    services.award_need(buyer_admin, need, organisation=sse_company, amount_eur=42_500)
    assert need.status == "awarded"
    assert need.awarded_organisation_id == sse_company.id
    assert need.awarded_to_name == sse_company.name
    assert need.awarded_amount_eur == 42_500 and need.awarded_at is not None


@pytest.mark.parametrize("kwargs, message", [
    ({"amount_eur": 1000}, "attributaire"),
    ({"outside_name": "  ", "amount_eur": 1000}, "attributaire"),
    ({"outside_name": "Dupont", "amount_eur": None}, "montant"),
    ({"outside_name": "Dupont", "amount_eur": 0}, "montant"),
    ({"outside_name": "Dupont", "amount_eur": -5}, "montant"),
    ({"outside_name": "D" * 201, "amount_eur": 1000}, "200 caractères"),
])
def test_award_checks_its_input(make_need, buyer_admin, kwargs, message):
    need = make_need(status="published")
    with pytest.raises(NeedError, match=message):
        services.award_need(buyer_admin, need, **kwargs)
    assert need.status == "published"


def test_award_refuses_a_buyer_or_both_winners(make_need, buyer_admin, other_buyer_admin, sse_company):
    need = make_need(status="published")
    with pytest.raises(NeedError, match="structure de l'ESS"):
        services.award_need(buyer_admin, need, organisation=org_of(other_buyer_admin), amount_eur=1000)
    with pytest.raises(NeedError):
        services.award_need(buyer_admin, need, organisation=sse_company, outside_name="Dupont", amount_eur=1000)


def test_services_check_the_actor(make_need, buyer_admin, other_buyer_admin, sse_admin):
    need = make_need()
    for actor in (other_buyer_admin, sse_admin):
        for call in (services.publish_need, services.delete_draft):
            with pytest.raises(Forbidden):
                call(actor, need)
        with pytest.raises(Forbidden):
            services.update_need(actor, need, need_data())
    with pytest.raises(Forbidden):
        services.create_need(sse_admin, org_of(sse_admin), need_data())
    with pytest.raises(Forbidden):  # a member of another buyer
        services.create_need(other_buyer_admin, need.organisation, need_data())


def test_create_raises_the_needs_version(buyer_admin):
    before = versions()[1]
    services.create_need(buyer_admin, org_of(buyer_admin), need_data())
    db.session.commit()
    assert versions()[1] == before + 1


@pytest.mark.parametrize("codes, lot_codes, kind", [
    ([BUILDING_CLEANING], [], "supplies_services"),
    ([FURNITURE], [], "supplies_services"),
    ([WORKS, PAINTING], [], "works"),
    ([WORKS, BUILDING_CLEANING], [], "supplies_services"),  # mixed: the lower threshold
    ([], [PAINTING], "works"),
    ([], [], "supplies_services"),
])
def test_purchase_kind_follows_the_cpv_types(buyer_admin, codes, lot_codes, kind):
    lots = [{"title": "Lot", "cpv_codes": lot_codes, "estimated_amount_eur": None}] if lot_codes else []
    need = services.create_need(buyer_admin, org_of(buyer_admin), need_data(cpv_codes=codes, lots=lots))
    assert need.purchase_kind == kind


def test_search_text_has_title_description_lots_and_both_cpv_labels(buyer_admin):
    need = services.create_need(buyer_admin, org_of(buyer_admin), need_data(
        title="Entretien des Écoles", cpv_codes=[GREEN],
        lots=[{"title": "Tonte des pelouses", "cpv_codes": [BUILDING_CLEANING], "estimated_amount_eur": 1000}]))
    for words in ("entretien des ecoles", "nettoyage quotidien", "tonte des pelouses", "espaces verts",
                  "green areas", "building-cleaning"):
        assert words in need.search_text
    services.update_need(buyer_admin, need, need_data(title="Autre chose", lots=[]))
    assert "tonte" not in need.search_text and "autre chose" in need.search_text


def test_lots_are_updated_in_place_and_numbered(buyer_admin):
    lot = lambda title, amount=None: {"title": title, "cpv_codes": [BUILDING_CLEANING], "estimated_amount_eur": amount}
    need = services.create_need(buyer_admin, org_of(buyer_admin), need_data(lots=[lot("A"), lot("B"), lot("C")]))
    db.session.commit()
    services.update_need(buyer_admin, need, need_data(lots=[lot("B2"), lot("C2")]))
    db.session.commit()
    db.session.expire_all()
    need = db.session.get(Need, need.id)
    assert [(l.number, l.title) for l in need.lots] == [(1, "B2"), (2, "C2")]
    services.update_need(buyer_admin, need, need_data(lots=[lot("X"), lot("Y"), lot("Z"), lot("W")]))
    db.session.commit()
    assert [l.number for l in need.lots] == [1, 2, 3, 4]


def test_the_amount_defaults_to_the_sum_of_the_lots(buyer_admin):
    lots = [{"title": "A", "cpv_codes": [], "estimated_amount_eur": 20_000},
            {"title": "B", "cpv_codes": [], "estimated_amount_eur": 15_000}]
    need = services.create_need(buyer_admin, org_of(buyer_admin), need_data(estimated_amount_eur=None, lots=lots))
    assert need.estimated_amount_eur == 35_000


def test_rules_are_checked_by_the_service_too(buyer_admin):
    with pytest.raises(NeedError, match="3 ans"):
        services.create_need(buyer_admin, org_of(buyer_admin), need_data(reservation="L2113-15", duration_months=48))


def test_sse_organisation_by_name(sse_company):
    factories.OrganisationFactory(name="Homonyme", search_text="homonyme")
    factories.OrganisationFactory(name="Homonyme", search_text="homonyme")
    assert services.sse_organisation_by_name("eclat propreté INSERTION") == sse_company
    assert services.sse_organisation_by_name("Homonyme") is None  # ambiguous
    assert services.sse_organisation_by_name("Inconnue") is None
    assert services.sse_organisation_by_name("") is None
