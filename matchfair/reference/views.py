"""Reference data over HTTP: the CPV picker's JSON search and single-code look-up (public)."""
from flask import Blueprint, jsonify, request
from flask_babel import get_locale, gettext as _

from ..engine.cpv import parse_code
from . import services
from .models import CpvCode

bp = Blueprint("reference", __name__)


def _locale() -> str:
    return str(get_locale() or "fr")


def _as_json(code: CpvCode, locale: str) -> dict:
    return {"code8": code.code8, "code": code.code, "level": code.level, "label": code.label(locale)}


@bp.app_template_global("cpv_labels")
def cpv_labels(codes) -> dict[str, str]:
    """{code8: label in the page's language} for the templates (the CPV picker's chips)."""
    return services.labels_for(codes or [], _locale())


@bp.get("/referentiel/cpv")
def cpv_search():
    """?q=nettoyage&limit=10: matching codes, broader first; an empty query gives []."""
    limit = request.args.get("limit", type=int) or services.SEARCH_MAX_RESULTS
    locale = _locale()
    codes = services.search_codes(request.args.get("q", ""), limit=limit)
    response = jsonify([_as_json(code, locale) for code in codes])
    response.vary.add("Cookie")
    response.vary.add("Accept-Language")
    return response


@bp.get("/referentiel/cpv/<code>")
def cpv_code(code: str):
    """One code ("90911200" or "90911200-8") with its label in the current language, or 404."""
    code8 = parse_code(code)
    found = services.get_code(code8) if code8 else None
    if found is None:
        return jsonify({"error": _("Ce code CPV n'existe pas : %(code)s", code=code)}), 404
    locale = _locale()
    data = _as_json(found, locale)
    data.update(type=found.type, parent8=found.parent8)
    return jsonify(data)
