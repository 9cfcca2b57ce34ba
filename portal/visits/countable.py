"""Which page ids a hit may count, and on which site: live, public pages of the site whose host the hit
came to, read once per publish generation.

A hit names its page by id in its address, so anyone can send ids of drafts, of password-protected
pages or of pages that never existed; counting those would inflate the site's totals. The hit endpoint
runs in front of Django and must stay cheap (well under a millisecond), so the answer is not a query per
hit: each process keeps the ids of every live page without a view restriction (on itself or an
ancestor) as a sorted array of 64-bit integers (8 bytes a page: 0.8 MB at 100,000 pages) and looks an
id up with a binary search. The array belongs to a publish generation (`portal.caching.generation`),
which publishing, unpublishing, moving or deleting a page on any site and saving a restriction replace; the next hit
after that rebuilds it (one query: about 60 ms at 10,000 pages on SQLite).

One install serves a site for each department: the ids are kept per site (a page belongs to the site
whose home page it is under), and the hit's host names the site as Wagtail would answer it
(`site_for_host`, from the sites read in the same rebuild). A hit counts only a page of its own host's
site, so one site's figures cannot be inflated through another's address, and the hit endpoint, which
runs before Django, learns the site without a query.
"""

import secrets
import time
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field

from django.core.cache import cache
from wagtail.models import Page, Site

from portal.caching.generation import CACHE_ERRORS, CHANGE_KEY
from portal.caching.restrictions import public

NOT_BUILT, UNREADABLE = object(), object()
UNREADABLE_REBUILD_SECONDS = 60


@dataclass(frozen=True)
class SiteHost:
    site_id: int
    hostname: str
    port: int
    is_default: bool


@dataclass
class Countable:
    """Each site's sorted countable page ids, and the sites' hosts."""

    ids: dict[int, array] = field(default_factory=dict)
    hosts: list[SiteHost] = field(default_factory=list)


_generation: object = NOT_BUILT  # the generation token the ids belong to
_countable = Countable()
_built_at = 0.0


def countable_pages() -> Countable:
    """The sorted ids of each site's pages whose views count: live, public, under that site's home page."""
    sites = list(Site.objects.select_related("root_page").order_by("pk"))
    roots = sorted(((site.root_page.path, site.pk) for site in sites), key=lambda root: -len(root[0]))
    ids: dict[int, list[int]] = {site.pk: [] for site in sites}
    pages = public(Page.objects.live().filter(depth__gt=1)).order_by("pk")
    for page_id, path in pages.values_list("pk", "path").iterator(chunk_size=10_000):
        for root_path, site_id in roots:  # the innermost site's home page above it
            if path.startswith(root_path):
                ids[site_id].append(page_id)
                break
    return Countable(
        ids={site_id: array("q", page_ids) for site_id, page_ids in ids.items()},
        hosts=[SiteHost(site.pk, site.hostname, site.port, site.is_default_site) for site in sites],
    )


def _current() -> Countable:
    global _generation, _countable, _built_at
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
            return _countable
        generation = UNREADABLE
    if generation != _generation:
        _countable = countable_pages()
        _generation, _built_at = generation, time.monotonic()
    return _countable


def site_for_host(hostname: str, port: int) -> int | None:
    """The id of the site Wagtail serves for this host name and port (`get_site_for_hostname`'s rules:
    host and port, then host on the default site, then the default site unless exactly one other site
    has the host name), or None when no site would answer."""
    hosts = _current().hosts
    named = [host for host in hosts if host.hostname == hostname]
    for host in named:
        if host.port == port:
            return host.site_id
    for host in named:
        if host.is_default:
            return host.site_id
    if len(named) == 1:
        return named[0].site_id
    default = next((host for host in hosts if host.is_default), None)
    return default.site_id if default is not None else None


def is_countable(page_id: int, site_id: int | None) -> bool:
    """Whether a view of this page, on this site's host, counts."""
    ids = _current().ids.get(site_id) if site_id is not None else None
    if not ids:
        return False
    index = bisect_left(ids, page_id)
    return index < len(ids) and ids[index] == page_id


def forget() -> None:
    """Drop this process's ids (tests)."""
    global _generation, _countable
    _generation, _countable = NOT_BUILT, Countable()
