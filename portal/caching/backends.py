"""A Redis cache that costs speed, never pages, when Redis cannot be reached.

Django's `RedisCache` raises on every call while Redis is down, and everything the portal keeps in
the cache (the page cache, the routing and fragment caches, the site chrome, the visitor box, the
rate limits) would turn that into a 500 on every public page. `ResilientRedisCache` answers such a
call as if the cache were empty: a read is a miss, a write is dropped, `add` says it stored nothing,
`incr` finds no key. The pages are then built from the database, slower but whole.

After a failure, no call goes to Redis for `RETRY_SECONDS` (a Redis that accepts connections and
never answers would otherwise cost its full socket timeout on every call of every request); the
first call after that tries again, so caching resumes by itself when Redis is back. Failures are
logged once per outage, not once per call.

What was kept before the outage may be out of date by then (a publish during the outage could not
purge it), so the functions in `on_recovery` run when Redis answers again: the publish generation
registers its purge there.
"""

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

try:
    from redis.exceptions import RedisError
except ImportError:  # the Redis client is only needed when REDIS_URL is set
    RedisError = OSError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
UNREACHABLE = (RedisError, OSError)

# Per process and per server address: Django makes one cache object per thread.
_unreachable_until: dict[str, float] = {}
_lock = threading.Lock()
# Called, without arguments, when a cache that was unreachable answers again.
on_recovery: list = []


class CacheUnavailable(Exception):
    """Raised inside the backend while Redis is known to be unreachable; never leaves it."""


class KeptClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, reusing one redis-py client per connection pool.

    Django 5.2 makes a new `redis.Redis` for every cache call, and redis-py 5+ fills a table of about
    170 response callbacks in each: half a millisecond of CPU per call, several milliseconds on a page
    that reads a dozen keys (measured with cProfile on the news listing). A redis-py client holds no
    state of its own beyond its pool, and is safe to share between threads.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, answering as an empty cache while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient

    def _call(self, method: str, fallback, *args, read: bool = False):
        if self.unavailable():
            return fallback
        recovering = self._server_key in _unreachable_until
        try:
            result = getattr(super(), method)(*args)
        except UNREACHABLE as error:
            self._mark_unreachable(error)
            return fallback
        if recovering:
            self._mark_reachable()
            if read:
                # What was just read may predate the purge that recovery ran: read again.
                return self._call(method, fallback, *args, read=read)
        return result

    # Reading and writing ---------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version, read=True)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version, read=True)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version, read=True)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)

    def incr(self, key, delta=1, version=None):
        result = self._call("incr", CacheUnavailable, key, delta, version)
        if result is CacheUnavailable:
            raise ValueError(f"Key {key!r} not found: the cache is unavailable.")
        return result

    # Health --------------------------------------------------------------------------------------

    def unavailable(self) -> bool:
        """True while this process has found Redis unreachable within the last RETRY_SECONDS."""
        return time.monotonic() < _unreachable_until.get(self._server_key, 0.0)

    @property
    def _server_key(self) -> str:
        return ",".join(self._servers)

    def _mark_unreachable(self, error) -> None:
        with _lock:
            first = self._server_key not in _unreachable_until
            _unreachable_until[self._server_key] = time.monotonic() + RETRY_SECONDS
        if first:
            logger.error("Cache unreachable, serving without it until it answers again: %s", error)

    def _mark_reachable(self) -> None:
        with _lock:
            recovered = _unreachable_until.pop(self._server_key, None) is not None
        if recovered:
            logger.warning("Cache reachable again: caching resumes.")
            for callback in on_recovery:
                callback()


def is_degraded(alias: str = "default") -> bool:
    """Whether the cache `alias` is a resilient cache currently serving as an empty one."""
    backend = caches[alias]
    return isinstance(backend, ResilientRedisCache) and backend.unavailable()
