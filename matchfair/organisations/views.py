"""Organisation pages: creation, dashboard, switching, profile and logo.

Members and invitations: member_views.py, on the same blueprint. Who may do what: permissions.py.
"""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.http import is_resource_modified

from ..clauses.work import won_contracts_with_hours
from ..engine.territory import REGIONS, DEPARTMENTS, region_name, region_of
from ..extensions import db
from ..urls import safe_next
from . import completeness, logo as logos, members as member_services, permissions, services
from .choices import KIND_LABELS
from .current import current_membership, switch_organisation
from .fields import SIRET_TAKEN
from .forms import CreateOrganisationForm, LogoForm
from .areas import area_groups, regions_by_name
from .models import OrgKind, Organisation, Role
from .permissions import confirmed_email_required, org_member_required
from .profile_forms import profile_form_for

bp = Blueprint("organisations", __name__)


@bp.route("/organisation/nouvelle", methods=["GET", "POST"])
@confirmed_email_required
def create():
    form = CreateOrganisationForm()
    if request.method == "GET" and request.args.get("kind") in (OrgKind.SSE, OrgKind.BUYER, OrgKind.FACILITATOR):
        form.kind.data = request.args["kind"]
    if form.validate_on_submit():
        try:
            org = services.create_organisation(current_user, form.kind.data, form.name.data, form.siret.data,
                                               form.department_code.data)
        except services.SiretTaken:
            db.session.rollback()
            form.siret.errors.append(SIRET_TAKEN)
        else:
            db.session.commit()
            switch_organisation(org.id)
            flash(_("L'organisation %(name)s est créée et vous en êtes administrateur. Complétez maintenant "
                    "son profil pour que les autres participants la trouvent.", name=org.name), "success")
            return redirect(url_for("organisations.edit", org_id=org.id))
    return render_template("organisations/create.html", form=form)


@bp.get("/organisation")
@login_required
def dashboard():
    membership = current_membership()
    if membership is None:
        return render_template("organisations/dashboard_empty.html")
    org = membership.organisation
    items = completeness.checklist(org)
    memberships = sorted(current_user.memberships, key=lambda m: m.organisation.name.lower())
    return render_template(
        "organisations/dashboard.html", org=org, membership=membership, is_admin=membership.role == Role.ADMIN,
        items=items, percent=completeness.percent_done(items), todo=[i for i in items if not i.done],
        member_count=member_services.member_count(org), memberships=memberships,
        directory_url=_directory_url(org), kind_label=KIND_LABELS.get(org.kind, org.kind),
        clause_contracts=won_contracts_with_hours(org) if org.kind == OrgKind.SSE else [],
    )


def _directory_url(org: Organisation) -> str | None:
    # The public directory lists SSE companies that chose to be listed.
    if org.kind == OrgKind.SSE and org.is_listed:
        return url_for("directory.profile", org_id=org.id)
    return None


@bp.post("/organisation/choisir")
@login_required
def switch():
    org_id = request.form.get("organisation_id", type=int)
    if org_id is None or not switch_organisation(org_id):
        abort(404)
    org = db.session.get(Organisation, org_id)
    flash(_("Vous agissez maintenant pour %(name)s.", name=org.name), "success")
    return redirect(safe_next(request.form.get("next")) or url_for("organisations.dashboard"))


@bp.route("/organisation/<int:org_id>/modifier", methods=["GET", "POST"])
@org_member_required
def edit(org: Organisation):
    form = profile_form_for(org, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        try:
            services.save_profile(current_user, org, form.profile_data())
        except services.SiretTaken:
            db.session.rollback()
            form.siret.errors.append(SIRET_TAKEN)
        else:
            db.session.commit()
            flash(_("Profil enregistré."), "success")
            return redirect(url_for("organisations.edit", org_id=org.id))
    return render_edit(org, form, LogoForm(formdata=None))


def render_edit(org: Organisation, form, logo_form):
    """The edit page with the profile form and the logo form (either may carry errors)."""
    return render_template(
        "organisations/edit.html", org=org, form=form, logo_form=logo_form, has_logo=logos.has_logo(org),
        region=region_name(region_of(org.department_code)) if org.department_code else None,
        department_regions={code: REGIONS[d.region_code].name for code, d in DEPARTMENTS.items()},
        logo_max=logos.size_label(current_app.config["LOGO_MAX_BYTES"]),
        kind_label=KIND_LABELS.get(org.kind, org.kind),
        area_groups=area_groups(), region_options=regions_by_name(),
    )


@bp.post("/organisation/<int:org_id>/logo")
@org_member_required
def upload_logo(org: Organisation):
    logo_form = LogoForm()
    if logo_form.validate():
        try:
            png = logos.make_logo_png(logos.read_limited(logo_form.logo.data.stream,
                                                         current_app.config["LOGO_MAX_BYTES"]),
                                      current_app.config["LOGO_MAX_BYTES"])
        except logos.LogoError as exc:
            logo_form.logo.errors.append(str(exc))
        else:
            logos.set_logo(current_user, org, png)
            db.session.commit()
            flash(_("Logo enregistré."), "success")
            return redirect(url_for("organisations.edit", org_id=org.id) + "#section-logo")
    return render_edit(org, profile_form_for(org), logo_form)


@bp.post("/organisation/<int:org_id>/logo/supprimer")
@org_member_required
def remove_logo(org: Organisation):
    logos.remove_logo(current_user, org)
    db.session.commit()
    flash(_("Logo supprimé."), "success")
    return redirect(url_for("organisations.edit", org_id=org.id) + "#section-logo")


@bp.get("/organisation/<int:org_id>/logo.png")
def logo(org_id: int):
    """Public when the organisation is listed, else for its members only; 404 for anyone else."""
    org = db.session.get(Organisation, org_id)
    if org is None or org.logo_updated_at is None:
        abort(404)
    if not org.is_listed and not permissions.is_member(current_user, org):
        abort(404)
    etag = f"logo-{org.id}-{org.logo_updated_at:%Y%m%d%H%M%S}"
    last_modified = org.logo_updated_at
    cache = "public, no-cache" if org.is_listed else "private, no-cache"
    if not is_resource_modified(request.environ, etag=etag, last_modified=last_modified):
        response = current_app.response_class(status=304)
    else:
        png = db.session.scalar(select(Organisation.logo_png).where(Organisation.id == org.id))
        if not png:
            abort(404)
        response = current_app.response_class(png, mimetype="image/png")
    response.set_etag(etag)
    response.last_modified = last_modified
    response.headers["Cache-Control"] = cache
    return response


from . import member_views  # noqa: E402,F401  (registers the member and invitation pages on bp)
