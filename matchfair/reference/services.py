"""Reference data services: the shipped CPV divisions."""
from sqlalchemy import select

from ..engine.cpv_divisions import DIVISIONS
from ..engine.text import fold
from ..extensions import db
from .models import CpvCode


def cpv_search_text(code8: str, label_fr: str, label_en: str) -> str:
    """What the CPV picker searches: the code and both labels, folded."""
    return fold(f"{code8} {label_fr} {label_en}")


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
