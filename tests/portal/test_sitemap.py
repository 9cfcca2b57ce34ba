"""/sitemap.xml: an index of files of at most PAGES_PER_FILE pages, each with its newest date, kept per
publish generation; a crawler that follows the index finds every public page exactly once."""

import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal import sitemaps
from tests.factories import publish_article

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def entries(response, tag):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ElementTree.fromstring(response.content)
    return [
        (entry.findtext("s:loc", namespaces=NS), entry.findtext("s:lastmod", namespaces=NS))
        for entry in root.findall(f"s:{tag}", NS)
    ]


@pytest.fixture
def small_files(monkeypatch):
    monkeypatch.setattr(sitemaps.PortalSitemap, "limit", 3)


def test_the_index_splits_the_pages_into_files_each_dated_by_its_newest_page(client, news_index, small_files):
    start = timezone.now() - timedelta(days=30)
    articles = [publish_article(news_index, title=f"Tin số {n}") for n in range(7)]
    for day, article in enumerate(articles):  # the pages' dates, oldest first in tree order
        type(article).objects.filter(pk=article.pk).update(last_published_at=start + timedelta(days=day))

    files = entries(client.get("/sitemap.xml"), "sitemap")

    # home, news section and 7 articles: 9 pages, 3 a file
    assert [location for location, _ in files] == [
        "http://testserver/sitemap-trang.xml",
        "http://testserver/sitemap-trang.xml?p=2",
        "http://testserver/sitemap-trang.xml?p=3",
    ]
    listed = []
    for location, lastmod in files:
        urls = entries(client.get(location), "url")
        assert 1 <= len(urls) <= 3
        listed += [url for url, _ in urls]
        assert lastmod == max(date for _, date in urls if date)
    assert files[-1][1] == timezone.localtime(start + timedelta(days=6)).date().isoformat()
    assert sorted(listed) == sorted(set(listed))
    assert {f"http://localhost/tin-tuc/{article.slug}/" for article in articles} <= set(listed)


def test_files_are_kept_until_the_next_publish(client, news_index):
    publish_article(news_index, title="Tin đầu tiên")
    client.get("/sitemap.xml")
    client.get("/sitemap-trang.xml")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200
        kept = client.get("/sitemap-trang.xml")
    assert len(queries) == 0

    later = publish_article(news_index, title="Tin mới đăng")
    assert later.slug not in kept.content.decode()
    assert f"/tin-tuc/{later.slug}/" in client.get("/sitemap-trang.xml").content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [("?p=7", "Không có trang 7: danh sách này có 1 trang"), ("?p=abc", "“abc” không phải là số trang")],
)
def test_a_page_number_that_is_not_one_is_a_clear_404(client, news_index, query, message):
    response = client.get(f"/sitemap-trang.xml{query}")

    assert response.status_code == 404
    assert message in response.content.decode()


def test_an_unknown_sitemap_file_is_a_404(client, news_index):
    assert client.get("/sitemap-khac.xml").status_code == 404


def test_robots_txt_names_the_index(client):
    assert re.search(
        r"^Sitemap: http://testserver/sitemap.xml$", client.get("/robots.txt").content.decode(), re.M
    )
