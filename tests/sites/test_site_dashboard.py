"""The dashboard on an install of several department sites: "Viết bài mới" writes in the editor's own
site's news, "Bài của tôi" holds their own articles only, and "Chờ bạn duyệt" lists a moderator only what
was submitted on their site, which another site's moderator can neither see nor approve."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from news.models import ArticlePage, NewsIndexPage
from tests.admin_strings import untranslated
from tests.factories import ArticlePageFactory
from tests.sites.conftest import KHCN_HOST, XD_HOST, member

pytestmark = pytest.mark.django_db


def dashboard(client, host="localhost") -> BeautifulSoup:
    response = client.get(reverse("wagtailadmin_home"), headers={"host": host})
    assert response.status_code == 200
    html = response.content.decode()
    assert untranslated(html) == set()  # a department's members meet Vietnamese only, as everyone
    return BeautifulSoup(html, "html.parser")


def write_link(page: BeautifulSoup):
    """The "Viết bài mới" button (its text follows an icon)."""
    return next((a for a in page.select("#my-articles a") if a.get_text().strip() == "Viết bài mới"), None)


def news_of(department) -> NewsIndexPage:
    return NewsIndexPage.objects.child_of(department.home).get()


def draft(department, author, title) -> ArticlePage:
    article = ArticlePageFactory(parent=news_of(department), live=False, owner=author, title=title)
    article.save_revision(user=author)
    return article


def submitted(department, author, title) -> ArticlePage:
    article = draft(department, author, title)
    article.get_workflow().start(article, author)
    return article


def write_url(department) -> str:
    return reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_of(department).pk])


@pytest.mark.parametrize("group", ["editors", "moderators"])
def test_viet_bai_moi_writes_in_the_members_own_sites_news(client, khcn, xd, group):
    # Sở KH&CN's news comes first in the tree: the Sở Xây dựng member must not be offered it.
    for department in (xd, khcn):
        client.force_login(member(getattr(department, group), f"{group}-{department.site.hostname}"))

        write = write_link(dashboard(client))

        assert write is not None
        assert write["href"] == write_url(department)
        assert client.get(write["href"]).status_code == 200


def test_a_member_of_two_sites_writes_in_the_site_the_admin_is_opened_on(client, khcn, xd):
    user = member(khcn.editors, "bientap-hai-so")
    user.groups.add(xd.editors)
    client.force_login(user)

    on_xd = write_link(dashboard(client, XD_HOST))
    on_khcn = write_link(dashboard(client, KHCN_HOST))

    assert on_xd["href"] == write_url(xd)
    assert on_khcn["href"] == write_url(khcn)


def test_bai_cua_toi_holds_the_editors_own_articles_only(client, khcn, xd):
    khcn_editor = member(khcn.editors, "bientap-khcn")
    xd_editor = member(xd.editors, "bientap-xd")
    draft(khcn, khcn_editor, "Bản nháp của Sở KH&CN")
    submitted(khcn, khcn_editor, "Bài chờ duyệt của Sở KH&CN")
    draft(xd, xd_editor, "Bản nháp của Sở Xây dựng")
    client.force_login(xd_editor)

    panel = dashboard(client).select_one("#my-articles")

    drafts = panel.select_one("table[aria-labelledby=my-drafts]")
    assert [cell.text for cell in drafts.select("tbody td:first-child")] == ["Bản nháp của Sở Xây dựng"]
    assert "Sở KH&CN" not in panel.text


def test_cho_ban_duyet_lists_and_approves_only_the_moderators_own_sites_pages(client, khcn, xd):
    khcn_editor = member(khcn.editors, "bientap-khcn")
    article = submitted(khcn, khcn_editor, "Hội thảo chuyển đổi số")
    xd_moderator = member(xd.moderators, "kiemduyet-xd")
    khcn_moderator = member(khcn.moderators, "kiemduyet-khcn")

    # Sở KH&CN's moderator sees it first on the dashboard, with the confirming "Phê duyệt".
    client.force_login(khcn_moderator)
    page = dashboard(client)
    headings = [heading.text.strip() for heading in page.select(".w-dashboard h2.w-panel__heading")]
    assert headings[0] == "Chờ bạn duyệt"
    approve_url = page.find("button", string="Phê duyệt")["data-workflow-action-url"]
    assert "Hội thảo chuyển đổi số" in page.select_one("#awaiting-review, .w-panel").text

    # Sở Xây dựng's moderator sees no such panel and may not approve it by its address.
    client.force_login(xd_moderator)
    page = dashboard(client)
    assert "Chờ bạn duyệt" not in [heading.text.strip() for heading in page.select("h2")]
    assert "Hội thảo chuyển đổi số" not in page.text
    asked = client.get(approve_url, headers={"x-requested-with": "XMLHttpRequest"})
    posted = client.post(approve_url, headers={"x-requested-with": "XMLHttpRequest"})
    assert asked.status_code == posted.status_code == 403
    article.refresh_from_db()
    assert not article.live

    # Sở KH&CN's moderator approves it; the message links to the page on Sở KH&CN's own address.
    client.force_login(khcn_moderator)
    done = client.post(
        approve_url, {"next": reverse("wagtailadmin_home")}, headers={"x-requested-with": "XMLHttpRequest"}
    ).json()
    assert done["step"] == "success"
    article.refresh_from_db()
    assert article.live
    message = dashboard(client).select_one(".messages")
    assert "Đã phê duyệt và xuất bản “Hội thảo chuyển đổi số”." in message.text
    link = message.find("a", string=lambda text: text and text.strip() == "Xem trên cổng")
    assert link["href"] == f"http://{KHCN_HOST}/tin-tuc/{article.slug}/"
    assert (
        client.get(link["href"].removeprefix(f"http://{KHCN_HOST}"), headers={"host": KHCN_HOST}).status_code
        == 200
    )
