"""RSS feeds (whole section and per category), sitemap.xml and robots.txt."""

from xml.etree import ElementTree

import pytest

from tests.factories import publish_article
from tests.helpers import sitemap_text

pytestmark = pytest.mark.django_db


def feed_titles(response):
    assert response["Content-Type"].startswith("application/rss+xml")
    return [item.findtext("title") for item in ElementTree.fromstring(response.content).iter("item")]


def test_site_feed_and_category_feed(client, news_index, reform_category, events_category):
    publish_article(
        news_index, title="Kết quả Chỉ số CCHC", categories=[reform_category], author="Nguyễn Bình"
    )
    publish_article(news_index, title="Hội thảo khoa học", categories=[events_category])

    assert sorted(feed_titles(client.get("/tin-tuc/rss/"))) == ["Hội thảo khoa học", "Kết quả Chỉ số CCHC"]
    assert feed_titles(client.get("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/rss/")) == ["Kết quả Chỉ số CCHC"]
    assert client.get("/tin-tuc/chuyen-muc/khong-co/rss/").status_code == 404


def test_listing_pages_announce_their_feed(client, news_index, reform_category):
    html = client.get("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/").content.decode()

    assert (
        '<link rel="alternate" type="application/rss+xml" href="/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/rss/"'
        in html
    )


def test_sitemap_lists_articles_and_category_listings(client, news_index, reform_category):
    article = publish_article(news_index, title="Kết quả Chỉ số CCHC")

    xml = sitemap_text(client)

    assert f"<loc>http://localhost/tin-tuc/{article.slug}/</loc>" in xml
    assert "<loc>http://localhost/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/</loc>" in xml


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    text = client.get("/robots.txt").content.decode()

    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
