"""Results are fresh after any edit of a need, an offer or a profile (the versions move, the cache follows)."""
from matchfair.extensions import db
from matchfair.matching import state
from matchfair.matching.cache import get_cache
from matchfair.needs import services as need_services
from matchfair.needs.rules import need_as_data
from matchfair.offers import services as offer_services
from matchfair.offers.services import OfferData
from matchfair.organisations import services as org_services

from .conftest import sse_profile


def _suppliers_page(client, need):
    return client.get(f"/besoins/{need.id}/fournisseurs").get_data(as_text=True)


def test_profile_edit_through_the_organisations_service(client, login, buyer, make_supplier, make_need):
    need = make_need()
    made = make_supplier("Jardins Solidaires", cpv_codes=["77310000"], description="Entretien de parcs")
    login(buyer.user)
    assert "Jardins Solidaires" not in _suppliers_page(client, need)
    before = state.versions()[0]
    org_services.save_profile(made.user, made.org, sse_profile(cpv_codes=["77310000", "90911200"]))
    db.session.commit()
    assert state.versions()[0] > before
    assert "Jardins Solidaires" in _suppliers_page(client, need)
    # ... and unlisting it hides it at once.
    made.org.is_listed = False
    org_services.save_profile(made.user, made.org, sse_profile(cpv_codes=["77310000", "90911200"], is_listed=False))
    db.session.commit()
    assert "Jardins Solidaires" not in _suppliers_page(client, need)


def test_offer_edit(client, login, buyer, make_supplier, make_need):
    need = make_need(cpv_codes=["55520000"], title="Traiteur pour les vœux", description="Buffet")
    made = make_supplier("Cuisine d'Insertion")
    login(buyer.user)
    assert "Cuisine d&#39;Insertion" not in _suppliers_page(client, need)
    offer = offer_services.create_offer(made.user, made.org,
                                        OfferData(title="Buffets solidaires", cpv_codes=["55520000"]))
    db.session.commit()
    assert "Cuisine d&#39;Insertion" in _suppliers_page(client, need)
    offer_services.set_published(made.user, offer, False)
    db.session.commit()
    assert "Cuisine d&#39;Insertion" not in _suppliers_page(client, need)


def test_need_edit_and_status(client, login, buyer, make_supplier, make_need):
    made = make_supplier("Insertion Propreté")
    need = make_need()
    login(made.user)
    assert "Nettoyage des lycées" in client.get("/correspondances").get_data(as_text=True)
    data = need_as_data(need)
    data.update(title="Repas des cantines", cpv_codes=["55520000"], description="Plateaux repas")
    need_services.update_need(buyer.user, need, data)
    db.session.commit()
    html = client.get("/correspondances").get_data(as_text=True)
    assert "Repas des cantines" not in html and "Nettoyage des lycées" not in html
    data.update(title="Nettoyage des gymnases", cpv_codes=["90911200"])
    need_services.update_need(buyer.user, need, data)
    db.session.commit()
    assert "Nettoyage des gymnases" in client.get("/correspondances").get_data(as_text=True)
    need_services.close_need(buyer.user, need)
    db.session.commit()
    assert "Nettoyage des gymnases" not in client.get("/correspondances").get_data(as_text=True)


def test_index_is_rebuilt_only_when_the_version_moves(client, login, buyer, make_supplier, make_need):
    make_supplier("Insertion Propreté")
    need = make_need()
    login(buyer.user)
    _suppliers_page(client, need)
    entry = get_cache()._suppliers
    _suppliers_page(client, need)
    assert get_cache()._suppliers is entry
    make_supplier("Nouvelle venue")
    assert "Nouvelle venue" in _suppliers_page(client, need)
    assert get_cache()._suppliers is not entry


def test_uncommitted_changes_never_enter_the_index(app, make_supplier, make_need):
    from matchfair.matching.cache import supplier_entry

    made = make_supplier("Insertion Propreté")
    org_services.save_profile(made.user, made.org, sse_profile(cpv_codes=["55520000"]))
    entry = supplier_entry()  # inside the uncommitted transaction
    assert entry.supplier(made.org.id).cpv == ("90911200",)
    db.session.rollback()
    assert supplier_entry().supplier(made.org.id).cpv == ("90911200",)
