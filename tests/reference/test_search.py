"""GET /referentiel/cpv?q= (the picker's search) and GET /referentiel/cpv/<code8>: public JSON."""
import time

import pytest
from flask_babel import refresh

from matchfair.reference.services import cpv_range, search_codes


def forget_locale():
    """The tests share one app context, where Flask-Babel caches the locale: forget it."""
    refresh()


def codes(response):
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return [item["code8"] for item in response.get_json()]


def test_before_any_import_the_divisions_are_offered(client):
    assert codes(client.get("/referentiel/cpv?q=nettoyage")) == ["39000000"]
    assert codes(client.get("/referentiel/cpv?q=batiment")) == []
    assert codes(client.get("/referentiel/cpv?q=construction")) == ["43000000", "44000000", "45000000", "71000000"]
    assert codes(client.get("/referentiel/cpv?q=9")) == ["90000000", "92000000", "98000000"]
    assert codes(client.get("/referentiel/cpv?q=hygienisation")) == ["90000000"]


def test_a_code_prefix(client, sample_codes):
    assert codes(client.get("/referentiel/cpv?q=9091")) == [
        "90910000", "90911000", "90919000", "90911200", "90911300", "90919200",
    ]
    assert codes(client.get("/referentiel/cpv?q=90911")) == ["90911000", "90911200", "90911300"]


@pytest.mark.parametrize("q", ["90911200-8", "90911200", "9091 1200", "909112008", " 90911200-8 "])
def test_a_whole_code_with_or_without_its_check_digit(client, sample_codes, q):
    assert codes(client.get("/referentiel/cpv", query_string={"q": q})) == ["90911200"]


def test_json_shape_and_label_in_the_current_language(client, sample_codes):
    item = client.get("/referentiel/cpv?q=90911200").get_json()[0]
    assert item == {"code8": "90911200", "code": "90911200-8", "level": 6,
                    "label": "Services de nettoyage de bâtiments"}
    with client.session_transaction() as session:
        session["lang"] = "en"
    forget_locale()
    item = client.get("/referentiel/cpv?q=90911200").get_json()[0]
    assert item["label"] == "Building-cleaning services"


def test_labels_follow_the_chosen_language_not_the_browser(client, sample_codes):
    # French first, whatever the browser prefers; English once chosen in the footer.
    response = client.get("/referentiel/cpv?q=90911300", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert response.get_json()[0]["label"] == "Services de nettoyage de vitres"
    forget_locale()
    client.get("/langue?lang=en")
    response = client.get("/referentiel/cpv?q=90911300", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert response.get_json()[0]["label"] == "Window-cleaning services"


@pytest.mark.parametrize("q", ["écoles", "ecoles", "ÉCOLES", "Ecoles"])
def test_french_words_with_or_without_accents(client, sample_codes, q):
    assert codes(client.get("/referentiel/cpv", query_string={"q": q})) == ["55524000", "90919000", "45214210"]


def test_an_english_word(client, sample_codes):
    assert codes(client.get("/referentiel/cpv?q=window")) == ["90911000", "90911300"]
    assert codes(client.get("/referentiel/cpv?q=catering")) == ["55500000", "55520000", "55524000"]


def test_every_word_must_match_and_words_match_their_start(client, sample_codes):
    assert codes(client.get("/referentiel/cpv", query_string={"q": "nettoyage bureaux"})) == ["90919000", "90919200"]
    assert codes(client.get("/referentiel/cpv", query_string={"q": "espaces verts"})) == ["77310000"]
    assert codes(client.get("/referentiel/cpv", query_string={"q": "nettoy vitr"})) == ["90911000", "90911300"]
    # "eau" starts "eaux" but only sits inside "bureaux": a word typed matches the start of a word.
    assert "90919200" not in codes(client.get("/referentiel/cpv?q=eau"))
    assert codes(client.get("/referentiel/cpv?q=eau")) == ["41000000", "90000000"]


def test_digits_and_words_together(client, sample_codes):
    assert codes(client.get("/referentiel/cpv", query_string={"q": "45 écoles"})) == ["45214210"]
    assert codes(client.get("/referentiel/cpv", query_string={"q": "90 écoles"})) == ["90919000"]


def test_broader_codes_first_then_by_code(client, sample_codes):
    items = client.get("/referentiel/cpv?q=nettoyage").get_json()
    keys = [(i["level"], i["code8"]) for i in items]
    assert keys == sorted(keys)
    assert keys[:3] == [(2, "39000000"), (3, "90900000"), (4, "90910000")]
    assert keys[-1] == (6, "90919200")


@pytest.mark.parametrize("q", ["", "   ", "''", "-", "%", "_"])
def test_an_empty_query_returns_nothing(client, sample_codes, q):
    assert codes(client.get("/referentiel/cpv", query_string={"q": q})) == []
    assert codes(client.get("/referentiel/cpv")) == []


def test_like_wildcards_are_not_wildcards(client, sample_codes):
    assert codes(client.get("/referentiel/cpv", query_string={"q": "nett%age"})) == []


def test_limit(client, sample_codes):
    assert len(codes(client.get("/referentiel/cpv?q=9&limit=2"))) == 2
    assert len(codes(client.get("/referentiel/cpv?q=services&limit=1000"))) == 20
    assert len(codes(client.get("/referentiel/cpv?q=services&limit=0"))) == 20
    assert len(codes(client.get("/referentiel/cpv?q=services&limit=-3"))) == 1
    assert len(codes(client.get("/referentiel/cpv?q=services&limit=abc"))) == 20


def test_public_and_no_cache_confusion(client, sample_codes):
    response = client.get("/referentiel/cpv?q=9091")
    assert response.status_code == 200
    assert "Accept-Language" in response.headers.get("Vary", "")


def test_one_code(client, sample_codes):
    response = client.get("/referentiel/cpv/90911200")
    assert response.status_code == 200
    assert response.get_json() == {
        "code8": "90911200", "code": "90911200-8", "level": 6, "label": "Services de nettoyage de bâtiments",
        "type": "services", "parent8": "90911000",
    }
    assert client.get("/referentiel/cpv/90911200-8").get_json()["code8"] == "90911200"
    assert client.get("/referentiel/cpv/45000000").get_json()["parent8"] is None


@pytest.mark.parametrize("code", ["12345678", "9091", "abc", "90911200-88"])
def test_one_unknown_code_is_a_json_404(client, sample_codes, code):
    response = client.get(f"/referentiel/cpv/{code}")
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert "error" in response.get_json()


def test_fast_on_the_full_list(client, cli, real_cpv_file):
    assert cli(str(real_cpv_file)).exit_code == 0
    for q in ("nettoyage", "9", "services de", "ecoles", "cleaning services", "zzzz"):
        started = time.perf_counter()
        search_codes(q)
        assert time.perf_counter() - started < 0.05, q
    found = codes(client.get("/referentiel/cpv?q=nettoyage bâtiments"))
    assert "90911200" in found
    assert len(codes(client.get("/referentiel/cpv?q=services"))) == 20


def test_cpv_range():
    """The codes at or beneath a code, as the directory and the board search them."""
    assert cpv_range("90910000") == ("90910000", "90919999")
    assert cpv_range("90000000") == ("90000000", "90999999")
    assert cpv_range("03000000") == ("03000000", "03999999")
    assert cpv_range("90911200") == ("90911200", "90911299")
