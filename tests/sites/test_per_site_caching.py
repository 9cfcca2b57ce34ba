"""Each site keeps its own pages: publishing on one site purges it alone; the figures purge every site."""

import pytest

from news.models import NewsIndexPage
from tests.factories import publish_article
from tests.sites.conftest import KHCN_HOST, XD_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def articles(khcn, xd):
    return (
        publish_article(NewsIndexPage.objects.child_of(khcn.home).get(), title="Tin khoa học"),
        publish_article(NewsIndexPage.objects.child_of(xd.home).get(), title="Tin xây dựng"),
    )


def served_from_cache(client, host, path="/tin-tuc/") -> bool:
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return response.get("X-Page-Cache") == "hit"


def warm(client):
    for host in (KHCN_HOST, XD_HOST):
        client.get("/tin-tuc/", HTTP_HOST=host)
        assert served_from_cache(client, host)


def test_each_host_is_served_its_own_sites_pages(client, articles):
    khcn = client.get("/tin-tuc/", HTTP_HOST=KHCN_HOST).content.decode()
    xd = client.get("/tin-tuc/", HTTP_HOST=XD_HOST).content.decode()
    khcn_again = client.get("/tin-tuc/", HTTP_HOST=KHCN_HOST)

    assert "Tin khoa học" in khcn and "Tin xây dựng" not in khcn
    assert "Tin xây dựng" in xd and "Tin khoa học" not in xd
    assert khcn_again["X-Page-Cache"] == "hit"
    assert "Tin khoa học" in khcn_again.content.decode()


def test_publishing_on_one_site_purges_that_site_alone(client, khcn, xd, articles):
    warm(client)

    publish_article(NewsIndexPage.objects.child_of(xd.home).get(), title="Tin xây dựng mới")

    assert served_from_cache(client, KHCN_HOST)
    assert not served_from_cache(client, XD_HOST, "/tin-tuc/")
    assert "Tin xây dựng mới" in client.get("/tin-tuc/", HTTP_HOST=XD_HOST).content.decode()


def test_unpublishing_on_one_site_purges_that_site_alone(client, articles):
    warm(client)

    articles[0].unpublish()

    assert not served_from_cache(client, KHCN_HOST)
    assert served_from_cache(client, XD_HOST)


def test_a_sites_settings_purge_that_site_alone(client, khcn, articles):
    from portal.models import AgencySettings

    warm(client)
    settings = AgencySettings.for_site(khcn.site)
    settings.tagline = "Khẩu hiệu mới"
    settings.save()

    assert not served_from_cache(client, KHCN_HOST)
    assert served_from_cache(client, XD_HOST)


def test_figures_purge_every_site(client, khcn, articles):
    warm(client)

    agency = khcn.site.agencysettings.agency  # the figures' agency, shared by every site
    agency.description = "Cơ quan chuyên môn thuộc UBND tỉnh."
    agency.save()

    assert not served_from_cache(client, KHCN_HOST)
    assert not served_from_cache(client, XD_HOST)
