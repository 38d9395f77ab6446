"""The public board of published needs, with filters and an Atom feed of the same search."""
from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import format_date, get_locale
from flask_babel import gettext as _

from ..engine.territory import department_name
from ..engine.thresholds import SUPPLIES_SERVICES, WORKS, threshold_on
from ..needs.direct_award import configured_thresholds, local_today
from ..search_filters import ActiveFilters, search_url
from ..timeutil import utcnow
from . import bands
from .cards import card_for
from .feed import FeedHeader, build_feed
from .forms import BoardSearchForm
from .labels import reservation_filter_label, social_filter_label
from .services import BoardFilters, feed_needs, published_need_count, search_board

bp = Blueprint("board", __name__)

# The query arguments of a search, in the order canonical URLs list them.
SEARCH_ARGS = ("q", "cpv", "department", "region", "reservation", "social", "amount", "within",
               "date_from", "date_to", "direct", "closed")
# Beyond this, OFFSET overflows some databases; nobody pages that far.
MAX_PAGE = 100_000


def _locale() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def _search_args() -> list[tuple[str, str]]:
    """The search's arguments with a value, in a fixed order: the same search, the same URL."""
    pairs = []
    for name in SEARCH_ARGS:
        values = sorted({v.strip() for v in request.args.getlist(name) if v.strip()})
        pairs.extend((name, value) for value in values)
    return pairs


def _search():
    form = BoardSearchForm(request.args)
    form.validate()
    today = local_today()
    return form, form.filters(today), today


@bp.get("/besoins")
def index():
    form, filters, today = _search()
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    results = search_board(filters, page, current_app.config["PER_PAGE"], today)
    locale = _locale()
    args = _search_args()
    return render_template(
        "board/index.html",
        form=form,
        results=results,
        cards=[card_for(need, today, locale) for need in results.items],
        board_empty=results.total == 0 and published_need_count() == 0,
        active_filters=_active_filters(form, filters, args),
        feed_url=search_url("board.feed", args),
        locale=locale,
        department_name=department_name,
        thresholds=_thresholds_today(today),
    )


@bp.get("/besoins/flux.atom")
def feed():
    form, filters, today = _search()
    locale = _locale()
    args = _search_args()
    described = [active.what for active in _active_filters(form, filters, args)]
    header = FeedHeader(
        self_url=search_url("board.feed", args, _external=True),
        page_url=search_url("board.index", args, _external=True),
        title=_("Besoins des acheteurs · %(site)s", site=current_app.config["SITE_NAME"]),
        subtitle=" · ".join(described) if described else _("Tous les besoins publiés"),
        locale=locale,
    )
    cards = [card_for(need, today, locale) for need in feed_needs(filters, today)]
    response = Response(build_feed(header, cards, utcnow()), content_type="application/atom+xml; charset=utf-8")
    response.vary.add("Cookie")
    response.add_etag()
    return response.make_conditional(request)


def _thresholds_today(today) -> dict[str, int | None]:
    """{kind: euros} of the direct-award thresholds in force today, for the filter's help."""
    in_force = {kind: threshold_on(kind, today, configured_thresholds()) for kind in (SUPPLIES_SERVICES, WORKS)}
    return {kind: threshold.amount_eur if threshold else None for kind, threshold in in_force.items()}


def _active_filters(form: BoardSearchForm, filters: BoardFilters, args) -> ActiveFilters:
    """The filters in use, each with the URL of the same search without it."""
    found = ActiveFilters("board.index", args)
    add = found.add
    found.add_words_cpv_and_place(form.q.data, filters, _locale())
    if filters.reservation:
        add(_("Réservation : %(what)s", what=reservation_filter_label(filters.reservation)), "reservation")
    if filters.social:
        add(_("Clause sociale : %(what)s", what=social_filter_label(filters.social)), "social")
    if filters.amount_bands:
        names = ", ".join(bands.band_label(key) for key in filters.amount_bands)
        add(_("Montant : %(names)s", names=names), "amount")
    if form.within.data and not form.within.errors:
        add(_("Publication prévue dans les %(num)s mois", num=form.within.data), "within")
    if form.date_from.data and not form.date_from.errors:
        add(_("Publication prévue à partir du %(date)s", date=format_date(form.date_from.data, "long")),
            "date_from")
    if form.date_to.data and not form.date_to.errors:
        add(_("Publication prévue jusqu'au %(date)s", date=format_date(form.date_to.data, "long")), "date_to")
    if filters.direct_award:
        add(_("Attribuables sans publicité"), "direct")
    if filters.include_closed:
        add(_("Besoins clos et attribués inclus"), "closed", widens=False)
    return found
