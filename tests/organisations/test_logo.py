"""Logo upload (content checked with Pillow, re-encoded as a small PNG), removal and serving."""
import io
import random
import struct
import zlib

import pytest
from PIL import Image

from matchfair.extensions import db
from matchfair.organisations.models import Organisation

from .. import factories
from .conftest import image_bytes, upload


def _upload(client, org, data, filename="logo.png"):
    return client.post(f"/organisation/{org.id}/logo", data=upload(data, filename), content_type="multipart/form-data")


def _stored(org) -> bytes | None:
    db.session.expire_all()
    return db.session.get(Organisation, org.id).logo_png


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG file that claims a huge size (its pixels are never there)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 10)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("fmt,mode", [("PNG", "RGBA"), ("JPEG", "RGB"), ("WEBP", "RGB"), ("PNG", "P")])
def test_upload_accepts_png_jpeg_webp_and_stores_a_small_png(client, login, sse_admin, sse_org, fmt, mode):
    login(sse_admin)
    response = _upload(client, sse_org, image_bytes(fmt, size=(1200, 600), mode=mode), filename="logo.bin")
    assert response.status_code == 302 and response.headers["Location"].endswith("#section-logo")
    stored = _stored(sse_org)
    image = Image.open(io.BytesIO(stored))
    assert image.format == "PNG" and image.size == (256, 128)
    assert db.session.get(Organisation, sse_org.id).logo_updated_at is not None


def test_small_image_is_not_enlarged(client, login, sse_admin, sse_org):
    login(sse_admin)
    _upload(client, sse_org, image_bytes("PNG", size=(64, 32)))
    assert Image.open(io.BytesIO(_stored(sse_org))).size == (64, 32)


def test_member_may_upload(client, login, sse_member, sse_org):
    login(sse_member)
    assert _upload(client, sse_org, image_bytes()).status_code == 302
    assert _stored(sse_org) is not None


def _error_page(response) -> str:
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="logo-error"' in page
    return page.split('id="logo-error"')[1].split("</small>")[0]


def test_too_big_file(client, login, app, sse_admin, sse_org, monkeypatch):
    login(sse_admin)
    monkeypatch.setitem(app.config, "LOGO_MAX_BYTES", 20_000)
    noisy = Image.frombytes("RGB", (200, 200), random.Random(1).randbytes(200 * 200 * 3))
    out = io.BytesIO()
    noisy.save(out, format="PNG")
    assert len(out.getvalue()) > 20_000
    assert "trop lourd : 19\u00a0Ko au plus" in _error_page(_upload(client, sse_org, out.getvalue()))
    assert _stored(sse_org) is None


def test_request_over_max_content_length_is_413(client, login, app, sse_admin, sse_org):
    login(sse_admin)
    response = _upload(client, sse_org, b"\x89PNG" + bytes(app.config["MAX_CONTENT_LENGTH"] + 10))
    assert response.status_code == 413
    assert _stored(sse_org) is None


def test_not_an_image(client, login, sse_admin, sse_org):
    login(sse_admin)
    assert "pas une image PNG, JPEG ou WebP" in _error_page(_upload(client, sse_org, b"%PDF-1.4 not an image", "logo.pdf"))
    assert _stored(sse_org) is None


def test_text_file_named_png(client, login, sse_admin, sse_org):
    login(sse_admin)
    assert "pas une image" in _error_page(_upload(client, sse_org, b"hello, I am text\n" * 20, "logo.png"))
    assert _stored(sse_org) is None


def test_other_image_formats_are_refused(client, login, sse_admin, sse_org):
    login(sse_admin)
    assert "pas une image" in _error_page(_upload(client, sse_org, image_bytes("GIF", size=(50, 50), mode="P"), "logo.gif"))


def test_truncated_image(client, login, sse_admin, sse_org):
    login(sse_admin)
    data = image_bytes("PNG", size=(300, 300))
    assert "pas une image" in _error_page(_upload(client, sse_org, data[: len(data) // 2]))


def test_too_many_pixels(client, login, sse_admin, sse_org):
    login(sse_admin)
    assert "4000 × 4000 pixels" in _error_page(_upload(client, sse_org, image_bytes("PNG", size=(4001, 10))))


def test_decompression_bomb_is_refused_before_decoding(client, login, sse_admin, sse_org):
    login(sse_admin)
    assert "4000 × 4000 pixels" in _error_page(_upload(client, sse_org, _png_header_only(60000, 60000)))
    assert _stored(sse_org) is None


def test_no_file(client, login, sse_admin, sse_org):
    login(sse_admin)
    response = client.post(f"/organisation/{sse_org.id}/logo", data={}, content_type="multipart/form-data")
    assert "Choisissez un fichier image." in _error_page(response)


def test_remove_logo(client, login, sse_admin, sse_org):
    login(sse_admin)
    _upload(client, sse_org, image_bytes())
    response = client.post(f"/organisation/{sse_org.id}/logo/supprimer", follow_redirects=True)
    assert "Logo supprimé." in response.get_data(as_text=True)
    assert _stored(sse_org) is None
    assert client.get(f"/organisation/{sse_org.id}/logo.png").status_code == 404


def test_listed_logo_is_public_with_caching_headers(client, login, sse_admin, sse_org):
    login(sse_admin)
    _upload(client, sse_org, image_bytes())
    client.post("/deconnexion")
    response = client.get(f"/organisation/{sse_org.id}/logo.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert Image.open(io.BytesIO(response.data)).format == "PNG"
    etag = response.headers["ETag"]
    assert response.headers["Last-Modified"]
    assert "public" in response.headers["Cache-Control"]
    again = client.get(f"/organisation/{sse_org.id}/logo.png", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    since = client.get(f"/organisation/{sse_org.id}/logo.png",
                       headers={"If-Modified-Since": response.headers["Last-Modified"]})
    assert since.status_code == 304


def test_new_logo_changes_the_etag(client, login, sse_admin, sse_org):
    login(sse_admin)
    _upload(client, sse_org, image_bytes())
    org = db.session.get(Organisation, sse_org.id)
    org.logo_updated_at = org.logo_updated_at.replace(year=2020)
    db.session.commit()
    old = client.get(f"/organisation/{sse_org.id}/logo.png").headers["ETag"]
    _upload(client, sse_org, image_bytes(color=(200, 0, 0)))
    response = client.get(f"/organisation/{sse_org.id}/logo.png", headers={"If-None-Match": old})
    assert response.status_code == 200 and response.headers["ETag"] != old


def test_unlisted_logo_only_for_members(client, login, sse_admin, sse_org, outsider):
    login(sse_admin)
    _upload(client, sse_org, image_bytes())
    org = db.session.get(Organisation, sse_org.id)
    org.is_listed = False
    db.session.commit()
    assert client.get(f"/organisation/{sse_org.id}/logo.png").status_code == 200
    login(outsider)
    assert client.get(f"/organisation/{sse_org.id}/logo.png").status_code == 404
    client.post("/deconnexion")
    assert client.get(f"/organisation/{sse_org.id}/logo.png").status_code == 404


def test_no_logo_or_no_organisation_is_404(client):
    org = factories.OrganisationFactory()
    assert client.get(f"/organisation/{org.id}/logo.png").status_code == 404
    assert client.get("/organisation/999999/logo.png").status_code == 404
