"""Import of a CPV list from a CSV file (the format of ../shared/data/README.md) into cpv_code.

Reading and checking are separate from writing: read_cpv_file() either returns every record of
the file or raises CpvFileError with all the problems found, so a bad file imports nothing.
"""
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select, update

from ..engine.cpv import COLUMNS, CpvRecord, RowError, validate_rows
from ..extensions import db
from .models import CpvCode
from .services import cpv_search_text

_MESSAGES = {
    "bad_code": _l("code mal formé « %(value)s » (attendu : 8 chiffres, un tiret et le chiffre de contrôle, par exemple 90911200-8)"),
    "code8_mismatch": _l("la colonne code8 ne reprend pas les 8 chiffres du code (%(value)s)"),
    "bad_level": _l("niveau « %(value)s » invalide (attendu : un nombre de 2 à 8)"),
    "level_mismatch": _l("niveau incohérent avec le code (indiqué ≠ attendu : %(value)s)"),
    "bad_type": _l("type « %(value)s » inconnu (attendu : supplies, works ou services)"),
    "empty_label_fr": _l("libellé français vide"),
    "empty_label_en": _l("libellé anglais vide"),
    "label_too_long": _l("libellé trop long (%(value)s caractères, 400 au plus)"),
    "duplicate": _l("code %(value)s en double (déjà présent ligne %(other_line)s)"),
    "division_with_parent": _l("une division (niveau 2) n'a pas de parent, or la ligne indique « %(value)s »"),
    "missing_parent": _l("parent manquant (obligatoire à partir du niveau 3)"),
    "bad_parent": _l("parent mal formé « %(value)s »"),
    "parent_not_in_file": _l("le parent %(value)s est absent du fichier"),
    "parent_not_ancestor": _l("le parent n'est pas un code plus large qui contient ce code (parent / code : %(value)s)"),
    "parent_code_mismatch": _l("le parent n'est pas écrit comme dans sa propre ligne (%(value)s)"),
    "extra_fields": _l("plus de valeurs que de colonnes dans l'en-tête"),
}


class CpvFileError(Exception):
    """The file cannot be imported; `problems` lists every reason, each a sentence."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportReport:
    read: int
    added: int
    updated: int
    unchanged: int


def format_row_error(error: RowError) -> str:
    """One row error as shown to the person running the import: "ligne 12 : parent manquant ..."."""
    detail = _MESSAGES[error.kind] % {"value": error.value, "other_line": error.other_line}
    return str(_l("ligne %(line)d : %(problem)s", line=error.line, problem=detail))


def read_cpv_file(path: str | Path) -> list[CpvRecord]:
    """Every record of a CPV CSV file (UTF-8, a BOM tolerated), or CpvFileError listing all the problems."""
    text = _read_text(Path(path))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames
    if not header and not text.strip():
        raise CpvFileError([str(_l("Le fichier est vide : la première ligne doit être l'en-tête %(columns)s.", columns=",".join(COLUMNS)))])
    header = header or []
    missing = [c for c in COLUMNS if c not in [h.strip() for h in header]]
    if missing:
        raise CpvFileError([str(_l(
            "ligne 1 : en-tête incorrect, colonnes manquantes : %(missing)s (attendu : %(columns)s)",
            missing=", ".join(missing), columns=",".join(COLUMNS),
        ))])
    reader.fieldnames = [h.strip() for h in header]

    rows: list[tuple[int, dict]] = []
    extra: list[RowError] = []
    previous_end = reader.line_num
    for row in reader:
        # A quoted value may span several lines: a record starts just after the previous one.
        line, previous_end = previous_end + 1, reader.line_num
        if row.get(None):
            extra.append(RowError(line, "extra_fields"))
        rows.append((line, row))
    if not rows:
        raise CpvFileError([str(_l("Le fichier ne contient aucun code après l'en-tête."))])

    records, errors = validate_rows(rows)
    errors = sorted(errors + extra, key=lambda e: e.line)
    if errors:
        raise CpvFileError([format_row_error(e) for e in errors])
    return records


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CpvFileError([str(_l("Fichier introuvable : %(path)s", path=str(path)))]) from None
    except IsADirectoryError:
        raise CpvFileError([str(_l("%(path)s est un dossier, pas un fichier CSV.", path=str(path)))]) from None
    except OSError as exc:
        raise CpvFileError([str(_l("Impossible de lire %(path)s : %(reason)s", path=str(path), reason=exc.strerror or exc))]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CpvFileError([str(_l(
            "ligne %(line)d : le fichier n'est pas en UTF-8 (octet invalide). Enregistrez-le en UTF-8 et recommencez.",
            line=line,
        ))]) from None


def upsert_codes(records: list[CpvRecord]) -> ImportReport:
    """Insert the new codes and update the changed ones, in bulk; nothing is ever deleted.

    Codes already in the table and absent from `records` stay (organisations may refer to them).
    Flushes; the caller commits.
    """
    columns = (CpvCode.code8, CpvCode.code, CpvCode.level, CpvCode.type, CpvCode.parent8,
               CpvCode.label_fr, CpvCode.label_en, CpvCode.search_text)
    current = {row[0]: tuple(row) for row in db.session.execute(select(*columns))}
    to_insert: list[dict] = []
    to_update: list[dict] = []
    for r in records:
        values = {
            "code8": r.code8, "code": r.code, "level": r.level, "type": r.type, "parent8": r.parent8,
            "label_fr": r.label_fr, "label_en": r.label_en,
            "search_text": cpv_search_text(r.code8, r.label_fr, r.label_en),
        }
        existing = current.get(r.code8)
        if existing is None:
            to_insert.append(values)
        elif existing != tuple(values[c.key] for c in columns):
            to_update.append(values)
    if to_insert:
        db.session.execute(insert(CpvCode), to_insert)
    if to_update:
        db.session.execute(update(CpvCode), to_update)
    db.session.flush()
    return ImportReport(
        read=len(records), added=len(to_insert), updated=len(to_update),
        unchanged=len(records) - len(to_insert) - len(to_update),
    )
