"""`flask cpv-import FILE`: the real list, idempotence, and files that must import nothing."""
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from matchfair.engine.cpv import level
from matchfair.extensions import db
from matchfair.reference.commands import MAX_ERRORS_SHOWN
from matchfair.reference.models import CpvCode
from matchfair.reference.services import cpv_search_text

from .conftest import HEADER, SAMPLE_COUNT, SAMPLE_CSV, SAMPLE_ROWS


def count_codes() -> int:
    return db.session.scalar(select(func.count()).select_from(CpvCode))


def test_the_real_list_imports_every_code_and_is_idempotent(cli, real_cpv_file):
    started = time.perf_counter()
    result = cli(str(real_cpv_file))
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "9454 codes lus : 9409 ajoutés, 0 mis à jour, 45 inchangés"
    assert elapsed < 10
    assert count_codes() == 9454
    levels = Counter(db.session.scalars(select(CpvCode.level)))
    assert levels[2] == 45 and levels[3] == 272 and levels[4] == 1002 and levels[5] == 2379
    assert sum(levels[n] for n in (6, 7, 8)) == 5756
    cleaning = db.session.get(CpvCode, "90911200")
    assert (cleaning.code, cleaning.level, cleaning.type, cleaning.parent8) == ("90911200-8", 6, "services", "90911000")
    assert cleaning.label_fr == "Services de nettoyage de bâtiments"
    assert cleaning.label_en == "Building-cleaning services"
    assert cleaning.search_text == cpv_search_text("90911200", cleaning.label_fr, cleaning.label_en)
    assert db.session.scalar(select(func.count()).select_from(CpvCode).where(CpvCode.parent8.is_(None))) == 45

    again = cli(str(real_cpv_file))
    assert again.exit_code == 0
    assert again.stdout.strip() == "9454 codes lus : 0 ajoutés, 0 mis à jour, 9454 inchangés"
    assert count_codes() == 9454


def test_changed_labels_are_updated_and_nothing_is_deleted(cli, write_csv):
    assert cli(write_csv(SAMPLE_CSV)).exit_code == 0
    # A code that is no longer in the file stays (organisations may use it).
    extra = CpvCode(code8="90911300", code="90911300-9", level=6, type="services", parent8="90911000",
                    label_fr="x", label_en="x", search_text="x")
    db.session.merge(extra)
    db.session.commit()
    smaller = SAMPLE_CSV.replace("90911300-9,90911300,6,services,90911000-6,Services de nettoyage de vitres,Window-cleaning services\n", "")
    changed = smaller.replace("Services de nettoyage de bureaux,", "Services de nettoyage des bureaux,")
    result = cli(write_csv(changed, "changed.csv"))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"{SAMPLE_COUNT - 1} codes lus : 0 ajoutés, 1 mis à jour, {SAMPLE_COUNT - 2} inchangés"
    )
    office = db.session.get(CpvCode, "90919200")
    db.session.refresh(office)
    assert office.label_fr == "Services de nettoyage des bureaux"
    assert "des bureaux" in office.search_text
    assert db.session.get(CpvCode, "90911300") is not None


def test_first_import_of_the_sample(cli, write_csv):
    result = cli(write_csv(SAMPLE_CSV))
    assert result.exit_code == 0
    # The sample holds 4 of the 45 shipped divisions, identical.
    assert result.stdout.strip() == f"{SAMPLE_COUNT} codes lus : {SAMPLE_COUNT - 4} ajoutés, 0 mis à jour, 4 inchangés"
    assert count_codes() == 45 + SAMPLE_COUNT - 4


def test_a_bom_and_windows_line_endings_are_tolerated(cli, write_csv):
    content = ("\ufeff" + SAMPLE_CSV).replace("\n", "\r\n").encode("utf-8")
    result = cli(write_csv(content))
    assert result.exit_code == 0, result.output
    assert db.session.get(CpvCode, "90911200") is not None


def line_of(code8: str) -> int:
    """The line of `code8` in SAMPLE_CSV (the header is line 1)."""
    for number, text in enumerate(SAMPLE_CSV.splitlines(), start=1):
        if text.startswith(code8):
            return number
    raise AssertionError(code8)


@pytest.mark.parametrize(
    "old, new, code8, message",
    [
        ("90911200-8,90911200,6", "9091120-8,90911200,6", "9091120", "code mal formé « 9091120-8 »"),
        ("90911200-8,90911200,6", "90911200-8,90911200,5", "90911200", "niveau incohérent avec le code"),
        ("90911200-8,90911200,6", "90911200-8,90911200,x", "90911200", "niveau « x » invalide"),
        ("90911300-9,90911300,6,services,90911000-6", "90911300-9,90911300,6,services,90911100-6", "90911300",
         "le parent n'est pas un code plus large"),
        ("90911300-9,90911300,6,services,90911000-6", "90911300-9,90911300,6,services,", "90911300", "parent manquant"),
        ("77310000-6,77310000,4,services,77300000-3,Réalisation et entretien d'espaces verts,",
         "77310000-6,77310000,4,services,77300000-3,,", "77310000", "libellé français vide"),
        ("55520000-1,55520000,4,services", "55520000-1,55520000,4,servicing", "55520000", "type « servicing » inconnu"),
    ],
)
def test_a_bad_row_imports_nothing(cli, write_csv, old, new, code8, message):
    assert old in SAMPLE_CSV
    content = SAMPLE_CSV.replace(old, new)
    before = count_codes()
    result = cli(write_csv(content))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"ligne {line_of(code8)} : {message}" in result.stderr
    assert "Aucun code importé" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert count_codes() == before


def test_a_missing_parent_names_its_line(cli, write_csv):
    content = SAMPLE_CSV.replace(
        "90911000-6,90911000,5,services,90910000-9,\"Services de nettoyage de logements, de bâtiments et de vitres\",\"Accommodation, building and window cleaning services\"\n", "")
    result = cli(write_csv(content))
    assert result.exit_code == 1
    assert "ligne 5 : le parent 90911000-6 est absent du fichier" in result.stderr
    assert "ligne 6 : le parent 90911000-6 est absent du fichier" in result.stderr
    assert count_codes() == 45


def test_a_duplicate_names_both_lines(cli, write_csv):
    content = SAMPLE_CSV + "90910000-9,90910000,4,services,90900000-6,Nettoyage,Cleaning\n"
    result = cli(write_csv(content))
    assert result.exit_code == 1
    last = SAMPLE_COUNT + 2
    assert f"ligne {last} : code 90910000-9 en double (déjà présent ligne {line_of('90910000')})" in result.stderr
    assert count_codes() == 45


@pytest.mark.parametrize(
    "header, message",
    [
        ("code;code8;level;type;parent;label_fr;label_en", "ligne 1 : en-tête incorrect, colonnes manquantes"),
        ("code,code8,level,type,label_fr,label_en", "colonnes manquantes : parent"),
        ("", "ligne 1 : en-tête incorrect"),
    ],
)
def test_a_bad_header_imports_nothing(cli, write_csv, header, message):
    result = cli(write_csv(header + "\n" + SAMPLE_ROWS))
    assert result.exit_code == 1
    assert message in result.stderr
    assert count_codes() == 45


def test_columns_in_another_order_are_fine(cli, write_csv):
    content = "label_en,label_fr,code,code8,level,type,parent\nConstruction work,Travaux de construction,45000000-7,45000000,2,works,\n"
    result = cli(write_csv(content))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "1 codes lus : 0 ajoutés, 0 mis à jour, 1 inchangés"


def test_too_many_values_on_a_line(cli, write_csv):
    content = HEADER + "\n45000000-7,45000000,2,works,,Travaux de construction,Construction work,extra\n"
    result = cli(write_csv(content))
    assert result.exit_code == 1
    assert "ligne 2 : plus de valeurs que de colonnes" in result.stderr


def test_an_empty_file(cli, write_csv):
    result = cli(write_csv(""))
    assert result.exit_code == 1
    assert "Le fichier est vide" in result.stderr
    result = cli(write_csv(HEADER + "\n", "header-only.csv"))
    assert result.exit_code == 1
    assert "aucun code" in result.stderr


def test_a_file_that_is_not_utf8(cli, write_csv):
    content = SAMPLE_CSV.encode("utf-8").replace("Services de nettoyage de vitres".encode(), "Services de nettoyage de vitres é".encode("latin-1"))
    result = cli(write_csv(content))
    assert result.exit_code == 1
    assert f"ligne {line_of('90911300')} : le fichier n'est pas en UTF-8" in result.stderr
    assert "Traceback" not in result.output
    assert count_codes() == 45


def test_a_missing_file(cli, tmp_path):
    result = cli(str(tmp_path / "absent.csv"))
    assert result.exit_code == 1
    assert "Fichier introuvable" in result.stderr
    assert "Traceback" not in result.output


def test_errors_are_capped_with_a_count(cli, write_csv):
    codes = [f"4500{n:04d}" for n in range(1, 121)]
    rows = "".join(f"{c}-1,{c},{level(c)},works,45000000-7,,Label\n" for c in codes)
    result = cli(write_csv(HEADER + "\n45000000-7,45000000,2,works,,Travaux,Works\n" + rows))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == MAX_ERRORS_SHOWN + 2
    assert lines[0].startswith("ligne 3 : ")
    assert lines[-2] == "… et 70 autres erreurs."
    assert count_codes() == 45


def test_the_help_says_nothing_is_deleted(app):
    result = app.test_cli_runner().invoke(args=["cpv-import", "--help"])
    assert result.exit_code == 0
    assert "never deletes" in result.output


def test_a_database_error_is_a_message_not_a_traceback(cli, write_csv, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from matchfair.reference import commands

    def broken(_records):
        raise OperationalError("INSERT", {}, Exception("no such table: cpv_code"))

    monkeypatch.setattr(commands, "upsert_codes", broken)
    result = cli(write_csv(SAMPLE_CSV))
    assert result.exit_code == 1
    assert "Erreur de la base de données : no such table: cpv_code" in result.stderr
    assert "flask db upgrade" in result.stderr
    assert "Traceback" not in result.output


def test_every_kind_of_row_error_has_a_message(app):
    from matchfair.engine.cpv import ERROR_KINDS, RowError
    from matchfair.reference.csv_import import _MESSAGES, format_row_error

    assert set(ERROR_KINDS) <= set(_MESSAGES)
    with app.test_request_context():
        assert format_row_error(RowError(7, "duplicate", "90910000-9", 3)) == (
            "ligne 7 : code 90910000-9 en double (déjà présent ligne 3)"
        )
