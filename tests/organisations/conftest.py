"""Fixtures for the organisations tests: people in various roles, CPV codes and images."""
import io

import pytest
from PIL import Image

from matchfair.extensions import db
from matchfair.reference.models import CpvCode
from matchfair.reference.services import cpv_search_text

from .. import factories


def org_of(user):
    """The (first) organisation of a factory-made user."""
    return user.memberships[0].organisation


@pytest.fixture
def sse_org(sse_admin):
    return org_of(sse_admin)


@pytest.fixture
def sse_member(sse_org):
    """A confirmed user, member (not admin) of the SSE company of `sse_admin`."""
    return factories.MembershipFactory(organisation=sse_org, role="member",
                                       user__full_name="Morgane Membre").user


@pytest.fixture
def outsider():
    """A confirmed user, admin of another SSE company."""
    return factories.MembershipFactory(organisation=factories.OrganisationFactory(name="Autre structure")).user


@pytest.fixture
def cpv_codes():
    """Two finer CPV codes (the divisions are always there)."""
    rows = [("90911200", "90911200-8", 6, "Services de nettoyage de bâtiments", "Building-cleaning services"),
            ("77310000", "77310000-6", 4, "Services de plantation et d'entretien d'espaces verts",
             "Planting and maintenance services of green areas")]
    for code8, code, level, fr, en in rows:
        db.session.add(CpvCode(code8=code8, code=code, level=level, type="services", parent8=None,
                               label_fr=fr, label_en=en, search_text=cpv_search_text(code8, fr, en)))
    db.session.commit()
    return [r[0] for r in rows]


def image_bytes(fmt: str = "PNG", size=(300, 200), mode: str = "RGB", color=(29, 107, 79)) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color if mode != "RGBA" else color + (128,)).save(out, format=fmt)
    return out.getvalue()


def upload(data: bytes, filename: str = "logo.png"):
    return {"logo": (io.BytesIO(data), filename)}
