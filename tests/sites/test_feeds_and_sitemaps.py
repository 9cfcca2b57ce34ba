"""A department's RSS feed and sitemap hold its own pages only, each at its own site's address."""

import re
from urllib.parse import urlsplit

import pytest

from news.models import NewsIndexPage
from tests.factories import publish_article
from tests.sites.conftest import KHCN_HOST, XD_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(khcn, xd):
    return (
        publish_article(
            NewsIndexPage.objects.child_of(khcn.home).get(), title="Tin khoa học", slug="tin-khoa-hoc"
        ),
        publish_article(
            NewsIndexPage.objects.child_of(xd.home).get(), title="Tin xây dựng", slug="tin-xay-dung"
        ),
    )


def test_a_departments_rss_feed_holds_its_own_news(client, articles):
    khcn = client.get("/tin-tuc/rss/", HTTP_HOST=KHCN_HOST)
    xd = client.get("/tin-tuc/rss/", HTTP_HOST=XD_HOST).content.decode()

    assert khcn.status_code == 200
    assert "Tin khoa học" in khcn.content.decode() and "Tin xây dựng" not in khcn.content.decode()
    assert "Tin xây dựng" in xd and "Tin khoa học" not in xd
    assert f"http://{XD_HOST}/tin-tuc/tin-xay-dung/" in xd


def sitemap_of(client, host: str) -> str:
    """The sitemap index of a host and every file it names, as a crawler reads them."""
    index = client.get("/sitemap.xml", HTTP_HOST=host)
    assert index.status_code == 200
    text = index.content.decode()
    for address in re.findall(r"<loc>([^<]+)</loc>", text):
        parts = urlsplit(address)
        assert parts.netloc == host
        part = client.get(parts.path + (f"?{parts.query}" if parts.query else ""), HTTP_HOST=host)
        assert part.status_code == 200
        text += part.content.decode()
    return text


def test_a_departments_sitemap_lists_its_own_pages_at_its_own_address(client, articles):
    khcn = sitemap_of(client, KHCN_HOST)
    xd = sitemap_of(client, XD_HOST)

    assert f"http://{KHCN_HOST}/tin-tuc/tin-khoa-hoc/" in khcn
    assert XD_HOST not in khcn
    assert f"http://{XD_HOST}/tin-tuc/tin-xay-dung/" in xd and KHCN_HOST not in xd
