"""Wagtail's rendition cache, without writing back what it has just read.

`Image.get_renditions` (Wagtail 8.0) looks for renditions in the cache, then writes every one it
returns back to the cache, those it found there included (it marks only prefetched renditions as
read), and `Image.get_rendition` (`{% image %}`) writes back the one it found: a responsive picture
of six renditions pickled them all again and sent them to Redis on every render that was not a
fragment kept whole, which an article's first view after its edit is.

`RenditionCache`, the `renditions` alias Wagtail uses when the settings have one, remembers the keys
its last read found and leaves them out of the write that follows (Wagtail returns what it found
under a key unchanged: it only points the rendition at the image object it was asked about); a
rendition Wagtail made or read from the database is stored as before. Since nothing rewrites a
rendition read from the cache any more, nothing renews its expiry either: the alias keeps them for
`FRAGMENT_CACHE_SECONDS` (their keys name the image's file hash and focal point, and Wagtail
deletes a rendition's key when it deletes the rendition).
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT

from portal.caching.backends import ResilientRedisCache


class RenditionCache(ResilientRedisCache):
    """The resilient Redis cache, skipping writes of renditions its last read returned."""

    def __init__(self, server, params):
        super().__init__(server, params)
        # Django makes one cache object per thread: this is the thread's last read.
        self._just_read: set[str] = set()

    def get_many(self, keys, version=None):
        found = super().get_many(keys, version)
        self._just_read = set(found)
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # `Image.get_rendition` (one filter: `{% image %}`) writes back what it found, as `set`.
        just_read, self._just_read = self._just_read, set()
        if key not in just_read:
            super().set(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        just_read, self._just_read = self._just_read, set()
        new = {key: value for key, value in data.items() if key not in just_read}
        return super().set_many(new, timeout, version) if new else []
