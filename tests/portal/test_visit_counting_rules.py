"""What a hit may count: live public pages only, a visitor's repeated views once per 30 minutes, ASCII
page ids; and the hit endpoint keeps answering when the counters' Redis, or the database too, fails.

Hits go through `portal.wsgi.application`, the stack gunicorn serves, against the database store and,
where Redis runs, the Redis store (database 11, emptied before and after).
"""

import socket
import threading
import time
import uuid
from datetime import timedelta
from io import BytesIO
from wsgiref.util import setup_testing_defaults

import pytest
import redis
import time_machine
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from portal.models import PageViewDay, PendingHit
from portal.visits import countable, counting, figures, stores
from portal.wsgi import application
from tests.factories import ArticlePageFactory, publish_article
from tests.services import redis_is_listening, redis_test_url

pytestmark = pytest.mark.django_db

REDIS_TEST_URL = redis_test_url()
PHONE = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"
DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


@pytest.fixture(autouse=True)
def keep_the_test_transaction_open():
    """As Django's test client does: a real WSGI request would close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def fresh_stores(settings):
    settings.VISITS_FLUSH_SECONDS = 3600  # flush only when the test says so
    stores.get_store.cache_clear()
    stores.get_database_store.cache_clear()
    countable.forget()
    stores.RECENT_VIEWS.clear()
    yield
    stores.get_store.cache_clear()
    stores.get_database_store.cache_clear()
    countable.forget()


@pytest.fixture(params=["database", "redis"])
def store(request, settings):
    """Each test twice: counters in the database, and in a real Redis (db 11, emptied around the test)."""
    if request.param == "redis":
        if not redis_is_listening():
            pytest.skip("no Redis server on 127.0.0.1:6379")
        connection = redis.Redis.from_url(REDIS_TEST_URL)
        connection.flushdb()
        settings.VISITS_REDIS_URL = REDIS_TEST_URL
        settings.VISITS_KEY_PREFIX = f"test-visits-{uuid.uuid4().hex}"
        yield connection
        connection.flushdb()
    else:
        settings.VISITS_REDIS_URL = ""
        yield None


def hit(query: str, *, address: str = "203.0.113.5", agent: str = PHONE) -> tuple[str, bytes]:
    environ = {
        "PATH_INFO": counting.HIT_PATH,
        "QUERY_STRING": query,
        "HTTP_USER_AGENT": agent,
        "REMOTE_ADDR": address,
    }
    setup_testing_defaults(environ)
    environ["wsgi.input"] = BytesIO()
    environ["SERVER_NAME"] = "testserver"
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status

    body = application(environ, start_response)
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return answer["status"], content


def views() -> tuple[int, int]:
    summary = figures.summary()
    return summary.total_page_views, summary.total_visits


# Live, public pages only -----------------------------------------------------------------------------


def test_drafts_restricted_pages_and_ids_of_no_page_are_not_counted(store, news_index):
    draft = ArticlePageFactory(parent=news_index, live=False, title="Bản nháp")
    locked = publish_article(news_index, title="Tài liệu nội bộ")
    PageViewRestriction.objects.create(
        page=locked, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    internal = publish_article(news_index, title="Trong mục nội bộ")
    PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.LOGIN)
    root = Page.objects.get(depth=1)

    for page_id in [draft.pk, locked.pk, internal.pk, news_index.pk, root.pk, 999_999, 10**11]:
        status, content = hit(f"page={page_id}")
        assert status == "200 OK"
        assert content == counting.PIXEL
    counting.flush()

    assert views() == (0, 0)
    assert not PageViewDay.objects.exists()


def test_a_hit_without_a_page_id_is_answered_but_not_counted(store, home_page):
    assert hit("")[0] == "200 OK"
    assert hit("page=")[0] == "200 OK"

    assert views() == (0, 0)


def test_publishing_makes_a_page_count_and_unpublishing_stops_it(store, news_index):
    article = ArticlePageFactory(parent=news_index, live=False, title="Sắp xuất bản")
    hit(f"page={article.pk}", address="203.0.113.1")

    article.save_revision().publish()
    hit(f"page={article.pk}", address="203.0.113.2")
    article.refresh_from_db()
    article.unpublish()
    hit(f"page={article.pk}", address="203.0.113.3")
    counting.flush()

    assert views() == (1, 1)
    assert figures.page_views(article.pk) == 1


def test_a_restriction_saved_later_stops_the_count_at_once(store, news_index):
    article = publish_article(news_index)
    hit(f"page={article.pk}", address="203.0.113.1")

    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    hit(f"page={article.pk}", address="203.0.113.2")
    restriction.delete()
    hit(f"page={article.pk}", address="203.0.113.3")

    assert figures.page_views(article.pk) == 2


@pytest.mark.parametrize("digits", ["%EF%BC%90%EF%BC%95", "%D9%A5", "%E0%A5%AB", "%C2%B2"])
def test_page_ids_in_other_digits_than_ascii_are_a_400(store, home_page, digits, client):
    """Full-width "０５", Arabic-Indic "٥", Devanagari "५" and superscript "²" are digits to str.isdigit."""
    status, content = hit(f"page={digits}")
    through_django = client.get(f"/api/v1/visits/hit?page={digits}", HTTP_USER_AGENT=PHONE)

    assert status.startswith("400")
    assert b"page number" in content
    assert through_django.status_code == 400
    assert views() == (0, 0)


# A visitor's repeated views --------------------------------------------------------------------------


def test_four_thousand_reloads_from_one_visitor_count_one_view(store, news_index):
    article = publish_article(news_index)

    statuses = {hit(f"page={article.pk}")[0] for _ in range(4_000)}
    counting.flush()

    assert statuses == {"200 OK"}
    assert views() == (1, 1)
    assert figures.page_views(article.pk) == 1
    assert figures.summary().online == 1


def test_other_pages_and_other_visitors_still_count(store, home_page, news_index):
    article = publish_article(news_index)

    hit(f"page={article.pk}")
    hit(f"page={home_page.pk}")
    hit(f"page={article.pk}", agent=DESKTOP)  # another browser is another visitor
    hit(f"page={article.pk}", address="198.51.100.9")
    hit(f"page={article.pk}")  # a repeat

    assert views() == (4, 3)
    assert figures.page_views(article.pk) == 3


def test_a_view_after_thirty_minutes_counts_again(store, news_index):
    article = publish_article(news_index)
    # Mid-morning of today: started within half an hour of midnight, the second view fell on a new day.
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)

    with time_machine.travel(start, tick=False):
        hit(f"page={article.pk}")
    if store is not None:  # Redis expires the key itself: it must be set for 30 minutes
        (key,) = store.keys("*:seen:*")
        assert 1790 <= store.ttl(key) <= 1800
        store.delete(key)
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        if store is None:
            hit(f"page={article.pk}")
            assert figures.page_views(article.pk) == 1
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        hit(f"page={article.pk}")

        assert figures.page_views(article.pk) == 2
        assert figures.summary().total_visits == 1


def test_the_repeat_window_comes_from_the_settings(store, settings, news_index):
    settings.VISITS_REPEAT_MINUTES = 0  # every view counts, as before
    article = publish_article(news_index)

    for _ in range(3):
        hit(f"page={article.pk}")

    assert figures.page_views(article.pk) == 3


def test_the_statistics_page_says_how_views_are_counted(client, home_page):
    page = client.get("/thong-ke-truy-cap/").content.decode()

    assert "một trang được cùng một người xem lại trong vòng 30 phút chỉ tính một lần" in page


# When the counters' Redis fails ---------------------------------------------------------------------


def closed_port() -> int:
    """A port nothing listens on: bound, then closed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def black_hole():
    """A listening socket that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def unreachable_redis(settings, port: int) -> None:
    settings.VISITS_REDIS_URL = redis_test_url(port=port)
    settings.REDIS_TIMEOUT = 0.2
    settings.VISITS_KEY_PREFIX = f"test-visits-{uuid.uuid4().hex}"


@pytest.mark.parametrize("server", ["closed port", "black hole"])
def test_with_the_counters_redis_unreachable_hits_go_to_the_database(
    settings, request, home_page, news_index, server
):
    port = closed_port() if server == "closed port" else request.getfixturevalue("black_hole")
    unreachable_redis(settings, port)
    article = publish_article(news_index)

    started = time.perf_counter()
    first = hit(f"page={article.pk}", address="203.0.113.1")
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    later = [hit(f"page={article.pk}", address=f"203.0.113.{n}") for n in range(2, 12)]
    later_seconds = time.perf_counter() - started
    summary = figures.summary()  # the pages' visitor box: no error either

    assert first[0] == "200 OK" and first[1] == counting.PIXEL
    assert {status for status, _ in later} == {"200 OK"}
    assert first_seconds < 1.5  # one timeout at most (0.2 s to connect, 0.2 s to read)
    assert later_seconds < 0.5  # Redis is left alone for a while: no timeout per hit
    assert PendingHit.objects.filter(page_id=article.pk).count() == 11
    assert summary.online == 0
    counting.flush()
    assert views() == (11, 11)
    assert figures.page_views(article.pk) == 11


def test_a_repeat_in_the_database_fallback_counts_once(settings, news_index):
    unreachable_redis(settings, closed_port())
    article = publish_article(news_index)

    for _ in range(5):
        assert hit(f"page={article.pk}")[0] == "200 OK"
    counting.flush()

    assert views() == (1, 1)


def test_when_the_database_fails_too_the_hit_is_dropped_not_a_500():
    """Both down, in a separate process: Redis on a closed port, PostgreSQL where nothing listens."""
    from tests.processes import run_python

    script = (
        "import django; django.setup();"
        "from io import BytesIO;"
        "from wsgiref.util import setup_testing_defaults;"
        "from portal.visits import countable, counting;"
        "from portal.wsgi import application;"
        "countable.is_countable = lambda page_id: True;"  # the page list would need the database first
        "environ = {'PATH_INFO': '/api/v1/visits/hit', 'QUERY_STRING': 'page=3',"
        f" 'HTTP_USER_AGENT': {PHONE!r}, 'REMOTE_ADDR': '203.0.113.5'}};"
        "setup_testing_defaults(environ); environ['wsgi.input'] = BytesIO();"
        "statuses = [];"
        "[b''.join(application(dict(environ), lambda status, headers, exc=None: statuses.append(status)))"
        " for _ in range(3)];"
        "print(statuses, counting.dropped_hits)"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/nowhere",
        "VISITS_REDIS_URL": redis_test_url(port=closed_port()),
        "REDIS_TIMEOUT_MS": "200",
    }

    result = run_python(script, env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['200 OK', '200 OK', '200 OK'] 3"
    assert "Hit dropped: the database is unreachable too (3 dropped so far)" in result.stderr
