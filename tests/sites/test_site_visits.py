"""Visitor statistics per site and for the province: each hit counts for the site whose address it came
to and for the whole install, which the hub shows; exact on both stores, in Django and at WSGI level."""

from io import BytesIO
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from news.models import NewsIndexPage
from portal.visits import counting, figures
from portal.wsgi import application
from tests.factories import publish_article
from tests.sites.conftest import HUB_HOST, KHCN_HOST, XD_HOST

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"
)
DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


@pytest.fixture
def articles(khcn, xd, hub):
    return (
        publish_article(NewsIndexPage.objects.child_of(khcn.home).get(), title="Khoa học mở cửa"),
        publish_article(NewsIndexPage.objects.child_of(xd.home).get(), title="Cấp phép xây dựng nhanh"),
    )


def hit(client, host, page_id, agent=PHONE, address="203.0.113.7"):
    return client.get(
        "/api/v1/visits/hit", {"page": page_id}, HTTP_HOST=host, HTTP_USER_AGENT=agent, REMOTE_ADDR=address
    )


def figures_of(khcn, xd):
    return [
        (summary.today_visits, summary.today_page_views, summary.total_visits, summary.total_page_views)
        for summary in (
            figures.summary(site_id=khcn.site.pk),
            figures.summary(site_id=xd.site.pk),
            figures.summary(),
        )
    ]


def test_each_site_counts_its_own_visitors_and_the_province_counts_each_once(
    client, store, khcn, xd, articles
):
    science, building = articles
    hit(client, KHCN_HOST, science.pk)  # one visitor reads both departments' sites
    hit(client, XD_HOST, building.pk)
    hit(client, KHCN_HOST, khcn.home.pk, agent=DESKTOP)  # another visitor, one site

    expected = [(2, 2, 2, 2), (1, 1, 1, 1), (2, 3, 2, 3)]
    assert figures_of(khcn, xd) == expected
    assert figures.summary(site_id=khcn.site.pk).online == 2
    assert figures.summary(site_id=xd.site.pk).online == 1
    counting.flush()
    assert figures_of(khcn, xd) == expected  # flushing moves the counts, never changes them
    hit(client, XD_HOST, xd.home.pk, agent=DESKTOP)  # the second visitor: new to this site, not the province
    counting.flush()
    assert figures_of(khcn, xd) == [(2, 2, 2, 2), (2, 2, 2, 2), (2, 4, 2, 4)]


def test_a_page_sent_to_another_sites_address_counts_nowhere(client, store, khcn, xd, articles):
    science, _building = articles
    hit(client, XD_HOST, science.pk)
    counting.flush()

    assert figures_of(khcn, xd) == [(0, 0, 0, 0)] * 3
    assert figures.page_views(science.pk) == 0


def test_the_statistics_page_and_api_show_a_departments_own_figures_and_the_hubs_the_provinces(
    client, store, khcn, xd, articles
):
    science, building = articles
    for n in range(3):
        hit(client, KHCN_HOST, science.pk, address=f"203.0.113.{n}")
    hit(client, XD_HOST, building.pk)

    def total_views(host):
        return client.get("/api/v1/visits/summary", HTTP_HOST=host).json()["total_page_views"]

    assert (total_views(KHCN_HOST), total_views(XD_HOST), total_views(HUB_HOST)) == (3, 1, 4)
    counting.flush()
    khcn_page = client.get("/thong-ke-truy-cap/", HTTP_HOST=KHCN_HOST).content.decode()
    hub_page = client.get("/thong-ke-truy-cap/", HTTP_HOST=HUB_HOST).content.decode()
    # The most read: a department's own pages; the hub's, every site's.
    assert "Khoa học mở cửa" in khcn_page and "Cấp phép xây dựng nhanh" not in khcn_page
    assert "Khoa học mở cửa" in hub_page and "Cấp phép xây dựng nhanh" in hub_page
    assert "toàn tỉnh" in hub_page and "toàn tỉnh" not in khcn_page.split("<main", 1)[-1].split("</main>")[0]


@pytest.fixture
def wsgi_transaction():
    """As Django's test client does: a real WSGI request would close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def wsgi_hit(host, page_id):
    environ = {
        "PATH_INFO": counting.HIT_PATH,
        "QUERY_STRING": f"page={page_id}",
        "HTTP_USER_AGENT": PHONE,
        "REMOTE_ADDR": "203.0.113.5",
    }
    setup_testing_defaults(environ)
    environ.update({"wsgi.input": BytesIO(), "HTTP_HOST": host, "SERVER_PORT": "80"})
    statuses = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return statuses[0]


def test_the_wsgi_fast_path_knows_the_site_from_the_host(store, wsgi_transaction, khcn, xd, articles):
    science, building = articles
    assert wsgi_hit(KHCN_HOST, science.pk) == "200 OK"
    assert wsgi_hit(f"{XD_HOST}:80", building.pk) == "200 OK"
    assert wsgi_hit(XD_HOST, science.pk) == "200 OK"  # answered, but not counted

    assert [row[3] for row in figures_of(khcn, xd)] == [1, 1, 2]
