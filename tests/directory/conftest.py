"""Directory fixtures: SSE companies with statuses, areas and CPV codes, and CPV codes below the divisions."""
import pytest

from matchfair.extensions import db
from matchfair.organisations.models import OrganisationArea, OrganisationCpv, OrganisationStatus
from matchfair.organisations.services import refresh_search_text
from matchfair.reference.models import CpvCode
from matchfair.reference.services import cpv_search_text

from .. import factories

# Codes below the shipped divisions, as in the CPV 2008 list: (code8, check digit, FR label, EN label).
CPV_ROWS = [
    ("90900000", "6", "Services de nettoyage et d'hygiénisation", "Cleaning and sanitation services"),
    ("90910000", "9", "Services de nettoyage", "Cleaning services"),
    ("90911000", "6", "Services de nettoyage de logements, de bâtiments et de fenêtres",
     "Accommodation, building and window cleaning services"),
    ("90911200", "8", "Services de nettoyage de bâtiments", "Building-cleaning services"),
    ("90919000", "2", "Services de nettoyage de bureaux, d'écoles et d'équipements de bureau",
     "Office, school and office equipment cleaning services"),
    ("90920000", "2", "Services d'hygiénisation des installations", "Facility related sanitation services"),
    ("90500000", "2", "Services liés aux déchets et aux ordures", "Refuse and waste related services"),
    ("77300000", "3", "Services d'horticulture", "Horticultural services"),
    ("77310000", "6", "Services de plantation et d'entretien d'espaces verts",
     "Planting and maintenance services of green areas"),
    ("55500000", "5", "Services de cantine et services traiteur", "Canteen and catering services"),
]

@pytest.fixture
def cpv_codes():
    """Insert the codes of CPV_ROWS (the divisions are already there)."""
    for code8, check, label_fr, label_en in CPV_ROWS:
        level = len(code8.rstrip("0"))
        parent = None if level == 2 else code8[: level - 1].ljust(8, "0")
        db.session.add(CpvCode(
            code8=code8, code=f"{code8}-{check}", level=level, type="services", parent8=parent,
            label_fr=label_fr, label_en=label_en, search_text=cpv_search_text(code8, label_fr, label_en),
        ))
    db.session.commit()


@pytest.fixture
def make_sse():
    """make_sse(name=..., statuses=[...], departments=[...], regions=[...], cpv=[...], **columns)."""

    def _make(statuses=(), departments=(), regions=(), cpv=(), **columns):
        org = factories.OrganisationFactory(**columns)
        org.statuses = [OrganisationStatus(status=s) for s in statuses]
        org.areas = [OrganisationArea(kind="department", code=c) for c in departments] + [
            OrganisationArea(kind="region", code=c) for c in regions
        ]
        org.cpv_links = [OrganisationCpv(code8=c) for c in cpv]
        db.session.flush()
        for link in org.cpv_links:
            db.session.refresh(link)
        refresh_search_text(org)
        db.session.commit()
        return org

    return _make


def names_in(response) -> list[str]:
    """The names of the companies listed on a results page, in order."""
    import re

    html = response.get_data(as_text=True)
    return re.findall(r'<h3 id="org-\d+"><a href="[^"]*">([^<]*)</a></h3>', html)
