"""Badge codes: round trip, tampering, lenient parsing."""
import pytest

from matchfair.backoffice import badges


def test_round_trip(approved):
    code = badges.badge_code(approved)
    assert code.startswith(f"A{approved.id}-") and len(code.split("-")[1]) == 8
    assert badges.parse_badge_code(code) == approved.id


@pytest.mark.parametrize("variant", [
    lambda c: c.lower(), lambda c: f"  {c}  ", lambda c: c.replace("-", " "), lambda c: c.replace("-", ""),
    lambda c: " ".join(c), lambda c: f"https://salon.example.fr/evenements/3/accueil/{c}",
    lambda c: f"https://salon.example.fr/badge?code={c}", lambda c: f"https://salon.example.fr/b/{c}/",
])
def test_lenient_parsing(approved, variant):
    assert badges.parse_badge_code(variant(badges.badge_code(approved))) == approved.id


def test_tampered_codes_refused(approved, app):
    code = badges.badge_code(approved)
    signature = code.split("-")[1]
    flipped = ("B" if signature[0] != "B" else "C") + signature[1:]
    for bad in [f"A{approved.id}-{flipped}", f"A{approved.id + 1}-{signature}", code[:-1], code + "A",
                f"A{approved.id}-", "", None, "bonjour", "A-ABCDEFGH", f"B{approved.id}-{signature}", "A" * 600]:
        assert badges.parse_badge_code(bad) is None, bad


def test_code_depends_on_secret_key(approved, app):
    code = badges.badge_code(approved)
    old = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = "another-secret-key-for-this-test-only"
    try:
        assert badges.badge_code(approved) != code
        assert badges.parse_badge_code(code) is None
    finally:
        app.config["SECRET_KEY"] = old


def test_qr_is_inline_svg_of_a_regular_qr_code():
    svg = str(badges.qr_svg("A1-ABCDEFGH"))
    assert svg.startswith("<svg ") and 'role="img"' in svg and "A1-ABCDEFGH" in svg
    assert "style=" not in svg  # the CSP forbids inline styles
    import segno
    assert not segno.make_qr("A1-ABCDEFGH").is_micro


def test_scanner_with_us_layout_on_a_french_keyboard(approved):
    code = badges.badge_code(approved)
    us_to_azerty = str.maketrans("1234567890-AQZWM", "&é\"'(-è_çà)QAWZ?")
    garbled = code.translate(us_to_azerty)
    assert garbled != code and badges.parse_badge_code(garbled) == approved.id
