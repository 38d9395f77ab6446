"""Who may open the offers pages, decided here and nowhere else.

- The list and the new-offer page act for the organisation the person currently acts for
  (organisations.current): it must be an SSE company, else a 403 page that says why.
- An offer's pages (edit, delete, publication) are for the members (any role) of the offer's
  organisation; for anybody else the offer does not exist (404).
Anonymous visitors are sent to the log-in page. The services check the same rules again.
"""
from functools import wraps

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..errors import MESSAGES
from ..organisations.current import current_organisation
from ..organisations.permissions import membership_of
from .services import get_offer, may_have_offers


def _not_for_this_organisation(org):
    title, _text = MESSAGES[403]
    text = _("Les offres sont réservées aux structures de l'économie sociale et solidaire. Vous agissez "
             "pour %(name)s, qui n'en est pas une : si vous êtes aussi membre d'une structure de l'ESS, "
             "choisissez-la depuis le tableau de bord de votre organisation.", name=org.name)
    return render_template("errors/error.html", code=403, title=title, text=text), 403


def sse_org_required(view):
    """Route decorator: signed in, acting for an SSE company; the view receives it as `org`."""
    @wraps(view)
    @login_required
    def wrapper(**kwargs):
        org = current_organisation()
        if org is None:
            flash(_("Créez d'abord la fiche de votre structure de l'ESS : vos offres y seront rattachées."), "info")
            return redirect(url_for("organisations.create", kind="sse"))
        if not may_have_offers(org):
            return _not_for_this_organisation(org)
        return view(org=org, **kwargs)
    return wrapper


def offer_member_required(view):
    """Route decorator: signed in and member of the organisation of <offer_id> (else 404); the view
    receives the offer as `offer`."""
    @wraps(view)
    @login_required
    def wrapper(offer_id: int, **kwargs):
        offer = get_offer(offer_id)
        if offer is None or membership_of(current_user, offer.organisation_id) is None:
            abort(404)
        if not may_have_offers(offer.organisation):
            return _not_for_this_organisation(offer.organisation)
        return view(offer=offer, **kwargs)
    return wrapper
