"""Board fixtures: needs with CPV codes and lots (factories of our own), CPV codes below the divisions."""
from datetime import date, timedelta

import factory
import pytest

from matchfair.engine.text import fold
from matchfair.extensions import db
from matchfair.needs.models import Need, NeedCpv, NeedLot, NeedLotCpv
from matchfair.reference.models import CpvCode
from matchfair.reference.services import cpv_search_text
from matchfair.timeutil import utcnow

from .. import factories

# (code8, check digit, type, FR label, EN label), as in the CPV 2008 list.
CPV_ROWS = [
    ("90900000", "6", "services", "Services de nettoyage et d'hygiénisation", "Cleaning and sanitation services"),
    ("90910000", "9", "services", "Services de nettoyage", "Cleaning services"),
    ("90911000", "6", "services", "Services de nettoyage de logements, de bâtiments et de fenêtres",
     "Accommodation, building and window cleaning services"),
    ("90911200", "8", "services", "Services de nettoyage de bâtiments", "Building-cleaning services"),
    ("90919000", "2", "services", "Services de nettoyage de bureaux, d'écoles et d'équipements de bureau",
     "Office, school and office equipment cleaning services"),
    ("90920000", "2", "services", "Services d'hygiénisation des installations", "Facility related sanitation services"),
    ("77300000", "3", "services", "Services d'horticulture", "Horticultural services"),
    ("77310000", "6", "services", "Services de plantation et d'entretien d'espaces verts",
     "Planting and maintenance services of green areas"),
    ("55500000", "5", "services", "Services de cantine et services traiteur", "Canteen and catering services"),
    ("45400000", "1", "works", "Travaux de parachèvement de bâtiment", "Building completion work"),
]


@pytest.fixture
def cpv_codes():
    """Insert the codes of CPV_ROWS (the divisions are already there)."""
    for code8, check, type_, label_fr, label_en in CPV_ROWS:
        level = len(code8.rstrip("0"))
        db.session.add(CpvCode(
            code8=code8, code=f"{code8}-{check}", level=level, type=type_,
            parent8=code8[: level - 1].ljust(8, "0"), label_fr=label_fr, label_en=label_en,
            search_text=cpv_search_text(code8, label_fr, label_en),
        ))
    db.session.commit()


class NeedFactory(factories.BaseFactory):
    class Meta:
        model = Need

    organisation = factory.SubFactory(factories.BuyerFactory)
    status = "published"
    title = factory.Sequence(lambda n: f"Besoin {n}")
    description = "Un achat à venir."
    department_code = "31"
    published_at = factory.LazyFunction(utcnow)
    search_text = ""


@pytest.fixture
def make_need():
    """make_need(cpv=[...], lots=[{"title", "cpv", "amount"}], **columns): a published need by default,
    with its search text made as the needs service makes it (folded title, description, CPV labels)."""

    def _make(cpv=(), lots=(), **columns):
        need = NeedFactory(**columns)
        need.cpv_links = [NeedCpv(code8=c) for c in cpv]
        need.lots = [
            NeedLot(number=i, title=lot.get("title", f"Lot {i}"), estimated_amount_eur=lot.get("amount"),
                    cpv_links=[NeedLotCpv(code8=c) for c in lot.get("cpv", ())])
            for i, lot in enumerate(lots, start=1)
        ]
        db.session.flush()
        codes = list(cpv) + [c for lot in lots for c in lot.get("cpv", ())]
        labels = [f"{row.label_fr} {row.label_en}"
                  for row in db.session.query(CpvCode).filter(CpvCode.code8.in_(codes))]
        need.search_text = fold(" ".join([need.title, need.description or "", *labels]))
        db.session.commit()
        return need

    return _make


def in_days(days: int) -> date:
    return date.today() + timedelta(days=days)


def titles_in(response) -> list[str]:
    """The titles of the needs listed on a board page, in order."""
    import re
    from html import unescape

    html = response.get_data(as_text=True)
    return [unescape(t) for t in re.findall(r'<h3 id="need-\d+"><a href="[^"]*">([^<]*)</a></h3>', html)]

