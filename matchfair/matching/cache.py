"""The process's matching index, rebuilt from the database when the matching versions move.

Building a MatchingIndex over every SSE supplier takes a fraction of a second at 20,000 suppliers;
ranking with it takes about a millisecond. So each application object keeps one index (in
app.extensions), keyed by `suppliers_version` of matching.state, and the published needs read
for matching, keyed by both versions. Every request reads the versions (one query) and uses the
cached index while they are unchanged; when a profile, an offer or a need changed, the service
that changed it raised a version in its transaction, and the next request rebuilds (once, under
a lock, while other threads wait for it). Results are therefore fresh after any edit.

Several processes (gunicorn workers, several machines) each keep their own index, rebuilt from
the database when the version moves: nothing lives only in a process, and a process that
restarts simply rebuilds on its first request.

The rows are read on a connection of their own, outside the request's transaction, after the
versions: an index is then never built from changes that are not committed (and could be rolled
back), and it is never older than the version it is stored under.
"""
import threading
import time
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select

from ..engine.matching import MatchingIndex, NeedProfile
from ..engine.matching_input import Need, Supplier
from ..extensions import db
from . import adapters, state
from .models import MatchingState

EXTENSION_KEY = "matchfair.matching"


@dataclass
class SupplierEntry:
    """The index of every SSE supplier, and which of them buyers may be shown (listed ones)."""

    version: int
    index: MatchingIndex
    listed: frozenset[str]
    unlisted_count: int
    build_seconds: float

    def supplier(self, org_id: int) -> Supplier | None:
        """The engine Supplier of organisation `org_id`, or None when it is not an SSE company."""
        position = self.index.position.get(adapters.supplier_key(org_id))
        return None if position is None else self.index.suppliers[position]


@dataclass
class NeedsEntry:
    """The published needs, read for matching against one supplier index."""

    versions: tuple[int, int]
    needs: dict[str, Need]
    profiles: list[NeedProfile] = field(default_factory=list)


class MatchingCache:
    """One application's cached supplier index and published needs (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._suppliers: SupplierEntry | None = None
        self._needs: NeedsEntry | None = None

    def suppliers(self, versions: tuple[int, int]) -> SupplierEntry:
        """The supplier index for these versions, rebuilt when `suppliers_version` moved."""
        entry = self._suppliers
        if entry is not None and entry.version == versions[0]:
            return entry
        with self._lock:
            entry = self._suppliers
            if entry is None or entry.version != versions[0]:
                entry = self._suppliers = _build_suppliers()
        return entry

    def needs(self, versions: tuple[int, int]) -> tuple[SupplierEntry, NeedsEntry]:
        """The supplier index and the published needs weighted by it, rebuilt when either version moved."""
        suppliers = self.suppliers(versions)
        entry = self._needs
        key = (suppliers.version, versions[1])
        if entry is not None and entry.versions == key:
            return suppliers, entry
        with self._lock:
            entry = self._needs
            if entry is None or entry.versions != key:
                entry = self._needs = _build_needs(suppliers)
        return suppliers, entry

    def clear(self) -> None:
        """Forget everything: the next request rebuilds."""
        with self._lock:
            self._suppliers = self._needs = None


def get_cache() -> MatchingCache:
    """The current application's matching cache."""
    cache = current_app.extensions.get(EXTENSION_KEY)
    if cache is None:
        cache = current_app.extensions.setdefault(EXTENSION_KEY, MatchingCache())
    return cache


def supplier_entry() -> SupplierEntry:
    """The fresh supplier index (reads the versions: one query)."""
    return get_cache().suppliers(state.versions())


def needs_entry() -> tuple[SupplierEntry, NeedsEntry]:
    """The fresh supplier index and published needs (reads the versions: one query)."""
    return get_cache().needs(state.versions())


def _committed_connection():
    """A connection that sees committed rows only: its own, unless the database lives in memory
    (then the session's, the only one that sees it)."""
    if db.engine.url.get_backend_name() == "sqlite" and db.engine.url.database in (None, "", ":memory:"):
        return _Borrowed(db.session.connection())
    return db.engine.connect().execution_options(read_only=True)


class _Borrowed:
    def __init__(self, conn) -> None:
        self.conn = conn

    def __enter__(self):
        return self.conn

    def __exit__(self, *exc) -> None:
        return None


def _read_versions(conn) -> tuple[int, int]:
    row = conn.execute(select(MatchingState.suppliers_version, MatchingState.needs_version)
                       .where(MatchingState.id == state.STATE_ID)).first()
    return (row[0], row[1]) if row else (0, 0)


def _build_suppliers() -> SupplierEntry:
    started = time.perf_counter()
    with _committed_connection() as conn:
        # The version first: rows read after it are at least as new as it says.
        version = _read_versions(conn)[0]
        loaded = adapters.load_suppliers(conn)
    index = MatchingIndex(loaded.suppliers)
    return SupplierEntry(version=version, index=index, listed=loaded.listed,
                         unlisted_count=len(index) - len(loaded.listed),
                         build_seconds=time.perf_counter() - started)


def _build_needs(suppliers: SupplierEntry) -> NeedsEntry:
    with _committed_connection() as conn:
        needs_version = _read_versions(conn)[1]
        needs = adapters.load_needs(conn, published_only=True)
    index = suppliers.index
    return NeedsEntry(versions=(suppliers.version, needs_version), needs={n.id: n for n in needs},
                      profiles=[index.need_profile(n) for n in needs])
