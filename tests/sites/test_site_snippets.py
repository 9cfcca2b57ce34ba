"""What a department owns outside its page tree (news categories, question fields, units, leaders,
schedule weeks, questions) is its own: on its public pages, in its editors' admin, and in search."""

import pytest
from django.urls import reverse

from news.models import NewsCategory, NewsIndexPage
from portal.about.models import Unit
from portal.questions.models import Question, QuestionField, QuestionsPage, Status
from tests.factories import publish_article
from tests.sites.conftest import HUB_HOST, KHCN_HOST, XD_HOST, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories(khcn, xd):
    return (
        NewsCategory.objects.create(site=khcn.site, name="Chuyển đổi số", slug="chuyen-doi-so"),
        NewsCategory.objects.create(site=xd.site, name="Quy hoạch đô thị", slug="quy-hoach-do-thi"),
        NewsCategory.objects.create(site=None, name="Tin toàn tỉnh", slug="tin-toan-tinh"),
    )


def test_each_site_lists_its_own_categories_and_the_shared_ones(client, khcn, xd, categories):
    publish_article(NewsIndexPage.objects.child_of(khcn.home).get(), title="Một bài")
    page = client.get("/tin-tuc/", HTTP_HOST=KHCN_HOST).content.decode()

    assert "Chuyển đổi số" in page and "Tin toàn tỉnh" in page
    assert "Quy hoạch đô thị" not in page
    assert client.get("/tin-tuc/chuyen-muc/quy-hoach-do-thi/", HTTP_HOST=KHCN_HOST).status_code == 404
    assert client.get("/tin-tuc/chuyen-muc/quy-hoach-do-thi/", HTTP_HOST=XD_HOST).status_code == 200


def test_two_departments_may_each_have_a_category_of_the_same_name(khcn, xd):
    NewsCategory.objects.create(site=khcn.site, name="Tin tức - Sự kiện", slug="tin-tuc-su-kien")
    NewsCategory.objects.create(site=xd.site, name="Tin tức - Sự kiện", slug="tin-tuc-su-kien")

    assert NewsCategory.objects.filter(slug="tin-tuc-su-kien").count() == 2


def test_a_department_editor_lists_and_changes_only_its_own_rows(client, khcn, xd, categories):
    _own, other, shared = categories
    client.force_login(member(khcn.moderators, "kiemduyet-khcn"))

    listing = client.get(reverse("wagtailsnippets_news_newscategory:list")).content.decode()
    opened = client.get(reverse("wagtailsnippets_news_newscategory:edit", args=[other.pk]))
    posted = client.post(
        reverse("wagtailsnippets_news_newscategory:edit", args=[other.pk]),
        {"site": xd.site.pk, "name": "Sửa trộm", "slug": other.slug, "sort_order": 0},
    )
    deleted = client.post(reverse("wagtailsnippets_news_newscategory:delete", args=[shared.pk]))
    added = client.post(
        reverse("wagtailsnippets_news_newscategory:add"),
        {"site": xd.site.pk, "name": "Thêm vào trang khác", "slug": "", "sort_order": 0},
    )

    assert "Chuyển đổi số" in listing and "Quy hoạch đô thị" not in listing
    assert opened.status_code in (302, 403) and posted.status_code in (302, 403)
    assert deleted.status_code in (302, 403)
    assert NewsCategory.objects.get(pk=other.pk).name == "Quy hoạch đô thị"
    assert NewsCategory.objects.filter(pk=shared.pk).exists()
    # The site field offers only the editor's own site: another's is refused by the form.
    assert added.status_code == 200 and not NewsCategory.objects.filter(name="Thêm vào trang khác").exists()


def test_units_and_question_fields_are_per_site_on_the_public_pages(client, khcn, xd):
    Unit.objects.create(site=khcn.site, name="Phòng Quản lý khoa học", kind="department")
    Unit.objects.create(site=xd.site, name="Phòng Quản lý xây dựng", kind="department")
    QuestionField.objects.create(site=khcn.site, name="Sở hữu trí tuệ")
    QuestionField.objects.create(site=xd.site, name="Cấp phép xây dựng")

    form = client.get("/hoi-dap/gui-cau-hoi/", HTTP_HOST=KHCN_HOST).content.decode()

    assert "Sở hữu trí tuệ" in form and "Cấp phép xây dựng" not in form


def answered(site, title: str) -> Question:
    return Question.objects.create(
        site=site,
        title=title,
        public_text=f"{title}: xin hỏi thủ tục thế nào?",
        answer="<p>Trả lời: nộp hồ sơ trực tuyến.</p>",
        status=Status.ANSWERED,
        code_digest=title,
        published_at="2026-03-02T09:00:00+07:00",
    )


def test_answered_questions_are_searched_per_site_and_the_hub_links_each_to_its_own_site(
    client, khcn, xd, hub
):
    assert QuestionsPage.objects.live().count() >= 3
    answered(khcn.site, "Đăng ký sáng chế")
    answered(xd.site, "Đăng ký giấy phép xây dựng")

    def results(host):
        body = client.get("/api/v1/search", {"q": "đăng ký"}, HTTP_HOST=host).json()["questions"]["results"]
        return {hit["title"]: hit["url"] for hit in body}

    khcn_results, hub_results = results(KHCN_HOST), results(HUB_HOST)
    assert list(khcn_results) == ["Đăng ký sáng chế"]
    assert set(hub_results) == {"Đăng ký sáng chế", "Đăng ký giấy phép xây dựng"}
    # One address each, on the site the question was asked on (never the hub's address before it).
    assert hub_results["Đăng ký giấy phép xây dựng"].startswith(f"http://{XD_HOST}/hoi-dap/")
    assert khcn_results["Đăng ký sáng chế"].count("http") == 1
