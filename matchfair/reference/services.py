"""Reference data services: the shipped CPV divisions, look-ups and the picker's search."""
from collections.abc import Iterable

from sqlalchemy import and_, or_, select

from ..engine import cpv
from ..engine.cpv_divisions import DIVISIONS
from ..engine.text import words
from ..extensions import db
from .models import CpvCode

# The picker never returns more than this many codes at once.
SEARCH_MAX_RESULTS = 20
MAX_QUERY_PARTS = 8


def cpv_search_text(code8: str, label_fr: str, label_en: str) -> str:
    """What the CPV picker searches: the code and the words of both labels, folded and separated
    by single spaces ("90911200 services de nettoyage ... cleaning services ..."), so that a word
    typed matches the start of a word of a label."""
    return " ".join(words(f"{code8} {label_fr} {label_en}"))


def ensure_divisions() -> int:
    """Insert the 45 shipped CPV divisions that are missing; returns how many were added."""
    present = set(db.session.scalars(select(CpvCode.code8).where(CpvCode.level == 2)))
    added = 0
    for code, type_, label_fr, label_en in DIVISIONS:
        code8 = code[:8]
        if code8 in present:
            continue
        db.session.add(
            CpvCode(
                code8=code8, code=code, level=2, type=type_, parent8=None,
                label_fr=label_fr, label_en=label_en,
                search_text=cpv_search_text(code8, label_fr, label_en),
            )
        )
        added += 1
    db.session.flush()
    return added


def cpv_range(code8: str) -> tuple[str, str]:
    """The lowest and highest 8-digit codes at or beneath `code8`: "90910000" -> ("90910000", "90919999").

    What "this code or a narrower one" means in a search: `column.between(*cpv_range(code8))`. A
    range rather than LIKE 'prefix%' uses the index on the code column on SQLite (whose LIKE is
    case-insensitive and so skips it) and on PostgreSQL whatever the collation.
    """
    return cpv.prefix_bounds(cpv.prefix(code8))


def get_code(code8: str) -> CpvCode | None:
    """The CPV code with these eight digits, or None."""
    return db.session.get(CpvCode, code8)


def existing_codes(codes: Iterable[str]) -> set[str]:
    """The eight-digit codes among `codes` that exist in the cpv_code table (one query)."""
    wanted = {c for c in codes if c}
    if not wanted:
        return set()
    return set(db.session.scalars(select(CpvCode.code8).where(CpvCode.code8.in_(wanted))))


def labels_for(codes: Iterable[str], locale: str) -> dict[str, str]:
    """{code8: label in `locale`} for the codes that exist ("en" gives English, anything else French)."""
    wanted = {c for c in codes if c}
    if not wanted:
        return {}
    column = CpvCode.label_en if locale == "en" else CpvCode.label_fr
    rows = db.session.execute(select(CpvCode.code8, column).where(CpvCode.code8.in_(wanted)))
    return {code8: label for code8, label in rows}


def search_codes(query: str | None, limit: int = SEARCH_MAX_RESULTS) -> list[CpvCode]:
    """The CPV codes matching what a person typed, broader codes first, then by code.

    Digits are a code prefix ("9091", "90911200-8", "9091 1200"); every other word must start a
    word of the French or English label, accents and case folded ("nettoy", "écoles", "cleaning").
    Both can be mixed ("90 nettoyage"). An empty query returns no code. At most 20 codes.
    """
    digits, terms = _split_query(query)
    if not digits and not terms:
        return []
    conditions = []
    for group in digits:
        low, high = cpv.prefix_bounds(group)
        conditions.append(and_(CpvCode.code8 >= low, CpvCode.code8 <= high))
    # A word typed matches the start of a word: "eau" finds "eaux", not "bureau". The words
    # contain only [0-9a-z] (engine.text.words), so LIKE needs no escaping.
    conditions += [
        or_(CpvCode.search_text.startswith(term), CpvCode.search_text.contains(" " + term))
        for term in terms
    ]
    limit = max(1, min(int(limit), SEARCH_MAX_RESULTS))
    statement = select(CpvCode).where(*conditions).order_by(CpvCode.level, CpvCode.code8).limit(limit)
    return list(db.session.scalars(statement))


def _split_query(query: str | None) -> tuple[list[str], list[str]]:
    """(digit groups, words) of a query; a code typed with spaces or a check digit is one group."""
    query = (query or "").strip()[:200]
    whole = cpv.parse_code(query)
    if whole:
        return [whole], []
    digits, terms = [], []
    for word in words(query):
        if word.isdigit():
            digits.append(word[:8])
        elif len(word) > 1:
            terms.append(word)
    # "l'école" gives "l" and "ecole": single letters only count when nothing else was typed.
    if not digits and not terms:
        terms = [w for w in words(query) if not w.isdigit()]
    # Each word is one more LIKE: a pasted paragraph must not become a hundred of them.
    return digits[:MAX_QUERY_PARTS], terms[:MAX_QUERY_PARTS]

