"""A worker's own copy of what is kept under a generation token, in front of the shared cache.

Everything a page keeps between requests (its route, the site's chrome, a listing's count, the
template fragments) is kept under a key that carries a generation token (`portal.caching.generation`):
a publish changes the token, so it changes the keys, never what a key holds. A value read once from
Redis under such a key can therefore stay in the worker's memory and be served from there, with no
round trip: a page that read fifteen keys from Redis on every request now reads its tokens (one round
trip) and finds the rest here.

`LocalFirstCache` is that cache: reads look in a bounded LocMemCache of this process first, then in
the shared cache (and copy what they find); writes go to both. Only what is kept under a token goes
through it (`kept_cache`, and the template fragments, whose tags all carry one: see
tests/portal/test_kept_locally.py); what a key's value may change under (rate limits, visitor
figures kept by time, the page cache's entries) stays on the shared cache alone.

Settings (portal/settings/base.py): the `kept` and `template_fragments` aliases, when Redis is the
cache; without Redis the default cache is this process's memory already and both fall back to it.
"""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

MISSING = object()
KEPT_ALIAS = "kept"


class LocalFirstCache(BaseCache):
    """This process's memory (at most OPTIONS["MAX_ENTRIES"] values, the least recently read culled
    first), then the cache OPTIONS["SHARED"] (default: "default"), for values that never change
    under their key."""

    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self._shared_alias = options.get("SHARED", "default")
        # LocMemCache keeps its values per process under its location, shared by the threads; it
        # stores them pickled, so no request can change what the next one reads.
        self._local = LocMemCache(
            f"local-first:{location}",
            {
                "TIMEOUT": None,
                "OPTIONS": {"MAX_ENTRIES": options.get("MAX_ENTRIES", 200), "CULL_FREQUENCY": 4},
            },
        )

    @property
    def shared(self) -> BaseCache:
        return caches[self._shared_alias]

    def get(self, key, default=None, version=None):
        value = self._local.get(key, MISSING, version)
        if value is not MISSING:
            return value
        value = self.shared.get(key, MISSING, version)
        if value is MISSING:
            return default
        self._local.set(key, value, None, version)
        return value

    def get_many(self, keys, version=None):
        keys = list(keys)
        found = self._local.get_many(keys, version)
        missing = [key for key in keys if key not in found]
        if missing:
            from_shared = self.shared.get_many(missing, version)
            self._local.set_many(from_shared, None, version)
            found.update(from_shared)
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout, version)
        self._local.set(key, value, None, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = self.shared.set_many(data, timeout, version)
        self._local.set_many(data, None, version)
        return failed

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self.shared.add(key, value, timeout, version)
        if added:
            self._local.set(key, value, None, version)
        return added

    def has_key(self, key, version=None):
        return self._local.has_key(key, version) or self.shared.has_key(key, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.shared.touch(key, timeout, version)

    def delete(self, key, version=None):
        local = self._local.delete(key, version)
        return self.shared.delete(key, version) or local

    def delete_many(self, keys, version=None):
        self._local.delete_many(keys, version)
        self.shared.delete_many(keys, version)

    def clear(self):
        self._local.clear()
        self.shared.clear()

    def clear_local(self):
        """Forget this process's copies (the shared cache keeps its own)."""
        self._local.clear()


class WorkerMemo:
    """A worker's own memo of values that cannot change under their key (the key carries what they
    depend on), at most `most` of them: when full it is emptied and fills again with what is asked
    for now, which costs less to run than a least-recently-used order and bounds the memory alike.

    It lives in this process only and is shared by its threads: keep only values nobody changes
    in place (strings, numbers, frozen dataclasses, tuples of them).
    """

    def __init__(self, most: int):
        self.most = most
        self._values: dict = {}

    def get(self, key, default=None):
        return self._values.get(key, default)

    def keep(self, key, value):
        """Remember `value` under `key` and return it."""
        if len(self._values) >= self.most:
            self._values.clear()
        self._values[key] = value
        return value

    def clear(self) -> None:
        self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


def kept_cache() -> BaseCache:
    """The cache for values kept under a generation token: local first when configured, else the
    default cache."""
    return caches[KEPT_ALIAS] if KEPT_ALIAS in settings.CACHES else caches["default"]
