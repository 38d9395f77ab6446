"""The status transitions of a need, explicit, with a sentence for each refused one.

    draft --publish--> published --close--> closed --reopen--> published
    published or closed --award--> awarded (final)
    draft --delete--> (gone)
    edit: draft, published and closed needs; an awarded need is kept as it was awarded.
"""
from flask_babel import lazy_gettext as _l

from .choices import STATUS_LABELS, label
from .models import Need, NeedStatus

DRAFT, PUBLISHED, CLOSED, AWARDED = (s.value for s in NeedStatus)

ALLOWED: dict[str, frozenset[str]] = {
    "publish": frozenset({DRAFT}),
    "close": frozenset({PUBLISHED}),
    "reopen": frozenset({CLOSED}),
    "award": frozenset({PUBLISHED, CLOSED}),
    "delete": frozenset({DRAFT}),
    "edit": frozenset({DRAFT, PUBLISHED, CLOSED}),
}

REFUSED = {
    "publish": _l("Seul un brouillon peut être publié ; ce besoin est « %(status)s »."),
    "close": _l("Seul un besoin publié peut être clos ; ce besoin est « %(status)s »."),
    "reopen": _l("Seul un besoin clos peut être rouvert ; ce besoin est « %(status)s »."),
    "award": _l("Seul un besoin publié ou clos peut être marqué attribué ; ce besoin est « %(status)s »."),
    "delete": _l("Seul un brouillon peut être supprimé ; ce besoin est « %(status)s ». Vous pouvez le clore."),
    "edit": _l("Un besoin attribué ne se modifie plus : il garde ce qui a été attribué."),
}


class NeedError(ValueError):
    """A rule of needs refused the change; str(error) is a sentence for the person."""


def allowed(need: Need, action: str) -> bool:
    """True when `action` (publish, close, reopen, award, delete, edit) is possible in the need's status."""
    return need.status in ALLOWED[action]


def ensure_transition(need: Need, action: str) -> None:
    """NeedError with a plain sentence unless `action` is possible in the need's status."""
    if not allowed(need, action):
        raise NeedError(str(REFUSED[action]) % {"status": label(STATUS_LABELS, need.status)})
