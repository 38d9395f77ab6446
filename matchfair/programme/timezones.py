"""Event times: stored in UTC (naive), shown and typed in the event's time zone."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, available_timezones

from ..timeutil import utcnow


def zone(name: str) -> ZoneInfo:
    """The ZoneInfo of an IANA name such as "Europe/Paris" or "Indian/Reunion"."""
    return ZoneInfo(name)


def is_valid_zone(name: str) -> bool:
    """True for an IANA time zone name known to this machine's (or tzdata's) database."""
    return name in available_timezones()


def to_local(utc_naive: datetime, tz_name: str) -> datetime:
    """A stored UTC time as an aware datetime in the event's zone."""
    return utc_naive.replace(tzinfo=timezone.utc).astimezone(zone(tz_name))


def to_utc(local_naive: datetime, tz_name: str) -> datetime:
    """A wall-clock time typed in the event's zone, as the naive UTC datetime the database stores.

    Ambiguous or missing wall-clock times around a DST change resolve with fold=0 (the first).
    """
    return local_naive.replace(tzinfo=zone(tz_name)).astimezone(timezone.utc).replace(tzinfo=None)


def now_utc() -> datetime:
    """The current time as the database stores it."""
    return utcnow()
