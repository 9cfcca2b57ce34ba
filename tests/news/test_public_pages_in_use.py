"""The news pages as citizens use them (issue 15): the home page leads with the agency's score, articles
that quote a score link to it, related news prefers the same agencies and tags, an update date only
for changed content, listing cards whose image and category are links, month archives, the print view.
"""

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from indexes.models import Result
from portal.models import AgencySettings
from tests.factories import ImageFactory, publish_article
from tests.indexes.factories import add_result, make_agency, make_edition, make_service_count, ranking

pytestmark = pytest.mark.django_db

SPRING_2024 = timezone.make_aware(datetime(2024, 4, 15, 9, 0))


@pytest.fixture
def khcn(indexes_page):
    """Sở KH&CN, 13th of 18 in 2023 at 83,45 (6th in 2022 at 85,37), with 19 of 55 procedures online."""
    edition_2022, edition_2023 = make_edition(2022), make_edition(2023)
    agency = make_agency("Sở Khoa học và Công nghệ", short_name="Sở KH&CN", slug="so-khoa-hoc-va-cong-nghe")
    ranking(edition_2022, ["99", "98", "97", "96", "95"])
    add_result(edition_2022, agency, "85.37")
    ranking(edition_2023, [str(99 - n) for n in range(12)] + ["80", "79", "78", "77", "76"])
    add_result(edition_2023, agency, "83.45")
    make_service_count(agency, date(2024, 3, 31), total_procedures=55, fully_online=10, partly_online=9)
    return agency


def own_agency(agency):
    settings = AgencySettings.for_site(Site.objects.get(is_default_site=True))
    settings.agency = agency
    settings.save()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_page_leads_with_the_agencys_score_card_linking_to_agency_and_edition(client, news_index, khcn):
    own_agency(khcn)
    publish_article(news_index, title="Tin mới")

    html = client.get("/").content.decode()

    card = re.search(r'<section class="score-card".*?</section>', html, re.S).group(0)
    assert text_of(card).count("83,45") == 1
    assert "<strong>13</strong>/18" in card
    assert "giảm 7 bậc" in card and "−1,92" in card
    assert "19/55 (34,5 %)" in card
    assert 'href="/chi-so-cai-cach-hanh-chinh/co-quan/so-khoa-hoc-va-cong-nghe/"' in card
    assert 'href="/chi-so-cai-cach-hanh-chinh/chi-so-cchc-2023/"' in card
    # Near the top: before the list of news.
    assert html.index('class="score-card"') < html.index('class="latest-news"')


def test_home_page_without_a_chosen_agency_shows_no_card(client, news_index, khcn):
    assert 'class="score-card"' not in client.get("/").content.decode()


def test_choosing_the_agency_in_settings_shows_at_once_on_the_cached_home_page(client, news_index, khcn):
    assert 'class="score-card"' not in client.get("/").content.decode()
    own_agency(khcn)
    assert 'class="score-card"' in client.get("/").content.decode()


def test_an_edit_shows_at_once_on_the_home_page_and_leaves_its_score_card_kept(client, news_index, khcn):
    """The score card shows no article: an article's edit renders the latest news alone; a corrected
    result renews the card."""
    own_agency(khcn)
    article = publish_article(news_index, title="Hội nghị triển khai cải cách hành chính")
    client.get("/")

    article.title = "Hội nghị triển khai cải cách hành chính năm 2024"
    article.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()

    assert "Hội nghị triển khai cải cách hành chính năm 2024" in html
    assert 'class="score-card"' in html
    assert not [query for query in queries if "indexes_result" in query["sql"]]  # the card is kept
    corrected = Result.objects.get(agency=khcn, edition__year=2023)  # a moderator corrects the score
    corrected.index_value = corrected.points = Decimal("84.12")
    corrected.save()
    assert "84,12" in text_of(client.get("/").content.decode())


def test_home_page_offers_categories_and_advertises_the_rss_feed(client, news_index, reform_category):
    publish_article(news_index, title="Tin cải cách", categories=[reform_category])

    html = client.get("/").content.decode()

    assert '<link rel="alternate" type="application/rss+xml" href="/tin-tuc/rss/"' in html
    nav = re.search(r'<nav class="category-links".*?</nav>', html, re.S).group(0)
    assert '<a href="/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/">Cải cách hành chính</a>' in nav
    assert client.get("/tin-tuc/rss/").status_code == 200


def test_an_article_naming_an_agency_shows_its_score_card(client, news_index, khcn):
    article = publish_article(news_index, title="Hội nghị CCHC", first_published_at=SPRING_2024)
    article.agencies.add(khcn)
    article.save_revision().publish()
    other = publish_article(news_index, title="Tin khác")

    html = client.get(article.url).content.decode()

    card = re.search(r'<section class="article-figures".*?</section>\s*</section>', html, re.S).group(0)
    assert "Số liệu của cơ quan được nhắc đến trong bài" in card
    assert 'href="/chi-so-cai-cach-hanh-chinh/co-quan/so-khoa-hoc-va-cong-nghe/"' in card
    assert 'href="/chi-so-cai-cach-hanh-chinh/chi-so-cchc-2023/"' in card
    assert "<strong>13</strong>/18" in card
    assert 'class="score-card"' not in client.get(other.url).content.decode()


def test_an_agency_without_published_figures_gets_no_card(client, news_index, indexes_page):
    agency = make_agency("Sở Nội vụ")
    make_edition(2024, live=False)
    article = publish_article(news_index, title="Tin Sở Nội vụ")
    article.agencies.add(agency)
    article.save_revision().publish()
    assert list(article.agencies.all()) == [agency]

    assert 'class="score-card"' not in client.get(article.url).content.decode()


def test_related_news_prefers_the_same_agency_then_the_same_tags(news_index, reform_category, khcn):
    article = publish_article(
        news_index,
        title="Bài gốc",
        categories=[reform_category],
        tags=["Chỉ số CCHC"],
        first_published_at=SPRING_2024,
    )
    article.agencies.add(khcn)
    same_category = publish_article(news_index, title="Cùng chuyên mục", categories=[reform_category])
    same_tag = publish_article(
        news_index,
        title="Cùng thẻ",
        tags=["Chỉ số CCHC"],
        first_published_at=timezone.make_aware(datetime(2024, 1, 1)),
    )
    same_agency = publish_article(
        news_index, title="Cùng cơ quan", first_published_at=timezone.make_aware(datetime(2023, 1, 1))
    )
    same_agency.agencies.add(khcn)
    same_agency.save()
    publish_article(news_index, title="Không liên quan")

    assert list(article.related_articles()) == [same_agency, same_tag, same_category]


def test_related_news_is_kept_through_an_edit_and_follows_a_new_article(client, news_index, reform_category):
    """Which articles are related, and what the page shows of them, depends on the lists they are in,
    not on their body: an edit of the body reads neither the link tables nor the related articles; a
    related article's new title, and a new article on the subject, show."""
    article = publish_article(news_index, title="Bài gốc", categories=[reform_category])
    other = publish_article(news_index, title="Bài cùng chuyên mục", categories=[reform_category])
    client.get(article.url)

    article.body = [{"type": "paragraph", "value": "<p>Đoạn bổ sung sau hội nghị.</p>"}]
    article.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(article.url).content.decode()
    assert "Đoạn bổ sung sau hội nghị." in html and "Bài cùng chuyên mục" in html
    assert not [query for query in queries if "GROUP BY" in query["sql"]]
    assert not [query for query in queries if f"IN ({other.pk})" in query["sql"]]

    other.title = "Bài cùng chuyên mục, đã sửa tên"
    other.save_revision().publish()
    assert "Bài cùng chuyên mục, đã sửa tên" in client.get(article.url).content.decode()

    publish_article(news_index, title="Bài mới cùng chuyên mục", categories=[reform_category])
    assert "Bài mới cùng chuyên mục" in client.get(article.url).content.decode()


def test_update_date_only_when_the_content_changed_after_publication(client, news_index):
    article = publish_article(news_index, title="Kết quả năm 2023", first_published_at=SPRING_2024)
    # Republished unchanged (a tag added, say): published long ago, last published now, yet not updated.
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "Cập nhật" not in html
    assert '"dateModified": "2024-04-15T09:00:00+07:00"' in html

    article.lead = "Đính chính: chỉ số đạt 83,45/100 điểm."
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert re.search(rf"<dt>Cập nhật</dt>\s*<dd><time[^>]*>{today} ", html)


def test_listing_cards_link_their_image_and_categories(client, news_index, reform_category):
    article = publish_article(
        news_index,
        title="Tin có ảnh",
        hero_image=ImageFactory(description="Hội nghị"),
        categories=[reform_category],
    )

    html = client.get("/tin-tuc/").content.decode()

    card = re.search(r'<article class="article-card[^"]*">.*?</article>', html, re.S).group(0)
    image_link = re.search(r'<a class="article-card__image-link" href="([^"]+)"[^>]*>\s*<picture', card)
    assert image_link and image_link.group(1) == article.url
    assert '<a href="/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/">Cải cách hành chính</a>' in card


def test_month_archives_are_reachable_from_the_listing(client, news_index):
    for month in (3, 4):
        publish_article(
            news_index,
            title=f"Tin tháng {month}",
            first_published_at=timezone.make_aware(datetime(2024, month, 5)),
        )
    publish_article(
        news_index, title="Tin 2023", first_published_at=timezone.make_aware(datetime(2023, 7, 5))
    )

    listing = client.get("/tin-tuc/").content.decode()
    assert '<a href="/tin-tuc/luu-tru/2024/4/">Tháng 4</a>' in listing
    assert '<a href="/tin-tuc/luu-tru/2024/3/">Tháng 3</a>' in listing

    year_2023 = client.get("/tin-tuc/luu-tru/2023/").content.decode()
    assert '<a href="/tin-tuc/luu-tru/2023/7/">Tháng 7</a>' in year_2023
    assert "/tin-tuc/luu-tru/2024/4/" not in year_2023
    month = client.get("/tin-tuc/luu-tru/2024/4/").content.decode()
    assert '<a href="/tin-tuc/luu-tru/2024/4/" aria-current="page">Tháng 4</a>' in month


def test_print_view_styles_paper_only_and_keeps_its_tools_on_screen(client, news_index):
    article = publish_article(news_index, title="Bài để in")

    html = client.get(article.url + "ban-in/").content.decode()

    assert re.search(r'<link rel="stylesheet" href="[^"]*print\.css" media="print">', html)
    assert re.search(r'<link rel="stylesheet" href="[^"]*print-screen\.css" media="screen">', html)
    tools = re.search(r'<p class="print-tools no-print">.*?</p>', html, re.S).group(0)
    assert "data-print" in tools and f'href="{article.url}"' in tools


NOTE = "The content of this page is written in Vietnamese"


def test_english_pages_say_their_content_is_in_vietnamese(client, news_index, khcn):
    article = publish_article(news_index, title="Hội nghị cải cách hành chính", slug="hoi-nghi")
    paths = [
        "/",
        "/tin-tuc/",
        article.url,
        "/chi-so-cai-cach-hanh-chinh/",
        "/chi-so-cai-cach-hanh-chinh/co-quan/so-khoa-hoc-va-cong-nghe/",
    ]
    for path in paths:
        english = client.get("/en" + path)
        assert english.status_code == 200, path
        assert NOTE in english.content.decode(), path
        assert NOTE not in client.get(path).content.decode(), path


def test_a_card_without_a_picture_gives_the_text_the_whole_width(client, news_index):
    publish_article(news_index, title="Tin không có ảnh", hero_image=None)

    html = client.get("/").content.decode()

    assert '<article class="article-card article-card--no-image">' in html
