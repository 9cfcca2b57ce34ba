"""Each worker keeps its own copy of what is kept under a generation token (portal/caching/local.py).

A page seen again reads its tokens from Redis in one round trip and finds its route, chrome, counts and
fragments in the worker's memory; a publish still shows at once, because it changes the tokens, hence
the keys. That holds only if every key read through the local copy carries a token: the template check
below fails when a fragment tag is added without one.
"""

import re
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import caches

from portal.caching.local import LocalFirstCache, kept_cache
from tests.factories import publish_article
from tests.services import redis_is_listening, redis_test_prefix, redis_test_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not redis_is_listening(), reason="needs the Redis server on 127.0.0.1:6379"),
]

REDIS_TEST_URL = redis_test_url()


def production_caches(entries: int = 200) -> dict:
    """The cache settings of an install with REDIS_URL (portal/settings/base.py), on a test database."""
    kept = {
        "BACKEND": "portal.caching.local.LocalFirstCache",
        "LOCATION": "kept-test",
        "OPTIONS": {"SHARED": "default", "MAX_ENTRIES": entries},
    }
    return {
        "default": {
            "BACKEND": "portal.caching.backends.ResilientRedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": redis_test_prefix("test-kept-locally"),
        },
        "kept": kept,
        "template_fragments": kept,
    }


@pytest.fixture
def redis_caches(settings):
    server = redis.Redis.from_url(REDIS_TEST_URL)
    server.flushdb()
    settings.CACHES = production_caches()
    kept_cache().clear_local()
    yield server
    kept_cache().clear_local()
    server.flushdb()


@pytest.fixture
def article(news_index):
    return publish_article(news_index, title="Hội nghị sơ kết công tác cải cách hành chính quý III")


def test_a_page_seen_again_reads_its_tokens_and_finds_the_rest_in_the_worker(
    client, redis_caches, round_trips, article
):
    client.get("/tin-tuc/")
    first_view = len(round_trips)
    round_trips.clear()

    response = client.get("/tin-tuc/")

    assert response.status_code == 200
    assert article.title in response.text
    reads = [method for method, _ in round_trips if method in ("get", "get_many")]
    # The visitor box's figures, kept by time in Redis alone; the tokens are the worker's copy
    # (tests/portal/test_purge_announcements.py).
    assert len(reads) <= 1, round_trips
    assert first_view > 10  # the first view found nothing kept and wrote what it made


def test_an_edit_published_elsewhere_shows_at_once(client, redis_caches, news_index, article):
    assert "quý III" in client.get(article.url).text
    assert "quý III" in client.get("/tin-tuc/").text

    article.title = "Hội nghị tổng kết công tác cải cách hành chính năm 2026"
    article.save_revision().publish()  # the publish renews tokens in Redis; no worker's copy is touched

    assert "năm 2026" in client.get(article.url).text
    listing = client.get("/tin-tuc/").text
    assert "năm 2026" in listing and "quý III" not in listing


def test_a_value_read_from_redis_is_kept_in_the_worker_as_a_copy(redis_caches):
    kept = kept_cache()
    kept.shared.set("routing:example:token-1", ["tin-tuc", 7])

    assert kept.get("routing:example:token-1") == ["tin-tuc", 7]
    kept.shared.delete("routing:example:token-1")
    found = kept.get("routing:example:token-1")  # from the worker's memory now
    assert found == ["tin-tuc", 7]
    found.append("changed by a request")
    assert kept.get("routing:example:token-1") == ["tin-tuc", 7]
    assert kept.get("routing:example:token-2") is None


def test_the_workers_copies_are_bounded_and_redis_keeps_the_rest(settings, redis_caches):
    settings.CACHES = production_caches(entries=20)
    kept = caches["kept"]
    assert isinstance(kept, LocalFirstCache)
    kept.clear_local()
    for number in range(100):
        kept.set(f"fragment:token:{number}", "x" * 100)

    assert len(kept._local._cache) <= 20
    assert kept.shared.get("fragment:token:0") == "x" * 100
    assert kept.get("fragment:token:0") == "x" * 100


def test_without_redis_kept_values_use_the_default_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    assert kept_cache() is caches["default"]


# Template context values that carry a generation token (portal/site_chrome.py, indexes/views.py,
# portal/visits/views.py, portal/legal/models.py): a fragment kept under none of them could be served from a worker's copy
# after a publish changed it.
TOKEN_VALUES = {
    "page_cache_generation",
    "generation_apart_from_articles",
    "generation_apart_from_article_edits",
    "generation_apart_from_article_edits_anywhere",
    "citations_generation",
    "kept_fragment_key",
    "figures_token",
}
FRAGMENT_TAG = re.compile(r"{%\s*(?:wagtailpagecache|wagtailcache|cache)\s+([^%]*)%}")


def test_every_fragment_tag_in_the_templates_carries_a_generation_token():
    fragments = []
    for template in Path(django_settings.BASE_DIR, "templates").rglob("*.html"):
        for arguments in FRAGMENT_TAG.findall(template.read_text(encoding="utf-8")):
            fragments.append((template.name, arguments))
            vary_on = set(arguments.split()[2:])
            assert vary_on & TOKEN_VALUES, f"{template.name}: {{% ... {arguments}%}} is kept under no token"

    assert len(fragments) >= 15  # the check did find the templates' fragments


def test_a_kept_page_is_served_from_the_workers_copy_while_its_generation_is_current(
    client, settings, redis_caches, round_trips, article
):
    from portal.caching.pages import WORKER_PAGES

    settings.PAGE_CACHE_SECONDS = 300
    WORKER_PAGES.clear()
    client.get(article.url)  # rendered, kept in Redis and in the worker
    round_trips.clear()

    hit = client.get(article.url)

    assert hit["X-Page-Cache"] == "hit"
    # Neither the page's bytes nor the tokens (this worker's copy, no purge announced since).
    assert round_trips == []
    article.title = "Hội nghị sơ kết công tác cải cách hành chính 9 tháng"
    article.save_revision().publish()
    fresh = client.get(article.url)
    assert "9 tháng" in fresh.text and not fresh.has_header("X-Page-Cache")
    WORKER_PAGES.clear()


def test_a_workers_copy_of_a_page_ends_when_its_time_is_up(
    client, settings, redis_caches, article, monkeypatch
):
    """What a page shows by the clock (the statistics' figures, a document's status on the day) changes
    without a purge: the copy lasts no longer than the page cache keeps the page."""
    from portal.caching import pages

    settings.PAGE_CACHE_SECONDS = 300
    pages.WORKER_PAGES.clear()
    now = [1000.0]
    monkeypatch.setattr(pages.time, "monotonic", lambda: now[0])
    client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"

    now[0] += 301
    redis_caches.flushdb()  # Redis let the entry go after PAGE_CACHE_SECONDS, as it does

    assert not client.get(article.url).has_header("X-Page-Cache")
    pages.WORKER_PAGES.clear()
