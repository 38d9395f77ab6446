"""Import a forward purchasing plan (the annual census of needs) from a CSV file.

read_plan(raw bytes) decodes (UTF-8, else Windows-1252), detects the separator (";" or ",", with
csv.Sniffer), checks the header and returns the rows with their line numbers. check_rows(rows)
validates each row with NeedForm itself (the very rules of the page's form) and returns the need
data and the errors (line, column, message). Nothing is imported unless every row is valid.

Between the preview and the confirmation, the rows travel in a hidden field signed with the
application's secret (itsdangerous, compressed, valid 2 hours, bound to the organisation and the
person), and are checked again on confirmation: no state on the server, no file kept.
"""
import csv
import io
import re
import secrets
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.datastructures import MultiDict

from ..engine.territory import DEPARTMENTS, normalize_department
from ..engine.text import fold
from .columns import (
    ALIASES,
    BOOLEAN_COLUMNS,
    COLUMNS,
    FIELD_OF,
    REQUIRED_COLUMNS,
    VALUE_ALIASES,
)
from .forms import NeedForm

MAX_ROWS = 500
MAX_BYTES = 1024 * 1024
TOKEN_MAX_AGE = 2 * 3600
_TRUE = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
_FALSE = {"non", "n", "no", "faux", "false", "0", ""}
_DEPARTMENT_NAMES = {fold(d.name): d.code for d in DEPARTMENTS.values()}


@dataclass
class RowError:
    line: int
    column: str | None
    message: str


@dataclass
class Plan:
    """The rows of a file: (line number, {column: text}), and what stops it from being read."""

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # column -> as written in the file
    order: list[str] = field(default_factory=list)  # the column of each cell of a row ("" if unknown)
    nonce: str = ""  # set by read_token: the preview it comes from, so that it is imported once


def decode(raw: bytes) -> str:
    """The text of the file: UTF-8 (with or without BOM), else Windows-1252 (Excel's "CSV")."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def detect_delimiter(text: str) -> str:
    """";" or "," as csv.Sniffer sees the first lines; the header's counts decide when it cannot."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,").delimiter
    except csv.Error:
        delimiter = ""
    header = text.splitlines()[0] if text else ""
    by_count = ";" if header.count(";") >= header.count(",") else ","
    # The header is plain column names: if it splits into known columns one way only, that way wins.
    if _known_header(header, by_count) and not _known_header(header, delimiter or by_count):
        return by_count
    return delimiter or by_count


def _known_header(line: str, delimiter: str) -> bool:
    cells = next(csv.reader([line], delimiter=delimiter), [])
    return len(cells) > 1 and all(canonical_column(c) for c in cells if c.strip())


def canonical_column(name: str) -> str | None:
    """The column a header cell names (English or French, case and accents ignored), or None."""
    key = re.sub(r"[\s-]+", "_", fold(name).strip())
    return ALIASES.get(key)


def read_plan(raw: bytes) -> Plan:
    """The rows of a forward-plan CSV file, or the errors that stop it from being read."""
    plan = Plan()
    if len(raw) > MAX_BYTES:
        plan.errors.append(RowError(0, None, str(_l("Le fichier dépasse 1 Mo : découpez-le en plusieurs fichiers."))))
        return plan
    text = decode(raw)
    if not text.strip():
        plan.errors.append(RowError(0, None, str(_l("Le fichier est vide."))))
        return plan
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
    try:
        header = next(reader)
        if not _read_header(plan, header):
            return plan
        last_line = reader.line_num
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(plan.rows) == MAX_ROWS:
                plan.errors.append(RowError(line, None, str(_l(
                    "Le fichier contient plus de %(max)d besoins : découpez-le en plusieurs fichiers.", max=MAX_ROWS))))
                return plan
            _read_row(plan, line, cells, len(header))
    except csv.Error as error:
        plan.errors.append(RowError(reader.line_num, None, str(_l(
            "Ligne illisible (%(error)s) : enregistrez le fichier au format CSV.", error=str(error)))))
        return plan
    if not plan.rows and not plan.errors:
        plan.errors.append(RowError(0, None, str(_l("Le fichier ne contient aucun besoin sous la ligne d'en-tête."))))
    return plan


def _read_header(plan: Plan, header: list[str]) -> bool:
    for position, cell in enumerate(header):
        column = canonical_column(cell)
        if not cell.strip():
            continue
        if column is None:
            plan.errors.append(RowError(1, cell.strip(), str(_l(
                "Colonne inconnue « %(name)s » : utilisez les noms de colonnes du modèle.", name=cell.strip()))))
        elif column in plan.headers:
            plan.errors.append(RowError(1, cell.strip(), str(_l("Cette colonne apparaît deux fois."))))
        else:
            plan.headers[column] = cell.strip()
    for column in REQUIRED_COLUMNS:
        if column not in plan.headers:
            plan.errors.append(RowError(1, column, str(_l("Colonne obligatoire absente de la ligne d'en-tête."))))
    plan.order = [canonical_column(c) or "" for c in header]
    return not plan.errors


def _read_row(plan: Plan, line: int, cells: list[str], width: int) -> None:
    order = plan.order
    if any(c.strip() for c in cells[width:]):
        plan.errors.append(RowError(line, None, str(_l(
            "Cette ligne a plus de cellules que l'en-tête n'a de colonnes (un séparateur en trop ?)."))))
        return
    values = {column: cells[i].strip() for i, column in enumerate(order) if column and i < len(cells)}
    plan.rows.append((line, values))


def to_formdata(values: dict[str, str]) -> tuple[MultiDict, list[tuple[str, str]]]:
    """The NeedForm input of a CSV row, and the (column, message) of the values it cannot take."""
    formdata, problems = MultiDict(), []
    for column, spec in COLUMNS.items():
        text = values.get(column, "")
        name = spec.field
        if column in BOOLEAN_COLUMNS:
            key = fold(text)
            if key in _TRUE:
                formdata[name] = "y"
            elif key not in _FALSE:
                problems.append((column, str(_l("Écrivez oui ou non (et non « %(value)s »).", value=text))))
        elif column in VALUE_ALIASES:
            value = VALUE_ALIASES[column].get(re.sub(r"[\s'’_-]+", " ", fold(text)).strip())
            if value is None:
                problems.append((column, str(_l("Valeur inconnue « %(value)s » : écrivez l'une de %(choices)s.",
                                                value=text, choices=spec.accepted))))
            formdata[name] = str(value) if value is not None else ""
        elif column == "department":
            code = normalize_department(text) or _DEPARTMENT_NAMES.get(fold(text))
            if text and code is None:
                problems.append((column, str(_l("Département inconnu « %(value)s » : écrivez son numéro (31) "
                                                "ou son nom (Haute-Garonne).", value=text))))
            formdata[name] = code or ""
        elif column == "estimated_amount":
            formdata[name] = re.sub(r"(?i)\s*(€|eur|euros)?\s*(ht)?$", "", text).replace(",00", "").replace(".00", "")
        else:
            formdata[name] = text
    return formdata, problems


def check_rows(plan: Plan) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Each row's need data (as NeedForm.need_data()), and every error of every row.

    The rows are checked by NeedForm, so that a row is valid exactly when the same values typed
    in the page's form would be.
    """
    valid, errors = [], []
    for line, values in plan.rows:
        formdata, problems = to_formdata(values)
        form = NeedForm(formdata=formdata, meta={"csrf": False})
        ok = form.validate()
        row_errors = [RowError(line, plan.headers.get(column, column), message) for column, message in problems]
        reported = {column for column, _message in problems}
        for field_id, _label, messages in form.field_errors():
            column = FIELD_OF.get(field_id)
            if column in reported:
                continue
            row_errors += [RowError(line, plan.headers.get(column, column), str(m)) for m in messages]
        if row_errors or not ok:
            errors += row_errors or [RowError(line, None, str(_l("Ligne non valide.")))]
        else:
            valid.append((line, form.need_data()))
    return valid, errors


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="matchfair.needs.plan-import")


def make_token(plan: Plan, org_id: int, user_id: int) -> str:
    """The rows, signed for the confirmation step (bound to the organisation and the person)."""
    return _serializer().dumps({"o": org_id, "u": user_id, "h": plan.headers, "r": plan.rows,
                                "n": secrets.token_urlsafe(12)})


def read_token(token: str, org_id: int, user_id: int) -> Plan | None:
    """The rows of a token made by make_token for this organisation and person, or None
    (altered, expired, or made for someone else)."""
    try:
        payload = _serializer().loads(token or "", max_age=TOKEN_MAX_AGE)
    except BadSignature:
        return None
    if payload.get("o") != org_id or payload.get("u") != user_id:
        return None
    return Plan(rows=[(int(line), dict(values)) for line, values in payload["r"]], headers=payload["h"],
                nonce=str(payload.get("n", "")))


def token_fits(token: str) -> bool:
    """False when the signed rows would be too big to post back (Flask's form memory limit)."""
    limit = current_app.config.get("MAX_FORM_MEMORY_SIZE") or 500_000
    return len(token) < limit - 10_000
