"""What every public page shows around its content: the agency's identity, its logo and the menus.

They come from two site settings, the menu's pages and the logo's rendition: about seven queries that
would be the same on every page. They are read once per site, language and list generation of the
site (`portal.caching.generation.list_generation`) and kept in the cache, so that a page costs only
the queries of its own content. That token changes whenever a setting or an image is saved and
whenever something is published, but an article's edit that leaves it where it was, so an edit of
the chrome shows on the next page view. A menu may show an article's title: a new title counts as
changing the lists (`news.signals.list_signature`).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Site

from portal.caching.generation import (
    current_generation,
    list_generation,
    lists_generation_anywhere,
    revision_kept_generation,
)
from portal.caching.local import kept_cache
from portal.models import AgencySettings, NavigationSettings


@dataclass(frozen=True)
class MenuLink:
    text: str
    url: str
    page_id: int | None  # a page of this site (for aria-current), or None for an external address


@dataclass(frozen=True)
class Logo:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class SiteChrome:
    agency: AgencySettings
    logo: Logo | None
    main_menu: list[MenuLink]
    footer_links: list[MenuLink]

    def marked_current(self, page) -> str:
        """Which of the chrome's links the header and footer mark as the page shown (`aria-current`):
        "home" on a site's home page, the page's id when a menu links to it, "" on every other page,
        which therefore all share one kept header and footer (`portal_tags.chrome_fragment_key`)."""
        if getattr(page, "depth", None) == 2:
            return "home"
        page_id = getattr(page, "pk", None)
        if page_id is not None and any(
            link.page_id == page_id for link in self.main_menu + self.footer_links
        ):
            return str(page_id)
        return ""


def menu_links(stream, request) -> list[MenuLink]:
    links = []
    for block in stream:
        page = block.value.get("page")
        if page is not None and not page.live:
            continue
        url = page.get_url(request) if page is not None else block.value.get("url")
        links.append(MenuLink(text=block.value.text(), url=url, page_id=page.pk if page else None))
    return links


def read_chrome(site: Site, request) -> SiteChrome:
    agency = AgencySettings.for_site(site)
    navigation = NavigationSettings.for_site(site)
    logo = None
    if agency.logo_id and agency.logo:
        rendition = agency.logo.get_rendition("height-64|format-webp")
        logo = Logo(url=rendition.url, width=rendition.width, height=rendition.height)
    return SiteChrome(
        agency=agency,
        logo=logo,
        main_menu=menu_links(navigation.main_menu, request),
        footer_links=menu_links(navigation.footer_links, request),
    )


def site_chrome(request) -> SiteChrome | None:
    """The identity, logo and menus of the request's site, from the cache when they are there."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    key = f"site-chrome:{site.pk}:{get_language()}:{list_generation(site.pk)}"
    chrome = kept_cache().get(key)
    if chrome is None:
        chrome = read_chrome(site, request)
        kept_cache().set(key, chrome, settings.FRAGMENT_CACHE_SECONDS)
    return chrome


def context(request) -> dict:
    """Context processor: `chrome`, read only when a template uses it, and what fragment caches vary on.

    `page_cache_generation` goes into the keys of Wagtail's `{% wagtailpagecache %}` fragments, so that
    publishing anything (a new article, a renamed category) renews them; `fragment_cache_seconds` is
    how long they are kept otherwise. A fragment that shows no page kept by revision (no article: the
    legal library) goes by `generation_apart_from_articles` instead, which their publishes leave; one
    that shows of articles only what lists show (a listing's cards, links with titles) by
    `generation_apart_from_article_edits`, which an article's edit that leaves its place, address,
    title, lead and picture leaves (`list_generation`); one that may show another site's articles so
    (related news) by `generation_apart_from_article_edits_anywhere` (`lists_generation_anywhere`).
    """
    return {
        "chrome": SimpleLazyObject(lambda: site_chrome(request)),
        "page_cache_generation": SimpleLazyObject(current_generation),
        "generation_apart_from_articles": SimpleLazyObject(revision_kept_generation),
        "generation_apart_from_article_edits": SimpleLazyObject(list_generation),
        "generation_apart_from_article_edits_anywhere": SimpleLazyObject(lists_generation_anywhere),
        "fragment_cache_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }
