"""The anonymous page cache: whole public pages, kept for visitors without a session, purged on publish.

Citizens, journalists and crawlers read the same pages; only editors (who have a session) see pages
that differ per person. So a page rendered for a visitor without a session cookie is kept, headers and
all, in the default cache (Redis in production, this process's memory otherwise) for
`PAGE_CACHE_SECONDS`, and served again to the next such visitor without touching the database.

Publishing anything a page can show (a page, an index edition, service counts, a result, an agency, a
category, the site's settings, an image…) replaces the *publish generation* every entry carries
(`portal.caching.generation`): entries of an older generation are never served again. Each site (a
department's, the hub) has its own generation: a page published on one site leaves the others' pages
kept, while the figures, which every site shows, renew them all. The layer in front of Django learns
which site a host is from the pages Django kept for it (`HOST_SITES`, this process's memory), so a
hit costs no query, and no round trip to Redis when the worker holds both the tokens (its copy, kept
exact by purge announcements: `portal.caching.announcements`) and the page's bytes (`WorkerPages`,
`PAGE_CACHE_WORKER_ENTRIES` pages, served while the tokens name their generation).

Visitor counts stay exact: page views are counted by the 1×1 image each page loads (never cached), and
the page's script refreshes the visitor box and view count from the summary API.

Two ways in, one set of rules (`lookup` / `store`):
- `PageCacheMiddleware`, first in Django's middleware, serves hits and stores misses (the test client,
  runserver and any WSGI server reach it);
- `PageCacheApp`, the WSGI layer `portal.wsgi` puts in front of Django, answers hits before Django's
  request handling and middleware run, which is what lets two workers serve thousands of pages a second.

Only GET requests whose response is a plain 200 that sets no cookie and does not say private, no-cache
or no-store are kept; admin, API, search (per-query and rate-limited) and document paths never are.
A request with a session cookie always goes to Django. Cached responses carry `X-Page-Cache: hit`.

Query strings cannot flood the cache (each new one used to be a new entry):
- tracking parameters that sharing adds (`utm_*`, `fbclid`, `gclid`, `zarsrc`…) are removed from the
  request before the lookup and before Django reads it, so a page shared on Facebook or Zalo is served
  from the cache and no page can depend on them;
- the view gets a `request.GET` that records which parameter names it read (`get`, `[]`, `getlist`,
  `in`); a page is kept only when every parameter of its query string was read, so `/?x=1` is served
  but not kept, while a listing's `?page=2` is;
- the key holds the query string in a canonical order (`?a=1&b=2` and `?b=2&a=1` share an entry);
- and one address keeps at most `PAGE_CACHE_MAX_VARIANTS` query strings per generation, for
  parameters a page does read but takes in many spellings (`?page=2`, `?page=02`, `?page=+2`…).
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from urllib.parse import unquote_plus, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpResponse, QueryDict
from django.utils.cache import cc_delim_re

from portal.caching.generation import (
    CACHE_ERRORS,
    GENERATION_KEY,
    combine,
    current_generation,
    fetch_tokens,
    request_memo_scope,
    site_generation_key,
)

logger = logging.getLogger(__name__)

HIT_HEADER = ("X-Page-Cache", "hit")
# Keys a lookup leaves in the WSGI environ for Django's side of the same request.
LOOKED_UP = "portal.page_cache.looked_up"
TOKENS_READ = "portal.page_cache.tokens"
REFUSED_CACHE_CONTROL = {"private", "no-cache", "no-store"}
# Parameters that link sharing and advertising add to addresses: Google Analytics (utm_*), Facebook,
# Google and Microsoft ads, Zalo, HubSpot, Mailchimp, Instagram, Yandex. No page reads them.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "zarsrc",
        "_zl",
        "_hsenc",
        "_hsmi",
        "mc_cid",
        "mc_eid",
        "igshid",
        "yclid",
        "_ga",
        "_gl",
    }
)


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def is_secure(meta) -> bool:
    """What `request.is_secure()` says, read from the WSGI environ alone."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, value = settings.SECURE_PROXY_SSL_HEADER
        if header in meta:
            return meta[header].split(",")[0].strip() == value
    return meta.get("wsgi.url_scheme") == "https"


def host(meta) -> str:
    """The host the request names, as `request.get_host()` reads it (before validating it).

    Entries are only stored after Django accepted the host, so an unknown host never finds one.
    """
    if settings.USE_X_FORWARDED_HOST and meta.get("HTTP_X_FORWARDED_HOST"):
        return meta["HTTP_X_FORWARDED_HOST"].split(",")[-1].strip()
    if meta.get("HTTP_HOST"):
        return meta["HTTP_HOST"]
    name, port = meta.get("SERVER_NAME", ""), str(meta.get("SERVER_PORT", ""))
    return name if port == ("443" if is_secure(meta) else "80") else f"{name}:{port}"


def has_session(meta) -> bool:
    return f"{settings.SESSION_COOKIE_NAME}=" in meta.get("HTTP_COOKIE", "")


def is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def strip_tracking(meta) -> None:
    """Remove tracking parameters from the request's query string (the WSGI environ or META), in place.

    Only for GET requests to paths the cache may keep; the other parameters stay as they were sent.
    """
    query = meta.get("QUERY_STRING", "")
    if not query or meta.get("REQUEST_METHOD") != "GET":
        return
    if meta.get("PATH_INFO", "").startswith(settings.PAGE_CACHE_EXCLUDED_PATHS):
        return
    parts = query.split("&")
    kept = [part for part in parts if not is_tracking(unquote_plus(part.split("=", 1)[0]))]
    if len(kept) != len(parts):
        meta["QUERY_STRING"] = "&".join(kept)


def parameters(query_string: str) -> QueryDict:
    """The query string as Django reads it (WSGI strings carry the raw bytes as Latin-1)."""
    return QueryDict(query_string.encode("iso-8859-1", "replace"))


def canonical_query(query_string: str) -> str:
    """The parameters sorted by name (a name's values keep their order), encoded one way."""
    if not query_string:
        return ""
    query = parameters(query_string)
    return urlencode([(name, value) for name in sorted(query) for value in query.getlist(name)])


class ReadRecordingQueryDict(QueryDict):
    """`request.GET` that remembers the parameter names the view asked for.

    Reading is `get`, `[]`, `getlist` and `in`; copying, encoding and iterating are not: a view that
    only passes the query string on (a download link keeping the view's filters) does not depend on it.
    """

    def __init__(self, query_string=None, mutable=False, encoding=None):
        self.names_read: set[str] = set()
        super().__init__(query_string, mutable=mutable, encoding=encoding)
        self.names_read.clear()  # what parsing looked up is not what the view read

    def __getitem__(self, key):
        self.names_read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.names_read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.names_read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.names_read.add(key)
        return super().__contains__(key)

    def _unread(self, method, *args):
        """Run one of QueryDict's own methods without counting the lookups it makes as reads."""
        names = set(self.names_read)
        try:
            return method(*args)
        finally:
            self.names_read = names

    def urlencode(self, safe=None):
        return self._unread(super().urlencode, safe)

    def lists(self):
        return iter(self._unread(lambda: list(super(ReadRecordingQueryDict, self).lists())))

    def items(self):
        return iter(self._unread(lambda: list(super(ReadRecordingQueryDict, self).items())))

    def values(self):
        return iter(self._unread(lambda: list(super(ReadRecordingQueryDict, self).values())))

    def dict(self):
        return self._unread(super().dict)

    def copy(self):
        """A plain, mutable QueryDict: what the view does with a copy is its own business."""
        copied = QueryDict(mutable=True, encoding=self.encoding)
        for name, values in self.lists():
            copied.setlist(name, list(values))
        return copied


def every_parameter_read(request) -> bool:
    """Whether the view read every parameter of the query string (so the page may depend on each)."""
    query = request.GET
    names = set(dict.keys(query))  # dict's own keys(): listing them is not reading them
    if not names:
        return True
    return isinstance(query, ReadRecordingQueryDict) and names <= query.names_read


def cache_key(meta) -> str | None:
    """The key of this request's page, or None when the request must go to Django.

    `meta` is the WSGI environ or a Django request's META: both name the same things.
    """
    if not enabled() or meta.get("REQUEST_METHOD") != "GET" or has_session(meta):
        return None
    path = meta.get("PATH_INFO", "")
    if path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS):
        return None
    try:
        query = canonical_query(meta.get("QUERY_STRING", ""))
    except TooManyFieldsSent:
        return None
    scheme = "https" if is_secure(meta) else "http"
    address = f"{scheme}://{host(meta)}{path}?{query}"
    return "page-cache:" + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


# Host (as the request names it) → the id of the site Django served it from; learnt by `store`.
HOST_SITES: dict[str, int] = {}
MAX_HOSTS = 1_000


def remember_site(meta, site_id: int) -> None:
    """Note which site served this host, for lookups in front of Django."""
    name = host(meta)
    if HOST_SITES.get(name) != site_id:
        if len(HOST_SITES) >= MAX_HOSTS:
            HOST_SITES.clear()
        HOST_SITES[name] = site_id


class WorkerPages:
    """The pages this worker served from the cache lately (key → entry), the least recently served
    dropped first past `size`. An entry carries its generation, so a copy is served only while the
    current tokens still name it; the page's bytes are read from Redis only when this worker has none
    of this generation.

    A copy also ends, as the entry in Redis does, when its time is up: what a page shows by the clock
    rather than by what is published (the statistics' figures, a legal document's status on the day)
    changes without a purge. A copy the worker made itself lasts `PAGE_CACHE_SECONDS`; one it read
    from Redis, whose age it does not know, `READ_COPY_SECONDS` at most (a page is then at most that
    much older than the page cache alone would serve it)."""

    READ_COPY_SECONDS = 60

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[str, tuple[tuple, float]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str, generation: str) -> tuple | None:
        with self.lock:
            entry, expires_at = self.entries.get(key, (None, 0.0))
            if entry is None or entry[0] != generation or time.monotonic() >= expires_at:
                return None
            self.entries.move_to_end(key)
            return entry

    def keep(self, key: str, entry: tuple, seconds: float) -> None:
        if self.size <= 0:
            return
        with self.lock:
            self.entries[key] = (entry, time.monotonic() + seconds)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


WORKER_PAGES = WorkerPages(settings.PAGE_CACHE_WORKER_ENTRIES)


def lookup(meta) -> tuple[int, list[tuple[str, str]], bytes] | None:
    """The kept response for this request (status, headers, body), or None."""
    key = cache_key(meta)
    if key is None:
        return None
    site_id = HOST_SITES.get(host(meta))
    if site_id is None:
        return None  # this process has not served the host yet: Django will, and learn its site
    site_key = site_generation_key(site_id)
    try:
        found = fetch_tokens([GENERATION_KEY, site_key])
        if found.get(GENERATION_KEY) is None or found.get(site_key) is None:
            return None
        # The request goes on to Django with the tokens it has read (`request_memo_scope`).
        meta[TOKENS_READ] = {GENERATION_KEY: found[GENERATION_KEY], site_key: found[site_key]}
        generation = combine(found[GENERATION_KEY], site_id, found[site_key])
        entry = WORKER_PAGES.get(key, generation)
        if entry is None:
            entry = cache.get(key)
            if entry is None or entry[0] != generation:
                return None  # an older generation, or (a host now served by another site) another site's
            WORKER_PAGES.keep(key, entry, min(WorkerPages.READ_COPY_SECONDS, settings.PAGE_CACHE_SECONDS))
    except CACHE_ERRORS:
        logger.warning("Page cache unreachable; serving from Django", exc_info=True)
        return None
    _, status, headers, body = entry
    return status, [*headers, HIT_HEADER], body


def can_keep(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not directives & REFUSED_CACHE_CONTROL


def store(request, response) -> None:
    """Keep the response for the next visitor without a session, if it may be kept."""
    key = cache_key(request.META)
    if key is None or getattr(request, "is_preview", False) or not can_keep(response):
        return
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return
    if not every_parameter_read(request):
        return  # served, but a parameter the page ignores must not make a new entry
    site = getattr(request, "_wagtail_site", None)
    if site is None:
        return  # no site, no generation to keep it under
    headers = list(response.items())
    try:
        generation = current_generation(site.pk)
        remember_site(request.META, site.pk)
        if request.META.get("QUERY_STRING") and too_many_variants(request, generation):
            return
        entry = (generation, response.status_code, headers, response.content)
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        WORKER_PAGES.keep(key, entry, settings.PAGE_CACHE_SECONDS)
    except CACHE_ERRORS:
        logger.warning("Page cache unreachable; page not kept", exc_info=True)


def too_many_variants(request, generation: str) -> bool:
    """Count a kept query string for this address; True past PAGE_CACHE_MAX_VARIANTS in this generation."""
    address = f"{host(request.META)}{request.META.get('PATH_INFO', '')}"
    key = (
        "page-cache:variants:"
        + hashlib.sha256(f"{generation}:{address}".encode("utf-8", "surrogateescape")).hexdigest()
    )
    cache.add(key, 0, settings.PAGE_CACHE_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        return False
    return count > settings.PAGE_CACHE_MAX_VARIANTS


class PageCacheMiddleware:
    """Serves kept pages and keeps new ones; first in MIDDLEWARE, so it sees the final headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        strip_tracking(request.META)  # done already under portal.wsgi; the test client and runserver too
        # Under `PageCacheApp` the page was looked up already, and missed.
        kept = None if request.META.get(LOOKED_UP) else lookup(request.META)
        if kept is not None:
            status, headers, body = kept
            response = HttpResponse(body, status=status)
            for name, value in headers:
                response[name] = value
            return response
        if cache_key(request.META) is not None:
            request.GET = ReadRecordingQueryDict(
                request.META.get("QUERY_STRING", "").encode("iso-8859-1", "replace"),
                encoding=request.encoding,
            )
        with request_memo_scope(request.META.get(TOKENS_READ)):
            response = self.get_response(request)
            store(request, response)
        return response


class PageCacheApp:
    """WSGI middleware: answers kept pages itself and passes every other request on to Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        strip_tracking(environ)  # before the lookup and before Django reads the query string
        kept = lookup(environ)
        if kept is None:
            environ[LOOKED_UP] = True
            return self.application(environ, start_response)
        status, headers, body = kept
        start_response(f"{status} OK", headers)
        return [body]
