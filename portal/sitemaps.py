"""The sitemap: `/sitemap.xml` is an index of files of at most `PAGES_PER_FILE` pages each.

A single document with every address (100,000 articles: 4.6 MB, 14 s to build) is more than crawlers
accept and costs the server a denial of service per request. The index names each file with the
newest `lastmod` among its pages, so a crawler fetches again only the files that changed: pages are
listed in tree order, so new articles land in the last file and the older files keep their date.

Each answer (the index and every file) is kept per publish generation
(`portal.caching.generation`), in the default cache, so crawlers are served the bytes built once
after each publish. Sections add their own addresses (categories, editions, agencies, answers)
through `get_sitemap_urls`; `PAGES_PER_FILE` leaves room for those under the protocol's limit of
50,000 and under the portal's own of 10,000 addresses a file.
"""

import contextlib
import hashlib
from datetime import date, datetime
from xml.sax.saxutils import escape

from django.contrib.sites.requests import RequestSite
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from portal.caching.generation import CACHE_ERRORS, current_generation
from portal.http import error_response

PAGES_PER_FILE = 5_000
# What Wagtail's own `get_sitemap_urls` and `get_url_parts` read of a page.
ADDRESS_FIELDS = ("id", "path", "url_path", "content_type", "last_published_at", "latest_revision_created_at")
SECTION = "trang"  # the files' name: /sitemap-trang.xml?p=2
KEPT_SECONDS = 24 * 60 * 60  # a generation's entries go on their own, but not never


class PortalSitemap(Sitemap):
    """Wagtail's sitemap of live public pages, in files of `PAGES_PER_FILE` pages."""

    limit = PAGES_PER_FILE

    def items(self):
        # Plain pages: each address comes from the page's `url_path`, the same for every page type
        # that keeps Wagtail's own addressing. Only the types that add addresses are read whole.
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .only(*ADDRESS_FIELDS)
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        whole_ids = [page.pk for page in pages if adds_addresses(page.specific_class)]
        whole = Page.objects.filter(pk__in=whole_ids).specific().defer_streamfields().in_bulk()
        urls = []
        for item in pages:
            urls += whole.get(item.pk, item).get_sitemap_urls(self.request)
        return urls

    def get_latest_lastmod(self):
        return None  # per file, in `file_dates`: Django's would read every page of the site

    def file_dates(self) -> list[datetime | None]:
        """The newest publication date in each file, in order (one query over two narrow columns)."""
        pages = (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .only(*ADDRESS_FIELDS)
        )
        dates: list[datetime | None] = []
        for position, (published, created) in enumerate(
            pages.values_list("last_published_at", "latest_revision_created_at").iterator(chunk_size=5000)
        ):
            date = published or created
            if position % self.limit == 0:
                dates.append(date)
            elif date and (dates[-1] is None or date > dates[-1]):
                dates[-1] = date
        return dates or [None]


def adds_addresses(page_class) -> bool:
    """Whether a page type lists more than its own address, or addresses itself its own way."""
    return page_class is not None and any(
        getattr(page_class, name) is not getattr(Page, name)
        for name in ("get_sitemap_urls", "get_url_parts", "get_full_url", "get_url")
    )


def index(request):
    """`/sitemap.xml`: the files of the sitemap, each with the newest date of its pages."""

    def build():
        location = request.build_absolute_uri(reverse("sitemap_file", kwargs={"section": SECTION}))
        dates = PortalSitemap(request).file_dates()
        entries = [
            element("sitemap", loc=location if number == 1 else f"{location}?p={number}", lastmod=date)
            for number, date in enumerate(dates, start=1)
        ]
        known = [date for date in dates if date]
        return xml_response("sitemapindex", entries, max(known) if known else None)

    return kept(request, build)


def sitemap_file(request, section):
    """`/sitemap-trang.xml?p=N`: one file of the sitemap; a page number that is not one is a 404."""
    if section != SECTION:
        raise Http404(f"No sitemap section {section!r}")
    sitemap = PortalSitemap(request)
    number = request.GET.get("p", "1")

    def build():
        try:
            urls = sitemap.get_urls(page=number, site=RequestSite(request), protocol=request.scheme)
        except PageNotAnInteger:
            message = gettext("“%(page)s” is not a page number.") % {"page": number[:20]}
            return error_response(request, message, 404)
        except EmptyPage:
            message = gettext("Page %(number)s does not exist: this list has %(pages)s pages.") % {
                "number": number[:20],
                "pages": sitemap.paginator.num_pages,
            }
            return error_response(request, message, 404)
        entries = [
            element(
                "url",
                loc=url["location"],
                lastmod=url.get("lastmod"),
                changefreq=url.get("changefreq"),
                priority=url.get("priority"),
            )
            for url in urls
        ]
        return xml_response("urlset", entries, getattr(sitemap, "latest_lastmod", None))

    return kept(request, build)


def element(name: str, **children) -> str:
    """One `<url>` or `<sitemap>` entry; dates as the day in the portal's time zone, as Django writes them."""
    parts = []
    for child, value in children.items():
        if value is None or value == "":
            continue
        if isinstance(value, datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if isinstance(value, date):
            value = value.isoformat()
        parts.append(f"<{child}>{escape(str(value))}</{child}>")
    return f"<{name}>{''.join(parts)}</{name}>"


def xml_response(root: str, entries: list[str], last_modified: datetime | None) -> HttpResponse:
    """The document, written directly: Django's template takes 1 ms per address, this a few µs."""
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{NAMESPACE}">\n'
    body += "\n".join(entries) + f"\n</{root}>\n"
    response = HttpResponse(body, content_type="application/xml")
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    if last_modified:
        response.headers["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def kept(request, build) -> HttpResponse:
    """The response `build()` makes for this address, kept until the next publish."""
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]
    key = f"sitemap:{current_generation()}:{digest}"
    try:
        stored = cache.get(key)
    except CACHE_ERRORS:
        stored = None
    if stored is not None:
        content, headers = stored
        return HttpResponse(content, headers=headers)
    response = build()
    if response.status_code != 200:
        return response
    headers = {name: value for name, value in response.headers.items() if name in KEPT_HEADERS}
    with contextlib.suppress(CACHE_ERRORS):
        cache.set(key, (response.content, headers), KEPT_SECONDS)
    return response


NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
KEPT_HEADERS = {"Content-Type", "Last-Modified", "X-Robots-Tag"}
