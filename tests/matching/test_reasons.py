"""Reason codes -> sentences, in French (the source) and English (the catalogue), and score levels."""
import pytest
from flask_babel import force_locale

from matchfair.engine.matching_input import Area, Need, Supplier
from matchfair.matching.locatives import french_locative
from matchfair.matching.reasons import level_label, shared_cpv_code, write_reasons

NEED = Need(id="1", cpv=("90911200",), department="31", amount_eur=400_000, reserved="L2113-13",
            social_clause=True, text="Nettoyage des lycées")
SUPPLIER = Supplier(id="2", cpv=("90911200", "77310000"), department="31", area=Area((), ("76",), False),
                    statuses=frozenset({"siae"}), capacity_eur=150_000, text="nettoyage de lycées")
ALL = ("cpv:category", "area:department", "reserved:eligible", "social-clause:insertion",
       "capacity:below-amount", "text:nettoyage", "text:lycées")


def _texts(app, reasons, need=NEED, supplier=SUPPLIER, locale="fr"):
    with app.test_request_context("/"), force_locale(locale):
        return [s.text for s in write_reasons([(reasons, need, supplier)])[0]]


def test_french_sentences(app):
    texts = _texts(app, ALL)
    assert texts == [
        "Même catégorie CPV : 90911200 Services de nettoyage de bâtiments",
        "Intervient en Haute-Garonne",
        "Éligible au marché réservé aux SIAE (L2113-13)",
        "Structure d'insertion : atout pour la clause sociale",
        "Capacité (150\u202f000\u00a0€) inférieure au montant estimé (400\u202f000\u00a0€) : "
        "un groupement peut répondre",
        "Mots en commun : nettoyage, lycées",
    ]


@pytest.mark.parametrize(("reason", "supplier_code", "sentence"), [
    ("cpv:class", "90919200", "Même classe CPV : 90910000 Services de nettoyage"),
    ("cpv:group", "90900000", "Même groupe CPV : 90900000 Services de nettoyage et d'hygiène"),
    ("cpv:category", "90911300", "Même catégorie CPV : 90911000 Services de nettoyage de logements, de bâtiments"),
    ("cpv:division", "90600000", "Même division CPV : 90000000 Services d'évacuation des eaux usées"),
])
def test_the_deepest_shared_code_is_named(app, reason, supplier_code, sentence):
    supplier = Supplier(id="2", cpv=(supplier_code,), department="31")
    assert _texts(app, (reason,), supplier=supplier)[0].startswith(sentence)


def test_an_unknown_code_is_shown_without_label(app):
    supplier = Supplier(id="2", cpv=("90680000",), department="31")  # shares 906..., not in the table
    need = Need(id="1", cpv=("90690000",), department="31")
    assert _texts(app, ("cpv:group",), need=need, supplier=supplier) == ["Même groupe CPV : 90600000"]


def test_areas_and_reservations(app):
    assert _texts(app, ("area:region",)) == ["Intervient dans la région Occitanie"]
    assert _texts(app, ("area:national",)) == ["Intervient dans toute la France"]
    assert _texts(app, ("area:not-covered",)) == ["N'intervient pas dans ce département"]
    for reserved, words in (("L2113-12", "entreprises adaptées et ESAT (L2113-12)"),
                            ("L2113-14", "EA, ESAT et SIAE (L2113-14)"), ("L2113-15", "l'ESS (L2113-15)")):
        need = Need(id="1", cpv=("90911200",), department="31", reserved=reserved)
        assert words in _texts(app, ("reserved:eligible",), need=need)[0]


def test_french_places():
    assert french_locative("31") == "en Haute-Garonne"
    assert french_locative("81") == "dans le Tarn"
    assert french_locative("34") == "dans l'Hérault"
    assert french_locative("40") == "dans les Landes"
    assert french_locative("75") == "à Paris"
    assert french_locative("59") == "dans le Nord"


def test_shared_code():
    assert shared_cpv_code(["90911200"], ["90911300"]) == "90911000"
    assert shared_cpv_code(["90911200"], ["90900000"]) == "90900000"  # an ancestor shares its own digits
    assert shared_cpv_code(["90911200"], ["77310000"]) is None
    assert shared_cpv_code(["77310000", "90911200"], ["90919200", "77311000"]) == "77310000"


def test_levels(app):
    with app.test_request_context("/"), force_locale("fr"):
        assert [level_label(s) for s in (90, 75, 74.9, 50, 12)] == [
            "Très pertinent", "Très pertinent", "Pertinent", "Pertinent", "À considérer"]


def test_english_sentences(app):
    """Needs the English catalogue to hold the matching strings (the lead compiles it)."""
    texts = _texts(app, ALL + ("area:region",), locale="en")
    joined = " | ".join(texts)
    assert "Building-cleaning services" in texts[0] and "90911200" in texts[0]
    assert "Haute-Garonne" in texts[1] and "L2113-13" in texts[2]
    assert any("Occitanie" in t for t in texts)
    for french in ("Même", "Intervient", "Éligible", "Structure d'insertion", "Capacité", "Mots en commun", "région"):
        assert french not in joined, f"{french!r} is not translated: {joined}"
