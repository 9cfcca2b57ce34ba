"""The publish generation: one token that every cached page, route and fragment carries.

Publishing anything a page can show replaces the token, so everything kept under the old one is never
served again: the page cache, the routing cache, the restriction check, the site chrome and Wagtail's
`{% wagtailpagecache %}` fragments (their keys include it). A random token rather than a counter, so
that a generation evicted from Redis can never bring old entries back.

What purges:
- pages and snippets with draft states, when published, unpublished, moved or deleted (drafts do not);
- rows of the models an app declares with `purge_when_changed(...)` from its `AppConfig.ready()`,
  whenever one is saved or deleted: the platform names no app's model.
"""

import secrets

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from portal.caching import backends

GENERATION_KEY = "page-cache:generation"
# A cache that cannot be reached costs the cache, never the page: the request goes to Django.
CACHE_ERRORS = backends.UNREACHABLE
# Fields Wagtail fills in by itself while rendering (an image's size and hash, read on first use).
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


def current_generation() -> str:
    """The token that kept pages, routes and fragments must carry to be served.

    While the cache is unreachable there is none to read; a fresh random one matches nothing kept.
    """
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(GENERATION_KEY)
    return generation or secrets.token_hex(8)


def purge(**kwargs) -> None:
    """Forget everything kept (also a signal receiver: something a page can show was published)."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)


def purge_on_publishing() -> None:
    """Purge when a page or a snippet with draft states is published, unpublished, moved or deleted.

    Also when the cache answers again after an outage, during which a publish could not purge it.
    """
    if purge not in backends.on_recovery:
        backends.on_recovery.append(purge)
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(purge, dispatch_uid=f"page-cache-{id(signal)}")
    post_delete.connect(purge_if_page, dispatch_uid="page-cache-page-deleted")


def purge_when_changed(*models) -> None:
    """Purge whenever a row of one of these models (shown on public pages, without drafts) changes."""
    for model in models:
        label = model._meta.label
        post_save.connect(purge_if_shown_change, sender=model, dispatch_uid=f"page-cache-saved-{label}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"page-cache-deleted-{label}")


def purge_if_shown_change(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    if created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        return  # made with its defaults on first read (`for_site`, `load`); the admin's save follows
    if update_fields is None or not set(update_fields) <= BOOKKEEPING_FIELDS:
        purge()


def purge_if_page(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        purge()
