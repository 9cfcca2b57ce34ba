"""A dead search server: a Vietnamese 503 with Retry-After within SEARCH_TIMEOUT, and every other page serving.

The portal is pointed, through the production search settings, at real failures: a port where nothing
listens and a server that accepts connections and never answers.
"""

import importlib.util
import os
import time
from unittest import mock

import pytest

from portal.search import availability
from portal.settings import base as base_settings
from tests.factories import publish_article
from tests.faults import BlackHole, closed_port

pytestmark = pytest.mark.django_db

TIMEOUT = 1
PAGE, API, SUGGEST = "/tim-kiem/", "/api/v1/search", "/api/v1/search/suggest"


def production_search_settings(engine: str, url: str) -> dict:
    """WAGTAILSEARCH_BACKENDS as portal/settings/base.py builds it for SEARCH_URL and SEARCH_BACKEND."""
    spec = importlib.util.spec_from_file_location("_settings_with_dead_search", base_settings.__file__)
    module = importlib.util.module_from_spec(spec)
    environment = {"SEARCH_URL": url, "SEARCH_BACKEND": engine, "SEARCH_TIMEOUT": str(TIMEOUT)}
    with mock.patch.dict(os.environ, environment):
        spec.loader.exec_module(module)
    return module.WAGTAILSEARCH_BACKENDS


@pytest.fixture(autouse=True)
def no_outage_remembered():
    availability.reset()
    yield
    availability.reset()


@pytest.fixture(params=["elasticsearch", "opensearch"])
def engine(request):
    return request.param


@pytest.fixture
def refusing_server(settings, engine):
    settings.WAGTAILSEARCH_BACKENDS = production_search_settings(engine, f"http://127.0.0.1:{closed_port()}")


@pytest.fixture
def silent_server(settings, engine):
    black_hole = BlackHole()
    settings.WAGTAILSEARCH_BACKENDS = production_search_settings(
        engine, f"http://127.0.0.1:{black_hole.port}"
    )
    yield black_hole
    black_hole.close()


def test_the_search_page_says_search_is_unavailable_with_a_503(client, news_index, refusing_server):
    response = client.get(PAGE, {"q": "cải cách hành chính"})

    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    html = response.content.decode()
    assert "Chức năng tìm kiếm đang tạm thời gián đoạn" in html
    assert "Tạm thời gián đoạn" in html


def test_the_api_and_suggestions_answer_503_in_json(client, news_index, refusing_server):
    api = client.get(API, {"q": "cai cach"})
    suggestions = client.get(SUGGEST, {"q": "cai"})

    assert api.status_code == suggestions.status_code == 503
    assert api["Retry-After"] == suggestions["Retry-After"] == "15"
    assert api.json()["detail"].startswith("Search is temporarily unavailable")


def test_a_silent_server_costs_one_timeout_then_searches_fail_at_once(client, news_index, silent_server):
    started = time.monotonic()
    first = client.get(SUGGEST, {"q": "cai cach"})
    first_took = time.monotonic() - started
    started = time.monotonic()
    later = [client.get(path, {"q": "cai cach"}).status_code for path in (SUGGEST, API, PAGE)]
    later_took = time.monotonic() - started

    assert first.status_code == 503
    # Suggestions ask the engine twice (agencies, articles): only the first waits out SEARCH_TIMEOUT.
    assert TIMEOUT <= first_took < 2 * TIMEOUT
    assert later == [503, 503, 503]
    assert later_took < TIMEOUT  # nothing more reached the silent server
    assert len(silent_server.connections) == 1


def test_the_rest_of_the_portal_serves_and_editors_still_publish(client, news_index, refusing_server):
    article = publish_article(news_index, title="Sở công bố kết quả Chỉ số CCHC năm 2023")

    assert client.get("/").status_code == 200
    assert client.get(news_index.url).status_code == 200
    assert client.get(article.url).status_code == 200
    assert client.get(PAGE).status_code == 200  # the empty search form asks the engine nothing


def test_search_comes_back_by_itself_when_the_server_does(client, news_index, settings, engine):
    settings.SEARCH_RETRY_SECONDS = 1
    settings.WAGTAILSEARCH_BACKENDS = production_search_settings(engine, f"http://127.0.0.1:{closed_port()}")
    assert client.get(PAGE, {"q": "cai cach"}).status_code == 503

    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    assert client.get(PAGE, {"q": "cai cach"}).status_code == 503  # still within the retry window
    time.sleep(1.1)

    assert client.get(PAGE, {"q": "cai cach"}).status_code == 200
