"""10,000 hits from 50 concurrent clients and 200 visitors: exactly 10,000 page views and 200 visits.

Each client is a thread with its own database connection sending real requests through Django's
whole stack, against the database store and, where Redis runs, against the Redis store.
"""

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from portal import visits
from portal.models import PageViewDay
from tests.services import redis_is_listening

pytestmark = pytest.mark.slow  # a load test: 10,000 requests from 50 threads

HITS, CLIENTS, VISITORS = 10_000, 50, 200
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def visitor(number: int) -> dict:
    return {
        "REMOTE_ADDR": f"203.0.{number // 100}.{number % 100}",
        "HTTP_USER_AGENT": f"Mozilla/5.0 (Linux; Android 14; Phone {number % 7}) Chrome/124.{number} Mobile",
    }


def send_hits(page_id: int, count: int, offset: int, agent: str | None = None) -> None:
    client = Client()
    try:
        for number in range(offset, offset + count):
            headers = visitor(number % VISITORS)
            if agent:
                headers["HTTP_USER_AGENT"] = agent
            response = client.get(f"/api/v1/visits/hit?page={page_id}", **headers)
            assert response.status_code == 200
    finally:
        connection.close()


def hammer(page_id: int, agent: str | None = None, hits: int = HITS) -> None:
    per_client = hits // CLIENTS
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [pool.submit(send_hits, page_id, per_client, n * per_client, agent) for n in range(CLIENTS)]
        for future in futures:
            future.result()


@pytest.fixture(params=["database", "redis"])
def store(request, settings):
    if request.param == "redis":
        if not redis_is_listening():
            pytest.skip("no Redis server on 127.0.0.1:6379")
        settings.REDIS_URL = "redis://127.0.0.1:6379/13"
        settings.VISITS_KEY_PREFIX = f"test-visits-{uuid.uuid4().hex}"
    settings.VISITS_FLUSH_SECONDS = 3600  # flush only when the test says so
    visits.get_store.cache_clear()
    yield request.param
    visits.get_store.cache_clear()


@pytest.mark.django_db(transaction=True)
def test_ten_thousand_concurrent_hits_are_counted_exactly(live_db, store, home_page):
    hammer(home_page.pk)

    during = visits.summary()
    visits.flush()
    after = visits.summary()

    assert (during.total_page_views, during.total_visits) == (HITS, VISITORS)
    assert (after.total_page_views, after.total_visits) == (HITS, VISITORS)
    assert PageViewDay.objects.get(page_id=home_page.pk).views == HITS


@pytest.mark.django_db(transaction=True)
def test_the_same_load_from_bots_adds_nothing(live_db, store, home_page):
    hammer(home_page.pk, agent=BOT, hits=1_000)
    visits.flush()

    summary = visits.summary()
    assert (summary.total_page_views, summary.total_visits) == (0, 0)
