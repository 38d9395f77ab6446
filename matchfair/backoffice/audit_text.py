"""The audit log in French sentences: an entry's action code and details made readable.

`sentence(entry)` -> "Marion Delmas a validé l'inscription de Région Occitanie"; an action this module
does not know reads "Marion Delmas : action « x.y »". `FAMILIES` groups the codes for the filter.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

FAMILIES = {
    "inscriptions": (_l("Inscriptions"), ("registration.",)),
    "programme": (_l("Événement et programme"), ("event.", "session.")),
    "rendez-vous": (_l("Rendez-vous"), ("meetings.", "schedule.")),
    "besoins": (_l("Besoins"), ("need.",)),
    "messages": (_l("Messages"), ("message.",)),
    "accueil": (_l("Badges et accueil"), ("badge.", "checkin.", "check_in.", "attendee.")),
    "imports": (_l("Imports"), ("import.", "organisations.imported")),
}

# action -> sentence after the actor's name; placeholders are detail names (missing ones read "?").
MESSAGES = {
    "attendee.checked_in": _l("a enregistré l'entrée de %(name)s (%(organisation_name)s)"),
    "attendee.check_in_undone": _l("a annulé l'entrée de %(name)s (%(organisation_name)s)"),
    "registration.approved": _l("a validé l'inscription de %(organisation_name)s"),
    "registration.refused": _l("a refusé l'inscription de %(organisation_name)s (motif : %(reason)s)"),
    "event.created": _l("a créé l'événement « %(name)s »"),
    "event.updated": _l("a modifié l'événement « %(name)s »"),
    "event.published": _l("a publié l'événement « %(name)s »"),
    "event.unpublished": _l("a retiré de la publication l'événement « %(name)s »"),
    "session.created": _l("a ajouté la séance « %(title)s » au programme"),
    "session.updated": _l("a modifié la séance « %(title)s »"),
    "session.cancelled": _l("a annulé la séance « %(title)s »"),
    "session.published": _l("a publié la séance « %(title)s »"),
    "session.unpublished": _l("a retiré de la publication la séance « %(title)s »"),
    "need.published": _l("a publié le besoin « %(title)s »"),
    "need.closed": _l("a clos le besoin « %(title)s »"),
    "need.reopened": _l("a rouvert le besoin « %(title)s »"),
    "need.awarded": _l("a attribué le besoin « %(title)s » à %(awarded_to)s"),
    "meetings.offered": _l("a proposé des rendez-vous d'affaires pour l'événement"),
    "meetings.settings_saved": _l("a modifié les réglages des rendez-vous"),
    "meetings.period_added": _l("a ajouté la plage de rendez-vous %(period)s"),
    "meetings.period_removed": _l("a supprimé la plage de rendez-vous %(period)s"),
    "meetings.tables_added": _l("a ajouté %(count)s table(s) de rendez-vous"),
    "meetings.table_renamed": _l("a renommé la table « %(before)s » en « %(name)s »"),
    "meetings.table_activated": _l("a activé la table « %(name)s »"),
    "meetings.table_deactivated": _l("a désactivé la table « %(name)s »"),
    "meetings.table_deleted": _l("a supprimé la table « %(name)s »"),
    "meetings.stand_assigned": _l("a donné la table « %(table)s » comme stand à %(organisation_name)s"),
    "meetings.stand_removed": _l("a retiré son stand à %(organisation_name)s"),
    "schedule.published": _l("a publié le planning des rendez-vous (%(placed)s réservés, %(unplaced)s non placés)"),
    "message.sent": _l("a envoyé le message « %(subject)s » à %(recipients)s personne(s)"),
    "organisations.imported": _l("a importé le fichier « %(filename)s » : %(created)s organisation(s) créée(s), "
                                 "%(merged)s mise(s) à jour"),
}


class _Details(dict):
    def __missing__(self, key):
        return "?"


def family_of(action: str) -> str | None:
    """The FAMILIES key of an action code, or None."""
    for key, (_label, prefixes) in FAMILIES.items():
        if action.startswith(prefixes):
            return key
    return None


def actor_name(entry) -> str:
    return entry.actor.full_name if entry.actor is not None else _("Matchfair (automatique)")


def sentence(entry) -> str:
    """What the entry says, actor first, in the current language."""
    details = _Details({k: ("—" if v is None else v) for k, v in (entry.details or {}).items()})
    template = MESSAGES.get(entry.action)
    if template is None:
        return _("%(actor)s : action « %(action)s »", actor=actor_name(entry), action=entry.action)
    return f"{actor_name(entry)} {str(template) % details}"
