"""Pages of the organisations import, for members of an organiser organisation (/organisateur/imports):
upload, columns, check and preview, corrected file, confirmation, cancellation, past imports.
Rules: imports.py; forms: import_forms.py."""
from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from ..extensions import db
from ..organisations.current import current_organisation
from ..organisations.models import OrgKind
from ..programme.models import Event
from ..programme.timezones import to_local
from . import imports
from .import_forms import (
    FIELD_LABELS,
    KIND_CHOICES,
    CorrectedFileForm,
    UploadForm,
    mapping_form,
)
from .models import OrganisationImport

bp = Blueprint("org_imports", __name__)
DEFAULT_ZONE = "Europe/Paris"



@bp.context_processor
def _labels():
    return {"import_status_labels": {"mapping": _("Colonnes à choisir"), "preview": _("Vérifié, à confirmer"),
                                     "imported": _("Importé"), "cancelled": _("Annulé")},
            "import_kind_labels": dict(KIND_CHOICES), "import_field_labels": FIELD_LABELS}


def organiser_only(view):
    """Signed in and acting for an organiser organisation (else a 404); the view receives `org`."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        org = current_organisation()
        if org is None or org.kind != OrgKind.ORGANISER:
            abort(404)
        return view(*args, org=org, **kwargs)
    return wrapper


def _import_or_404(import_id: int, org) -> OrganisationImport:
    imp = db.session.get(OrganisationImport, import_id)
    if imp is None or imp.organiser_organisation_id != org.id:
        abort(404)
    return imp


def _events(org) -> list[Event]:
    return db.session.scalars(select(Event).where(Event.organiser_organisation_id == org.id)
                              .order_by(Event.starts_on.desc(), Event.id.desc())).all()


def _read(form):
    """The file of `form` read, or None with the error on the file field."""
    raw = form.file.data.stream.read(imports.MAX_BYTES + 1)
    csv_file = imports.read_file(raw)
    if csv_file.error:
        form.file.errors.append(csv_file.error)
        return None
    return csv_file


@bp.get("/organisateur/imports")
@organiser_only
def index(org):
    past = db.session.scalars(select(OrganisationImport).where(OrganisationImport.organiser_organisation_id == org.id)
                              .order_by(OrganisationImport.created_at.desc(), OrganisationImport.id.desc())).all()
    events = {e.id: e for e in _events(org)}
    # In the event's zone when the import is for one, else in metropolitan France's.
    times = {imp.id: to_local(imp.created_at, events[imp.event_id].timezone if imp.event_id in events else DEFAULT_ZONE)
             for imp in past}
    return render_template("backoffice/imports/index.html", imports=past, events=events, times=times, org=org)


@bp.route("/organisateur/imports/nouveau", methods=["GET", "POST"])
@organiser_only
def new(org):
    form = UploadForm()
    form.event.choices = [("", _("Aucun"))] + [(str(e.id), e.name) for e in _events(org)]
    if request.method == "GET" and request.args.get("evenement"):
        form.event.data = request.args.get("evenement")
    if form.validate_on_submit():
        csv_file = _read(form)
        if csv_file is not None:
            imp = OrganisationImport(organiser_organisation_id=org.id, created_by_id=current_user.id,
                                     event_id=int(form.event.data) if form.event.data else None,
                                     filename=(form.file.data.filename or "import.csv")[:200], kind=form.kind.data,
                                     status="mapping", header=csv_file.header, rows=csv_file.rows,
                                     mapping=imports.guess_mapping(csv_file.header, form.kind.data),
                                     report={"lines": csv_file.lines})
            db.session.add(imp)
            db.session.commit()
            flash(ngettext("Fichier lu : %(num)d ligne. Vérifiez maintenant la colonne de chaque champ.",
                           "Fichier lu : %(num)d lignes. Vérifiez maintenant la colonne de chaque champ.",
                           len(csv_file.rows)), "success")
            return redirect(url_for("org_imports.columns", import_id=imp.id))
    status = 422 if request.method == "POST" else 200
    return render_template("backoffice/imports/new.html", form=form, org=org, max_mb=imports.MAX_BYTES // (1024 * 1024)), status


@bp.route("/organisateur/imports/<int:import_id>/colonnes", methods=["GET", "POST"])
@organiser_only
def columns(import_id, org):
    imp = _import_or_404(import_id, org)
    if imp.status not in ("mapping", "preview"):
        flash(_("Cet import est terminé : ses colonnes ne se modifient plus."), "info")
        return redirect(url_for("org_imports.show", import_id=imp.id))
    form = mapping_form(imp.header, imp.kind, imp.mapping, request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        imp.mapping = form.mapping()
        result = imports.check_import(imp)
        db.session.commit()
        _flash_check(result)
        return redirect(url_for("org_imports.show", import_id=imp.id))
    samples = imp.rows[:3]
    return render_template("backoffice/imports/columns.html", imp=imp, form=form, samples=samples, org=org,
                           fields=imports.fields_for(imp.kind)), 422 if request.method == "POST" else 200


def _flash_check(result) -> None:
    if result.errors:
        flash(ngettext("%(num)d erreur trouvée : rien ne peut être importé tant que le fichier n'est pas corrigé.",
                       "%(num)d erreurs trouvées : rien ne peut être importé tant que le fichier n'est pas corrigé.",
                       len(result.errors)), "error")
    else:
        flash(ngettext("Le fichier est valide : %(num)d organisation prête à importer. Vérifiez l'aperçu, puis confirmez.",
                       "Le fichier est valide : %(num)d organisations prêtes à importer. Vérifiez l'aperçu, puis confirmez.",
                       len(result.rows)), "success")


@bp.get("/organisateur/imports/<int:import_id>")
@organiser_only
def show(import_id, org):
    imp = _import_or_404(import_id, org)
    if imp.status == "mapping":
        return redirect(url_for("org_imports.columns", import_id=imp.id))
    event = db.session.get(Event, imp.event_id) if imp.event_id else None
    return render_template("backoffice/imports/show.html", imp=imp, event=event, org=org, report=imp.report,
                           upload_form=CorrectedFileForm(formdata=None))


@bp.post("/organisateur/imports/<int:import_id>/version-corrigee")
@organiser_only
def corrected(import_id, org):
    imp = _import_or_404(import_id, org)
    if imp.status not in ("mapping", "preview"):
        abort(404)
    form = CorrectedFileForm()
    csv_file = _read(form) if form.validate_on_submit() else None
    if csv_file is None:
        flash(" ".join(str(e) for e in form.file.errors) or _("Choisissez un fichier CSV."), "error")
        return redirect(url_for("org_imports.show", import_id=imp.id))
    imp.mapping = imports.carry_mapping(imp.mapping, imp.header, csv_file.header, imp.kind)
    imp.header, imp.rows, imp.report = csv_file.header, csv_file.rows, {"lines": csv_file.lines}
    imp.filename = (form.file.data.filename or imp.filename)[:200]
    if imports.mapping_problems(imp.mapping, imp.kind):
        imp.status = "mapping"
        db.session.commit()
        flash(_("La version corrigée a d'autres colonnes : choisissez de nouveau la colonne des champs obligatoires."), "info")
        return redirect(url_for("org_imports.columns", import_id=imp.id))
    result = imports.check_import(imp)
    db.session.commit()
    _flash_check(result)
    return redirect(url_for("org_imports.show", import_id=imp.id))


@bp.post("/organisateur/imports/<int:import_id>/confirmer")
@organiser_only
def confirm(import_id, org):
    imp = _import_or_404(import_id, org)
    event = db.session.get(Event, imp.event_id) if imp.event_id else None
    if event is not None and event.organiser_organisation_id != org.id:
        event = None
    try:
        notices = imports.confirm(current_user, imp, event)
    except imports.ImportRefused as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("org_imports.show", import_id=imp.id))
    db.session.commit()
    failed = imports.send_notices(notices)
    if failed:
        flash(ngettext("%(num)d e-mail d'invitation n'a pas pu partir : la personne peut utiliser « Mot de passe "
                       "oublié » avec son adresse.",
                       "%(num)d e-mails d'invitation n'ont pas pu partir : ces personnes peuvent utiliser « Mot de "
                       "passe oublié » avec leur adresse.", failed), "warning")
    done = imp.report["done"]
    flash(_("Import terminé : %(created)s organisations créées, %(merged)s mises à jour, %(invited)s personnes invitées.",
            created=done["created"], merged=done["merged"], invited=done["invited"]), "success")
    return redirect(url_for("org_imports.show", import_id=imp.id))


@bp.post("/organisateur/imports/<int:import_id>/annuler")
@organiser_only
def cancel(import_id, org):
    imp = _import_or_404(import_id, org)
    try:
        imports.cancel(current_user, imp)
    except imports.ImportRefused as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("org_imports.show", import_id=imp.id))
    db.session.commit()
    flash(_("Import annulé : rien n'a été enregistré dans les organisations."), "success")
    return redirect(url_for("org_imports.index"))
