"""Which site a request is on, and what of the page tree belongs to it.

One install serves a site for each department and the province's hub (`AgencySettings.is_hub`). Pages
live under a site's home page, so a listing, search or feed is scoped by the site's root; the hub's
scope is every site. The reform-index figures are not pages and are the same on every site.
"""

from wagtail.models import Site

from portal.site_scoping import all_sites, is_hub


def request_site(request) -> Site | None:
    """The request's site (Wagtail's answer, which the routing cache keeps per generation)."""
    return Site.find_for_request(request)


def hub_site() -> Site | None:
    """The province's hub, if one site is flagged as it (from the sites kept by `all_sites`)."""
    return next((site for _pk, site in sorted(all_sites().items()) if site.is_hub), None)


def scope_root(request):
    """The page whose descendants the request's listings and searches cover: its site's home page,
    or None (every site) on the hub and when no site answers."""
    site = request_site(request)
    if site is None or is_hub(site):
        return None
    return site.root_page


def in_scope(pages, root):
    """Pages under `root` (itself included); all of them when `root` is None."""
    return pages if root is None else pages.descendant_of(root, inclusive=True)


def first_by_site(pages) -> dict[int, object]:
    """The first of `pages` under each site's home page, by site id, in two queries whatever the number
    of sites: for links from one site (the hub, the API) to the right page of another."""
    roots = sorted(Site.objects.values_list("pk", "root_page__path"), key=lambda root: -len(root[1]))
    found: dict[int, object] = {}
    for page in pages.order_by("path"):
        site_id = next((pk for pk, path in roots if page.path.startswith(path)), None)
        if site_id is not None:
            found.setdefault(site_id, page)
    return found


def in_request_site(pages, request):
    """Pages of the request's own site, the hub included: for a section page's own listings."""
    site = request_site(request)
    return pages if site is None else pages.descendant_of(site.root_page, inclusive=True)
