"""Offers services: rules, the matching version, and supplier_offers for the matching pages."""
import pytest
from sqlalchemy import event, select
from werkzeug.exceptions import Forbidden

from matchfair.extensions import db
from matchfair.matching.state import versions
from matchfair.offers import services
from matchfair.offers.models import Offer
from matchfair.offers.services import OfferData, ReferenceData

from .. import factories
from .conftest import org_of


def _data(**overrides):
    values = {"title": "  Nettoyage de bureaux ", "description": "  ",
              "cpv_codes": ["90911200", "90911300", "90911200"], "departments": ["31"], "regions": ["76"],
              "capacity_eur": 50_000, "is_published": True,
              "references": [ReferenceData("Mairie de Muret", "nettoyage de 3 écoles", 2024, 48_000),
                             ReferenceData("  ", "ligne sans client")]}
    values.update(overrides)
    return OfferData(**values)


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, *args, **kwargs):
        self.count += 1

    def __enter__(self):
        event.listen(db.engine, "before_cursor_execute", self)
        return self

    def __exit__(self, *exc):
        event.remove(db.engine, "before_cursor_execute", self)


def test_create_offer(sse_admin, sse_org, cpv_codes):
    before = versions()[0]
    offer = services.create_offer(sse_admin, sse_org, _data())
    db.session.commit()
    assert offer.id and offer.organisation_id == sse_org.id
    assert offer.title == "Nettoyage de bureaux" and offer.description is None
    assert offer.cpv_codes == ["90911200", "90911300"]
    assert sorted((a.kind, a.code) for a in offer.areas) == [("department", "31"), ("region", "76")]
    assert [r.client for r in offer.references] == ["Mairie de Muret"]
    assert versions()[0] == before + 1


def test_update_replaces_codes_areas_and_references(sse_admin, sse_org, cpv_codes):
    offer = services.create_offer(sse_admin, sse_org, _data())
    db.session.commit()
    before = versions()[0]
    services.update_offer(sse_admin, offer, _data(
        title="Vitrerie", cpv_codes=["90911300", "77310000"], departments=[], regions=[], national=True,
        capacity_eur=None, is_published=False, references=[ReferenceData("Tarn Habitat", None, None, 1_000)]))
    db.session.commit()
    db.session.expire_all()
    offer = db.session.get(Offer, offer.id)
    assert offer.title == "Vitrerie" and offer.cpv_codes == ["77310000", "90911300"]
    assert offer.national and offer.areas == [] and offer.capacity_eur is None and not offer.is_published
    assert [(r.client, r.amount_eur) for r in offer.references] == [("Tarn Habitat", 1_000)]
    assert versions()[0] == before + 1


def test_saving_the_same_codes_again_works(sse_admin, sse_org, cpv_codes):
    offer = services.create_offer(sse_admin, sse_org, _data())
    db.session.commit()
    services.update_offer(sse_admin, offer, _data())
    db.session.commit()
    assert offer.cpv_codes == ["90911200", "90911300"] and len(offer.areas) == 2


def test_unknown_codes_are_left_out(sse_admin, sse_org, cpv_codes):
    offer = services.create_offer(sse_admin, sse_org, _data(cpv_codes=["90911200", "12345678"]))
    assert offer.cpv_codes == ["90911200"]


def test_set_published_and_delete(sse_admin, sse_org, cpv_codes):
    offer = services.create_offer(sse_admin, sse_org, _data())
    db.session.commit()
    before = versions()[0]
    assert services.set_published(sse_admin, offer, False) is True
    assert services.set_published(sse_admin, offer, False) is False
    db.session.commit()
    assert versions()[0] == before + 1
    services.delete_offer(sse_admin, offer)
    db.session.commit()
    assert db.session.scalars(select(Offer)).first() is None
    assert versions()[0] == before + 2


def test_only_members_of_an_sse_company_manage_its_offers(sse_admin, sse_org, outsider, buyer_admin, cpv_codes):
    with pytest.raises(Forbidden):
        services.create_offer(outsider, sse_org, _data())
    buyer = org_of(buyer_admin)
    with pytest.raises(Forbidden):
        services.create_offer(buyer_admin, buyer, _data())
    offer = services.create_offer(sse_admin, sse_org, _data())
    for call in (lambda: services.update_offer(outsider, offer, _data()),
                 lambda: services.set_published(outsider, offer, False),
                 lambda: services.delete_offer(outsider, offer)):
        with pytest.raises(Forbidden):
            call()


def test_a_simple_member_manages_offers(sse_member, sse_org, cpv_codes):
    assert services.create_offer(sse_member, sse_org, _data()).id


def test_supplier_offers_loads_published_offers_without_a_query_per_offer(sse_org, make_offer):
    others = [factories.OrganisationFactory() for _ in range(5)]
    for org in [sse_org, *others]:
        make_offer(org, title="A", codes=["90911200", "90911300"], departments=["31", "81"])
        make_offer(org, title="B", codes=["77310000"], regions=["76"])
    make_offer(sse_org, title="Brouillon", is_published=False)
    without = factories.OrganisationFactory()
    db.session.expire_all()
    ids = [o.id for o in [sse_org, *others, without]]
    with QueryCounter() as counter:
        result = services.supplier_offers(ids)
        seen = [(o.title, o.cpv_codes, [link.cpv.label_fr for link in o.cpv_links], [(a.kind, a.code) for a in o.areas])
                for offers in result.values() for o in offers]
    assert counter.count <= 3
    assert set(result) == set(ids) and result[without.id] == []
    assert [o.title for o in result[sse_org.id]] == ["A", "B"]
    assert len(seen) == 12 and all(codes for _t, codes, _l, _a in seen)


def test_supplier_offers_of_everyone(sse_org, make_offer):
    other = factories.OrganisationFactory()
    make_offer(sse_org, title="A")
    make_offer(other, title="B")
    make_offer(other, title="C", is_published=False)
    result = services.supplier_offers()
    assert {k: [o.title for o in v] for k, v in result.items()} == {sse_org.id: ["A"], other.id: ["B"]}


def test_supplier_offers_with_many_ids(sse_org, make_offer):
    make_offer(sse_org)
    result = services.supplier_offers(list(range(100_000, 102_000)) + [sse_org.id])
    assert len(result) == 2001 and len(result[sse_org.id]) == 1


def test_effective_area(sse_org, make_offer):
    own = make_offer(sse_org, departments=["65"])
    inherited = make_offer(sse_org)
    national = make_offer(sse_org, national=True)
    assert services.effective_area(own) == (False, ["65"], [], False)
    assert services.effective_area(inherited) == (False, ["31", "81"], [], True)
    assert services.effective_area(national) == (True, [], [], False)


def test_public_offers_and_counts(sse_org, make_offer):
    make_offer(sse_org, title="A")
    make_offer(sse_org, title="B", is_published=False)
    assert [o.title for o in services.public_offers(sse_org.id)] == ["A"]
    assert services.count_offers(sse_org) == (2, 1)
