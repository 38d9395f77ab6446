"""Public directory of SSE companies (sourcing): search, results and public profiles."""
from urllib.parse import parse_qsl

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from stdnum.fr import siret

from ..engine.territory import department_name, region_name
from ..offers.services import public_offers
from ..organisations.choices import LEGAL_FORM_LABELS, STATUS_SHORT_LABELS, label
from ..search_filters import ActiveFilters, search_url
from .labels import status_badges, status_names
from .forms import DirectorySearchForm
from .services import DirectoryFilters, area_names, get_public_profile, listed_company_count, search_directory

bp = Blueprint("directory", __name__)

# The query arguments of a search; anything else in a ?from= is dropped.
SEARCH_ARGS = ("q", "cpv", "department", "region", "national", "status", "siae", "page")
# Beyond this, OFFSET overflows some databases; nobody pages that far.
MAX_PAGE = 100_000


@bp.app_context_processor
def _directory_helpers():
    return {
        "directory_status_badges": status_badges,
        "directory_status_names": status_names,
        "directory_area_names": area_names,
        "directory_department_name": department_name,
        "directory_region_name": region_name,
    }


@bp.get("/annuaire")
def index():
    form = DirectorySearchForm(request.args)
    form.validate()
    filters = form.filters()
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    results = search_directory(filters, page, current_app.config["PER_PAGE"])
    directory_empty = results.total == 0 and listed_company_count() == 0
    query = request.query_string.decode("utf-8", "replace")
    return render_template(
        "directory/index.html",
        form=form,
        results=results,
        directory_empty=directory_empty,
        active_filters=_active_filters(form, filters),
        profile_args={"from": query} if query else {},
        locale=str(get_locale()),
    )


@bp.get("/annuaire/<int:org_id>")
def profile(org_id: int):
    org = get_public_profile(org_id)
    if org is None:
        abort(404)
    return render_template(
        "directory/profile.html",
        org=org,
        legal_form=label(LEGAL_FORM_LABELS, org.legal_form),
        website_url=_website_url(org.website),
        siret=_formatted_siret(org.siret),
        back_url=_back_to_results(request.args.get("from")),
        locale=str(get_locale()),
        offers=public_offers(org.id),
    )


def _website_url(website: str | None) -> str | None:
    """A link target for the company's website: http(s) only ("www.x.fr" gets https://)."""
    if not website:
        return None
    website = website.strip()
    scheme, sep, _rest = website.partition("://")
    if not sep:
        return None if ":" in website.split("/", 1)[0] else "https://" + website
    return website if scheme.lower() in ("http", "https") else None


def _formatted_siret(value: str | None) -> str | None:
    """"732 829 320 00074" for a valid SIRET, the stored text otherwise."""
    if not value:
        return None
    return siret.format(value) if siret.is_valid(value) else value


def _active_filters(form: DirectorySearchForm, filters: DirectoryFilters) -> ActiveFilters:
    """The filters in use, each with the URL of the same search without it, to widen a search."""
    found = ActiveFilters("directory.index", (
        (k, v) for k, v in request.args.items(multi=True) if k in SEARCH_ARGS and k != "page"))
    found.add_words_cpv_and_place(form.q.data, filters, str(get_locale()))
    if filters.statuses:
        names = ", ".join(label(STATUS_SHORT_LABELS, s) for s in filters.statuses)
        found.add(_("Statut : %(names)s", names=names), "status")
    if filters.siae_kinds:
        found.add(_("Type de SIAE : %(names)s", names=", ".join(filters.siae_kinds)), "siae")
    if not filters.include_national and (filters.department or filters.region):
        found.add(_("Sans les structures nationales"), "national")
    return found


def _back_to_results(query: str | None) -> str:
    """The results page a profile was opened from: only its search arguments, on /annuaire."""
    if not query:
        return url_for("directory.index")
    pairs = [(k, v) for k, v in parse_qsl(query[:2000], keep_blank_values=False) if k in SEARCH_ARGS]
    return search_url("directory.index", pairs)
