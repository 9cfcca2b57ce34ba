"""10,000 hits from 50 concurrent clients, 200 visitors on 50 pages: exactly 10,000 page views and 200 visits.

Each (visitor, page) pair is hit once, so every hit is a view that counts; hitting the same pairs again
within 30 minutes adds nothing (a visitor's repeated views of a page count once). Each client is a
thread with its own database connection sending real requests through Django's whole stack, against
the database store and, where Redis runs, against the Redis store.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from news.models import ArticlePage
from news.synthetic import generate_articles
from portal.models import PageViewDay
from portal.visits import counting, figures

pytestmark = pytest.mark.slow  # a load test: 10,000 requests from 50 threads

HITS, CLIENTS, VISITORS, PAGES = 10_000, 50, 200, 50
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def visitor(number: int) -> dict:
    return {
        "REMOTE_ADDR": f"203.0.{number // 100}.{number % 100}",
        "HTTP_USER_AGENT": f"Mozilla/5.0 (Linux; Android 14; Phone {number % 7}) Chrome/124.{number} Mobile",
    }


def send_hits(page_ids: list[int], count: int, offset: int, agent: str | None = None) -> None:
    """Hit number n comes from visitor n % 200 on page n // 200 (of 50): each pair once in 10,000."""
    client = Client()
    try:
        for number in range(offset, offset + count):
            headers = visitor(number % VISITORS)
            if agent:
                headers["HTTP_USER_AGENT"] = agent
            page_id = page_ids[(number // VISITORS) % len(page_ids)]
            response = client.get(f"/api/v1/visits/hit?page={page_id}", **headers)
            assert response.status_code == 200
    finally:
        connection.close()


def hammer(page_ids: list[int], agent: str | None = None, hits: int = HITS) -> None:
    per_client = hits // CLIENTS
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [
            pool.submit(send_hits, page_ids, per_client, n * per_client, agent) for n in range(CLIENTS)
        ]
        for future in futures:
            future.result()


@pytest.fixture
def pages(news_index) -> list[int]:
    """50 live articles, written as `generate_articles` writes them: publishing each through a revision
    cost this setup 10 s on PostgreSQL, for pages the test only counts views of."""
    generate_articles(count=PAGES, news_index=news_index)
    return list(ArticlePage.objects.child_of(news_index).live().order_by("pk").values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
def test_ten_thousand_concurrent_hits_are_counted_exactly(live_db, store, pages):
    hammer(pages)

    during = figures.summary()
    counting.flush()
    after = figures.summary()
    hammer(pages, hits=1_000)  # the same visitors on the same pages again: repeats, not views
    again = figures.summary()

    assert (during.total_page_views, during.total_visits) == (HITS, VISITORS)
    assert (after.total_page_views, after.total_visits) == (HITS, VISITORS)
    assert (again.total_page_views, again.total_visits) == (HITS, VISITORS)
    assert set(PageViewDay.objects.values_list("views", flat=True)) == {HITS // PAGES}


@pytest.mark.django_db(transaction=True)
def test_the_same_load_from_bots_adds_nothing(live_db, store, pages):
    hammer(pages, agent=BOT, hits=1_000)
    counting.flush()

    summary = figures.summary()
    assert (summary.total_page_views, summary.total_visits) == (0, 0)
