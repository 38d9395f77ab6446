"""Organisation logos: checked by their content, re-encoded as a small PNG, never stored as sent."""
import io
import warnings

from flask_babel import format_decimal, gettext as _
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from ..extensions import db
from ..timeutil import utcnow
from . import permissions
from .models import Organisation

ACCEPTED_FORMATS = {"PNG", "JPEG", "WEBP"}
MAX_SIDE = 4000
STORED_SIDE = 256
TOO_MANY_PIXELS = _l("L'image est trop grande : %(max)d × %(max)d pixels au plus.", max=MAX_SIDE)


class LogoError(ValueError):
    """The upload is not an acceptable logo; str(error) is the message for the person."""


def size_label(n_bytes: int) -> str:
    """A file size for people, in their language: "1 Mo", "1,5 Mo", "300 Ko" (English: "1.5 MB")."""
    if n_bytes >= 1024 * 1024:
        return _("%(size)s\u00a0Mo", size=format_decimal(n_bytes / (1024 * 1024), format="#,##0.#"))
    return _("%(size)s\u00a0Ko", size=format_decimal(n_bytes // 1024, format="#,##0"))


def read_limited(stream, max_bytes: int) -> bytes:
    """At most `max_bytes` + 1 bytes of an uploaded file (one more tells that it is too big)."""
    return stream.read(max_bytes + 1)


def make_logo_png(data: bytes, max_bytes: int) -> bytes:
    """The logo as a PNG of at most 256×256 pixels, from PNG, JPEG or WebP bytes.

    The format comes from the content, not from the file name. Images over `max_bytes` or over
    4000 pixels on a side are refused before being decoded (no decompression bomb). Raises LogoError.
    """
    if len(data) > max_bytes:
        raise LogoError(_l("Le fichier est trop lourd : %(size)s au plus.", size=size_label(max_bytes)))
    if not data:
        raise LogoError(_l("Le fichier est vide."))
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=sorted(ACCEPTED_FORMATS)) as image:
                width, height = image.size
                if width > MAX_SIDE or height > MAX_SIDE:
                    raise LogoError(TOO_MANY_PIXELS)
                if width < 1 or height < 1:
                    raise LogoError(_l("Ce fichier n'est pas une image PNG, JPEG ou WebP lisible."))
                image.seek(0)  # the first frame of an animated image
                image.load()
                return _to_png(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise LogoError(TOO_MANY_PIXELS) from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            if isinstance(exc, LogoError):
                raise
            raise LogoError(_l("Ce fichier n'est pas une image PNG, JPEG ou WebP lisible.")) from exc


def _to_png(image: Image.Image) -> bytes:
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((STORED_SIDE, STORED_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def set_logo(actor, org: Organisation, png: bytes) -> None:
    """Store the re-encoded logo (see make_logo_png) and flush."""
    permissions.ensure_member(actor, org)
    org.logo_png = png
    org.logo_updated_at = utcnow().replace(microsecond=0)
    db.session.flush()


def remove_logo(actor, org: Organisation) -> None:
    """Remove the logo and flush."""
    permissions.ensure_member(actor, org)
    org.logo_png = None
    org.logo_updated_at = None
    db.session.flush()


def has_logo(org: Organisation) -> bool:
    """True when the organisation has a logo (without loading its bytes)."""
    return org.logo_updated_at is not None
