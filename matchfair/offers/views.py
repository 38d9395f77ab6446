"""Offers pages of an SSE company: its list, the offer form, deletion and publication.

Who may do what: access.py. Business rules: services.py. The public list of a company's published
offers is the partial templates/offers/_public_list.html (context: `offers`, from
services.public_offers).
"""
from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..organisations.areas import area_groups, regions_by_name
from ..urls import safe_next
from . import services
from .access import offer_member_required, sse_org_required
from .display import offer_area, organisation_area
from .forms import (
    MAX_REFERENCES,
    MORE_ROWS,
    OfferForm,
    offer_form,
    reference_row_template,
)

bp = Blueprint("offers", __name__)

# Names of the submit buttons of the offer form.
MORE_ROWS_BUTTON = "more_references"


@bp.app_context_processor
def _offer_helpers():
    return {"offer_area": offer_area}


@bp.get("/offres")
@sse_org_required
def mine(org):
    page = max(request.args.get("page", 1, type=int), 1)
    offers = db.paginate(services.organisation_offers_query(org), page=page,
                         per_page=current_app.config["PER_PAGE"], error_out=False)
    total, published = services.count_offers(org)
    return render_template("offers/mine.html", org=org, offers=offers, total=total, published=published,
                           org_area=organisation_area(org))


@bp.route("/offres/nouvelle", methods=["GET", "POST"])
@sse_org_required
def create(org):
    form = offer_form(formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and not _wants_more_rows(form) and form.validate():
        offer = services.create_offer(current_user, org, form.offer_data())
        db.session.commit()
        _flash_saved(offer, created=True)
        return redirect(url_for("offers.mine"))
    return _render_form(org, form, offer=None)


@bp.route("/offres/<int:offer_id>/modifier", methods=["GET", "POST"])
@offer_member_required
def edit(offer):
    form = offer_form(offer, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and not _wants_more_rows(form) and form.validate():
        services.update_offer(current_user, offer, form.offer_data())
        db.session.commit()
        _flash_saved(offer, created=False)
        return redirect(url_for("offers.mine"))
    return _render_form(offer.organisation, form, offer=offer)


@bp.route("/offres/<int:offer_id>/supprimer", methods=["GET", "POST"])
@offer_member_required
def delete(offer):
    if request.method == "POST":
        title = offer.title
        services.delete_offer(current_user, offer)
        db.session.commit()
        flash(_("L'offre « %(title)s » est supprimée.", title=title), "success")
        return redirect(url_for("offers.mine"))
    return render_template("offers/delete.html", offer=offer)


@bp.post("/offres/<int:offer_id>/publication")
@offer_member_required
def publication(offer):
    published = request.form.get("published") == "1"
    if services.set_published(current_user, offer, published):
        db.session.commit()
    if published:
        flash(_("L'offre « %(title)s » est publiée : les acheteurs la voient sur votre fiche et dans le "
                "rapprochement avec leurs besoins.", title=offer.title), "success")
    else:
        flash(_("L'offre « %(title)s » n'est plus publiée : seuls les membres de votre structure la voient.",
                title=offer.title), "success")
    return redirect(safe_next(request.form.get("next")) or url_for("offers.mine"))


def _wants_more_rows(form: OfferForm) -> bool:
    """The "add references" button (without JavaScript): more empty rows, nothing saved."""
    if request.method != "POST" or MORE_ROWS_BUTTON not in request.form:
        return False
    if form.can_add_rows:
        form.add_blank_rows(MORE_ROWS)
    else:
        flash(_("Une offre compte au plus %(num)d références.", num=MAX_REFERENCES), "warning")
    return True


def _flash_saved(offer, created: bool) -> None:
    if offer.is_published:
        message = (_("L'offre « %(title)s » est enregistrée et publiée : les acheteurs la voient.", title=offer.title)
                   if created else _("L'offre « %(title)s » est enregistrée.", title=offer.title))
    else:
        message = _("L'offre « %(title)s » est enregistrée sans être publiée : seuls les membres de votre "
                    "structure la voient.", title=offer.title)
    flash(message, "success")


def _render_form(org, form: OfferForm, offer):
    return render_template(
        "offers/form.html", org=org, form=form, offer=offer, org_area=organisation_area(org),
        area_groups=area_groups(), region_options=regions_by_name(),
        max_references=MAX_REFERENCES, more_rows_button=MORE_ROWS_BUTTON,
        row_template=reference_row_template(),
    )
