"""Import of organisations from a CSV file by an organiser: read, map the columns, check, confirm.

read_file(raw) decodes and splits the file (the forward-plan import's helpers: UTF-8 or
Windows-1252, ";" or ","); guess_mapping(header, kind) pre-fills the column of each field from the
header's names; check(header, rows, lines, mapping, kind) validates every row with the profile form's own fields (name, SIRET with
python-stdnum, address, postcode, website, e-mails with email-validator, phone...), departments with
engine.territory and CPV codes with the reference table (one query for the whole file), finds the
SIRETs repeated in the file and those of existing organisations (one query), and returns a Check.
Nothing is written to the organisations until confirm() (below) applies a valid file.
"""
import csv
import io
import logging
import re
import secrets
from dataclasses import dataclass, field
from types import SimpleNamespace

from flask import current_app, url_for
from flask_babel import force_locale, lazy_ngettext, lazy_pgettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict
from wtforms import Form

from ..accounts import tokens
from ..accounts.models import User
from ..accounts.services import normalize_email
from ..engine.territory import normalize_department
from ..engine.text import fold
from ..extensions import db
from ..mailer import one_connection, send_email
from ..matching.state import suppliers_changed
from ..needs.plan_import import _DEPARTMENT_NAMES, decode, detect_delimiter
from ..organisations.choices import LEGAL_FORM_LABELS
from ..organisations.models import (
    AreaKind,
    Membership,
    Organisation,
    OrganisationArea,
    OrganisationCpv,
    OrganisationStatus,
    OrgKind,
    Role,
    SiaeKind,
    SseStatus,
)
from ..organisations.profile_forms import OrganiserProfileForm, ProfileForm
from ..organisations.services import refresh_search_text
from ..programme.models import Attendee, EventRegistration, RegistrationStatus
from ..reference.fields import split_codes
from ..reference.models import CpvCode
from ..reference.services import existing_codes
from ..timeutil import utcnow
from . import audit

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
PREVIEW_ROWS = 50
KINDS = (OrgKind.SSE.value, OrgKind.BUYER.value)

log = logging.getLogger(__name__)


class ImportRefused(ValueError):
    """An action on an import that cannot be done; the message says why (shown to the organiser)."""


@dataclass(frozen=True)
class Field:
    key: str
    label: object
    aliases: tuple[str, ...]  # folded header names that name this field, best first
    kinds: tuple[str, ...] = KINDS


FIELDS = (
    Field("name", _l("Nom de l'organisation"), ("raison sociale", "nom", "denomination", "nom de la structure",
                                                 "nom de l organisation", "structure", "organisation", "name",
                                                 "entreprise", "acheteur", "nom structure")),
    Field("siret", _l("SIRET"), ("siret", "numero siret", "n siret", "siret du siege", "siret siege")),
    Field("department", lazy_pgettext("colonne", "Département"), ("departement", "dept", "dep", "code departement", "department",
                                            "num departement", "n departement")),
    Field("address", _l("Adresse"), ("adresse", "address", "adresse postale", "rue", "voie")),
    Field("postcode", _l("Code postal"), ("code postal", "cp", "postcode", "code post")),
    Field("city", _l("Commune"), ("commune", "ville", "city", "localite")),
    Field("website", _l("Site web"), ("site web", "site internet", "site", "website", "url", "web")),
    Field("contact_email", _l("E-mail de l'organisation"), ("courriel", "email", "e mail", "mail", "adresse email",
                                                            "adresse e mail", "courriel structure",
                                                            "email structure", "adresse electronique")),
    Field("phone", _l("Téléphone"), ("telephone", "tel", "phone", "portable", "numero de telephone")),
    Field("description", _l("Présentation"), ("description", "presentation", "activite", "activites",
                                              "objet")),
    Field("cpv", _l("Codes CPV"), ("cpv", "codes cpv", "code cpv", "code s cpv"), (OrgKind.SSE.value,)),
    Field("statuses", _l("Statuts ESS"), ("statut", "statuts", "statut ess", "type de structure", "type",
                                          "forme juridique", "agrement", "agrements", "famille"),
          (OrgKind.SSE.value,)),
    Field("person_name", _l("Personne à inviter : nom"), ("contact", "nom du contact", "contact nom", "referent",
                                                         "nom referent", "interlocuteur", "personne contact",
                                                         "nom contact", "prenom nom")),
    Field("person_email", _l("Personne à inviter : e-mail"), ("email contact", "courriel contact",
                                                             "e mail contact", "mail contact", "contact email",
                                                             "contact courriel", "email referent",
                                                             "courriel referent", "email du contact",
                                                             "courriel du contact", "email interlocuteur")),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}


def fields_for(kind: str) -> list[Field]:
    return [f for f in FIELDS if kind in f.kinds]


def required_fields(kind: str) -> tuple[str, ...]:
    """Name always; the SIRET of SSE companies (buyers' lists often lack it: optional for them)."""
    return ("name", "siret") if kind == OrgKind.SSE.value else ("name",)


# --- the file -----------------------------------------------------------------------------------------------

@dataclass
class CsvFile:
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # the file's line of each row (header = line 1)
    error: str | None = None


def read_file(raw: bytes) -> CsvFile:
    """The header and rows of a CSV file (blank lines skipped), or the error that stops its reading."""
    result = CsvFile()
    if len(raw) > MAX_BYTES:
        result.error = str(_l("Le fichier dépasse 2 Mo : découpez-le en plusieurs fichiers."))
        return result
    text = decode(raw)
    if not text.strip():
        result.error = str(_l("Le fichier est vide."))
        return result
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
    try:
        header = next(reader)
        last_line = reader.line_num
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(result.rows) == MAX_ROWS:
                result.error = str(_l("Le fichier contient plus de %(max)d lignes : découpez-le.", max=MAX_ROWS))
                return result
            result.rows.append([c.strip() for c in cells])
            result.lines.append(line)
    except csv.Error as error:
        result.error = str(_l("Ligne %(line)d illisible (%(error)s) : enregistrez le fichier au format CSV.",
                              line=reader.line_num, error=str(error)))
        return result
    result.header = [cell.strip() or str(_l("Colonne %(num)d", num=i + 1)) for i, cell in enumerate(header)]
    if not result.rows:
        result.error = str(_l("Le fichier ne contient aucune ligne sous la ligne d'en-tête."))
    return result


# --- the mapping ---------------------------------------------------------------------------------------------

def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(name)).strip()


def guess_mapping(header: list[str], kind: str) -> dict[str, int]:
    """{field: column index} from the header's names (case, accents and punctuation ignored): exact
    names first, then a header that starts with an alias; each column goes to one field at most."""
    keys = [_key(h) for h in header]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for f in fields_for(kind):
            if f.key in mapping:
                continue
            for alias in f.aliases:
                hit = next((i for i, k in enumerate(keys) if i not in used
                            and (k == alias if exact else len(alias) > 3 and k.startswith(alias + " "))), None)
                if hit is not None:
                    mapping[f.key] = hit
                    used.add(hit)
                    break
    return mapping


def carry_mapping(mapping: dict, old_header: list[str], new_header: list[str], kind: str) -> dict[str, int]:
    """The mapping of a corrected file: the same column names where they still are, else a guess."""
    guessed = guess_mapping(new_header, kind)
    result = {}
    for key, index in mapping.items():
        name = old_header[index] if 0 <= index < len(old_header) else None
        if name in new_header:
            result[key] = new_header.index(name)
    for key, index in guessed.items():
        if key not in result and index not in result.values():
            result[key] = index
    return result


def mapping_problems(mapping: dict, kind: str) -> list[str]:
    """The required fields without a column."""
    return [str(FIELD_BY_KEY[k].label) for k in required_fields(kind) if mapping.get(k) is None]


# --- the check -----------------------------------------------------------------------------------------------

class _SseRow(Form):
    """One row, checked by the very fields of the profile form."""
    name = ProfileForm.name
    siret = ProfileForm.siret
    address = ProfileForm.address
    postcode = ProfileForm.postcode
    city = ProfileForm.city
    website = ProfileForm.website
    contact_email = ProfileForm.contact_email
    phone = ProfileForm.phone
    description = ProfileForm.description
    person_email = ProfileForm.contact_email


class _BuyerRow(_SseRow):
    siret = OrganiserProfileForm.siret  # the same checks, not required


_ROW_FIELDS = ("name", "siret", "address", "postcode", "city", "website", "contact_email", "phone", "description",
               "person_email")


_SIAE_KINDS = {k.value.lower(): k.value for k in SiaeKind}
_STATUS_WORDS = {**{s.value: s.value for s in SseStatus}, "entreprise adaptee": SseStatus.EA.value, "insertion": SseStatus.SIAE.value}
_LEGAL_WORDS = {**{_key(k): k for k in LEGAL_FORM_LABELS}, "cooperative": "cooperative", "asso": "association",
                "association loi 1901": "association"}
# Associations, cooperatives, mutuals and foundations belong to the ESS by right (law of 31 July 2014).
_ESS_BY_RIGHT = {"association", "scop", "scic", "cooperative", "mutuelle", "fondation", "societe_ess"}


@dataclass
class Row:
    line: int
    data: dict  # Organisation attributes, plus statuses, cpv_codes, person_name, person_email
    existing_id: int | None = None  # the organisation it merges into


@dataclass
class Check:
    rows: list[Row] = field(default_factory=list)
    errors: list[list] = field(default_factory=list)  # [line, column, value, message]
    existing: dict[int, str] = field(default_factory=dict)  # organisation id -> name, of the merges

    def report(self) -> dict:
        merged = sum(1 for r in self.rows if r.existing_id)
        error_lines = {e[0] for e in self.errors}
        return {"errors": self.errors,
                "counts": {"rows": len(self.rows) + len(error_lines), "new": len(self.rows) - merged,
                           "merged": merged, "errors": len(self.errors), "error_rows": len(error_lines)},
                "preview": [_preview(r, self.existing) for r in self.rows[:PREVIEW_ROWS]]}


def _preview(row: Row, existing: dict) -> dict:
    d = row.data
    return {"line": row.line, "name": d["name"], "siret": d.get("siret"), "department": d.get("department_code"),
            "city": d.get("city"), "statuses": d.get("statuses", []), "cpv": d.get("cpv_codes", []),
            "person": d.get("person_email"), "merge": existing.get(row.existing_id)}


def _department(text: str, postcode: str | None) -> str | None:
    if text:
        return normalize_department(text) or _DEPARTMENT_NAMES.get(fold(text))
    if postcode and re.fullmatch(r"\d{5}", postcode):
        if postcode.startswith("97"):
            return normalize_department(postcode[:3])
        if postcode.startswith("20"):
            return "2A" if postcode < "20200" else "2B"
        return normalize_department(postcode[:2])
    return None


def _statuses(text: str) -> tuple[list[str], str | None, str | None, list[str]]:
    """(statuses, SIAE kind, legal form, unknown words) of a cell such as "SCOP, SIAE (EI)"."""
    statuses, siae_kind, legal_form, unknown = [], None, None, []
    for token in re.split(r"[,;/+()]|\s-\s|\bet\b", text or ""):
        word = _key(token)
        if not word:
            continue
        if word in _SIAE_KINDS:
            statuses.append(SseStatus.SIAE.value)
            siae_kind = _SIAE_KINDS[word]
        elif word in _STATUS_WORDS:
            statuses.append(_STATUS_WORDS[word])
        elif word in _LEGAL_WORDS:
            legal_form = _LEGAL_WORDS[word]
            if legal_form in _ESS_BY_RIGHT:
                statuses.append(SseStatus.ESS.value)
        else:
            unknown.append(token.strip())
    return list(dict.fromkeys(statuses)), siae_kind, legal_form, unknown


_STATUS_HELP = "SIAE, EI, ETTI, ACI, AI, EITI, EA, ESAT, GEIQ, ESUS, ESS, SCOP, SCIC, association, mutuelle, fondation"


def check(header: list[str], rows: list[list[str]], lines: list[int], mapping: dict, kind: str) -> Check:
    """Every row checked; rows of a valid file come back with their Organisation data."""
    result = Check()
    row_form = _SseRow if kind == OrgKind.SSE.value else _BuyerRow
    cpv_of_line: dict[int, list[str]] = {}
    candidates: list[Row] = []
    columns = {key: (int(index), header[int(index)]) for key, index in mapping.items()
               if index is not None and 0 <= int(index) < len(header)}

    def cell(cells, key):
        return cells[columns[key][0]] if key in columns and columns[key][0] < len(cells) else ""

    def error(line, key, value, message):
        result.errors.append([line, columns[key][1] if key in columns else str(FIELD_BY_KEY[key].label),
                              value, str(message)])

    for cells, line in zip(rows, lines):
        before = len(result.errors)
        values = {f.key: cell(cells, f.key) for f in fields_for(kind)}
        form = row_form(formdata=MultiDict({k: v for k, v in values.items() if k in _ROW_FIELDS}))
        form.validate()
        for name, messages in form.errors.items():
            for message in messages:
                error(line, name, values.get(name, ""), message)
        data = {name: (form[name].data or None) for name in _ROW_FIELDS}
        data["department_code"] = _department(values["department"], form.postcode.data if not form.postcode.errors else None)
        if data["department_code"] is None:
            error(line, "department", values["department"], _l("Département inconnu : écrivez son numéro (31) ou son nom "
                                                               "(Haute-Garonne), ou donnez un code postal.")
                  if values["department"] else _l("Indiquez le département (ou un code postal)."))
        if kind == OrgKind.SSE.value:
            codes, malformed = split_codes(values.get("cpv", ""))
            if malformed:
                error(line, "cpv", values["cpv"], lazy_ngettext("Code CPV mal formé : %(codes)s", "Codes CPV mal formés : %(codes)s",
                                                           len(malformed), codes=", ".join(malformed)))
            cpv_of_line[line] = codes
            data["cpv_codes"] = codes
            statuses, siae_kind, legal_form, unknown = _statuses(values.get("statuses", ""))
            if unknown:
                error(line, "statuses", values["statuses"], _l("Statut inconnu « %(words)s » : écrivez par exemple %(help)s.",
                                                               words=", ".join(unknown), help=_STATUS_HELP))
            data.update(statuses=statuses, siae_kind=siae_kind, legal_form=legal_form)
        data["person_name"] = values.get("person_name") or None
        if len(result.errors) == before:
            candidates.append(Row(line, data))

    _check_cpv(result, cpv_of_line, error)
    _check_sirets(result, candidates, kind, error)
    bad_lines = {e[0] for e in result.errors}
    result.rows = [r for r in candidates if r.line not in bad_lines]
    result.errors.sort(key=lambda e: e[0])
    return result


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _check_cpv(result: Check, cpv_of_line: dict, error) -> None:
    wanted = sorted({c for codes in cpv_of_line.values() for c in codes})
    known: set[str] = set()
    for chunk in _chunks(wanted):
        known |= existing_codes(chunk)
    for line, codes in cpv_of_line.items():
        unknown = [c for c in codes if c not in known]
        if unknown:
            error(line, "cpv", " ".join(codes), lazy_ngettext("Code CPV inconnu : %(codes)s", "Codes CPV inconnus : %(codes)s",
                                                                 len(unknown), codes=", ".join(unknown)))


def _check_sirets(result: Check, candidates: list[Row], kind: str, error) -> None:
    first_line: dict[str, int] = {}
    for row in candidates:
        siret = row.data.get("siret")
        if not siret:
            continue
        if siret in first_line:
            error(row.line, "siret", siret, _l("Ce SIRET figure déjà ligne %(line)d du fichier.", line=first_line[siret]))
        else:
            first_line[siret] = row.line
    found = {}
    for chunk in _chunks(list(first_line)):
        found.update({o.siret: o for o in db.session.execute(
            select(Organisation.id, Organisation.siret, Organisation.kind, Organisation.name)
            .where(Organisation.siret.in_(chunk)))})
    for row in candidates:
        match = found.get(row.data.get("siret"))
        if match is None:
            continue
        if match.kind != kind:
            error(row.line, "siret", match.siret, _l("Ce SIRET est celui de « %(name)s », qui n'est pas du type importé.",
                                                     name=match.name))
        else:
            row.existing_id = match.id
            result.existing[match.id] = match.name


# --- the confirmation ------------------------------------------------------------------------------------------

@dataclass
class Notice:
    """An e-mail to send once committed: an invitation to set a password (`new`), or a short notice."""
    user: object
    new: bool
    organisations: list[str] = field(default_factory=list)


_COPIED = ("name", "siret", "address", "postcode", "city", "website", "contact_email", "phone", "description",
           "department_code", "legal_form", "siae_kind")


def _load(model, column, values, *options) -> list:
    found = []
    for chunk in _chunks(sorted(values)):
        found += db.session.scalars(select(model).where(column.in_(chunk)).options(*options)).all()
    return found


def check_import(imp) -> Check:
    """Check the import's rows with its mapping; its report and status ("preview") are updated."""
    result = check(imp.header, imp.rows, imp.report.get("lines") or [], imp.mapping, imp.kind)
    imp.report = {**result.report(), "lines": imp.report.get("lines") or []}
    imp.status = "preview"
    return result


def confirm(actor, imp, event=None) -> list[Notice]:
    """Create and merge the organisations of a valid import in the session (flushed; the view commits),
    register them to `event` (approved), give the invited people a membership, mark the import
    imported and log it. Returns the e-mails to send after the commit. Raises ImportRefused.

    New organisations, accounts and links are inserted in bulk (a few statements for thousands of
    rows); merged organisations go through the ORM, loaded at once with their links.
    """
    if imp.status != "preview":
        raise ImportRefused(_l("Cet import n'est plus à confirmer."))
    result = check_import(imp)
    if result.errors:
        raise ImportRefused(_l("Le fichier contient des erreurs : corrigez-le et téléversez-le de nouveau."))
    cpv = {c.code8: c for c in _load(CpvCode, CpvCode.code8, {c for r in result.rows for c in r.data.get("cpv_codes", [])})}
    try:
        notices, users = _people(result.rows)
        touched = _create(imp.kind, [r for r in result.rows if not r.existing_id], cpv, users, notices)
        touched += _merge([r for r in result.rows if r.existing_id], cpv, users, notices)
        db.session.flush()
    except IntegrityError as exc:
        raise ImportRefused(_l("Une organisation ou une personne de ce fichier vient d'être enregistrée par ailleurs : "
                               "vérifiez de nouveau le fichier.")) from exc
    registered = _register(actor, event, touched) if event is not None else 0
    merged = sum(1 for r in result.rows if r.existing_id)
    created = len(result.rows) - merged
    invited = sum(1 for n in notices.values() if n.new)
    imp.status, imp.imported_at = "imported", utcnow()
    imp.report = {**imp.report, "done": {"created": created, "merged": merged, "invited": invited,
                                         "notified": len(notices) - invited, "registered": registered}}
    audit.record(actor, "organisations.imported", organisation=imp.organiser_organisation_id,
                 event=event, obj=imp, created=created, merged=merged, filename=imp.filename)
    if imp.kind == OrgKind.SSE.value:
        suppliers_changed()
    return [n for n in notices.values() if n.organisations]


def _people(rows: list[Row]) -> tuple[dict, dict]:
    """The accounts of the people to invite: the existing ones, the others created (no usable
    password until they set one through the invitation's link). ({email: Notice}, {email: User})."""
    names = {}
    for row in rows:
        if row.data.get("person_email"):
            names.setdefault(normalize_email(row.data["person_email"]), row.data.get("person_name"))
    existing = {u.email for u in _load(User, User.email, set(names))}
    new = [{"email": email, "full_name": (name or email.split("@")[0])[:120],
            "password_hash": "!" + secrets.token_hex(16)} for email, name in names.items() if email not in existing]
    for chunk in _chunks(new):
        db.session.execute(insert(User), chunk)
    users = {u.email: u for u in _load(User, User.email, set(names))}
    notices = {email: Notice(user, email not in existing) for email, user in users.items()}
    return notices, users


def _person_of(row: Row, users: dict):
    email = row.data.get("person_email")
    return users.get(normalize_email(email)) if email else None


def _create(kind: str, rows: list[Row], cpv: dict, users: dict, notices: dict) -> list[tuple[int, int | None]]:
    """Insert the new organisations and their statuses, area, CPV codes and admin; [(org id, user id)]."""
    records = []
    for row in rows:
        data = row.data
        record = {name: data.get(name) for name in _COPIED}
        record.update(kind=kind, is_listed=True, publish_address=True, publish_contact=False, publish_figures=True,
                      national=False, labels=None)
        # The profile's own search text, from a stand-in carrying the same attributes.
        stand_in = SimpleNamespace(**record, cpv_links=[SimpleNamespace(cpv=cpv[c]) for c in data.get("cpv_codes", [])
                                                          if c in cpv])
        refresh_search_text(stand_in)
        record["search_text"] = stand_in.search_text
        records.append(record)
    ids: list[int] = []
    for chunk in _chunks(records):
        ids += db.session.scalars(insert(Organisation).returning(Organisation.id, sort_by_parameter_order=True), chunk).all()
    statuses, areas, links, memberships, touched = [], [], [], [], []
    for org_id, row in zip(ids, rows):
        data = row.data
        if kind == OrgKind.SSE.value:
            statuses += [{"organisation_id": org_id, "status": s} for s in data.get("statuses", [])]
            links += [{"organisation_id": org_id, "code8": c} for c in data.get("cpv_codes", []) if c in cpv]
            areas.append({"organisation_id": org_id, "kind": AreaKind.DEPARTMENT.value, "code": data["department_code"]})
        person = _person_of(row, users)
        if person is not None:
            memberships.append({"organisation_id": org_id, "user_id": person.id, "role": Role.ADMIN.value})
            notices[person.email].organisations.append(data["name"])
        touched.append((org_id, person.id if person is not None else None))
    for model, values in ((OrganisationStatus, statuses), (OrganisationArea, areas), (OrganisationCpv, links),
                          (Membership, memberships)):
        for chunk in _chunks(values, 2000):
            db.session.execute(insert(model), chunk)
    return touched


def _merge(rows: list[Row], cpv: dict, users: dict, notices: dict) -> list[tuple[int, int | None]]:
    """Update the existing organisations with the rows' non-empty values; [(org id, user id)]."""
    existing = {o.id: o for o in _load(Organisation, Organisation.id, {r.existing_id for r in rows},
                                       selectinload(Organisation.statuses), selectinload(Organisation.areas),
                                       selectinload(Organisation.cpv_links), selectinload(Organisation.memberships))}
    touched = []
    for row in rows:
        org = existing[row.existing_id]
        _apply(org, row.data, cpv)
        person = _person_of(row, users)
        if person is not None and all(m.user_id != person.id for m in org.memberships):
            org.memberships.append(Membership(user_id=person.id, role=Role.ADMIN))
            notices[person.email].organisations.append(org.name)
        touched.append((org.id, person.id if person is not None else None))
    return touched


def _apply(org: Organisation, data: dict, cpv: dict) -> None:
    """Copy the non-empty imported values; add statuses, CPV codes and the department's area."""
    for name in _COPIED:
        if data.get(name):
            setattr(org, name, data[name])
    if org.kind == OrgKind.SSE.value:
        have = org.status_values
        org.statuses.extend(OrganisationStatus(status=s) for s in data.get("statuses", []) if s not in have)
        codes = {link.code8 for link in org.cpv_links}
        org.cpv_links.extend(OrganisationCpv(code8=c, cpv=cpv[c]) for c in data.get("cpv_codes", [])
                             if c not in codes and c in cpv)
        area = (AreaKind.DEPARTMENT.value, org.department_code)
        if org.department_code and area not in {(a.kind, a.code) for a in org.areas}:
            org.areas.append(OrganisationArea(kind=area[0], code=area[1]))
    refresh_search_text(org)


def _register(actor, event, touched: list[tuple[int, int | None]]) -> int:
    """Approved registrations to `event` for the organisations not registered yet, with their person."""
    already = set()
    for chunk in _chunks(sorted({org_id for org_id, _user in touched})):
        already |= set(db.session.scalars(select(EventRegistration.organisation_id).where(
            EventRegistration.event_id == event.id, EventRegistration.organisation_id.in_(chunk))))
    now, wanted = utcnow(), {}
    for org_id, user_id in touched:
        if org_id not in already and org_id not in wanted:
            wanted[org_id] = user_id
    records = [{"event_id": event.id, "organisation_id": org_id, "status": RegistrationStatus.APPROVED.value,
                "created_by_id": actor.id, "created_at": now, "decided_at": now, "decided_by_id": actor.id}
               for org_id in wanted]
    ids: list[int] = []
    for chunk in _chunks(records):
        ids += db.session.scalars(insert(EventRegistration).returning(EventRegistration.id, sort_by_parameter_order=True),
                                  chunk).all()
    attendees = [{"registration_id": reg_id, "user_id": user_id} for reg_id, user_id in zip(ids, wanted.values())
                 if user_id is not None]
    for chunk in _chunks(attendees, 2000):
        db.session.execute(insert(Attendee), chunk)
    return len(records)


def send_notices(notices: list[Notice]) -> int:
    """After the commit: an invitation to set a password for new accounts (a set-password link,
    valid as long as invitations; read by the password-reset page), a short notice for the others,
    each in the person's language, all over one connection. Returns how many could not be sent
    (logged; the import stands, and the people can still use "Mot de passe oublié")."""
    days = max(1, current_app.config["INVITATION_TOKEN_MAX_AGE"] // 86400)
    languages, failed = current_app.config["LANGUAGES"], 0
    with one_connection():
        for notice in notices:
            try:
                with force_locale(notice.user.locale if notice.user.locale in languages else languages[0]):
                    _send_notice(notice, days)
            except Exception:  # one address refused must not stop the others
                log.exception("Could not send an import invitation to %s", notice.user.email)
                failed += 1
    return failed


def _send_notice(notice: Notice, days: int) -> None:
    user, link = notice.user, url_for("accounts.login", _external=True)
    if notice.new:
        token = tokens.make_token(tokens.SET_PASSWORD, {"uid": user.id, "pw": tokens.password_fingerprint(user.password_hash)})
        link = url_for("accounts.reset_password", token=token, _external=True)
    subject = _l("Votre compte vous attend : choisissez votre mot de passe") if notice.new else \
        _l("Vous avez été ajouté à une organisation")
    send_email(user.email, str(subject), "emails/backoffice_import_invitation", user=user, new=notice.new,
               organisations=notice.organisations, link=link, days=days,
               forgot_link=url_for("accounts.forgot_password", _external=True))


def cancel(actor, imp) -> None:
    """Drop an import not yet imported (nothing had been written)."""
    if imp.status not in ("mapping", "preview"):
        raise ImportRefused(_l("Cet import ne peut plus être annulé."))
    imp.status = "cancelled"
    db.session.flush()
