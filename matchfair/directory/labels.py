"""How the directory names SSE statuses: short badges on cards, full names on the profile page."""
from ..organisations.choices import SIAE_KIND_LABELS, STATUS_LABELS, STATUS_SHORT_LABELS
from ..organisations.models import SseStatus

_ORDER = {status.value: index for index, status in enumerate(SseStatus)}


def _in_order(values) -> list[str]:
    return sorted(values, key=lambda v: (_ORDER.get(v, len(_ORDER)), v))


def status_badges(org) -> list[str]:
    """The badges of an organisation's statuses, SIAE with its kind: ["ESS", "SIAE (ACI)"]."""
    badges = []
    for value in _in_order(org.status_values):
        badge = str(STATUS_SHORT_LABELS.get(value, value))
        if value == SseStatus.SIAE and org.siae_kind:
            badge = f"{badge} ({org.siae_kind})"
        badges.append(badge)
    return badges


def status_names(org) -> list[str]:
    """The full names of an organisation's statuses, SIAE followed by the name of its kind."""
    names = []
    for value in _in_order(org.status_values):
        name = str(STATUS_LABELS.get(value, value))
        if value == SseStatus.SIAE and org.siae_kind in SIAE_KIND_LABELS:
            name = f"{name} – {SIAE_KIND_LABELS[org.siae_kind]}"
        names.append(name)
    return names
