"""Who may do what with needs, decided here and nowhere else.

- Only buyer organisations create needs; an SSE company or an organiser gets a 403 that says so.
- Only members (admin or member) of the need's buyer organisation edit, publish, close, reopen,
  award or delete it.
- A draft exists only for those members: a 404 for everyone else, anonymous visitors included.
- A published, closed or awarded need is public, read-only for everyone but its buyer's members.
"""
from functools import wraps

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import Forbidden

from ..extensions import db
from ..organisations.current import current_organisation
from ..organisations.models import Organisation, OrgKind
from ..organisations.permissions import is_member
from .models import Need, NeedStatus


def can_create_needs(user, org: Organisation | None) -> bool:
    """True when `user` belongs to `org` and `org` is a buyer."""
    return org is not None and org.kind == OrgKind.BUYER and is_member(user, org)


def ensure_can_create(user, org: Organisation) -> None:
    """Forbidden unless `user` may create needs for `org` (services call this as a safety net)."""
    if not can_create_needs(user, org):
        raise Forbidden()


def can_manage(user, need: Need) -> bool:
    """True when `user` (possibly anonymous) is a member of the need's buyer organisation."""
    return is_member(user, need.organisation)


def ensure_can_manage(user, need: Need) -> None:
    """Forbidden unless `user` may change `need`."""
    if not can_manage(user, need):
        raise Forbidden()


def can_view(user, need: Need) -> bool:
    """Drafts for the buyer's members only; every other status for everyone."""
    return need.status != NeedStatus.DRAFT or can_manage(user, need)


def visible_need_or_404(need_id: int) -> Need:
    """The need if the current visitor may see it, else a 404."""
    need = db.session.get(Need, need_id)
    if need is None or not can_view(current_user, need):
        abort(404)
    return need


def managed_need_or_404(need_id: int) -> Need:
    """The need if the signed-in user may change it; 404 when they may not even see it, else 403."""
    need = visible_need_or_404(need_id)
    if not can_manage(current_user, need):
        abort(403)
    return need


def forbidden_page(message: str):
    """A 403 page with a sentence saying why."""
    return make_response(render_template("errors/error.html", code=403, title=_("Accès refusé"), text=message), 403)


def buyer_required(view):
    """Route decorator: signed in and acting for a buyer organisation; the view receives `org`.

    No organisation yet: on to creating one (as a buyer). Another kind: a 403 that says why.
    """
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        org = current_organisation()
        if org is None:
            flash(_("Créez d'abord la fiche de votre organisation d'acheteur pour publier des besoins."), "info")
            return redirect(url_for("organisations.create", kind=OrgKind.BUYER.value))
        if org.kind != OrgKind.BUYER:
            abort(forbidden_page(_(
                "Seuls les acheteurs publient des besoins. Vous agissez pour %(name)s, qui n'est pas un acheteur : "
                "si vous êtes aussi membre d'un acheteur, choisissez-le depuis votre tableau de bord.",
                name=org.name)))
        return view(*args, org=org, **kwargs)
    return wrapper


def managed_need(view):
    """Route decorator: login, then the right to change <need_id> (404 or 403); the view receives `need`."""
    @wraps(view)
    @login_required
    def wrapper(need_id: int, **kwargs):
        return view(need=managed_need_or_404(need_id), **kwargs)
    return wrapper
