"""Forward purchasing plan import: upload a CSV, see every error or a preview, confirm; on the
needs blueprint (see views.py and plan_import.py)."""
import csv
import io

from flask import Response, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..extensions import db
from . import plan_import, services
from .columns import COLUMNS
from .forms import PlanUploadForm
from .models import NeedStatus
from .permissions import buyer_required
from .transitions import NeedError
from .views import bp

IMPORTED_KEY = "needs_imported_previews"
IMPORTED_KEPT = 10


def _render(form, errors=None, rows=None, token=None, plan=None, status=200):
    return render_template("needs/import.html", form=form, errors=errors or [], rows=rows or [], token=token,
                           columns=COLUMNS, max_rows=plan_import.MAX_ROWS, plan=plan), status


@bp.route("/besoins/importer", methods=["GET", "POST"])
@buyer_required
def import_plan(org):
    form = PlanUploadForm()
    if not form.validate_on_submit():
        return _render(form, status=200 if request.method == "GET" else 422)
    raw = form.file.data.stream.read(plan_import.MAX_BYTES + 1)
    plan = plan_import.read_plan(raw)
    if plan.errors:
        return _render(form, errors=plan.errors, status=422)
    rows, errors = plan_import.check_rows(plan)
    if errors:
        return _render(form, errors=errors, plan=plan, status=422)
    token = plan_import.make_token(plan, org.id, current_user.id)
    if not plan_import.token_fits(token):
        return _render(form, errors=[plan_import.RowError(0, None, _(
            "Le fichier est trop volumineux pour l'aperçu : découpez-le en plusieurs fichiers."))], status=422)
    return _render(form, rows=rows, token=token, plan=plan)


@bp.post("/besoins/importer/confirmer")
@buyer_required
def import_confirm(org):
    plan = plan_import.read_token(request.form.get("token", ""), org.id, current_user.id)
    if plan is None:
        flash(_("L'aperçu a expiré ou n'est plus valable : envoyez le fichier de nouveau."), "error")
        return redirect(url_for("needs.import_plan"))
    done = session.get(IMPORTED_KEY, [])
    if plan.nonce in done:
        # The same preview confirmed again (back button, page reloaded): import it only once.
        flash(_("Ce fichier est déjà importé : vos brouillons sont ci-dessous."), "info")
        return redirect(url_for("needs.mine", statut=NeedStatus.DRAFT.value))
    rows, errors = plan_import.check_rows(plan)
    if errors:
        return _render(PlanUploadForm(formdata=None), errors=errors, plan=plan, status=422)
    try:
        for _line, data in rows:
            services.create_need(current_user, org, data)
    except NeedError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("needs.import_plan"))
    db.session.commit()
    session[IMPORTED_KEY] = [*done, plan.nonce][-IMPORTED_KEPT:]
    flash(ngettext("%(num)d besoin importé en brouillon : relisez-le, puis publiez-le.",
                   "%(num)d besoins importés en brouillon : relisez-les, puis publiez-les.", len(rows)), "success")
    return redirect(url_for("needs.mine", statut=NeedStatus.DRAFT.value))


@bp.get("/besoins/importer/modele.csv")
def import_template():
    """The template file: the header and one example row, separated by semicolons, UTF-8 with a BOM
    (so that spreadsheet software opens the accents right)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(list(COLUMNS))
    writer.writerow([column.example for column in COLUMNS.values()])
    return Response("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=recensement-des-besoins.csv"})
