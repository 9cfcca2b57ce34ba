"""Wagtail's site and page routing, kept between publishes: fewer queries, the same answers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from portal.caching.routing import hand_to_wagtail
from tests.factories import HomePageFactory, publish_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index):
    return publish_article(news_index, title="Tập huấn số hoá hồ sơ thủ tục hành chính")


def queries_for(client, path) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)


def test_an_article_seen_before_costs_no_query(client, article):
    """Its route and the page itself are kept (per list generation and per generation of the site)."""
    first_visit = queries_for(client, article.url)
    client.get(article.url + "ban-in/")

    assert first_visit[1] > 5
    assert queries_for(client, article.url) == (200, 0)
    assert queries_for(client, article.url + "ban-in/")[1] <= 2  # its print view, a routable sub-path


def test_a_new_slug_takes_over_at_once(client, article):
    old_url = article.url
    client.get(old_url)

    article.slug = "tap-huan-so-hoa-ho-so"
    article.save_revision().publish()

    assert client.get(old_url).status_code == 404
    assert client.get("/tin-tuc/tap-huan-so-hoa-ho-so/").status_code == 200


def test_an_edit_published_again_keeps_every_route(client, news_index, article):
    """An edit that leaves an article where it was, under the same address, changes no route: the other
    pages' routes stay kept, and the article is found by its one query."""
    other = publish_article(news_index, title="Kiểm tra công tác cải cách hành chính")
    client.get(other.url)
    client.get(article.url)

    article.body = [{"type": "paragraph", "value": "<p>Lớp tập huấn thứ hai mở vào tháng sau.</p>"}]
    article.save_revision().publish()

    with CaptureQueriesContext(connection) as queries:
        edited = client.get(article.url)
        client.get(other.url)
    assert "Lớp tập huấn thứ hai mở vào tháng sau." in edited.content.decode()
    # Wagtail's own routing walks the tree by slug, a query a level; a kept route loads the page by id.
    assert not [query for query in queries if '"wagtailcore_page"."slug" =' in query["sql"]]


def test_a_page_just_published_is_read_by_its_publish_not_by_its_first_view(
    client, article, django_capture_on_commit_callbacks
):
    client.get(article.url)

    article.body = [{"type": "paragraph", "value": "<p>Danh sách học viên đã được cập nhật.</p>"}]
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(article.url).content.decode()

    assert "Danh sách học viên đã được cập nhật." in html
    assert len(queries) == 0, [query["sql"] for query in queries]


def test_an_unpublished_or_deleted_page_is_gone_at_once(client, news_index, article):
    other = publish_article(news_index, title="Kiểm tra công tác cải cách hành chính")
    client.get(article.url)
    client.get(other.url)

    article.unpublish()
    Page.objects.get(pk=other.pk).delete()

    assert client.get(article.url).status_code == 404
    assert client.get(other.url).status_code == 404


def test_each_host_keeps_its_own_site(client, home_page):
    other_home = HomePageFactory(
        parent=Page.get_first_root_node(), title="Cổng thông tin Sở Nội vụ", slug="so-noi-vu"
    )
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=other_home)

    assert "Cổng thông tin Sở Nội vụ" in client.get("/", HTTP_HOST="127.0.0.1").content.decode()
    assert "Cổng thông tin Sở Nội vụ" not in client.get("/").content.decode()
    assert "Cổng thông tin Sở Nội vụ" in client.get("/", HTTP_HOST="127.0.0.1").content.decode()


def test_unknown_paths_are_a_404_every_time(client, article):
    for _ in range(2):
        assert client.get(article.url + "khong-co/").status_code == 404
        assert client.get("/tin-tuc/khong-co-bai-nay/").status_code == 404


def test_wagtail_uses_the_site_and_route_the_routing_cache_hands_it(rf, article, django_assert_num_queries):
    """Pinned to Wagtail 8.0.1's private request attributes: an upgrade that stops reading them fails here."""
    request = rf.get(article.url)
    site = Site.objects.get(is_default_site=True)
    route = (article, [], {})

    hand_to_wagtail(request, site=site, route=route)

    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site
        assert Page.route_for_request(request, article.url) is route


def test_wagtail_makes_page_urls_from_the_site_roots_the_routing_cache_hands_it(rf, article, monkeypatch):
    """Pinned to Wagtail 8.0.1's `request._wagtail_cached_site_root_paths`: Wagtail would otherwise read
    its list of site roots from the shared cache once per request that shows a link."""
    request = rf.get(article.url)
    hand_to_wagtail(request, site=Site.objects.get(is_default_site=True))

    def not_again():
        raise AssertionError("Wagtail read the site roots again")

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(not_again))
    assert article.get_url(request) == article.url
