"""The e-mails of groupings, sent once the change is committed, to the admins of the companies concerned.

Each function returns False when an e-mail could not leave (the mail server is down): the change
is saved, the view says so; it never raises.
"""
import logging

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l

from ..mailer import send_email
from .models import Grouping, GroupingMember
from .queries import admin_emails

log = logging.getLogger(__name__)


def _send_all(org_ids, subject, template: str, **context) -> bool:
    ok = True
    for org_id, emails in admin_emails(org_ids).items():
        for email in emails:
            try:
                send_email(email, str(subject), template, org_id=org_id, **context)
            except Exception:  # the change is committed: the e-mail must not undo it
                log.exception("Could not send %s to %s", template, email)
                ok = False
    return ok


def _site() -> str:
    return current_app.config["SITE_NAME"]


def invitations_sent(grouping: Grouping, members: list[GroupingMember], inviter) -> bool:
    """Tell each invited partner company's admins, with the link to the grouping's page."""
    if not members:
        return True
    lead = grouping.lead_organisation
    return _send_all(
        [m.organisation_id for m in members],
        _l("%(lead)s vous invite dans un groupement sur %(site)s", lead=lead.name, site=_site()),
        "emails/groupings_invitation", grouping=grouping, lead=lead, inviter=inviter, need=grouping.need,
        link=url_for("groupings.show", grouping_id=grouping.id, _external=True),
        mine_link=url_for("groupings.mine", _external=True),
    )


def answer_sent(grouping: Grouping, partner, answer: str) -> bool:
    """Tell the lead company's admins that `partner` accepted, declined or left ("accepted",
    "declined", "left")."""
    subjects = {
        "accepted": _l("%(partner)s a accepté de rejoindre « %(grouping)s »", partner=partner.name,
                       grouping=grouping.name),
        "declined": _l("%(partner)s a décliné l'invitation à « %(grouping)s »", partner=partner.name,
                       grouping=grouping.name),
        "left": _l("%(partner)s a quitté le groupement « %(grouping)s »", partner=partner.name,
                   grouping=grouping.name),
    }
    return _send_all(
        [grouping.lead_organisation_id], subjects[answer], "emails/groupings_answer",
        grouping=grouping, partner=partner, answer=answer,
        link=url_for("groupings.show", grouping_id=grouping.id, _external=True),
    )


def partners_removed(grouping_name: str, lead, partners, dissolved: bool) -> bool:
    """Tell the admins of `partners` that the lead took them out of the grouping, or dissolved it."""
    if not partners:
        return True
    subject = (_l("Le groupement « %(grouping)s » a été dissous", grouping=grouping_name) if dissolved
               else _l("Vous ne faites plus partie du groupement « %(grouping)s »", grouping=grouping_name))
    return _send_all(
        [p.id for p in partners], subject, "emails/groupings_removed",
        grouping_name=grouping_name, lead=lead, dissolved=dissolved,
        mine_link=url_for("groupings.mine", _external=True),
    )
