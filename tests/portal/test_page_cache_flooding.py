"""Query strings cannot flood the page cache: only the parameters a page reads make its key.

Entries are counted in the cache itself: this process's memory, and a real Redis (database 11,
emptied before and after) where one runs.
"""

from wsgiref.util import setup_testing_defaults

import pytest
import redis
from django.core.cache import cache, caches

from portal.caching import pages as page_cache
from tests.factories import publish_article
from tests.services import redis_is_listening, redis_test_prefix, redis_test_url

pytestmark = pytest.mark.django_db

REDIS_TEST_URL = redis_test_url()


@pytest.fixture(params=["memory", "redis"])
def entries(request, settings):
    """The page cache on, in local memory or in Redis; returns a function counting the cache's entries."""
    settings.PAGE_CACHE_SECONDS = 300
    if request.param == "redis":
        if not redis_is_listening():
            pytest.skip("no Redis server on 127.0.0.1:6379")
        server = redis.Redis.from_url(REDIS_TEST_URL)
        server.flushdb()
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_TEST_URL,
                "KEY_PREFIX": redis_test_prefix("test-flooding"),
            }
        }
        yield server.dbsize
        server.flushdb()
    else:
        yield lambda: len(caches["default"]._cache)


@pytest.fixture
def real_entries(settings):
    """As `entries`, in Redis when one runs (else in memory): for the long test, run once."""
    settings.PAGE_CACHE_SECONDS = 300
    if not redis_is_listening():
        yield lambda: len(caches["default"]._cache)
        return
    server = redis.Redis.from_url(REDIS_TEST_URL)
    server.flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": redis_test_prefix("test-flooding"),
        }
    }
    yield server.dbsize
    server.flushdb()


@pytest.fixture
def article(news_index):
    return publish_article(news_index, title="Hội nghị triển khai Đề án 06 năm 2024")


def test_a_thousand_junk_query_strings_add_no_cache_entry(client, real_entries, home_page, article):
    entries = real_entries
    for path in ["/", article.url]:  # kept once each, with their fragments
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit"
    before = entries()

    statuses = set()
    for number in range(500):
        for path in ["/", article.url]:
            response = client.get(f"{path}?x{number}=1&trang={number}&q=r%C3%A1c-{number}")
            statuses.add(response.status_code)
            assert "X-Page-Cache" not in response

    assert statuses == {200}
    assert entries() == before


def test_a_listings_page_number_is_kept_but_not_beside_another_parameter(client, entries, news_index):
    for number in range(11):  # ten a page: two pages
        publish_article(news_index, title=f"Tin số {number}")
    client.get("/tin-tuc/?page=2")
    before = entries()

    kept = client.get("/tin-tuc/?page=2")
    also_kept = client.get("/tin-tuc/?page=%32")  # the same parameter, spelt another way
    with_junk = [client.get("/tin-tuc/?page=2&x=1") for _ in range(2)]

    assert kept["X-Page-Cache"] == "hit"
    assert also_kept["X-Page-Cache"] == "hit"
    assert [response.status_code for response in with_junk] == [200, 200]
    assert "X-Page-Cache" not in with_junk[1]
    assert "Tin số 0" in with_junk[1].content.decode()  # the second page, served all the same
    assert entries() == before


def test_parameters_in_another_order_share_an_entry():
    def key(query):
        return page_cache.cache_key(
            {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": "/so-sanh/",
                "HTTP_HOST": "testserver",
                "QUERY_STRING": query,
            }
        )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page_cache, "enabled", lambda: True)
        assert key("co-quan=a&ky=2023") == key("ky=2023&co-quan=a") == key("ky=2023&co-quan=%61")
        assert key("co-quan=a&co-quan=b") != key("co-quan=b&co-quan=a")  # the order of a name's values counts
        assert key("co-quan=a") != key("co-quan=b")


def test_tracking_parameters_are_dropped_so_shared_links_come_from_the_cache(
    client, entries, home_page, article
):
    client.get(article.url)
    client.get("/")
    before = entries()

    from_facebook = client.get(f"{article.url}?fbclid=IwAR0abc&utm_source=facebook&utm_medium=social")
    from_zalo = client.get("/?zarsrc=30&utm_source=zalo&utm_medium=zalo&utm_campaign=zalo")

    assert from_facebook["X-Page-Cache"] == "hit"
    assert from_zalo["X-Page-Cache"] == "hit"
    assert entries() == before

    cache.clear()
    fresh = client.get(f"{article.url}?utm_source=facebook&fbclid=IwAR0abc").content.decode()
    assert "fbclid" not in fresh and "utm_source" not in fresh  # not even in the language switch's link


def test_the_wsgi_layer_drops_tracking_parameters_before_django_reads_them(settings):
    settings.PAGE_CACHE_SECONDS = 300
    seen = []

    def django_application(environ, start_response):
        seen.append(environ["QUERY_STRING"])
        start_response("200 OK", [])
        return [b""]

    application = page_cache.PageCacheApp(django_application)
    for path, query in [
        ("/tin-tuc/", "page=2&utm_source=zalo&UTM_Medium=zalo&fbclid=x&gclid=y&zarsrc=30"),
        ("/tin-tuc/", "utm_campaign=tet"),
        ("/tim-kiem/", "q=chi+so&utm_source=zalo"),  # never kept: left as it came
    ]:
        environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "testserver"}
        setup_testing_defaults(environ)
        b"".join(application(environ, lambda status, headers: None))

    assert seen == ["page=2", "", "q=chi+so&utm_source=zalo"]


def test_one_address_keeps_only_so_many_query_strings(client, settings, entries, news_index):
    settings.PAGE_CACHE_MAX_VARIANTS = 2
    for number in range(11):
        publish_article(news_index, title=f"Tin số {number}")

    for spelling in ["2", "02", "002", "0002"]:
        client.get(f"/tin-tuc/?page={spelling}")

    assert client.get("/tin-tuc/?page=2")["X-Page-Cache"] == "hit"
    assert client.get("/tin-tuc/?page=02")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get("/tin-tuc/?page=002")


def test_a_view_that_only_passes_the_query_string_on_does_not_read_it():
    query = page_cache.ReadRecordingQueryDict(b"a=1&b=2&b=3&c=")

    query.urlencode()
    copied = query.copy()
    copied["d"] = "4"
    list(query.items())
    assert query.names_read == set()

    query.get("a"), query["c"], query.getlist("b"), "z" in query
    assert query.names_read == {"a", "b", "c", "z"}
    assert "d" not in query.names_read and "d" not in query
