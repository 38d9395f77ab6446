"""The English catalogue: complete, compiled, placeholders intact, and actually used by the pages.

Source strings are French (the default language); matchfair/translations/en holds English.
When a string is added or changed, run the commands of the README's "Translations" section.
"""
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "matchfair" / "translations"
PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
MO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo"

# The same keywords as the extract command of the README (Babel's defaults cover _, gettext, ngettext, pgettext).
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "lazy_pgettext": ((1, "c"), 2),
}
UPDATE_HINT = (
    "Run, from the repository root:\n"
    "  .venv/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k lazy_pgettext:1c,2 "
    "--sort-by-file --project Matchfair --copyright-holder 'Matchfair contributors' "
    "-o matchfair/translations/messages.pot .\n"
    "  .venv/bin/pybabel update -i matchfair/translations/messages.pot -d matchfair/translations\n"
    "then translate the new entries in matchfair/translations/en/LC_MESSAGES/messages.po (check and unmark\n"
    "the ones marked fuzzy: they are guesses) and run\n"
    "  .venv/bin/pybabel compile -d matchfair/translations"
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def _key(msgid):
    return tuple(msgid) if isinstance(msgid, (list, tuple)) else msgid


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def _describe(context, msgid) -> str:
    text = msgid[0] if isinstance(msgid, tuple) else msgid
    return f"  {text!r}" + (f" (context {context!r})" if context else "")


@pytest.fixture(scope="module")
def source_messages():
    """{(context, msgid): [where used]} extracted now from matchfair/**.py and templates/, as babel.cfg says."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = {}
    for filename, lineno, msgid, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True
    ):
        found.setdefault((context, _key(msgid)), []).append(f"{filename}:{lineno}")
    return found


@pytest.fixture(scope="module")
def po_catalogue():
    with open(PO, "rb") as f:
        return read_po(f, locale="en")


def _entries(catalogue):
    return {(m.context, _key(m.id)): m for m in catalogue if m.id}


def test_sources_are_extracted(source_messages):
    assert len(source_messages) > 300, "babel.cfg no longer matches the sources"
    files = {where.split(":")[0] for places in source_messages.values() for where in places}
    assert any(f.startswith("templates/emails/") and f.endswith(".txt") for f in files)
    assert any(f.startswith("templates/") and f.endswith(".html") for f in files)
    assert any(f.startswith("matchfair/") and f.endswith(".py") for f in files)
    assert not any(".venv" in f or "site-packages" in f for f in files)


def test_every_source_string_is_translated(source_messages, po_catalogue):
    entries = _entries(po_catalogue)
    missing = [key for key in source_messages if key not in entries]
    untranslated = [
        key for key in source_messages
        if key in entries and (
            "fuzzy" in entries[key].flags
            or not all(isinstance(s, str) and s.strip() for s in (
                entries[key].string if isinstance(entries[key].string, tuple) else (entries[key].string,)
            ))
        )
    ]
    problems = []
    if missing:
        problems.append(f"{len(missing)} string(s) missing from {PO.relative_to(ROOT)}:")
        problems += [_describe(*key) + f"  [{source_messages[key][0]}]" for key in missing]
    if untranslated:
        problems.append(f"{len(untranslated)} entry(ies) empty or fuzzy:")
        problems += [_describe(*key) for key in untranslated]
    assert not problems, "\n".join(problems + [UPDATE_HINT])


def test_catalogue_has_no_stale_or_fuzzy_entries(source_messages, po_catalogue):
    stale = [key for key in _entries(po_catalogue) if key not in source_messages]
    assert not stale, "\n".join(
        [f"{len(stale)} entry(ies) of the English catalogue no longer appear in the sources:"]
        + [_describe(*key) for key in stale] + [UPDATE_HINT]
    )
    assert not po_catalogue.obsolete, "Obsolete (#~) entries: remove them from the .po."
    assert not po_catalogue.fuzzy


def test_no_string_is_both_singular_and_plural(source_messages):
    # The catalogue keeps one entry per msgid: gettext("X") would not find the plural entry of ngettext("X", ...).
    plural_heads = {(context, msgid[0]) for context, msgid in source_messages if isinstance(msgid, tuple)}
    clashes = [key for key in source_messages if not isinstance(key[1], tuple) and key in plural_heads]
    assert not clashes, "Used both with gettext and ngettext (give one of them a context with pgettext):\n" + "\n".join(
        _describe(*key) + f"  {source_messages[key]}" for key in clashes
    )


def test_compiled_catalogue_matches_the_po(po_catalogue):
    with open(MO, "rb") as f:
        compiled = read_mo(f)
    po = {key: m.string for key, m in _entries(po_catalogue).items()}
    # read_mo leaves contexts as bytes.
    mo = {(_text(m.context), _key(m.id)): m.string for m in compiled if m.id}
    outdated = sorted(
        (_describe(*key) for key in po.keys() | mo.keys() if _key(po.get(key)) != _key(mo.get(key))), key=str
    )
    assert not outdated, (
        f"{MO.relative_to(ROOT)} is out of date with the .po ({len(outdated)} differences, e.g.\n"
        + "\n".join(outdated[:10]) + "\n). Run: .venv/bin/pybabel compile -d matchfair/translations"
    )


def _placeholders(text: str) -> tuple[list[str], int]:
    """The named placeholders, and how many other % signs ("%%" in a formatted string, "50 %" in a plain one)."""
    return sorted(PLACEHOLDER.findall(text)), PLACEHOLDER.sub("", text).count("%")


def test_translations_keep_the_placeholders(po_catalogue):
    wrong = []
    for m in po_catalogue:
        if not m.id:
            continue
        if isinstance(m.id, (list, tuple)):
            pairs = [(m.id[0], m.string[0]), (m.id[1], m.string[1])]
        else:
            pairs = [(m.id, m.string)]
        for source, translation in pairs:
            if translation and _placeholders(source) != _placeholders(translation):
                wrong.append(f"  {source!r}\n    -> {translation!r}")
    assert not wrong, "Placeholders differ between the French source and the English translation:\n" + "\n".join(wrong)


def test_babel_checks_pass(po_catalogue):
    # What `pybabel compile` reports as errors (e.g. "% d" in a French string read as a format).
    errors = [f"  line {m.lineno}: {m.id!r}: {err}" for m, errs in po_catalogue.check() for err in errs]
    assert not errors, "pybabel compile would report:\n" + "\n".join(errors)


def _english(client):
    response = client.get("/langue?lang=en&next=/")
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(
    ("path", "english", "french"),
    [
        ("/", ["Public buyers publish their upcoming needs", "You are a buyer", "Browse the directory",
               "Business meetings for the social and solidarity economy"],
         ["Vous êtes acheteur", "Consulter l'annuaire", "Rencontres d'affaires"]),
        ("/connexion", ["Log in", "Forgotten your password?", "No account yet?", "Email address"],
         ["Se connecter", "Mot de passe oublié", "Pas encore de compte"]),
        ("/inscription", ["Create my account", "Already have an account?", "Full name"],
         ["Créer mon compte", "Vous avez déjà un compte", "Nom et prénom"]),
        ("/annuaire", ["Directory of social and solidarity economy (SSE) organisations", "Department covered",
                       "Keywords", "The directory is still empty"],
         ["Annuaire des entreprises de l'ESS", "Département couvert", "Mots-clés", "L'annuaire est encore vide"]),
        ("/page-qui-n-existe-pas", ["Page not found"], ["Page introuvable"]),
    ],
)
def test_pages_in_english(client, path, english, french):
    response = _english(client).get(path)
    html = response.get_data(as_text=True).replace("&#39;", "'")
    assert 'lang="en"' in html
    for text in english:
        assert text in html, f"{text!r} missing from {path} in English"
    for text in french:
        assert text not in html, f"French {text!r} still on {path} in English"


def test_english_plurals_in_an_email(app):
    from flask import render_template
    from flask_babel import force_locale

    from matchfair.accounts.models import User

    user = User(email="ana@example.org", full_name="Ana")
    with app.test_request_context("/"), force_locale("en"):
        one = render_template("emails/accounts_confirm.txt", user=user, link="https://x.test/l", days=1)
        two = render_template("emails/accounts_confirm.txt", user=user, link="https://x.test/l", days=2)
    assert "Hello Ana," in one and "This link is valid for 1 day." in one
    assert "This link is valid for 2 days." in two
    assert "Bonjour" not in two


@pytest.mark.parametrize("headers", [{}, {"Accept-Language": "fr"}, {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.8"}])
def test_french_is_the_default(client, headers):
    html = client.get("/", headers=headers).get_data(as_text=True).replace("&#39;", "'")
    assert 'lang="fr"' in html
    assert "Vous êtes acheteur" in html
    assert "Rencontres d'affaires de l'ESS" in html
    assert "You are a buyer" not in html


def test_buyer_types_use_their_own_context(app):
    from flask_babel import force_locale

    from matchfair.organisations.choices import BUYER_TYPE_LABELS
    from matchfair.organisations.models import BuyerType

    with app.test_request_context("/"), force_locale("en"):
        assert str(BUYER_TYPE_LABELS[BuyerType.CITY]) == "Municipality"
        assert str(BUYER_TYPE_LABELS[BuyerType.REGION]) == "Region (regional council)"
    with app.test_request_context("/"), force_locale("fr"):
        assert str(BUYER_TYPE_LABELS[BuyerType.CITY]) == "Commune"
