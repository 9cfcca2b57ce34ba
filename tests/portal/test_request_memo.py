"""What a request reads from the cache, it reads once: the publish generation, the restriction check,
the site list; and a publish made by the request itself is seen by the rest of it."""

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from portal.caching import generation
from portal.caching.generation import (
    GENERATION_KEY,
    current_generation,
    purge_site,
    request_memo_scope,
    site_generation_key,
)
from tests.factories import publish_article
from tests.services import redis_is_listening, redis_test_prefix, redis_test_url

pytestmark = pytest.mark.django_db


class CacheSpy:
    """The test's real cache, with a record of the keys each read (a round trip to Redis) asked for."""

    def __init__(self, monkeypatch):
        self.reads: list[list[str]] = []
        self.inside = False  # the local-memory cache's get_many and get_or_set call its get
        real_get, real_get_many, real_get_or_set = cache.get, cache.get_many, cache.get_or_set

        def record(real, keys):
            def read(first, *args, **kwargs):
                if self.inside:
                    return real(first, *args, **kwargs)
                self.reads.append(keys(first))
                self.inside = True
                try:
                    return real(first, *args, **kwargs)
                finally:
                    self.inside = False

            return read

        monkeypatch.setattr(cache, "get", record(real_get, lambda key: [key]))
        monkeypatch.setattr(cache, "get_many", record(real_get_many, list))
        monkeypatch.setattr(cache, "get_or_set", record(real_get_or_set, lambda key: [key]))

    def reads_of(self, key: str) -> int:
        return sum(key in keys for keys in self.reads)


def test_a_listings_first_view_reads_each_generation_token_and_kept_value_once(
    client, news_index, monkeypatch
):
    for number in range(3):
        publish_article(news_index, title=f"Tin cải cách hành chính số {number}")
    client.get("/")  # what every page shares (the site, its chrome) is read already
    spy = CacheSpy(monkeypatch)

    # The listing's first view since the publish: it reads and keeps everything it shows.

    response = client.get("/tin-tuc/")

    assert response.status_code == 200
    site_id = response.wsgi_request._wagtail_site.pk
    assert spy.reads_of(GENERATION_KEY) == 1
    assert spy.reads_of(site_generation_key(site_id)) == 1
    assert sum(any(key.startswith("page-restrictions:") for key in keys) for keys in spy.reads) == 1
    assert sum(any(key.startswith("news:archive-months:") for key in keys) for keys in spy.reads) == 1


def test_a_publish_made_during_a_request_is_seen_by_the_rest_of_it(home_page):
    site_id = home_page.get_site().pk
    with request_memo_scope():
        before = current_generation(site_id)
        assert current_generation(site_id) == before
        purge_site(site_id)
        after = current_generation(site_id)

    assert after != before
    assert current_generation(site_id) == after


def test_another_process_publish_is_seen_by_the_next_request(home_page):
    site_id = home_page.get_site().pk
    with request_memo_scope():
        before = current_generation(site_id)
        cache.set(site_generation_key(site_id), "renewed-elsewhere", None)  # another worker's purge
        assert current_generation(site_id) == before  # this request finishes on what it started with

    with request_memo_scope():
        assert current_generation(site_id) != before
        assert current_generation(site_id).endswith("renewed-elsewhere")


def test_outside_a_request_every_read_goes_to_the_cache(home_page):
    site_id = home_page.get_site().pk
    before = current_generation(site_id)
    cache.set(GENERATION_KEY, "renewed", None)

    assert generation.request_memo.get() is None
    assert current_generation(site_id) != before


@pytest.mark.skipif(not redis_is_listening(), reason="needs the Redis server on 127.0.0.1:6379")
def test_the_redis_cache_keeps_one_client_for_its_connection_pool():
    location = {
        "default": {
            "BACKEND": "portal.caching.backends.ResilientRedisCache",
            "LOCATION": redis_test_url(),
            "KEY_PREFIX": redis_test_prefix("client-reuse-test"),
        }
    }
    with override_settings(CACHES=location):
        redis_cache = caches.create_connection("default")
        redis_cache.set("greeting", "xin chào")
        client = redis_cache._cache.get_client()

        assert redis_cache.get("greeting") == "xin chào"
        assert redis_cache.get_many(["greeting"]) == {"greeting": "xin chào"}
        assert redis_cache._cache.get_client() is client
        assert redis_cache._cache.get_client(write=True) is client
        redis_cache.delete("greeting")
