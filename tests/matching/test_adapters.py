"""Rows -> engine data: unions of profile and offers, needs with lots, unlisted companies."""
from matchfair.engine.matching_input import Area
from matchfair.extensions import db
from matchfair.matching import adapters
from matchfair.matching.cache import supplier_entry
from matchfair.offers import services as offer_services
from matchfair.offers.services import OfferData, ReferenceData


def _supplier(org):
    loaded = adapters.load_suppliers(db.session, [org.id])
    return loaded.suppliers[0], loaded.listed


def test_profile_alone(make_supplier):
    made = make_supplier("Propreté 31", area_departments=["81"], capacity_eur=150_000, labels="Qualiopi")
    supplier, listed = _supplier(made.org)
    assert supplier.id == str(made.org.id) and supplier.id in listed
    assert supplier.cpv == ("90911200",)
    assert supplier.department == "31"
    assert supplier.area == Area(("81",), (), False)
    assert supplier.statuses == frozenset({"ess", "siae"})
    assert supplier.capacity_eur == 150_000
    assert "lycées" in supplier.text and "Qualiopi" in supplier.text


def test_no_area_means_own_department_only(make_supplier):
    supplier, _ = _supplier(make_supplier("Local").org)
    assert supplier.area is None and supplier.department == "31"


def test_offers_add_codes_areas_capacity_and_text(make_supplier):
    made = make_supplier("Multi", area_departments=["81"], capacity_eur=100_000)
    offer_services.create_offer(made.user, made.org, OfferData(
        title="Entretien d'espaces verts", description="Tonte et taille", cpv_codes=["77310000"],
        regions=["75"], capacity_eur=250_000,
        references=[ReferenceData(client="Mairie d'Albi", description="Parc municipal de 12 hectares")]))
    offer_services.create_offer(made.user, made.org, OfferData(
        title="Traiteur solidaire", cpv_codes=["55520000"], national=True, capacity_eur=20_000))
    offer_services.create_offer(made.user, made.org, OfferData(
        title="Offre retirée", cpv_codes=["90919200"], capacity_eur=9_000_000, is_published=False))
    db.session.commit()
    supplier, _ = _supplier(made.org)
    assert supplier.cpv == ("55520000", "77310000", "90911200")
    assert supplier.area == Area(("81",), ("75",), True)
    assert supplier.capacity_eur == 250_000
    for words in ("Entretien d'espaces verts", "Tonte et taille", "Parc municipal", "Traiteur solidaire"):
        assert words in supplier.text
    assert "Offre retirée" not in supplier.text


def test_buyers_are_not_suppliers_and_unlisted_are_flagged(make_supplier, buyer):
    listed = make_supplier("Visible")
    hidden = make_supplier("Discrète", listed=False)
    entry = supplier_entry()
    assert entry.supplier(buyer.org.id) is None
    assert entry.supplier(hidden.org.id) is not None  # it sees its own matches
    assert str(listed.org.id) in entry.listed and str(hidden.org.id) not in entry.listed
    assert entry.unlisted_count == 1


def test_need_with_lots(make_need):
    need = make_need(estimated_amount_eur=None, reservation="L2113-13", social_clause="execution",
                     insertion_hours=500, lots=[
                         {"title": "Lot 1 : vitres", "cpv_codes": ["90911300"], "estimated_amount_eur": 100_000},
                         {"title": "Lot 2 : espaces verts", "cpv_codes": ["77310000"], "estimated_amount_eur": 50_000}])
    engine_need = adapters.need_to_engine(db.session, need)
    assert engine_need.id == str(need.id)
    assert engine_need.cpv == ("77310000", "90911200", "90911300")
    assert engine_need.amount_eur == 150_000
    assert engine_need.reserved == "L2113-13" and engine_need.social_clause is True
    assert "Lot 1 : vitres" in engine_need.text and "lycées" in engine_need.text


def test_need_without_reservation_or_clause(make_need):
    engine_need = adapters.need_to_engine(db.session, make_need())
    assert engine_need.reserved is None and engine_need.social_clause is False
    assert engine_need.amount_eur == 400_000


def test_published_needs_only(make_need):
    draft = make_need(publish=False)
    published = make_need()
    ids = [n.id for n in adapters.load_needs(db.session, published_only=True)]
    assert ids == [str(published.id)] and str(draft.id) not in ids
