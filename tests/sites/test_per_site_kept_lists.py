"""What the listings, the sitemap and the search keep per publish generation is kept per site.

Each department's news listing keeps its count, deep-page anchors and cards (`portal.pagination`,
`news_tags.article_cards`), its sitemap files (`portal.sitemaps`) and its search filter choices until
the next publish: one site's kept lists never show on another's pages, a publish on one site renews
that site's and leaves the others' kept, and the hub, whose search covers every site, renews its
choices on a publish anywhere.
"""

import re
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import NewsCategory, NewsIndexPage
from tests.factories import publish_article
from tests.sites.conftest import HUB_HOST, KHCN_HOST, XD_HOST

pytestmark = pytest.mark.django_db


def at(year: int, month: int = 1, day: int = 1) -> datetime:
    return datetime(year, month, day, 9, tzinfo=timezone.get_current_timezone())


def news_of(site) -> NewsIndexPage:
    return NewsIndexPage.objects.child_of(site.home).get()


def cards(response) -> list[str]:
    return re.findall(r'class="article-card__title"><a href="[^"]*">([^<]*)</a>', response.content.decode())


def pages_status(response) -> str | None:
    found = re.search(r'class="pagination__status">([^<]*)<', response.content.decode())
    return found.group(1) if found else None


@pytest.fixture
def shared_category(db):
    return NewsCategory.objects.create(name="Cải cách hành chính", slug="cai-cach-hanh-chinh")


@pytest.fixture
def news(khcn, xd, shared_category):
    """Eleven articles on the science department's site (two pages), three on the construction one's."""
    for day in range(1, 12):
        publish_article(
            news_of(khcn),
            title=f"Khoa học {day:02d}",
            slug=f"khoa-hoc-{day:02d}",
            first_published_at=at(2024, 1, day),
            categories=[shared_category],
        )
    for day in range(1, 4):
        publish_article(
            news_of(xd),
            title=f"Xây dựng {day:02d}",
            slug=f"xay-dung-{day:02d}",
            first_published_at=at(2023, 1, day),
            categories=[shared_category],
        )


def test_each_sites_listing_keeps_its_own_count_and_cards(client, news, khcn, xd, shared_category):
    for host in (KHCN_HOST, XD_HOST):  # kept by the first view of each
        client.get("/tin-tuc/", HTTP_HOST=host)
        client.get("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/", HTTP_HOST=host)

    science = client.get("/tin-tuc/", HTTP_HOST=KHCN_HOST)
    construction = client.get("/tin-tuc/", HTTP_HOST=XD_HOST)
    science_category = client.get("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/", HTTP_HOST=KHCN_HOST)
    construction_category = client.get("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/", HTTP_HOST=XD_HOST)

    assert cards(science) == [f"Khoa học {day:02d}" for day in range(11, 1, -1)]
    assert pages_status(science) == "Trang 1 / 2"
    assert cards(construction) == ["Xây dựng 03", "Xây dựng 02", "Xây dựng 01"]
    assert pages_status(construction) is None  # one page: no pagination
    assert cards(science_category) == cards(science)
    assert pages_status(science_category) == "Trang 1 / 2"
    assert cards(construction_category) == cards(construction)
    # A card's category links to the listing on the card's own site.
    assert f'href="http://{XD_HOST}/tin-tuc/chuyen-muc/' not in science.content.decode()
    assert "/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/" in construction.content.decode()


def test_a_publish_on_one_site_renews_its_listing_and_leaves_the_others_kept(client, news, khcn, xd):
    for host in (KHCN_HOST, XD_HOST):
        client.get("/tin-tuc/", HTTP_HOST=host)
    client.get("/tin-tuc/?page=2", HTTP_HOST=KHCN_HOST)

    publish_article(news_of(xd), title="Xây dựng mới", first_published_at=at(2023, 2, 1))
    with CaptureQueriesContext(connection) as science_queries:
        science = client.get("/tin-tuc/", HTTP_HOST=KHCN_HOST)
    construction = client.get("/tin-tuc/", HTTP_HOST=XD_HOST)

    assert cards(construction)[0] == "Xây dựng mới" and len(cards(construction)) == 4
    assert cards(science)[0] == "Khoa học 11"
    # The science site's count and cards were kept through the other site's publish.
    assert not [query for query in science_queries if "COUNT(" in query["sql"]]
    assert not [query for query in science_queries if "wagtailimages" in query["sql"]]

    for day in (12, 13):  # now the science site publishes: its count grows to three pages' worth
        publish_article(news_of(khcn), title=f"Khoa học {day:02d}", first_published_at=at(2024, 1, day))
    assert cards(client.get("/tin-tuc/", HTTP_HOST=KHCN_HOST))[0] == "Khoa học 13"
    assert cards(client.get("/tin-tuc/?page=2", HTTP_HOST=KHCN_HOST)) == [
        "Khoa học 03",
        "Khoa học 02",
        "Khoa học 01",
    ]


def test_each_site_keeps_its_own_sitemap_and_a_publish_renews_only_its_own(client, news, khcn, xd):
    science = client.get("/sitemap-trang.xml", HTTP_HOST=KHCN_HOST).content.decode()
    construction = client.get("/sitemap-trang.xml", HTTP_HOST=XD_HOST).content.decode()

    assert f"http://{KHCN_HOST}/tin-tuc/khoa-hoc-01/" in science and XD_HOST not in science
    assert f"http://{XD_HOST}/tin-tuc/xay-dung-01/" in construction and KHCN_HOST not in construction

    publish_article(news_of(xd), title="Xây dựng mới", slug="xay-dung-moi", first_published_at=at(2023, 2, 1))
    with CaptureQueriesContext(connection) as science_queries:
        science_again = client.get("/sitemap-trang.xml", HTTP_HOST=KHCN_HOST).content.decode()
    construction_again = client.get("/sitemap-trang.xml", HTTP_HOST=XD_HOST).content.decode()

    assert f"http://{XD_HOST}/tin-tuc/xay-dung-moi/" in construction_again
    assert science_again == science
    assert not [query for query in science_queries if "wagtailcore_page" in query["sql"]]


def test_search_year_choices_are_each_sites_own_and_the_hubs_follow_every_site(client, news, khcn, xd, hub):
    def years(host) -> list[str]:
        page = client.get("/tim-kiem/", {"q": "khoa học"}, HTTP_HOST=host).content.decode()
        choices = re.search(r'<select[^>]*name="nam".*?</select>', page, re.S)
        assert choices, "the year filter is on the search page"
        return re.findall(r"<option(?: selected)?>(\d{4})</option>", choices.group(0))

    assert years(KHCN_HOST) == ["2024"]
    assert years(XD_HOST) == ["2023"]
    assert years(HUB_HOST) == ["2024", "2023"]

    publish_article(news_of(xd), title="Xây dựng năm 2019", first_published_at=at(2019, 5, 1))

    assert years(XD_HOST) == ["2023", "2019"]
    assert years(KHCN_HOST) == ["2024"]
    assert years(HUB_HOST) == ["2024", "2023", "2019"]  # renewed by the department's publish
