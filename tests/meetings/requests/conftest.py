"""Requests fixtures: CPV codes for matching, SSE profiles and published needs made through the real
services (so the matching versions move as in the application), offers."""
import html

import pytest

from matchfair.extensions import db
from matchfair.matching.cache import get_cache
from matchfair.needs import services as need_services
from matchfair.offers.models import Offer
from matchfair.organisations import services as org_services
from matchfair.reference.models import CpvCode
from matchfair.reference.services import cpv_search_text
from tests.matching.conftest import CPV_ROWS, need_data, sse_profile


def text_of(response) -> str:
    """The page's text with HTML entities decoded (apostrophes are escaped in templates)."""
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def cpv_codes(app):
    get_cache().clear()
    for code8, check, level, type_, fr, en in CPV_ROWS:
        db.session.add(CpvCode(code8=code8, code=f"{code8}-{check}", level=level, type=type_,
                               parent8=code8[:2].ljust(8, "0"), label_fr=fr, label_en=en,
                               search_text=cpv_search_text(code8, fr, en)))
    db.session.commit()
    yield
    get_cache().clear()


@pytest.fixture
def profile(cpv_codes):
    """profile(participant, **overrides): save an SSE participant's matching profile."""

    def _save(participant, **overrides):
        org_services.save_profile(participant.user, participant.organisation, sse_profile(**overrides))
        db.session.commit()

    return _save


@pytest.fixture
def publish_need(cpv_codes):
    """publish_need(buyer_participant, publish=True, **overrides) -> a committed need of its organisation."""

    def _make(buyer, publish=True, **overrides):
        need = need_services.create_need(buyer.user, buyer.organisation, need_data(**overrides))
        if publish:
            need_services.publish_need(buyer.user, need)
        db.session.commit()
        return need

    return _make


@pytest.fixture
def make_offer():
    def _make(participant, title="Nettoyage écologique de bureaux", published=True):
        offer = Offer(organisation_id=participant.organisation_id, title=title, is_published=published)
        db.session.add(offer)
        db.session.commit()
        return offer

    return _make
