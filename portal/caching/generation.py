"""The publish generation: the token that every cached page, route and fragment carries.

Publishing anything a page can show replaces a token, so everything kept under the old one is never
served again: the page cache, the routing cache, the restriction check, the site chrome and Wagtail's
`{% wagtailpagecache %}` fragments (their keys include it). Random tokens rather than counters, so
that a generation evicted from Redis can never bring old entries back.

One install serves a site for each department and the province's hub, so there are two kinds of
token: the install's own, and one per site. A site's generation is the pair of them
(`current_generation(site_id)`); within a request the site is the request's
(`portal.caching.routing` sets it). So:
- a page (or a snippet or setting that belongs to a site, through its `site_id`) published, unpublished
  or deleted renews its own site's token and the hub's (which lists every department's news and
  directory): the other departments keep what they have cached;
- anything without a site (the reform-index figures, agencies, images, documents, sites themselves, a
  page moved) renews the install's token, and with it every site's generation.

What purges:
- pages and snippets with draft states, when published, unpublished, moved or deleted (drafts do not);
- rows of the models an app declares with `purge_when_changed(...)` from its `AppConfig.ready()`,
  whenever one is saved or deleted: the platform names no app's model.

Narrower tokens, renewed by every purge but some publishes, for what those publishes leave as it was:
- `revision_kept_generation()`: not by a publish, unpublish or deletion of a page kept by revision
  (`pages_kept_by_revision`: articles). For what shows none of them, or shows each by its revision.
- `list_generation()` (per site) and `lists_generation_anywhere()`: not by a publish that an app
  vouches changed no list (`publishes_keeping_lists`: an article's edit that leaves it where it was,
  under the same address). For what depends on which pages are where, in what order: counts, routes.
"""

import secrets
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from portal.caching import backends
from portal.caching.announcements import TOKENS
from portal.caching.local import kept_cache

GENERATION_KEY = "page-cache:generation"
# Renewed by every purge, of one site or of all: what needs to know that anything changed anywhere
# (the countable page ids of the hit endpoint) reads this one key.
CHANGE_KEY = "page-cache:changed"
SITE_GENERATION_PREFIX = "page-cache:generation:site:"
# Renewed by every purge but a publish of a page kept by revision (see `pages_kept_by_revision`): what
# holds one such page and carries its revision in its key (a listing's card of an article) is kept
# through the publishes of the other pages of its kind.
REVISION_KEPT_KEY = "page-cache:revision-kept"
# Renewed by every purge but a publish that leaves every list as it was (see `publishes_keeping_lists`):
# what depends only on which pages are where, and in what order (a listing's count and its deep pages'
# starting points, a path's route), is kept through an edit of an article's text. One token per site
# (a site's purge renews its own and the hub's), and one renewed by every such purge anywhere.
LISTS_KEY = "page-cache:lists"
SITE_LISTS_PREFIX = "page-cache:lists:site:"
# A cache that cannot be reached costs the cache, never the page: the request goes to Django.
CACHE_ERRORS = backends.UNREACHABLE
# Fields Wagtail fills in by itself while rendering (an image's size and hash, read on first use).
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}

# The site of the request being answered (its id), set by the routing middleware for the request.
request_site_id: ContextVar[int | None] = ContextVar("request_site_id", default=None)
# The tokens already read during the request being answered ({key: token}), or None outside a request;
# also what `kept_for_request` remembers.
# A page reads its generation from many places (route, chrome, cards, pagination, fragments): one
# round trip to the cache per request instead of one for each. A request started before another
# process's publish may finish on the old generation, as it would have had it been a little faster; a
# purge made by the request itself (an editor's publish) forgets them at once.
request_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


def site_generation_key(site_id: int) -> str:
    return f"{SITE_GENERATION_PREFIX}{site_id}"


def fetch_tokens(keys: list[str]) -> dict[str, str]:
    """The tokens the cache holds under `keys` (only those it holds): this worker's copy while no purge
    has been announced since it read them (`portal.caching.announcements`), else read from the cache."""
    held = TOKENS.held(keys)
    if held is not None:
        return held
    epoch = TOKENS.current_epoch()
    found = cache.get_many(keys)
    TOKENS.remember(found, epoch)
    return found


def _read_token(key: str, found: dict) -> str:
    token = found.get(key)
    if token is None:
        if cache.add(key, secrets.token_hex(8), None):
            TOKENS.announce()  # a token made anew (first use, or evicted): no worker's copy may differ
        token = cache.get(key)
    return token or secrets.token_hex(8)


def site_token_keys(site_id: int) -> tuple[str, str]:
    """The keys of a site's own tokens: its generation and its lists'."""
    return (site_generation_key(site_id), f"{SITE_LISTS_PREFIX}{site_id}")


def request_token_keys(site_id: int | None) -> list[str]:
    """Every token a request of this site may read: the install's and the site's own."""
    return [
        GENERATION_KEY,
        CHANGE_KEY,
        REVISION_KEPT_KEY,
        LISTS_KEY,
        *(site_token_keys(site_id) if site_id else ()),
    ]


def _read_tokens(keys: list[str]) -> dict[str, str]:
    """The tokens under these keys, each created on first use; within a request each is read once,
    and the first read of a request reads every token its site may ask for with them (one round trip
    where a page asked for four narrower tokens at different moments)."""
    remembered = request_memo.get()
    if remembered is None:
        found = fetch_tokens(keys)
        return {key: _read_token(key, found) for key in keys}
    missing = [key for key in keys if key not in remembered]
    if not missing:
        return remembered
    companions = [key for key in request_token_keys(request_site_id.get()) if key not in remembered]
    found = fetch_tokens(list(dict.fromkeys([*missing, *companions])))
    remembered.update({key: found[key] for key in companions if key in found and key not in missing})
    tokens = {key: _read_token(key, found) for key in missing}
    if all(key in found for key in missing):
        remembered.update(tokens)  # only tokens the cache held: a made-up one must not outlive the call
    return {**remembered, **tokens}


@contextmanager
def request_memo_scope(seed: dict | None = None):
    """Within the block (a request), each generation token is read from the cache at most once.

    `seed`: tokens the request has read already (the page cache's lookup reads them with the page).
    A block inside another shares the outer one's tokens.
    """
    remembered = request_memo.get()
    if remembered is not None:
        remembered.update(seed or {})
        yield
        return
    reset = request_memo.set(dict(seed or {}))
    try:
        yield
    finally:
        request_memo.reset(reset)


def prefetch_tokens(site_id: int | None) -> None:
    """Within a request, read every token a request of `site_id` may ask for now, in one round trip:
    for the routing middleware, which knows the request's likely site before it reads the install's
    token that tells which site the host is."""
    remembered = request_memo.get()
    if remembered is None:
        return
    keys = [key for key in request_token_keys(site_id) if key not in remembered]
    if keys:
        remembered.update(fetch_tokens(keys))


def kept_for_request(key: str, read):
    """`read()`, once per request for this key: for what a page asks several times of the cache.

    Forgotten, like the tokens, when the request itself purges; outside a request, `read()` every time.
    `key` should hold the generation the value depends on.
    """
    remembered = request_memo.get()
    if remembered is None:
        return read()
    memo_key = ("kept", key)
    if memo_key not in remembered:
        remembered[memo_key] = read()
    return remembered[memo_key]


def read_token(key: str) -> str:
    """A token of one's own under `key` (created on first use, renewed by `renew_token`), read once per
    request like the generation: for what a publish should not forget but something rarer should."""
    return _read_tokens([key])[key]


def install_generation_with(key: str) -> str:
    """The install's token with one's own under `key` (`renew_token`): for what an install-wide purge
    and a renewal of `key` must forget, and a site's publish need not."""
    tokens = _read_tokens([GENERATION_KEY, key])
    return f"{tokens[GENERATION_KEY]}.{tokens[key]}"


def renew_token(key: str) -> None:
    """Give `key` a new token, so that everything kept under the old one is read again."""
    cache.set(key, secrets.token_hex(8), None)
    TOKENS.announce()
    forget_request_memo()


def forget_request_memo() -> None:
    """Drop the tokens read so far in this request, so that the next read sees a purge."""
    remembered = request_memo.get()
    if remembered is not None:
        remembered.clear()


def combine(install_token: str, site_id: int | None, site_token: str | None) -> str:
    """The generation of a site from its two tokens (the install's alone when no site is known)."""
    if site_id is None or site_token is None:
        return install_token
    return f"{install_token}.{site_id}.{site_token}"


def current_generation(site_id: int | None = None) -> str:
    """The token that kept pages, routes and fragments of a site must carry to be served.

    `site_id` defaults to the request's site; outside a request (a command) it is the install's token
    alone. While the cache is unreachable there is none to read; a fresh random one matches nothing kept.
    """
    if site_id is None:
        site_id = request_site_id.get()
    if site_id is None:
        return install_generation()
    site_key = site_generation_key(site_id)
    tokens = _read_tokens([GENERATION_KEY, site_key])
    return combine(tokens[GENERATION_KEY], site_id, tokens[site_key])


def revision_kept_generation() -> str:
    """The token of what is kept by page revision: renewed by an install-wide purge and by every site's
    purge except a publish, unpublish or deletion of a page kept by revision."""
    tokens = _read_tokens([GENERATION_KEY, REVISION_KEPT_KEY])
    return f"{tokens[GENERATION_KEY]}.{tokens[REVISION_KEPT_KEY]}"


def list_generation(site_id: int | None = None) -> str:
    """The token of what depends only on which of a site's pages are where, and in what order: renewed
    by an install-wide purge and by each of the site's purges but a publish that changes no list.

    `site_id` defaults to the request's site; with none (a command), the token of every site's lists.
    """
    if site_id is None:
        site_id = request_site_id.get()
    if site_id is None:
        return lists_generation_anywhere()
    site_key = f"{SITE_LISTS_PREFIX}{site_id}"
    tokens = _read_tokens([GENERATION_KEY, site_key])
    return f"{tokens[GENERATION_KEY]}.{site_id}.{tokens[site_key]}"


def lists_generation_anywhere() -> str:
    """Like `list_generation`, for what spans every site (the sites themselves, each site's sections):
    renewed by every purge, of any site, but a publish that changes no list."""
    tokens = _read_tokens([GENERATION_KEY, LISTS_KEY])
    return f"{tokens[GENERATION_KEY]}.{tokens[LISTS_KEY]}"


def site_root_paths() -> list:
    """Wagtail's list of every site's root (`Site.get_site_root_paths`, which reads it from the shared
    cache on every call), kept with every site's lists: a site saved, a home page published or a page
    moved renews it."""
    key = f"routing:site-root-paths:{lists_generation_anywhere()}"
    return kept_for_request(
        key, lambda: kept_cache().get_or_set(key, Site.get_site_root_paths, settings.FRAGMENT_CACHE_SECONDS)
    )


def install_generation() -> str:
    """The install's token alone: for what belongs to no site (which site a host is)."""
    return _read_tokens([GENERATION_KEY])[GENERATION_KEY]


def purge(**kwargs) -> None:
    """Forget everything kept on every site (also a signal receiver for what belongs to no site)."""
    forget_request_memo()
    cache.set_many({GENERATION_KEY: secrets.token_hex(8), CHANGE_KEY: secrets.token_hex(8)}, None)
    TOKENS.announce()


# Functions that name the sites showing every site's pages (the province's hub lists every department's
# news and their directory): `portal.site_scoping` registers its own from `PortalConfig.ready()`.
sites_showing_every_site: list = []
# Page types whose every view elsewhere is kept by their revision (`news` registers its articles, whose
# cards are keyed by the time they were published): their publishes leave `REVISION_KEPT_KEY`.
pages_kept_by_revision: list[type] = []
# Functions that tell, for a page just published, that the publish left every list as it was (the page
# was live before, in the same place, with the same date, categories and tags, and what lists show of
# it unchanged): `news` registers its articles'. A publish no function vouches for renews `LISTS_KEY`.
publishes_keeping_lists: list = []


def purge_site(site_id: int, *, keep_revisions: bool = False, keep_lists: bool = False) -> None:
    """Forget what one site keeps, and what the hub keeps (it shows every site's news and identity);
    the other departments' pages, routes and fragments stay. With `keep_revisions`, what is kept by
    page revision stays too; with `keep_lists`, what is kept by list membership."""
    forget_request_memo()
    site_ids = {site_id}
    for showing in sites_showing_every_site:
        site_ids.update(showing())
    tokens = {site_generation_key(pk): secrets.token_hex(8) for pk in site_ids}
    tokens[CHANGE_KEY] = secrets.token_hex(8)
    if not keep_revisions:
        tokens[REVISION_KEPT_KEY] = secrets.token_hex(8)
    if not keep_lists:
        tokens.update({f"{SITE_LISTS_PREFIX}{pk}": secrets.token_hex(8) for pk in site_ids})
        tokens[LISTS_KEY] = secrets.token_hex(8)
    cache.set_many(tokens, None)
    TOKENS.announce()


def sites_of_page(page) -> set[int]:
    """The ids of the sites whose tree holds this page (from Wagtail's cached list of site roots)."""
    path = page.url_path or ""
    return {root.site_id for root in Site.get_site_root_paths() if path.startswith(root.root_path)}


def purge_for_page(sender=None, instance=None, signal=None, **kwargs) -> None:
    """A page was published, unpublished or deleted: purge its site, or every site if it is in none."""
    site_ids = sites_of_page(instance) if isinstance(instance, Page) else set()
    if not site_ids:
        purge()
    keep_revisions = isinstance(instance, tuple(pages_kept_by_revision))
    keep_lists = signal is page_published and any(keeps(instance) for keeps in publishes_keeping_lists)
    for site_id in site_ids:
        purge_site(site_id, keep_revisions=keep_revisions, keep_lists=keep_lists)


def purge_for_instance(sender=None, instance=None, **kwargs) -> None:
    """A snippet or setting changed: purge its own site when it belongs to one, else every site."""
    if isinstance(instance, Page):
        purge_for_page(instance=instance)
    elif getattr(instance, "site_id", None) is not None:
        purge_site(instance.site_id)
    else:
        purge()


def purge_for_snippet(sender=None, instance=None, **kwargs) -> None:
    """A snippet with draft states was published or unpublished. Wagtail sends the same signals for
    pages too, after `page_published` or `page_unpublished` (which `purge_for_page` answers)."""
    if not isinstance(instance, Page):
        purge_for_instance(instance=instance)


def purge_on_publishing() -> None:
    """Purge when a page or a snippet with draft states is published, unpublished, moved or deleted.

    Also when the cache answers again after an outage, during which a publish could not purge it.
    """
    if purge not in backends.on_recovery:
        backends.on_recovery.append(purge)
    for signal in (page_published, page_unpublished):
        signal.connect(purge_for_page, dispatch_uid=f"page-cache-{id(signal)}")
    for signal in (published, unpublished):
        signal.connect(purge_for_snippet, dispatch_uid=f"page-cache-{id(signal)}")
    # A move may take a page from one site to another: both change, and addresses with them.
    post_page_move.connect(purge, dispatch_uid=f"page-cache-{id(post_page_move)}")
    post_delete.connect(purge_if_page, dispatch_uid="page-cache-page-deleted")


def purge_when_changed(*models) -> None:
    """Purge whenever a row of one of these models (shown on public pages, without drafts) changes."""
    for model in models:
        label = model._meta.label
        post_save.connect(purge_if_shown_change, sender=model, dispatch_uid=f"page-cache-saved-{label}")
        post_delete.connect(purge_for_instance, sender=model, dispatch_uid=f"page-cache-deleted-{label}")


def purge_if_shown_change(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    if created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        return  # made with its defaults on first read (`for_site`, `load`); the admin's save follows
    if update_fields is None or not set(update_fields) <= BOOKKEEPING_FIELDS:
        purge_for_instance(instance=instance)


def purge_if_page(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        purge_for_page(instance=instance)
