"""The province's hub: every department's news (each linking to its own site), the departments'
directory with their addresses, and a cache that follows what the departments publish."""

import pytest

from news.models import NewsIndexPage
from portal.models import AgencySettings
from tests.factories import publish_article
from tests.sites.conftest import HUB_HOST, KHCN_HOST, XD_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def news_of(site):
    return NewsIndexPage.objects.child_of(site.home).get()


def served_from_cache(client, host, path="/") -> bool:
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return response.get("X-Page-Cache") == "hit"


def test_a_department_publishing_purges_its_own_site_and_the_hub_not_the_others(client, khcn, xd, hub):
    publish_article(news_of(khcn), title="Tin khoa học")
    for host in (KHCN_HOST, XD_HOST, HUB_HOST):
        client.get("/", HTTP_HOST=host)
        assert served_from_cache(client, host)

    publish_article(news_of(khcn), title="Tin khoa học mới")

    assert served_from_cache(client, XD_HOST)
    assert not served_from_cache(client, HUB_HOST)
    hub_home = client.get("/", HTTP_HOST=HUB_HOST).content.decode()
    assert "Tin khoa học mới" in hub_home
    assert f"http://{KHCN_HOST}/tin-tuc/" in hub_home  # the item links to its own site
    assert "Tin khoa học mới" in client.get("/", HTTP_HOST=KHCN_HOST).content.decode()
    assert "Tin khoa học mới" not in client.get("/", HTTP_HOST=XD_HOST).content.decode()


def test_the_hub_lists_every_department_with_its_address_and_link(client, khcn, xd, hub):
    settings = AgencySettings.for_site(xd.site)
    settings.address = "Số 2 Hùng Vương, phường Đông Hà"
    settings.phone = "0233 3852 000"
    settings.save()

    page = client.get("/", HTTP_HOST=HUB_HOST).content.decode()

    assert "Các sở, ban, ngành" in page
    assert f'href="http://{XD_HOST}/"' in page and f'href="http://{KHCN_HOST}/"' in page
    assert "Số 2 Hùng Vương, phường Đông Hà" in page and "0233 3852 000" in page
    assert "Sở Xây dựng" in page and "Sở Khoa học và Công nghệ" in page
    assert f'href="http://{HUB_HOST}/"' not in page.split("Các sở, ban, ngành", 1)[1]


def test_a_departments_home_has_no_directory(client, khcn, xd, hub):
    assert "Các sở, ban, ngành" not in client.get("/", HTTP_HOST=XD_HOST).content.decode()


def test_a_departments_new_address_shows_on_the_hub(client, khcn, xd, hub):
    client.get("/", HTTP_HOST=HUB_HOST)
    settings = AgencySettings.for_site(xd.site)
    settings.address = "Số 9 Trần Hưng Đạo"
    settings.save()

    assert "Số 9 Trần Hưng Đạo" in client.get("/", HTTP_HOST=HUB_HOST).content.decode()
