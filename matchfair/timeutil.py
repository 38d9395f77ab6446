"""Times are stored in UTC (naive datetimes in the database, UTC by convention)."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    """The current UTC time as a naive datetime, as the database stores it."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
