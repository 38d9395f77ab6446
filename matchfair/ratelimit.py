"""Rate limits on top of the `limits` library: in process by default, in Redis when REDIS_URL is set."""
import math
import time
from dataclasses import dataclass

from flask import current_app
from limits import RateLimitItemPerMinute, storage, strategies

_limiters: dict[str, tuple[storage.Storage, strategies.RateLimiter]] = {}


def _limiter() -> strategies.RateLimiter:
    url = current_app.config.get("REDIS_URL") or "memory://"
    if url not in _limiters:
        store = storage.storage_from_string(url)
        _limiters[url] = (store, strategies.MovingWindowRateLimiter(store))
    return _limiters[url][1]


@dataclass(frozen=True)
class Limit:
    """`amount` events per `minutes` for one namespace ("login-account", "login-address"...)."""

    namespace: str
    amount: int
    minutes: int

    def _item(self):
        return RateLimitItemPerMinute(self.amount, self.minutes, namespace=self.namespace)

    def hit(self, key: str) -> bool:
        """Count one event for `key`; False when the limit was already reached."""
        return _limiter().hit(self._item(), key)

    def exceeded(self, key: str) -> bool:
        """True when `key` may not have another event now (counts nothing)."""
        return not _limiter().test(self._item(), key)

    def retry_after_minutes(self, key: str) -> int:
        """Whole minutes until `key` may try again (at least 1)."""
        reset_at = _limiter().get_window_stats(self._item(), key).reset_time
        return max(1, math.ceil((reset_at - time.time()) / 60))

    def clear(self, key: str) -> None:
        _limiter().clear(self._item(), key)


def reset_all() -> None:
    """Forget every counter (tests)."""
    for store, _ in _limiters.values():
        store.reset()
