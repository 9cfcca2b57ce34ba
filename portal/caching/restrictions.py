"""Whether any page has a view restriction (password, login, groups), read once per publish.

Wagtail checks a page's restrictions, and its ancestors', on every request (two queries), and
`PageQuerySet.public()` reads them all (one more). Agencies' portals rarely restrict a page, so the
answer to "is any page restricted at all?" is kept in the cache under the page-cache generation
(`portal.caching.generation`), which changes when a restriction is saved or deleted; when none is, those
checks cost nothing. When one is, Wagtail's own checks run unchanged.
"""

from wagtail.models import PageViewRestriction

from portal.caching.generation import current_generation, kept_for_request
from portal.caching.local import kept_cache


def any_restriction() -> bool:
    key = f"page-restrictions:{current_generation()}"

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
