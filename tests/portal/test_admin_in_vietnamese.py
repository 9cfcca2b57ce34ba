"""Editors see Wagtail's admin in Vietnamese: the screens they use while publishing show no English."""

import re
import unicodedata
from datetime import timedelta
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, Site, TaskState

from indexes.models import ServiceCount
from portal.models import AgencySettings, NavigationSettings, VisitorSettings
from tests.admin_strings import untranslated
from tests.factories import ImageFactory, UserFactory, member_of, publish_article
from tests.helpers import article_add_url, article_form
from tests.indexes.factories import AgencyFactory, IndexEditionFactory, ResultFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_figures(db):
    """A published edition with a result, and a published service count, for the index screens."""
    edition = IndexEditionFactory(title="Chỉ số CCHC năm 2023", slug="chi-so-2023", year=2023)
    result = ResultFactory(
        edition=edition, agency=AgencyFactory(name="Sở Khoa học và Công nghệ"), index_value=83
    )
    count = ServiceCount.objects.create(agency=result.agency, as_of="2023-12-31", total_procedures=55)
    return {"edition": edition, "result": result, "count": count}


@pytest.fixture
def editorial_site(news_index, reform_category, index_figures):
    article = publish_article(news_index, categories=[reform_category], hero_image=ImageFactory())
    submitted = publish_article(news_index, title="Bài chờ duyệt", categories=[reform_category])
    submitted.unpublish()
    author = UserFactory(username="tacgia")
    author.groups.add(Group.objects.get(name="Biên tập viên"))
    submitted.get_workflow().start(submitted, author)
    return {
        "index": news_index,
        "article": article,
        "submitted": submitted,
        "category": reform_category,
        **index_figures,
    }


def screens(site) -> dict[str, str]:
    index, article, category, submitted = site["index"], site["article"], site["category"], site["submitted"]
    task_state = submitted.current_workflow_task_state
    default_site = Site.objects.get(is_default_site=True)
    image = article.hero_image
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[index.pk]),
        "page search": reverse("wagtailadmin_pages:search") + "?q=" + quote(article.title.split()[0]),
        "page search, nothing found": reverse("wagtailadmin_pages:search") + "?q=khongcotrangnao",
        "add article": reverse("wagtailadmin_pages:add", args=["news", "articlepage", index.pk]),
        "edit article": reverse("wagtailadmin_pages:edit", args=[article.pk]),
        "article history": reverse("wagtailadmin_pages:history", args=[article.pk]),
        "article in moderation": reverse("wagtailadmin_pages:edit", args=[submitted.pk]),
        "approve form": reverse(
            "wagtailadmin_pages:collect_workflow_action_data", args=[submitted.pk, "approve", task_state.pk]
        ),
        "reject form": reverse(
            "wagtailadmin_pages:collect_workflow_action_data", args=[submitted.pk, "reject", task_state.pk]
        ),
        "add image": reverse("wagtailimages:add"),
        "add document": reverse("wagtaildocs:add"),
        "add category": reverse("wagtailsnippets_news_newscategory:add"),
        "image chooser": reverse("wagtailimages_chooser:choose"),
        "page chooser": reverse("wagtailadmin_choose_page"),
        "images": reverse("wagtailimages:index"),
        "upload images": reverse("wagtailimages:add_multiple"),
        "edit image": reverse("wagtailimages:edit", args=[image.pk]),
        "documents": reverse("wagtaildocs:index"),
        "upload documents": reverse("wagtaildocs:add_multiple"),
        "categories": reverse("wagtailsnippets_news_newscategory:list"),
        "edit category": reverse("wagtailsnippets_news_newscategory:edit", args=[category.pk]),
        "agency settings": reverse(
            "wagtailsettings:edit", args=["portal", AgencySettings._meta.model_name, default_site.pk]
        ),
        "navigation": reverse(
            "wagtailsettings:edit", args=["portal", NavigationSettings._meta.model_name, default_site.pk]
        ),
        "visitor settings": reverse(
            "wagtailsettings:edit",
            args=["portal", VisitorSettings._meta.model_name, VisitorSettings.load().pk],
        ),
        "account": reverse("wagtailadmin_account"),
        "editions": reverse("wagtailsnippets_indexes_indexedition:list"),
        "add edition": reverse("wagtailsnippets_indexes_indexedition:add"),
        "edit edition": reverse("wagtailsnippets_indexes_indexedition:edit", args=[site["edition"].pk]),
        "edition history": reverse("wagtailsnippets_indexes_indexedition:history", args=[site["edition"].pk]),
        "results": reverse("wagtailsnippets_indexes_result:list"),
        "edit result": reverse("wagtailsnippets_indexes_result:edit", args=[site["result"].pk]),
        "agencies": reverse("wagtailsnippets_indexes_agency:list"),
        "add agency": reverse("wagtailsnippets_indexes_agency:add"),
        "service counts": reverse("wagtailsnippets_indexes_servicecount:list"),
        "edit service count": reverse("wagtailsnippets_indexes_servicecount:edit", args=[site["count"].pk]),
        "import results": reverse("indexes_import_results"),
    }


def test_login_page_is_in_vietnamese(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()

    assert '<html lang="vi"' in html
    assert untranslated(html) == set()
    username = BeautifulSoup(html, "html.parser").select_one("input[name=username]")
    assert username["placeholder"] == "Nhập tên đăng nhập"


def html_of(response) -> str:
    """The HTML a response shows: the page, or the admin modal's HTML sent as JSON."""
    if response["Content-Type"].startswith("application/json"):
        data = response.json()
        return " ".join(
            str(data.get(key, "")) for key in ("html", "htmlFragment", "confirm_duplicate_upload", "form")
        )
    return response.content.decode()


def test_the_editors_journey_through_errors_duplicates_tabs_and_history_is_in_vietnamese(
    client, editorial_site
):
    """The screens the walk above does not reach with plain GETs: a page with validation errors, a slug
    clash, the duplicate-image dialogs (chooser and multiple upload), the editor's promote and settings
    tabs, the dashboard's moderation menu with its version comparison, and history dated in the past."""
    index, category, article = editorial_site["index"], editorial_site["category"], editorial_site["article"]
    author = member_of("Biên tập viên", "bientap4")
    submitted = publish_article(index, title="Bài sửa lại chờ duyệt", categories=[category])
    submitted.title = "Bài sửa lại chờ duyệt (bản 2)"
    submitted.save_revision(user=author)  # a second version, so the moderation menu offers to compare
    submitted.get_workflow().start(submitted, author)
    # Dates in the past, so the history and the dashboard say "9 phút trước", "3 ngày trước".
    for page, age in ((article, timedelta(days=3)), (submitted, timedelta(minutes=9))):
        Revision.objects.filter(object_id=str(page.pk)).update(created_at=timezone.now() - age)
        PageLogEntry.objects.filter(page=page).update(timestamp=timezone.now() - age)
    TaskState.objects.filter(workflow_state__object_id=str(submitted.pk)).update(
        started_at=timezone.now() - timedelta(minutes=9)
    )
    client.force_login(author)
    image = editorial_site["article"].hero_image
    image.file.open("rb")
    image_bytes = image.file.read()
    image.file.close()

    def upload_in_the_chooser():
        return client.post(
            reverse("wagtailimages_chooser:create"),
            {
                "image-chooser-upload-title": "anh-hoi-thao",
                "image-chooser-upload-file": SimpleUploadedFile("anh-hoi-thao.jpg", image_bytes),
                "image-chooser-upload-description": "Ảnh hội thảo",
            },
        )

    assert upload_in_the_chooser().json()["step"] == "chosen"  # the first upload; the next is a duplicate
    pages = {
        "validation errors": client.post(article_add_url(index), article_form(category, title="")),
        "slug clash": client.post(
            article_add_url(index), article_form(category, title="Trùng địa chỉ", slug=article.slug)
        ),
        "duplicate in the chooser": upload_in_the_chooser(),
        "duplicate in multiple upload": client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": SimpleUploadedFile("anh-hoi-thao.jpg", image_bytes)},
            headers={"x-requested-with": "XMLHttpRequest"},
        ),
        "editor tabs": client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])),
        "history": client.get(reverse("wagtailadmin_pages:history", args=[article.pk])),
    }
    client.force_login(member_of("Kiểm duyệt viên", "kiemduyet4"))
    pages["moderation menu"] = client.get(reverse("wagtailadmin_home"))
    pages["moderated article history"] = client.get(
        reverse("wagtailadmin_pages:history", args=[submitted.pk])
    )
    pages["compare versions"] = client.get(
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[submitted.pk, "live", submitted.latest_revision_id],
        )
    )

    html = {name: html_of(response) for name, response in pages.items()}
    assert {name: response.status_code for name, response in pages.items()} == dict.fromkeys(pages, 200)
    assert "Chưa tạo được trang vì có lỗi nhập liệu." in html["validation errors"]
    assert "đã được dùng cho trang" in html["slug clash"]
    assert "Dùng ảnh đã có và xóa ảnh mới" in html["duplicate in the chooser"]
    assert "Giữ ảnh mới" in html["duplicate in multiple upload"]
    assert "Tiêu đề trên công cụ tìm kiếm" in html["editor tabs"]
    assert "Thời điểm xuất bản" in html["editor tabs"]
    assert "3\xa0ngày trước" in html["history"]
    assert "So sánh với phiên bản trước" in html["moderation menu"]
    assert "9\xa0phút trước" in html["moderation menu"]
    assert {name: sorted(untranslated(content)) for name, content in html.items()} == {
        key: [] for key in html
    }


# The screens a role may not open: the admin sends it back to the dashboard (302 to /admin/).
NOT_FOR = {
    "superuser": set(),
    "Biên tập viên": {
        "approve form",
        "reject form",
        "add category",
        "edit image",
        "categories",
        "edit category",
        "agency settings",
        "navigation",
        "visitor settings",
        "edit result",
        "import results",
    },
    "Kiểm duyệt viên": {"edit image", "agency settings", "navigation", "visitor settings"},
}


@pytest.mark.slow  # a crawl: 37 admin screens for each role
@pytest.mark.parametrize("role", ["superuser", "Biên tập viên", "Kiểm duyệt viên"])
def test_main_admin_screens_show_no_english(client, editorial_site, role):
    if role == "superuser":
        user = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    else:
        user = UserFactory(username="nguoidung")
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)

    found, answers = {}, {}
    for name, url in screens(editorial_site).items():
        response = client.get(url)
        answers[name] = (response.status_code, response.get("Location"))
        if response.status_code == 200:
            content = response.content.decode()
            if response["Content-Type"].startswith("application/json"):
                content = response.json().get("html", "")  # admin modals arrive as JSON
            leftovers = untranslated(content)
            if leftovers:
                found[name] = sorted(leftovers)

    assert found == {}
    assert answers == {
        name: (302, "/admin/") if name in NOT_FOR[role] else (200, None) for name in screens(editorial_site)
    }


def test_messages_after_submitting_and_approving_are_in_vietnamese(client, editorial_site):
    client.force_login(member_of("Biên tập viên", "bientap2"))
    submitted = client.post(
        article_add_url(editorial_site["index"]),
        article_form(editorial_site["category"], **{"action-submit": "submit"}),
        follow=True,
    )
    client.force_login(member_of("Kiểm duyệt viên", "kiemduyet2"))
    article = editorial_site["index"].get_children().get(slug="cong-bo-chi-so-cchc-2023")
    task_state = article.specific.current_workflow_task_state
    approved = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]),
        {"comment": "Đồng ý"},
        follow=True,
    )
    dashboard = client.get(reverse("wagtailadmin_home"))

    for response in (submitted, approved, dashboard):
        content = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            content = response.json().get("html", "")
        assert untranslated(content) == set()


def test_vietnamese_is_the_default_and_english_remains_a_choice(client):
    user = UserFactory(username="nguoi-dung-moi", is_superuser=True, is_staff=True)
    client.force_login(user)

    # Django's own name for the language is written with combining accents; compare composed text.
    account = unicodedata.normalize("NFC", client.get(reverse("wagtailadmin_account")).content.decode())
    assert '<html lang="vi"' in client.get(reverse("wagtailadmin_home")).content.decode()
    assert re.search(r'<option value="vi"[^>]*>Tiếng Việt</option>', account)
    assert re.search(r'<option value="en"[^>]*>English</option>', account)
    assert "Theo ngôn ngữ của máy chủ: Tiếng Việt" in account

    user.wagtail_userprofile.preferred_language = "en"
    user.wagtail_userprofile.save()
    assert '<html lang="en"' in client.get(reverse("wagtailadmin_home")).content.decode()


def test_moderation_is_worded_like_the_glossary(client, editorial_site):
    """Moderation says "Gửi duyệt" and "phê duyệt", not Wagtail's "Thực hiện …" and "Phê chuẩn …"."""
    client.force_login(member_of("Biên tập viên", "bientap3"))
    add_article = client.get(screens(editorial_site)["add article"]).content.decode()
    assert "Gửi duyệt: Kiểm duyệt tin bài" in add_article
    assert "Thực hiện" not in add_article

    client.force_login(member_of("Kiểm duyệt viên", "kiemduyet3"))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Phê duyệt kèm nhận xét" in dashboard
    assert re.search(r">\s*Phê duyệt\s*<", dashboard)
    assert "Phê chuẩn" not in dashboard


@pytest.mark.django_db
def test_the_public_sites_pagination_label_stays_out_of_the_admin_menu(admin_client, home_page):
    # The public pagination's "Pages" (Phân trang) has its own context, so Wagtail's menu keeps "Trang".
    dashboard = admin_client.get("/admin/").content.decode()

    assert "Phân trang" not in dashboard
