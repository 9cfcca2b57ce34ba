"""A department's RSS feed and sitemap hold its own pages only, each at its own site's address."""

import pytest

from news.models import NewsIndexPage
from tests.factories import publish_article
from tests.helpers import sitemap_text
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


def test_a_departments_sitemap_lists_its_own_pages_at_its_own_address(client, articles):
    khcn = sitemap_text(client, HTTP_HOST=KHCN_HOST)
    xd = sitemap_text(client, HTTP_HOST=XD_HOST)

    assert f"http://{KHCN_HOST}/tin-tuc/tin-khoa-hoc/" in khcn
    assert XD_HOST not in khcn
    assert f"http://{XD_HOST}/tin-tuc/tin-xay-dung/" in xd and KHCN_HOST not in xd
