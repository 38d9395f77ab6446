"""Text helpers for search: lower case with accents folded, so "Hérault" finds "herault"."""
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case `text`, drop accents and squeeze white space: "Économie  Sociale" -> "economie sociale"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    lowered = stripped.lower().replace("œ", "oe").replace("æ", "ae")
    return _SPACES.sub(" ", lowered).strip()


def words(text: str | None) -> list[str]:
    """The folded words of a search query, without punctuation: "Nettoyage, Tarn" -> ["nettoyage", "tarn"]."""
    return [w for w in re.split(r"[^0-9a-z]+", fold(text)) if w]
