"""Where people see the figures: the box on every page, the statistics page, the API and the admin."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from portal.models import PageViewDay, SiteVisitDay
from portal.visits import counting, figures
from tests.factories import publish_article

pytestmark = pytest.mark.django_db

AGENT = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"
)


def hit(client, page_id, address="203.0.113.9"):
    client.get(f"/api/v1/visits/hit?page={page_id}", REMOTE_ADDR=address, HTTP_USER_AGENT=AGENT)


def test_every_page_shows_the_visitor_box_in_vietnamese(client, home_page):
    for n in range(3):
        hit(client, home_page.pk, address=f"203.0.113.{n}")
    hit(client, home_page.pk)

    html = client.get("/").content.decode()

    assert "Thống kê truy cập" in html
    assert "Đang truy cập (5 phút qua)" in html
    assert '<dd data-stat="today_visits">4</dd>' in html
    assert '<dd data-stat="total_page_views">4</dd>' in html


def test_the_visitor_box_is_at_most_its_seconds_old_in_every_worker(client, home_page, settings, monkeypatch):
    """Each worker holds the box it read, without asking the cache, until its figures are
    VISITS_SUMMARY_SECONDS old counted from when they were read, not from when this worker took them."""
    settings.VISITS_SUMMARY_SECONDS = 10
    clock = [1_000_000.0]
    monkeypatch.setattr(figures.time, "time", lambda: clock[0])

    def today_visits() -> str:
        return client.get("/").content.decode().split('data-stat="today_visits">')[1].split("<")[0]

    hit(client, home_page.pk, address="203.0.113.1")
    assert today_visits() == "1"  # read at 1,000,000 s

    clock[0] += 6
    figures.forget_held()  # another worker, six seconds later, takes the box the cache holds
    hit(client, home_page.pk, address="203.0.113.2")
    with CaptureQueriesContext(connection) as queries:
        assert today_visits() == "1"
    assert not [query for query in queries if "visit" in query["sql"].lower()]

    clock[0] += 3  # nine seconds after the figures were read: still held
    hit(client, home_page.pk, address="203.0.113.3")
    assert today_visits() == "1"

    clock[0] += 1.5  # ten and a half: this worker reads them again
    assert today_visits() == "3"


def test_big_totals_use_vietnamese_digit_grouping(client, home_page):
    # The site's own days: what its pages show (the province's are the hub's).
    SiteVisitDay.objects.create(
        site=home_page.get_site(),
        day=timezone.localdate() - timedelta(days=1),
        visits=3_513_363,
        page_views=4_397_789,
    )

    html = client.get("/").content.decode()

    assert '<dd data-stat="total_visits">3.513.363</dd>' in html


def test_an_article_shows_its_view_count(client, news_index):
    article = publish_article(news_index)
    for n in range(81):
        hit(client, article.pk, address=f"203.0.113.{n}")

    html = client.get(article.url).content.decode()

    assert "<dt>Lượt xem</dt><dd data-page-views>81</dd>" in html


def test_statistics_page_has_charts_tables_and_the_most_read(client, news_index):
    popular = publish_article(news_index, title="Bài được đọc nhiều")
    quiet = publish_article(news_index, title="Bài ít người đọc")
    for n in range(5):
        hit(client, popular.pk, address=f"203.0.113.{n}")
    hit(client, quiet.pk)
    counting.flush()

    response = client.get("/thong-ke-truy-cap/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 2
    assert "<caption>Số lượt truy cập theo ngày, 30 ngày qua</caption>" in html
    assert html.count("<tr><td>") >= 30 + 12
    week = html.split('id="week-heading"')[1]
    assert week.index("Bài được đọc nhiều") < week.index("Bài ít người đọc")
    assert "(5 lượt xem)" in week


def test_the_statistics_are_kept_a_few_seconds_and_a_publish_renews_them(client, news_index, settings):
    settings.VISITS_SUMMARY_SECONDS = 60
    article = publish_article(news_index, title="Bài về dịch vụ công trực tuyến")
    hit(client, article.pk, address="198.51.100.1")
    counting.flush()
    first = client.get("/thong-ke-truy-cap/").content.decode()
    for n in range(2, 5):
        hit(client, article.pk, address=f"198.51.100.{n}")

    kept = client.get("/thong-ke-truy-cap/").content.decode()
    article.unpublish()
    after_publish = client.get("/thong-ke-truy-cap/").content.decode()

    assert "(1 lượt xem)" in first.split('id="week-heading"')[1]
    assert kept == first  # within VISITS_SUMMARY_SECONDS, like the visitor box
    assert "Bài về dịch vụ công trực tuyến" not in after_publish.split('id="week-heading"')[1]


def test_unpublished_pages_are_left_out_of_the_most_read(client, news_index):
    article = publish_article(news_index, title="Bài đã gỡ")
    hit(client, article.pk)
    counting.flush()
    article.unpublish()

    assert figures.most_read(days=7) == []
    assert PageViewDay.objects.filter(page=article).exists()


def test_a_page_put_behind_a_password_is_left_out_of_the_most_read(client, news_index):
    article = publish_article(news_index, title="Kế hoạch nội bộ")
    hit(client, article.pk)
    counting.flush()
    assert "Kế hoạch nội bộ" in client.get("/thong-ke-truy-cap/").content.decode()

    PageViewRestriction.objects.create(page=article, restriction_type="password", password="mật khẩu")

    assert figures.most_read(days=7) == []
    assert "Kế hoạch nội bộ" not in client.get("/thong-ke-truy-cap/").content.decode()


def test_summary_api_returns_the_box_figures(client, news_index):
    article = publish_article(news_index)
    hit(client, article.pk)

    data = client.get(f"/api/v1/visits/summary?page={article.pk}").json()

    assert data == {
        "online": 1,
        "online_window_minutes": 5,
        "today_visits": 1,
        "today_page_views": 1,
        "total_visits": 1,
        "total_page_views": 1,
        "page_views": 1,
    }


@pytest.mark.parametrize("query", ["?page=abc", "?pgae=1", "?page=1&format=xml"])
def test_summary_api_refuses_bad_or_unknown_parameters(client, query):
    response = client.get(f"/api/v1/visits/summary{query}")

    assert response.status_code == 400
    assert response.json()["detail"]


def test_the_api_publishes_its_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert "/api/v1/visits/summary" in schema["paths"]


def test_admin_dashboard_shows_the_figures(admin_client, home_page):
    hit(admin_client, home_page.pk)

    html = admin_client.get("/admin/").content.decode()

    assert "Thống kê truy cập" in html
    assert "Lượt truy cập hôm nay" in html


def test_a_new_title_shows_among_the_most_read_without_reading_the_figures_again(
    client, news_index, settings
):
    settings.VISITS_SUMMARY_SECONDS = 60
    article = publish_article(news_index, title="Bài về một cửa liên thông")
    hit(client, article.pk)
    counting.flush()
    client.get("/thong-ke-truy-cap/")

    article.title = "Bài về một cửa liên thông hiện đại"
    article.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/thong-ke-truy-cap/").content.decode()

    assert "Bài về một cửa liên thông hiện đại" in html.split('id="week-heading"')[1]
    assert not [query for query in queries if "portal_pageviewday" in query["sql"]]  # the figures kept

    # An edit of the body changes no title: the lists of the most read stay kept too.
    article.body = [{"type": "paragraph", "value": "<p>Bổ sung sơ đồ quy trình tiếp nhận hồ sơ.</p>"}]
    article.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        client.get("/thong-ke-truy-cap/")
    assert not queries, [query["sql"] for query in queries]
