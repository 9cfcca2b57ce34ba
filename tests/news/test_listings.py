"""Citizens browse the news: newest first, by category, tag and month, page by page."""

import re
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from news.models import ArticlePage
from news.synthetic import generate_articles
from portal import pagination
from portal.caching.generation import purge
from tests.factories import ArticlePageFactory, NewsIndexPageFactory, publish_article
from tests.helpers import sitemap_text

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=9):
    return timezone.make_aware(datetime(year, month, day, hour))


def titles(response):
    return [article.title for article in response.context["page_obj"].object_list]


def card_titles(response) -> list[str]:
    """The titles of the cards a reader sees on a listing, in order."""
    return re.findall(r'class="article-card__title"><a href="[^"]*">([^<]*)</a>', response.content.decode())


def test_listing_is_newest_first_ten_a_page_with_page_numbers(client, news_index):
    for day in range(1, 13):
        publish_article(news_index, title=f"Tin ngày {day:02d}/3/2024", first_published_at=at(2024, 3, day))

    first = client.get("/tin-tuc/")
    second = client.get("/tin-tuc/?page=2")

    assert titles(first)[:2] == ["Tin ngày 12/3/2024", "Tin ngày 11/3/2024"]
    assert len(titles(first)) == 10
    assert titles(second) == ["Tin ngày 02/3/2024", "Tin ngày 01/3/2024"]
    html = first.content.decode()
    assert "Trang 1 / 2" in html
    assert '<a href="?page=2" rel="next">' in html
    assert '<input id="goto-page" type="number" name="page" min="1" max="2" value="1"' in html


def test_category_listing_shows_only_its_articles(client, news_index, reform_category, events_category):
    publish_article(news_index, title="Kết quả Chỉ số CCHC", categories=[reform_category])
    publish_article(news_index, title="Hội thảo khoa học", categories=[events_category])

    response = client.get("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/")

    assert response.status_code == 200
    assert titles(response) == ["Kết quả Chỉ số CCHC"]
    assert "<h1>Cải cách hành chính</h1>" in response.content.decode()


def test_tag_page_lists_tagged_articles_and_its_address_has_no_diacritics(client, news_index):
    publish_article(news_index, title="Đồng Tháp triển khai kế hoạch", tags=["Đồng Tháp"])
    publish_article(news_index, title="Tin khác", tags=["ISO 9001"])

    response = client.get("/tin-tuc/the/dong-thap/")

    assert response.status_code == 200
    assert titles(response) == ["Đồng Tháp triển khai kế hoạch"]


def test_archive_by_year_and_month(client, news_index):
    publish_article(news_index, title="Tháng tư", first_published_at=at(2024, 4, 12))
    publish_article(news_index, title="Tháng tám", first_published_at=at(2024, 8, 22))
    publish_article(news_index, title="Năm trước", first_published_at=at(2023, 11, 20))

    year = client.get("/tin-tuc/luu-tru/2024/")
    month = client.get("/tin-tuc/luu-tru/2024/4/")

    assert titles(year) == ["Tháng tám", "Tháng tư"]
    assert titles(month) == ["Tháng tư"]
    assert "Lưu trữ: 4/2024" in month.content.decode()
    assert 'href="/tin-tuc/luu-tru/2023/"' in year.content.decode()  # browse-by-date links


def test_an_article_published_late_on_the_last_day_of_a_month_stays_in_that_month(client, news_index):
    publish_article(news_index, title="Cuối tháng", first_published_at=at(2024, 4, 30, hour=23))

    assert titles(client.get("/tin-tuc/luu-tru/2024/4/")) == ["Cuối tháng"]
    assert titles(client.get("/tin-tuc/luu-tru/2024/5/")) == []


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/tin-tuc/?page=abc", 400, "“abc” không phải là số trang."),
        ("/tin-tuc/?page=99999", 404, "Không có trang 99999: danh sách này có 1 trang."),
        ("/tin-tuc/?page=0", 404, "Không có trang 0"),
        ("/tin-tuc/luu-tru/2024/13/", 404, "Không có tháng 13"),
        ("/tin-tuc/luu-tru/2024/0/", 404, "Không có tháng 0"),
        ("/tin-tuc/the/khong-ton-tai/", 404, "Không có thẻ “khong-ton-tai”."),
        ("/tin-tuc/chuyen-muc/khong-ton-tai/", 404, "Không tìm thấy trang"),
        ("/tin-tuc/luu-tru/99999/", 404, "99999"),
    ],
)
def test_bad_addresses_get_a_clear_vietnamese_message_not_a_server_error(
    client, news_index, path, status, message
):
    publish_article(news_index, title="Một bài")

    response = client.get(path)

    assert response.status_code == status
    assert message in response.content.decode()


def test_drafts_and_unpublished_articles_appear_nowhere(client, news_index, reform_category):
    published = publish_article(news_index, title="Đã xuất bản", categories=[reform_category])
    draft = publish_article(news_index, title="Bản nháp", categories=[reform_category])
    draft.unpublish()

    pages = [
        client.get("/").content.decode(),
        client.get("/tin-tuc/").content.decode(),
        client.get("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/").content.decode(),
        client.get("/tin-tuc/rss/").content.decode(),
        sitemap_text(client),
        client.get(published.url).content.decode(),  # related news
    ]

    assert all("Bản nháp" not in page and draft.slug not in page for page in pages)
    assert client.get(draft.url or f"/tin-tuc/{draft.slug}/").status_code == 404


def test_a_tag_page_exists_only_for_tags_of_live_public_articles(client, news_index):
    """A tag that only a draft (or an unpublished or restricted article) carries has no page: its name
    would tell what is being prepared."""
    publish_article(news_index, title="Đã xuất bản", tags=["ISO 9001"])
    draft = ArticlePageFactory(parent=news_index, live=False, title="Bản nháp", tags=["Sáp nhập sở"])
    draft.save_revision()
    withdrawn = publish_article(news_index, title="Đã gỡ", tags=["Kỷ luật cán bộ"])
    withdrawn.unpublish()
    restricted = publish_article(news_index, title="Nội bộ", tags=["Nhân sự"])
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="noi-bo")

    assert client.get("/tin-tuc/the/iso-9001/").status_code == 200
    for slug, name in [
        ("sap-nhap-so", "Sáp nhập sở"),
        ("ky-luat-can-bo", "Kỷ luật cán bộ"),
        ("nhan-su", "Nhân sự"),
    ]:
        response = client.get(f"/tin-tuc/the/{slug}/")
        html = response.content.decode()
        assert response.status_code == 404, slug
        assert f"Không có thẻ “{slug}”." in html
        assert name not in html


def test_the_years_to_browse_follow_publishing(client, news_index):
    publish_article(news_index, title="Năm 2023", first_published_at=at(2023, 5, 1))
    assert client.get("/tin-tuc/").context["archive_years"] == [2023]

    newer = publish_article(news_index, title="Năm 2024", first_published_at=at(2024, 5, 1))
    assert client.get("/tin-tuc/").context["archive_years"] == [2024, 2023]

    newer.unpublish()
    assert client.get("/tin-tuc/").context["archive_years"] == [2023]


def test_the_months_to_browse_are_read_again_only_when_they_may_have_changed(news_index, home_page):
    """Reading them reads every article's date: a publish in a month already listed keeps them, and
    whatever may empty or fill a month (a new month, an unpublish, a move, a restriction, a delete) does not."""
    other_section = NewsIndexPageFactory(parent=home_page, title="Thông báo", slug="thong-bao")

    def months(section):
        section = type(section).objects.get(pk=section.pk)
        with CaptureQueriesContext(connection) as queries:
            found = section.archive_months()
        return found, len([query for query in queries if "first_published_at" in query["sql"]])

    january = publish_article(news_index, title="Tháng Một", first_published_at=at(2024, 1, 5))
    assert months(news_index) == ([(2024, 1)], 1)

    publish_article(news_index, title="Tháng Một, bài hai", first_published_at=at(2024, 1, 20))
    january.save_revision().publish()  # an edit republished
    assert months(news_index) == ([(2024, 1)], 0)

    march = publish_article(news_index, title="Tháng Ba", first_published_at=at(2024, 3, 2))
    assert months(news_index)[0] == [(2024, 3), (2024, 1)]

    march.unpublish()
    assert months(news_index)[0] == [(2024, 1)]

    months(other_section)
    march.save_revision().publish()
    march.move(other_section, pos="last-child")
    assert months(news_index)[0] == [(2024, 1)]
    assert months(other_section)[0] == [(2024, 3)]

    PageViewRestriction.objects.create(
        page=march, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert months(other_section)[0] == []
    PageViewRestriction.objects.filter(page=march).delete()
    assert months(other_section)[0] == [(2024, 3)]

    march.delete()
    assert months(other_section)[0] == []


def test_deep_pages_show_the_right_articles_in_order(client, news_index):
    for day in range(1, 26):
        publish_article(news_index, title=f"Bài {day:02d}", first_published_at=at(2024, 1, day))

    assert titles(client.get("/tin-tuc/?page=3")) == ["Bài 05", "Bài 04", "Bài 03", "Bài 02", "Bài 01"]


def test_every_page_of_a_long_listing_continues_where_the_last_one_ended(client, news_index, monkeypatch):
    """Deep pages start from kept anchors (every 2 pages here): none skips or repeats an article, even
    when many share one publishing time across an anchor, in whichever order the pages are opened."""
    monkeypatch.setattr(pagination, "ANCHOR_EVERY_PAGES", 2)
    generate_articles(count=95, news_index=news_index)
    tied = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True)[30:52])
    ArticlePage.objects.filter(pk__in=tied).update(first_published_at=at(2020, 5, 1))
    purge()
    expected = list(
        ArticlePage.objects.live().order_by("-first_published_at", "-pk").values_list("title", flat=True)
    )

    forwards = [title for number in range(1, 11) for title in titles(client.get(f"/tin-tuc/?page={number}"))]
    purge()
    backwards = [titles(client.get(f"/tin-tuc/?page={number}")) for number in range(10, 0, -1)]

    assert len(expected) == 95 and forwards == expected
    assert [title for page in reversed(backwards) for title in page] == expected


def test_the_count_is_kept_until_the_next_publish(client, news_index):
    for day in range(1, 12):
        publish_article(news_index, title=f"Bài {day:02d}", first_published_at=at(2024, 1, day))
    client.get("/tin-tuc/")

    with CaptureQueriesContext(connection) as queries:
        second = client.get("/tin-tuc/?page=2")
    publish_article(news_index, title="Bài 12", first_published_at=at(2024, 1, 12))

    assert titles(second) == ["Bài 01"]
    assert not [query for query in queries if "COUNT(" in query["sql"]]
    assert titles(client.get("/tin-tuc/?page=2")) == ["Bài 02", "Bài 01"]


def test_cards_are_kept_until_the_next_publish_and_follow_a_renamed_category(
    client, news_index, reform_category
):
    for day in range(1, 4):
        publish_article(
            news_index,
            title=f"Bài {day:02d}",
            first_published_at=at(2024, 1, day),
            categories=[reform_category],
        )
    client.get("/tin-tuc/")

    with CaptureQueriesContext(connection) as queries:
        kept = client.get("/tin-tuc/").content.decode()
    reform_category.name = "Cải cách thể chế"
    reform_category.save()
    renamed = client.get("/tin-tuc/").content.decode()

    assert kept.count('<article class="article-card') == 3
    assert not [
        query for query in queries if "news_newscategory" in query["sql"] or "wagtailimages" in query["sql"]
    ]
    # Each card names the category, linking to its listing in this news section.
    link = f'· <a href="/tin-tuc/chuyen-muc/{reform_category.slug}/">Cải cách thể chế</a>'
    assert renamed.count(link) == 3


def test_an_edit_published_again_keeps_the_counts_and_a_change_of_list_renews_them(
    client, news_index, reform_category
):
    """Counting a list reads all of it: an article's body edited and published again changes no list,
    so the counts, pages and cards stay kept; a new title, a category or a tag taken away or added, or
    an unpublish, reads them again."""
    articles = [
        publish_article(
            news_index,
            title=f"Bài {day:02d}",
            first_published_at=at(2024, 1, day),
            categories=[reform_category],
            tags=["Một cửa"],
        )
        for day in range(1, 12)
    ]
    category_listing = f"/tin-tuc/chuyen-muc/{reform_category.slug}/"
    for address in ("/tin-tuc/", category_listing, "/tin-tuc/the/mot-cua/", "/tin-tuc/?page=2"):
        assert client.get(address).context["page_obj"].paginator.count == 11

    edited = ArticlePage.objects.get(pk=articles[0].pk)
    edited.body = [{"type": "paragraph", "value": "<p>Đã bổ sung số liệu quý IV.</p>"}]
    edited.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/tin-tuc/?page=2")
    assert card_titles(second) == ["Bài 01"]
    assert not [query for query in queries if "COUNT(" in query["sql"]]
    # Nor which articles the page holds (its ids are kept with the count), nor their cards: no card
    # shows the body, so the page reads no article at all.
    assert not [query for query in queries if "news_articlepage" in query["sql"]]

    # A new title is on the card: the lists are read again.
    edited.title = "Bài 01, đã sửa lỗi chính tả"
    edited.save_revision().publish()
    assert card_titles(client.get("/tin-tuc/?page=2")) == ["Bài 01, đã sửa lỗi chính tả"]
    assert card_titles(client.get(category_listing + "?page=2")) == ["Bài 01, đã sửa lỗi chính tả"]

    edited.categories.set([])
    edited.tags.set([])
    edited.save_revision().publish()
    assert client.get(category_listing).context["page_obj"].paginator.count == 10
    assert "Bài 01, đã sửa lỗi chính tả" not in titles(client.get(category_listing))
    assert client.get("/tin-tuc/the/mot-cua/").context["page_obj"].paginator.count == 10
    assert client.get("/tin-tuc/").context["page_obj"].paginator.count == 11

    edited.tags.set(["Một cửa"])
    edited.save_revision().publish()
    assert client.get("/tin-tuc/the/mot-cua/").context["page_obj"].paginator.count == 11

    ArticlePage.objects.get(pk=articles[1].pk).unpublish()
    assert client.get("/tin-tuc/").context["page_obj"].paginator.count == 10
    assert client.get("/tin-tuc/?page=2").status_code == 404


def test_a_tag_given_to_a_published_article_gets_its_page(client, news_index):
    tagged = publish_article(news_index, title="Bài có thẻ", tags=["Số hóa"])
    untagged = publish_article(news_index, title="Bài chưa có thẻ")
    publish_article(news_index, title="Bài khác", tags=["Dịch vụ công"])
    assert client.get("/tin-tuc/the/so-hoa/").context["page_obj"].paginator.count == 1
    assert client.get("/tin-tuc/the/dich-vu-cong/").status_code == 200

    untagged = ArticlePage.objects.get(pk=untagged.pk)
    untagged.tags.add("Số hóa")
    untagged.save_revision().publish()
    tagged = ArticlePage.objects.get(pk=tagged.pk)
    tagged.tags.set([])
    tagged.save_revision().publish()

    assert titles(client.get("/tin-tuc/the/so-hoa/")) == ["Bài chưa có thẻ"]


def test_the_side_column_follows_publishing_and_marks_the_current_listing(
    client, news_index, reform_category
):
    """The categories and dates to browse are kept apart from the listing: an edit leaves them, a new
    year of news shows at once, and each listing marks itself."""
    first = publish_article(news_index, title="Năm 2023", first_published_at=at(2023, 5, 1))
    assert 'href="/tin-tuc/luu-tru/2023/"' in client.get("/tin-tuc/").content.decode()

    first.title = "Năm 2023, đã sửa"
    first.save_revision().publish()
    publish_article(
        news_index, title="Năm 2024", first_published_at=at(2024, 5, 1), categories=[reform_category]
    )
    html = client.get("/tin-tuc/").content.decode()
    assert 'href="/tin-tuc/luu-tru/2024/"' in html and "Năm 2023, đã sửa" in html

    category_page = client.get(f"/tin-tuc/chuyen-muc/{reform_category.slug}/").content.decode()
    assert f'href="/tin-tuc/chuyen-muc/{reform_category.slug}/" aria-current="page"' in category_page
    assert (
        'href="/tin-tuc/luu-tru/2024/" aria-current="page"'
        in client.get("/tin-tuc/luu-tru/2024/").content.decode()
    )
    assert 'aria-current="page"' not in html.split('aria-labelledby="news-categories"')[1].split("</nav>")[0]


def test_the_home_page_and_articles_follow_their_news_section_to_a_new_address(client, news_index):
    article = publish_article(news_index, title="Sở công bố kết quả Chỉ số CCHC năm 2024")
    assert 'href="/tin-tuc/"' in client.get("/").text
    assert 'href="/tin-tuc/"' in client.get(article.url).text  # its breadcrumb

    news_index.slug = "tin-hoat-dong"
    news_index.save_revision().publish()
    article.refresh_from_db()

    home = client.get("/").text
    assert 'href="/tin-hoat-dong/"' in home and 'href="/tin-tuc/"' not in home
    page = client.get(article.url)
    assert article.url.startswith("/tin-hoat-dong/") and page.status_code == 200
    assert 'href="/tin-hoat-dong/"' in page.text
