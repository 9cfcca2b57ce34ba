"""Issue 16's journeys in Chromium, each as the role that makes it: a Biên tập viên writes from the
dashboard and gets an ASCII address, meeting only Vietnamese on every tab and on validation errors; a
Kiểm duyệt viên approves from the dashboard with a confirmation and a message linking to the live page;
a Kiểm duyệt viên imports results without choosing the file twice and is reminded to publish the draft
edition. Each screen is checked at 375 px and 1366 px wide."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from indexes.models import IndexEdition, Result
from news.models import ArticlePage
from tests.admin_strings import untranslated
from tests.browser.helpers import log_in_to_the_admin
from tests.factories import ArticlePageFactory, member_of
from tests.indexes.factories import AgencyFactory, IndexEditionFactory, csv_bytes, framework_headers

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1366, "height": 900}}
User = get_user_model()
TITLE = "Sở tổ chức tập huấn đăng ký đất đai"


def english_in(page) -> list[str]:
    """Wagtail's and Django's English on the page as the scripts left it."""
    return sorted(untranslated(page.content()))


def no_wider_than_the_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_an_editor_writes_from_the_dashboard_and_gets_an_ascii_address(
    live_server, newsroom, open_page, width, tmp_path
):
    author = User.objects.get(username="bientap")
    abandoned = ArticlePageFactory(parent=newsroom, live=False, owner=author, title="Bản nháp bỏ dở")
    abandoned.save_revision(user=author)
    editor = log_in_to_the_admin(open_page, live_server.url, "bientap")
    editor.set_viewport_size(WIDTHS[width])
    panel = editor.get_by_role("region", name="Bài của tôi")
    expect(panel).to_be_visible()  # the dashboard drawn, not just its address
    assert english_in(editor) == []
    panel.get_by_role("link", name="Viết bài mới").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Mới: Bài viết")

    editor.get_by_role("textbox", name="Tiêu đề*").fill(TITLE)
    editor.get_by_role("textbox", name="Tiêu đề*").blur()
    editor.get_by_role("tab", name="Quảng bá").click()
    slug = editor.get_by_role("textbox", name=re.compile("^Địa chỉ|^Slug|^Đường dẫn"))
    expect(slug).to_have_value("so-to-chuc-tap-huan-dang-ky-dat-dai")  # as the title is typed
    expect(editor.get_by_text("Tiêu đề trên công cụ tìm kiếm")).to_be_visible()
    editor.screenshot(path=tmp_path / f"promote-{width}.png", full_page=True)
    assert english_in(editor) == []
    for tab in ("Nội dung", "Quảng bá"):  # the settings are in the side panel, read with the page
        editor.get_by_role("tab", name=tab).click()
        assert english_in(editor) == [], tab

    # Sent with the required fields missing: the errors are in Vietnamese, and so is everything else.
    editor.get_by_role("button", name="Thao tác khác").click()
    editor.get_by_role("button", name=re.compile("Kiểm duyệt tin bài")).click()
    expect(editor.get_by_text("Chưa tạo được trang vì có lỗi nhập liệu.")).to_be_visible()
    editor.screenshot(path=tmp_path / f"errors-{width}.png", full_page=True)
    assert english_in(editor) == []
    assert not editor.console_errors

    # An abandoned session's draft waits on the dashboard; the editor deletes it there.
    editor.goto(live_server.url + "/admin/")
    drafts = editor.get_by_role("table", name="Bản nháp")
    expect(drafts).to_contain_text("Bản nháp bỏ dở")
    expect(drafts.get_by_role("link", name="Viết tiếp")).to_have_attribute(
        "href", f"/admin/pages/{abandoned.pk}/edit/"
    )
    editor.screenshot(path=tmp_path / f"dashboard-{width}.png", full_page=True)
    no_wider_than_the_screen(editor)
    drafts.get_by_role("link", name="Xóa bản nháp").click()
    expect(editor).to_have_url(re.compile(f"/admin/pages/{abandoned.pk}/delete/"))
    # Read once drawn: the address changes first, and reading then saw the page before ("Are you sure…").
    expect(editor.get_by_text("Bạn có chắc chắn muốn xóa trang này?")).to_be_visible()
    assert english_in(editor) == []
    editor.get_by_role("button", name="Có, xóa trang này").click()
    expect(editor).to_have_url(live_server.url + "/admin/")
    expect(editor.get_by_role("region", name="Bài của tôi")).to_contain_text("Bạn không có bản nháp nào.")
    assert not ArticlePage.objects.filter(pk=abandoned.pk).exists()
    assert english_in(editor) == []


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_a_moderator_approves_from_the_dashboard_with_a_confirmation_and_a_message(
    live_server, newsroom, open_page, width, tmp_path
):
    author = member_of("Biên tập viên", "tacgia")
    article = ArticlePageFactory(parent=newsroom, live=False, owner=author, title=TITLE, slug="so-to-chuc")
    article.save_revision(user=author)
    article.title = TITLE + " (sửa)"
    article.save_revision(user=author)
    article.get_workflow().start(article, author)

    moderator = log_in_to_the_admin(open_page, live_server.url, "kiemduyet")
    moderator.set_viewport_size(WIDTHS[width])
    # The first panel, once the dashboard has loaded (the address changes before the page is drawn).
    expect(moderator.locator(".w-dashboard h2.w-panel__heading").first).to_have_text("Chờ bạn duyệt")
    awaiting = moderator.get_by_role("region", name="Chờ bạn duyệt")
    row = awaiting.get_by_role("row", name=re.compile(re.escape(TITLE)))
    row.get_by_role("button", name="Thao tác").click()
    expect(row.get_by_role("link", name="So sánh với phiên bản trước")).to_be_visible()
    assert english_in(moderator) == []
    row.get_by_role("button", name="Phê duyệt", exact=True).click()

    dialog = moderator.get_by_role("dialog")
    expect(dialog).to_contain_text("Bài sẽ được xuất bản ngay")
    moderator.screenshot(path=tmp_path / f"confirm-{width}.png")
    assert english_in(moderator) == []
    article.refresh_from_db()
    assert not article.live  # nothing happens before the moderator confirms
    dialog.get_by_role("button", name="Phê duyệt và xuất bản").click()

    message = moderator.locator(".messages")
    expect(message).to_contain_text(f"Đã phê duyệt và xuất bản “{TITLE} (sửa)”.")
    link = message.get_by_role("link", name="Xem trên cổng")
    article.refresh_from_db()
    assert article.live
    expect(link).to_have_attribute("href", re.compile(re.escape(article.url) + "$"))
    moderator.screenshot(path=tmp_path / f"approved-{width}.png")
    assert english_in(moderator) == []


@pytest.fixture
def draft_edition(live_db):
    AgencyFactory(name="Sở Y tế")
    AgencyFactory(name="Sở Tài chính")
    member_of("Kiểm duyệt viên", "kiemduyet")
    return IndexEditionFactory(title="Chỉ số CCHC năm 2025", live=False)


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_a_moderator_imports_without_choosing_the_file_twice_and_publishes_the_draft(
    live_server, draft_edition, open_page, width, tmp_path
):
    rows = [
        ["Cơ quan", *framework_headers(), "Tổng điểm"],
        ["Sở Y tế", "9,5", "6,5", "12,23", "28,23"],
        ["Sở Tài chính", "8", "5,25", "10,86", "24,11"],
    ]
    moderator = log_in_to_the_admin(open_page, live_server.url, "kiemduyet")
    moderator.set_viewport_size(WIDTHS[width])
    moderator.goto(live_server.url + "/admin/indexes/import-results/")

    # The icons are icon-sized and the labels readable; the title is said once in the header.
    for name in ("Chạy thử", "Nhập kết quả"):
        button = moderator.get_by_role("button", name=name)
        expect(button).to_be_visible()
        icon = button.locator("svg").bounding_box()
        assert icon["width"] <= 24 and icon["height"] <= 24, (name, icon)
    assert moderator.locator("header").get_by_text("Nhập kết quả", exact=True).count() <= 2  # title, crumb
    assert (
        max(
            box["height"]
            for box in (svg.bounding_box() for svg in moderator.locator("main svg").all())
            if box
        )
        <= 48
    )
    expect(moderator.get_by_role("link", name="ket-qua-mau.csv")).to_be_visible()
    expect(moderator.get_by_role("link", name="ket-qua-mau.xlsx")).to_be_visible()
    moderator.screenshot(path=tmp_path / f"import-{width}.png", full_page=True)
    assert english_in(moderator) == []

    moderator.get_by_label("Kỳ đánh giá").select_option(label="Chỉ số CCHC năm 2025")
    moderator.get_by_label("Tệp kết quả").set_input_files(
        {"name": "ket-qua.csv", "mimeType": "text/csv", "buffer": csv_bytes(rows)}
    )
    moderator.get_by_role("button", name="Chạy thử").click()
    expect(moderator.locator("#checked-file")).to_contain_text("ket-qua.csv")
    assert Result.objects.count() == 0

    moderator.get_by_role("button", name="Nhập kết quả").click()  # the file is not chosen again
    expect(moderator.locator("#import-rows tbody tr")).to_have_count(2)
    assert Result.objects.filter(edition=draft_edition).count() == 2
    reminder = moderator.locator("#import-edition")
    expect(reminder).to_contain_text("vẫn là bản nháp")
    moderator.screenshot(path=tmp_path / f"imported-{width}.png", full_page=True)
    assert english_in(moderator) == []

    reminder.get_by_role("button", name="Xuất bản kỳ đánh giá").click()
    expect(moderator.get_by_text("Đã xuất bản kỳ đánh giá “Chỉ số CCHC năm 2025”.")).to_be_visible()
    assert IndexEdition.objects.get(pk=draft_edition.pk).live
    assert english_in(moderator) == []
    assert not moderator.console_errors
