"""The dashboard as editors and moderators use it: writing one click away, their own drafts to resume or
delete, "Chờ bạn duyệt" first for a moderator, and approval that asks first and then says what happened."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from news.models import ArticlePage
from tests.admin_strings import untranslated
from tests.factories import ArticlePageFactory, member_of, publish_article

pytestmark = pytest.mark.django_db


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.fixture
def editor(client):
    user = member_of("Biên tập viên", "bientap")
    client.force_login(user)
    return user


def test_an_editor_writes_from_the_dashboard_and_sees_their_own_articles(client, editor, news_index):
    draft = ArticlePageFactory(parent=news_index, live=False, owner=editor, title="Bản nháp bỏ dở")
    draft.save_revision(user=editor)
    waiting = ArticlePageFactory(parent=news_index, live=False, owner=editor, title="Bài chờ duyệt")
    waiting.save_revision(user=editor)
    waiting.get_workflow().start(waiting, editor)
    published = publish_article(news_index, title="Bài đã đăng", owner=editor)
    publish_article(news_index, title="Bài của người khác")

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    panel = soup(html).select_one("#my-articles")
    assert panel.select_one("h2").text == "Bài của tôi"
    write = panel.select_one("a.button--icon")
    assert write.text.strip() == "Viết bài mới"
    assert write["href"] == reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
    drafts = panel.select_one("table[aria-labelledby=my-drafts]")
    assert [cell.text for cell in drafts.select("tbody td:first-child")] == ["Bản nháp bỏ dở"]
    assert drafts.select_one("tbody td:nth-child(2)").text.strip() == "Vừa xong"  # not "0 phút trước"
    assert drafts.find("a", string="Viết tiếp")["href"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert drafts.find("a", string="Xóa bản nháp")["href"].startswith(
        reverse("wagtailadmin_pages:delete", args=[draft.pk])
    )
    assert "Bài chờ duyệt" in panel.select_one("#my-in-moderation").find_next("ul").text
    assert "Bài đã đăng" in panel.select_one("#my-published").find_next("ul").text
    assert panel.find("a", href=published.url).text == "Xem trên cổng"
    assert "Bài của người khác" not in panel.text
    assert soup(html).select_one("form[role=search] input[type=submit]")["value"] == "Tìm kiếm"
    assert untranslated(html) == set()


def test_an_editor_deletes_an_abandoned_draft_from_the_dashboard(client, editor, news_index):
    draft = ArticlePageFactory(parent=news_index, live=False, owner=editor, title="Bản nháp bỏ dở")
    draft.save_revision(user=editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    delete_url = soup(html).find("a", string="Xóa bản nháp")["href"]

    asked = client.get(delete_url).content.decode()
    assert "Bạn có chắc chắn muốn xóa trang này?" in asked
    assert "Bài viết này được sử dụng ở 0 nơi." in asked
    assert untranslated(asked) == set()  # it said "Are you sure…", "No, don't delete it"
    response = client.post(delete_url)

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not ArticlePage.objects.filter(pk=draft.pk).exists()


def test_a_moderator_deleting_or_unpublishing_an_article_is_asked_in_vietnamese(client, news_index):
    article = publish_article(news_index, title="Bài đã đăng")
    client.force_login(member_of("Kiểm duyệt viên", "kiemduyet"))

    screens = {
        name: client.get(reverse(f"wagtailadmin_pages:{name}", args=[article.pk])).content.decode()
        for name in ("delete", "unpublish", "usage")
    }

    assert (
        "ngừng xuất bản trang"
        in soup(screens["delete"]).find("a", href=lambda href: "unpublish" in href).text
    )
    assert "Bạn có chắc chắn muốn ngừng xuất bản trang này?" in screens["unpublish"]
    assert soup(screens["unpublish"]).find("button", string="Có, ngừng xuất bản") is not None
    assert "Không có kết quả nào." in screens["usage"]
    assert {name: untranslated(html) for name, html in screens.items()} == {key: set() for key in screens}


@pytest.fixture
def waiting_article(news_index):
    author = member_of("Biên tập viên", "tacgia")
    article = ArticlePageFactory(parent=news_index, live=False, owner=author, title="Hội nghị tập huấn")
    article.save_revision(user=author)
    article.get_workflow().start(article, author)
    return article


def test_awaiting_review_comes_first_on_a_moderators_dashboard(client, waiting_article):
    client.force_login(member_of("Kiểm duyệt viên", "kiemduyet"))

    page = soup(client.get(reverse("wagtailadmin_home")).content.decode())

    headings = [heading.text.strip() for heading in page.select(".w-dashboard h2.w-panel__heading")]
    assert headings[0] == "Chờ bạn duyệt"
    assert headings.index("Chờ bạn duyệt") < headings.index("Thống kê truy cập")


def test_approving_from_the_dashboard_asks_first_then_says_so_with_a_link(client, waiting_article):
    client.force_login(member_of("Kiểm duyệt viên", "kiemduyet"))
    dashboard = soup(client.get(reverse("wagtailadmin_home")).content.decode())
    button = dashboard.find("button", string="Phê duyệt")
    assert "data-launch-modal" in button.attrs
    url = button["data-workflow-action-url"]

    dialog = client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).json()

    assert "Phê duyệt “Hội nghị tập huấn”? Bài sẽ được xuất bản ngay" in dialog["html"]
    assert untranslated(dialog["html"]) == set()
    waiting_article.refresh_from_db()
    assert not waiting_article.live  # asking writes nothing

    done = client.post(
        url, {"next": reverse("wagtailadmin_home")}, headers={"x-requested-with": "XMLHttpRequest"}
    ).json()
    assert done == {"step": "success", "redirect": reverse("wagtailadmin_home")}
    waiting_article.refresh_from_db()
    assert waiting_article.live

    after = soup(client.get(reverse("wagtailadmin_home")).content.decode())
    message = after.select_one(".messages")
    assert "Đã phê duyệt và xuất bản “Hội nghị tập huấn”." in message.text
    assert message.find("a", href=waiting_article.url).text.strip() == "Xem trên cổng"
