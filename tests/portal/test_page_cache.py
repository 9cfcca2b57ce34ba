"""The anonymous page cache: kept pages cost no query, and what is published shows at once."""

from decimal import Decimal
from wsgiref.util import setup_testing_defaults

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from portal.caching import pages as page_cache
from portal.models import AgencySettings
from tests.factories import SuperuserFactory, publish_article
from tests.indexes.factories import AgencyFactory, IndexEditionFactory, ResultFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def article(news_index):
    return publish_article(news_index, title="Hội nghị triển khai Đề án 06 năm 2024")


def fetch(client, path, **extra):
    """The response and the number of SQL statements it cost."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    return response, len(queries)


def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(client, article):
    first, first_queries = fetch(client, article.url)
    second, second_queries = fetch(client, article.url)

    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert first_queries > 0
    assert second_queries == 0
    # The headers a page is served with are kept with it.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Type"] == "text/html; charset=utf-8"


def test_the_query_string_is_part_of_the_address_kept(client, news_index, article):
    client.get("/tin-tuc/")
    second_page, _ = fetch(client, "/tin-tuc/?trang=2")

    assert "X-Page-Cache" not in second_page


def test_publishing_a_change_shows_at_once(client, news_index, article):
    client.get(article.url)
    client.get("/")

    revision = article.get_latest_revision_as_object()
    revision.title = "Hội nghị triển khai Đề án 06: kết quả năm 2024"
    revision.save_revision().publish()
    newer = publish_article(news_index, title="Bộ phận một cửa tiếp nhận hồ sơ trực tuyến")

    assert "kết quả năm 2024" in client.get(article.url).content.decode()
    assert newer.title in client.get("/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, article):
    assert client.get(article.url).status_code == 200

    article.unpublish()

    assert client.get(article.url).status_code == 404


def test_a_draft_does_not_show_and_keeps_the_cache(client, article):
    client.get(article.url)

    draft = article.get_latest_revision_as_object()
    draft.title = "Bản nháp chưa duyệt"
    draft.save_revision()

    response = client.get(article.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Bản nháp chưa duyệt" not in response.content.decode()


def test_figures_published_after_a_visit_show_at_once(client, indexes_page):
    edition = IndexEditionFactory(title="Chỉ số CCHC 2023", slug="chi-so-2023", year=2023)
    result = ResultFactory(edition=edition, agency=AgencyFactory(name="Sở Khoa học và Công nghệ"))
    path = "/chi-so-cai-cach-hanh-chinh/chi-so-2023/"
    client.get(path)

    result.points = Decimal("25.035")  # 83,45 of the factory framework's 30 points
    result.save()

    assert "83,45" in client.get(path).content.decode()

    later = IndexEditionFactory(title="Chỉ số CCHC 2024", slug="chi-so-2024", year=2024, live=False)
    client.get("/chi-so-cai-cach-hanh-chinh/")
    later.save_revision().publish()

    assert "Chỉ số CCHC 2024" in client.get("/chi-so-cai-cach-hanh-chinh/").content.decode()


def test_a_change_to_the_site_settings_shows_at_once(client, home_page):
    client.get("/")

    identity = AgencySettings.for_site(home_page.get_site())
    identity.portal_name = "Sở Nội vụ tỉnh Thử Nghiệm"
    identity.save()

    assert "Sở Nội vụ tỉnh Thử Nghiệm" in client.get("/").content.decode()


def test_visitors_with_a_session_always_get_a_fresh_page(client, article):
    client.get(article.url)
    client.force_login(SuperuserFactory())

    assert "X-Page-Cache" not in client.get(article.url)
    assert "X-Page-Cache" not in client.get("/")  # and what an editor is shown is not kept for others
    client.logout()
    assert "X-Page-Cache" not in client.get("/")


def test_search_api_admin_and_errors_are_never_kept(client, article):
    for path in ["/tim-kiem/?q=de+an+06", "/api/v1/visits/summary", "/khong-co-trang-nay/", "/healthz"]:
        client.get(path)
        assert "X-Page-Cache" not in client.get(path), path


def test_page_views_are_still_counted_one_by_one(client, article):
    html = client.get(article.url).content.decode()
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    assert f"/api/v1/visits/hit?page={article.pk}" in html

    agent = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"
    for reader in range(3):
        client.get(
            f"/api/v1/visits/hit?page={article.pk}", HTTP_USER_AGENT=agent, REMOTE_ADDR=f"203.0.113.{reader}"
        )

    summary = client.get(f"/api/v1/visits/summary?page={article.pk}").json()
    assert summary["page_views"] == 3


def test_the_wsgi_layer_answers_kept_pages_before_django(client, article):
    client.get(article.url)
    reached_django = []

    def django_application(environ, start_response):
        reached_django.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b""]

    application = page_cache.PageCacheApp(django_application)

    def request(path, **environ):
        environ = {"PATH_INFO": path, "HTTP_HOST": "testserver", **environ}
        setup_testing_defaults(environ)
        answer = {}
        body = b"".join(application(environ, lambda status, headers: answer.update(status=status)))
        return answer["status"], body

    status, body = request(article.url)
    assert status == "200 OK"
    assert article.title.encode() in body
    assert reached_django == []

    request(article.url, HTTP_COOKIE="sessionid=abc")
    request(article.url, REQUEST_METHOD="POST")
    request(article.url, HTTP_HOST="other.example")
    request(article.url, **{"wsgi.url_scheme": "https"})
    assert reached_django == [article.url] * 4


def test_with_the_cache_off_nothing_is_kept(client, settings, article):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(article.url)

    assert "X-Page-Cache" not in client.get(article.url)


@pytest.mark.parametrize("seconds", [300, 0], ids=["page cache on", "page cache off"])
def test_a_restricted_page_stays_restricted_whatever_was_kept(client, settings, article, seconds):
    settings.PAGE_CACHE_SECONDS = seconds
    body_text = "Chỉ số CCHC năm 2023 đạt 83,45/100 điểm."
    assert body_text in client.get(article.url).content.decode()
    client.get(article.url)

    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    restricted = client.get(article.url)

    assert "X-Page-Cache" not in restricted
    assert 'type="password"' in restricted.content.decode()
    assert body_text not in restricted.content.decode()

    restriction.delete()
    assert body_text in client.get(article.url).content.decode()
