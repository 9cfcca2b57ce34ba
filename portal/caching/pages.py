"""The anonymous page cache: whole public pages, kept for visitors without a session, purged on publish.

Citizens, journalists and crawlers read the same pages; only editors (who have a session) see pages
that differ per person. So a page rendered for a visitor without a session cookie is kept, headers and
all, in the default cache (Redis in production, this process's memory otherwise) for
`PAGE_CACHE_SECONDS`, and served again to the next such visitor without touching the database.

Publishing anything a page can show (a page, an index edition, service counts, a result, an agency, a
category, the site's settings, an image…) replaces the *publish generation* every entry carries
(`portal.caching.generation`): entries of an older generation are never served again.

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
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from portal.caching.generation import CACHE_ERRORS, GENERATION_KEY, current_generation

logger = logging.getLogger(__name__)

HIT_HEADER = ("X-Page-Cache", "hit")
REFUSED_CACHE_CONTROL = {"private", "no-cache", "no-store"}


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


def cache_key(meta) -> str | None:
    """The key of this request's page, or None when the request must go to Django.

    `meta` is the WSGI environ or a Django request's META: both name the same things.
    """
    if not enabled() or meta.get("REQUEST_METHOD") != "GET" or has_session(meta):
        return None
    path = meta.get("PATH_INFO", "")
    if path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS):
        return None
    scheme = "https" if is_secure(meta) else "http"
    address = f"{scheme}://{host(meta)}{path}?{meta.get('QUERY_STRING', '')}"
    return "page-cache:" + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


def lookup(meta) -> tuple[int, list[tuple[str, str]], bytes] | None:
    """The kept response for this request (status, headers, body), or None."""
    key = cache_key(meta)
    if key is None:
        return None
    try:
        found = cache.get_many([GENERATION_KEY, key])
    except CACHE_ERRORS:
        logger.warning("Page cache unreachable; serving from Django", exc_info=True)
        return None
    entry = found.get(key)
    if entry is None or found.get(GENERATION_KEY) is None or entry[0] != found[GENERATION_KEY]:
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
    headers = list(response.items())
    try:
        generation = current_generation()
        entry = (generation, response.status_code, headers, response.content)
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
    except CACHE_ERRORS:
        logger.warning("Page cache unreachable; page not kept", exc_info=True)


class PageCacheMiddleware:
    """Serves kept pages and keeps new ones; first in MIDDLEWARE, so it sees the final headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        kept = lookup(request.META)
        if kept is not None:
            status, headers, body = kept
            response = HttpResponse(body, status=status)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        store(request, response)
        return response


class PageCacheApp:
    """WSGI middleware: answers kept pages itself and passes every other request on to Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        kept = lookup(environ)
        if kept is None:
            return self.application(environ, start_response)
        status, headers, body = kept
        start_response(f"{status} OK", headers)
        return [body]
