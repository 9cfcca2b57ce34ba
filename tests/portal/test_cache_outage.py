"""Redis gone: every public page still answers from the database, and caching comes back by itself.

The cache here is the production backend (`ResilientRedisCache`) pointed at real failures: a port where
nothing listens, a server that never answers, and a link to the real Redis that is cut and restored.
"""

import io
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command

from news.models import ArticlePage
from portal.caching import backends
from tests.faults import BlackHole, SwitchableProxy, closed_port
from tests.services import redis_is_listening, redis_test_prefix, redis_test_url

pytestmark = pytest.mark.django_db

TIMEOUT = 0.3
LINK = re.compile(r'href="([^"#]+)"')
API_PATHS = [
    "/api/v1/editions",
    "/api/v1/results",
    "/api/v1/agencies",
    "/api/v1/service-counts",
    "/api/v1/search?q=cai+cach",
    "/api/v1/search/suggest?q=cai",
    "/api/v1/visits/summary",
]


def redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "portal.caching.backends.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": redis_test_prefix("outage-test"),
            "OPTIONS": {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT},
        }
    }


@pytest.fixture(autouse=True)
def forget_outages(monkeypatch):
    monkeypatch.setattr(backends, "RETRY_SECONDS", 0.5)
    backends._unreachable_until.clear()
    yield
    backends._unreachable_until.clear()


@pytest.fixture
def demo_site():
    call_command("load_demo", "--no-admin", stdout=io.StringIO())


def crawl(client, start: str = "/", limit: int = 80) -> dict[str, int]:
    """Follow the site's own links from `start`, as a visitor would: address → status code."""
    seen: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response.status_code
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in LINK.findall(response.content.decode()):
            if href.startswith(("mailto:", "tel:")):
                continue
            target = urlsplit(urljoin(path, href.replace("&amp;", "&")))
            if target.netloc not in ("", "testserver") or target.path.startswith(
                ("/admin", "/documents", "/media", "/static", "/api/v1/visits/hit")
            ):
                continue
            address = target.path + (f"?{target.query}" if target.query else "")
            if address not in seen:
                queue.append(address)
    return seen


def test_with_redis_refusing_connections_every_public_page_and_api_answers(client, settings, demo_site):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    settings.PAGE_CACHE_SECONDS = 300

    statuses = crawl(client)
    statuses.update({path: client.get(path).status_code for path in API_PATHS})

    assert len(statuses) > 40  # home, listings, articles, print views, figures, downloads, search, API…
    assert {path: status for path, status in statuses.items() if status != 200} == {}
    assert backends.is_degraded()


def test_a_server_that_never_answers_costs_one_timeout_not_one_per_call(
    client, settings, news_index, monkeypatch
):
    # The production window, not the fixture's half second: a loaded machine can take longer than that for four
    # pages, and the test is about calls within one window.
    monkeypatch.setattr(backends, "RETRY_SECONDS", 5.0)
    black_hole = BlackHole()
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{black_hole.port}/0")
    settings.PAGE_CACHE_SECONDS = 300
    try:
        statuses = [client.get(path).status_code for path in ["/", "/tin-tuc/", "/", "/tin-tuc/"]]
    finally:
        black_hole.close()

    assert statuses == [200, 200, 200, 200]
    # Dozens of cache calls across four pages, one connection: after it timed out, none were tried.
    assert len(black_hole.connections) == 1


def test_healthz_says_degraded_but_serving_while_the_cache_is_down(client, settings, news_index):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable", "pages": "ok"}


def test_healthz_fails_when_the_home_page_does_not_render(client, news_index, monkeypatch):
    from portal.models import HomePage

    monkeypatch.setattr(HomePage, "template", "portal/no_such_template.html")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["pages"] == "failing"
    assert response.json()["status"] == "unavailable"


@pytest.mark.skipif(not redis_is_listening(), reason="no Redis server on 127.0.0.1:6379")
def test_caching_resumes_after_an_outage_and_forgets_what_changed_meanwhile(client, settings, news_index):
    from tests.factories import publish_article

    proxy = SwitchableProxy(6379)
    settings.CACHES = redis_cache(redis_test_url(3, port=proxy.port))
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    article = publish_article(news_index, title="Hội nghị tổng kết công tác cải cách hành chính")
    try:
        client.get(article.url)
        assert client.get(article.url).headers.get("X-Page-Cache") == "hit"

        proxy.down()
        during = client.get(article.url)
        # An editor publishes a correction while the cache is gone: the purge cannot reach it.
        revision = ArticlePage.objects.get(pk=article.pk)
        revision.title = "Hội nghị tổng kết công tác cải cách hành chính năm 2024"
        revision.save_revision().publish()
        assert "năm 2024" in client.get(article.url).content.decode()

        proxy.up()
        import time

        time.sleep(backends.RETRY_SECONDS + 0.1)
        after = client.get(article.url)
        again = client.get(article.url)
    finally:
        proxy.down()
        backends._unreachable_until.clear()

    assert during.status_code == 200 and "X-Page-Cache" not in during.headers
    # The page kept before the outage is not served again: it predates the correction.
    assert after.status_code == 200 and "năm 2024" in after.content.decode()
    assert "X-Page-Cache" not in after.headers
    assert again.headers.get("X-Page-Cache") == "hit" and "năm 2024" in again.content.decode()
