"""Wagtail's site and page routing, remembered between publishes.

For every request Wagtail finds the site by host name (one query) and then walks the page tree from the
site's root, a query for each level and another for each page's specific type: six queries for an
article, most of the time of a page whose content comes from fragment caches. The tree only changes
when something is published, moved or deleted, which changes the page-cache generation
(`portal.caching.generation`). So this middleware keeps:

- per install generation, the site for a host and port, which it hands to Wagtail as
  `request._wagtail_site` (and to the caches as the request's site, so that each site's routes and
  fragments carry its own generation);
- per list generation of the site (renewed by every publish but an article's edit that leaves it where
  it was, under the same address), for each path Wagtail served, which page the route ended on and how
  much of the path that page consumed. The next request takes that one page and lets it route the
  rest itself, so routable pages (archives, print views, the index pages' views) resolve their
  sub-paths as before;
- per generation of the site (renewed by every publish there), that page itself, as read from the
  database: loading it cost 1.7 ms of CPU for a news section and 2.9 ms for an article (building the
  query of a page type with its parent tables), unpickling a kept copy 0.02–0.06 ms. Each request gets
  its own copy, so nothing a view sets on the page reaches the next one. A page just published is
  read and kept by the publish itself, once committed (`keep_published_page`).

What Wagtail then does with the route (view restrictions, `serve`) is unchanged.

This is the one module that relies on Wagtail internals. Wagtail 8.0 keeps the request's site on
`request._wagtail_site` (`Site.find_for_request`), its page route on
`request._wagtail_route_for_request` (`Page.route_for_request`), as those methods' docstrings say,
and the list of site roots it makes page URLs from on `request._wagtail_cached_site_root_paths`
(`Page._get_site_root_paths`); none is public API. `hand_to_wagtail` sets them, and
`tests/portal/test_routing.py` pins that behaviour (checked against Wagtail 8.0.1), so an upgrade
that changes it fails there first.

Everything kept here is kept under a generation token, so each worker also keeps its own copy
(`portal.caching.local`); the tokens a request needs are read in one round trip
(`prefetch_tokens`), with those of the site its host was last found to be.
"""

import hashlib
from contextlib import suppress

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, transaction
from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.models.sites import split_domain_port

from portal.caching.generation import (
    CACHE_ERRORS,
    current_generation,
    install_generation,
    list_generation,
    prefetch_tokens,
    request_memo_scope,
    request_site_id,
    site_root_paths,
    sites_of_page,
)
from portal.caching.local import kept_cache

NO_SITE = "none"
NOT_GIVEN = object()


def digest(text: str) -> str:
    """A fixed-length key part, whatever host or path a client sends."""
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


# The site each host and port was last found to be, in this process: which site's tokens to read with
# the install's (`prefetch_tokens`), before the install's token says which site the host is.
_last_site_of_host: dict[str, int | None] = {}
HOSTS_REMEMBERED = 1000


def host_and_port(request) -> str:
    return f"{split_domain_port(request.get_host())[0]}:{request.get_port()}"


def cached_site(request, generation: str) -> Site | None:
    """The site for the request's host and port: Wagtail's own answer, kept for the generation."""
    key = "routing:site:" + digest(f"{host_and_port(request)}:{generation}")
    site = kept_cache().get(key)
    if site is None:
        site = Site.find_for_request(request) or NO_SITE
        kept_cache().set(key, site, settings.FRAGMENT_CACHE_SECONDS)
    return None if site == NO_SITE else site


def cached_route(request, path: str, site: Site, generation: str):
    """Wagtail's route for the path (a `RouteResult`), or None when nothing is there."""
    components = [component for component in path.split("/") if component]
    key = "routing:page:" + digest(f"{site.pk}:{get_language()}:{generation}:{'/'.join(components)}")
    found = kept_cache().get(key)
    if found is not None:
        content_type_id, page_id, consumed = found
        page = kept_page(content_type_id, page_id, site)
        if page is not None:
            try:
                return page.route(request, components[consumed:])
            except Http404:
                return None
    result = Page.route_for_request(request, path)
    if result is not None:
        page = result[0]
        consumed = page.depth - site.root_page.depth
        kept_cache().set(key, (page.content_type_id, page.pk, consumed), settings.FRAGMENT_CACHE_SECONDS)
        # As Wagtail found it, before any view used it.
        kept_cache().set(page_key(page.pk, site.pk), page, settings.FRAGMENT_CACHE_SECONDS)
    return result


def page_key(page_id: int, site_id: int) -> str:
    return f"routing:page-object:{page_id}:{current_generation(site_id)}"


def read_page(model, page_id: int):
    """The page as a kept route serves it, with what its views read along (`route_select_related`)."""
    pages = model.objects.filter(pk=page_id)
    if related := getattr(model, "route_select_related", ()):  # none: select_related() reads every key
        pages = pages.select_related(*related)
    return pages.first()


def kept_page(content_type_id: int, page_id: int, site: Site):
    """The page a kept route ends on, as the database holds it now: kept per generation of its site,
    which every publish, move or deletion there renews (None if it is gone)."""
    key = page_key(page_id, site.pk)
    page = kept_cache().get(key)
    if page is None:
        page = read_page(ContentType.objects.get_for_id(content_type_id).model_class(), page_id)
        if page is not None:
            kept_cache().set(key, page, settings.FRAGMENT_CACHE_SECONDS)
    return page


def keep_published_page(sender=None, instance=None, **kwargs) -> None:
    """A page was published: once that is committed, read it as a kept route serves it and keep it
    under its site's new generation, so that the first view after the publish does not (an
    article: 3 ms of CPU)."""
    model, page_id = instance.specific_class or type(instance), instance.pk  # an alias comes as it is

    def keep() -> None:
        with suppress(DatabaseError, *CACHE_ERRORS):
            page = read_page(model, page_id)
            for site_id in sites_of_page(page) if page is not None and page.live else ():
                kept_cache().set(page_key(page_id, site_id), page, settings.FRAGMENT_CACHE_SECONDS)

    transaction.on_commit(keep)


class CachedRoutingMiddleware:
    """Gives Wagtail the request's site and page route from the cache; last in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # When the database or the cache is down, Wagtail finds the site itself where a view needs
        # it (and fails there); views that need none, such as /healthz, still answer.
        # A host outside ALLOWED_HOSTS is refused by Django itself; nothing is kept for it.
        with request_memo_scope():
            site = None
            with suppress(DatabaseError, DisallowedHost, *CACHE_ERRORS):
                host = host_and_port(request)
                prefetch_tokens(_last_site_of_host.get(host))
                site = cached_site(request, install_generation())
                if host in _last_site_of_host or len(_last_site_of_host) < HOSTS_REMEMBERED:
                    _last_site_of_host[host] = site.pk if site is not None else None
                hand_to_wagtail(request, site=site)
            # What the request reads from caches afterwards (fragments, chrome, routes) is its site's.
            token = request_site_id.set(site.pk if site is not None else None)
            try:
                return self.get_response(request)
            finally:
                request_site_id.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        site = getattr(request, "_wagtail_site", None)
        if view_func is not wagtail_views.serve or site is None:
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        route = cached_route(request, path, site, list_generation(site.pk))
        if route is None:
            raise Http404
        hand_to_wagtail(request, route=route)
        return None


def hand_to_wagtail(request, *, site=NOT_GIVEN, route=NOT_GIVEN) -> None:
    """Give Wagtail the site and route it would otherwise look up, and the list of site roots its
    page URLs are made from (Wagtail 8.0 internals, see above)."""
    if site is not NOT_GIVEN:
        request._wagtail_site = site
        request._wagtail_cached_site_root_paths = site_root_paths()
    if route is not NOT_GIVEN:
        request._wagtail_route_for_request = route
