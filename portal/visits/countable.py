"""Which page ids a hit may count: live, public pages, read once per publish generation.

A hit names its page by id in its address, so anyone can send ids of drafts, of password-protected
pages or of pages that never existed; counting those would inflate the site's totals. The hit endpoint
runs in front of Django and must stay cheap (well under a millisecond), so the answer is not a query per
hit: each process keeps the ids of every live page without a view restriction (on itself or an
ancestor) as a sorted array of 64-bit integers (8 bytes a page: 0.8 MB at 100,000 pages) and looks an
id up with a binary search. The array belongs to a publish generation (`portal.caching.generation`),
which publishing, unpublishing, moving or deleting a page on any site and saving a restriction replace; the next hit
after that rebuilds it (one query: about 60 ms at 10,000 pages on SQLite).
"""

import secrets
import time
from array import array
from bisect import bisect_left

from django.core.cache import cache
from wagtail.models import Page

from portal.caching.generation import CACHE_ERRORS, CHANGE_KEY
from portal.caching.restrictions import public

NOT_BUILT, UNREADABLE = object(), object()
UNREADABLE_REBUILD_SECONDS = 60

_generation: object = NOT_BUILT  # the generation token the ids belong to
_ids = array("q")
_built_at = 0.0


def countable_ids() -> array:
    """The sorted ids of the pages whose views count: live, public, and not the tree's root."""
    pages = public(Page.objects.live().filter(depth__gt=1)).order_by("pk")
    return array("q", pages.values_list("pk", flat=True).iterator(chunk_size=10_000))


def _current_ids() -> array:
    global _generation, _ids, _built_at
    try:
        generation = cache.get(CHANGE_KEY)
        if generation is None and cache.add(CHANGE_KEY, secrets.token_hex(8), None):
            generation = cache.get(CHANGE_KEY)
    except CACHE_ERRORS:
        generation = None
    if generation is None:
        # No generation to read (the cache is unreachable, or was emptied): whether something was
        # published cannot be known, so keep what this process knows and read the pages again from
        # the database at most once a minute meanwhile.
        if _generation is not NOT_BUILT and time.monotonic() - _built_at < UNREADABLE_REBUILD_SECONDS:
            return _ids
        generation = UNREADABLE
    if generation != _generation:
        _ids = countable_ids()
        _generation, _built_at = generation, time.monotonic()
    return _ids


def is_countable(page_id: int) -> bool:
    ids = _current_ids()
    index = bisect_left(ids, page_id)
    return index < len(ids) and ids[index] == page_id


def forget() -> None:
    """Drop this process's ids (tests)."""
    global _generation, _ids
    _generation, _ids = NOT_BUILT, array("q")
