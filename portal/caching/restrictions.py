"""Whether any page has a view restriction (password, login, groups), read once per publish.

Wagtail checks a page's restrictions, and its ancestors', on every request (two queries), and
`PageQuerySet.public()` reads them all (one more). Agencies' portals rarely restrict a page, so the
answer to "is any page restricted at all?" is kept in the cache under the install's generation
(`portal.caching.generation`), which every restriction saved or deleted renews (it belongs to no site)
and no page's publish does; when none is, those checks cost nothing. When one is, Wagtail's own checks run unchanged.
"""

from wagtail.models import PageViewRestriction

from portal.caching.generation import install_generation, kept_for_request
from portal.caching.local import kept_cache


def any_restriction() -> bool:
    key = f"page-restrictions:{install_generation()}"

    def read() -> bool:
        exists = kept_cache().get(key)
        if exists is None:
            exists = PageViewRestriction.objects.exists()
            kept_cache().set(key, exists, None)
        return exists

    return kept_for_request(key, read)


def public(pages):
    """`pages.public()`, without its query when no page is restricted."""
    return pages.public() if any_restriction() else pages
