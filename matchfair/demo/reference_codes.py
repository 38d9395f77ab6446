"""Demo part: the CPV codes the demo's companies use, inserted where the full list is not imported."""
from sqlalchemy import select

from ..extensions import db
from ..reference.models import CpvCode
from ..reference.services import cpv_search_text, ensure_divisions
from .context import DemoContext
from .data_activities import ACTIVITIES
from .data_cpv import CPV_CODES


def used_codes() -> set[str]:
    """The eight-digit CPV codes that the demo attaches to organisations."""
    return {code8 for activity in ACTIVITIES.values() for code8 in activity.cpv}


def load(ctx: DemoContext) -> None:
    """Insert the shipped divisions and the demo's finer codes that are missing; fill ctx.cpv."""
    ensure_divisions()
    shipped = {code[:8]: (code, level, type_, parent, fr, en) for code, level, type_, parent, fr, en in CPV_CODES}
    present = set(db.session.scalars(select(CpvCode.code8).where(CpvCode.code8.in_(shipped))))
    for code8, (code, level, type_, parent, label_fr, label_en) in shipped.items():
        if code8 in present:
            continue
        db.session.add(CpvCode(
            code8=code8, code=code, level=level, type=type_, parent8=parent[:8] or None,
            label_fr=label_fr, label_en=label_en, search_text=cpv_search_text(code8, label_fr, label_en),
        ))
        ctx.count("cpv_codes")
    db.session.flush()
    wanted = used_codes()
    ctx.cpv = {c.code8: c for c in db.session.scalars(select(CpvCode).where(CpvCode.code8.in_(wanted)))}
    missing = wanted - ctx.cpv.keys()
    if missing:
        raise LookupError(f"CPV codes missing from the demo's list: {sorted(missing)}")
