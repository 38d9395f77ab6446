"""The CPV vocabulary, as imported by `flask cpv-import` (the 45 divisions ship with the app)."""
from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class CpvCode(db.Model):
    __tablename__ = "cpv_code"

    # The 8 digits without the check digit: "90911200".
    code8: Mapped[str] = mapped_column(String(8), primary_key=True)
    # As published, with its check digit: "90911200-8".
    code: Mapped[str] = mapped_column(String(10))
    # 2 division, 3 group, 4 class, 5 category, 6-8 finer.
    level: Mapped[int]
    # supplies, works or services.
    type: Mapped[str] = mapped_column(String(10))
    parent8: Mapped[str | None] = mapped_column(String(8))
    label_fr: Mapped[str] = mapped_column(String(400))
    label_en: Mapped[str] = mapped_column(String(400))
    # Lower-cased, accents folded: "90911200 services de nettoyage ... cleaning services ...".
    search_text: Mapped[str] = mapped_column(String(900))

    __table_args__ = (Index("ix_cpv_code_level", "level"),)

    def label(self, locale: str) -> str:
        return self.label_en if locale == "en" else self.label_fr

    def __repr__(self) -> str:
        return f"<CpvCode {self.code}>"
