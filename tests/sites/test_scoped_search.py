"""A department's site searches its own pages, with the whole province one click away; the hub searches every site."""

import pytest

from news.models import NewsCategory, NewsIndexPage
from tests.factories import publish_article
from tests.sites.conftest import HUB_HOST, KHCN_HOST, XD_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(khcn, xd, hub):
    return (
        publish_article(NewsIndexPage.objects.child_of(khcn.home).get(), title="Hội nghị số hóa khoa học"),
        publish_article(NewsIndexPage.objects.child_of(xd.home).get(), title="Hội nghị số hóa xây dựng"),
    )


def titles(response) -> list[str]:
    return [hit["title"] for hit in response.json()["news"]["results"]]


def test_a_department_site_searches_its_own_news(client, articles):
    khcn = client.get("/api/v1/search", {"q": "hội nghị số hóa"}, HTTP_HOST=KHCN_HOST)
    xd = client.get("/api/v1/search", {"q": "hội nghị số hóa"}, HTTP_HOST=XD_HOST)

    assert titles(khcn) == ["Hội nghị số hóa khoa học"]
    assert titles(xd) == ["Hội nghị số hóa xây dựng"]
    assert khcn.json()["news"]["results"][0]["url"].startswith(f"http://{KHCN_HOST}/tin-tuc/")


def test_the_hub_searches_every_site_and_links_each_result_to_its_own_site(client, articles):
    hub = client.get("/api/v1/search", {"q": "hội nghị số hóa"}, HTTP_HOST=HUB_HOST)

    urls = {hit["title"]: hit["url"] for hit in hub.json()["news"]["results"]}
    assert set(urls) == {"Hội nghị số hóa khoa học", "Hội nghị số hóa xây dựng"}
    assert urls["Hội nghị số hóa xây dựng"].startswith(f"http://{XD_HOST}/tin-tuc/")


def test_the_search_page_of_a_department_offers_the_whole_province(client, articles):
    page = client.get("/tim-kiem/", {"q": "hội nghị"}, HTTP_HOST=KHCN_HOST).content.decode()
    hub_page = client.get("/tim-kiem/", {"q": "hội nghị"}, HTTP_HOST=HUB_HOST).content.decode()

    # The matched words are marked in the titles: compare what follows them.
    assert "số hóa khoa học" in page and "số hóa xây dựng" not in page
    assert f'href="http://{HUB_HOST}/tim-kiem/?q=h%E1%BB%99i+ngh%E1%BB%8B"' in page
    assert "số hóa xây dựng" in hub_page and "số hóa khoa học" in hub_page
    assert "search-province" not in hub_page


def test_the_hubs_home_page_lists_every_departments_news_and_a_department_only_its_own(client, articles):
    hub_home = client.get("/", HTTP_HOST=HUB_HOST).content.decode()
    khcn_home = client.get("/", HTTP_HOST=KHCN_HOST).content.decode()

    assert "Hội nghị số hóa khoa học" in hub_home and "Hội nghị số hóa xây dựng" in hub_home
    assert f"http://{XD_HOST}/tin-tuc/" in hub_home
    assert "Hội nghị số hóa khoa học" in khcn_home and "Hội nghị số hóa xây dựng" not in khcn_home


def best_bets(client, host: str, words: str) -> list[dict]:
    return client.get("/api/v1/search", {"q": words}, HTTP_HOST=host).json()["best_bets"]


def test_best_bets_lead_to_the_readers_own_site(client, khcn, xd, hub):
    # The index named: each site's own section, not the first one made.
    for host in (KHCN_HOST, XD_HOST, HUB_HOST):
        [bet] = best_bets(client, host, "chi so cai cach hanh chinh")
        assert bet["url"] == f"http://{host}/chi-so-cai-cach-hanh-chinh/"


def test_a_departments_own_category_is_a_best_bet_on_its_site_alone(client, khcn, xd, hub):
    NewsCategory.objects.create(site=khcn.site, name="Chuyển đổi số", slug="chuyen-doi-so")

    [bet] = best_bets(client, KHCN_HOST, "chuyen doi so")
    assert bet["kind"] == "category"
    assert bet["url"] == f"http://{KHCN_HOST}/tin-tuc/chuyen-muc/chuyen-doi-so/"
    assert best_bets(client, XD_HOST, "chuyen doi so") == []


def test_a_category_filter_is_the_departments_own_category_of_that_address(client, khcn, xd):
    # Each department names its own "Chuyển đổi số" (category addresses are unique per site).
    xd_first = NewsCategory.objects.create(site=xd.site, name="Chuyển đổi số", slug="chuyen-doi-so")
    khcn_own = NewsCategory.objects.create(site=khcn.site, name="Chuyển đổi số", slug="chuyen-doi-so")
    publish_article(
        NewsIndexPage.objects.child_of(xd.home).get(), title="Số hóa hồ sơ xây dựng", categories=[xd_first]
    )
    publish_article(
        NewsIndexPage.objects.child_of(khcn.home).get(), title="Số hóa hồ sơ khoa học", categories=[khcn_own]
    )

    found = client.get("/api/v1/search", {"q": "số hóa", "chuyen-muc": "chuyen-doi-so"}, HTTP_HOST=KHCN_HOST)
    page = client.get("/tim-kiem/", {"q": "số hóa"}, HTTP_HOST=KHCN_HOST).content.decode()

    assert found.status_code == 200
    assert titles(found) == ["Số hóa hồ sơ khoa học"]
    # The filter offers the department's categories (and the shared ones), each once.
    assert page.count('<option value="chuyen-doi-so"') == 1
