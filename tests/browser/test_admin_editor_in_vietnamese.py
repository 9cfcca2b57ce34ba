"""The admin's JavaScript-rendered screens are in Vietnamese too: the sidebar, the page editor's block
inserter and block actions, the rich text editor's placeholder, the dashboard and the page explorer.

The server-side walk (tests/portal/test_admin_in_vietnamese.py) reads the HTML Django sends; these
strings only appear once the admin's scripts have run, from the `djangojs` catalogue
(portal/locale_wagtail/vi/LC_MESSAGES/djangojs.po) or from labels the scripts receive as JSON.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.admin_strings import untranslated
from tests.browser.helpers import log_in_to_the_admin

# What a browser test found in English before the catalogues covered it: none of it may be shown,
# as text, attribute (placeholder, title, aria-label) or the editor's CSS-drawn placeholder.
ENGLISH = [
    "Insert a block",
    "Search options…",
    "Move up",
    "Move down",
    "Duplicate",
    "Collapse all",
    "Write something or type",
    "Page title*",
    "A comma-separated list of tags.",
    "Exploring",
    " of 1 trang",
    "Page 1 of 1",
    "Just now",
    "Toggle sidebar",
    "Main menu",
    "new items in this menu",
    "created in",
    "Thực hiện Kiểm duyệt tin bài",
]


def english_in(page) -> list[str]:
    """The listed English on the page as rendered, and any other Wagtail message left in English."""
    html = page.content()
    return sorted({text for text in ENGLISH if text in html} | untranslated(html))


@pytest.mark.django_db(transaction=True)
def test_an_editor_sees_the_page_editor_in_vietnamese(live_server, newsroom, open_page):
    editor = log_in_to_the_admin(open_page, live_server.url, "bientap")

    # The dashboard: the sidebar (drawn by React from JSON) and the site summary.
    expect(editor.get_by_role("navigation", name="Menu chính")).to_be_attached()
    expect(editor.get_by_role("button", name="Ẩn/hiện thanh bên")).to_be_attached()
    expect(editor.get_by_role("link", name=re.compile(r"^\d+ trang đã tạo trong "))).to_be_visible()
    assert english_in(editor) == []

    # The page explorer: its title, the count above the listing, the dates and the pagination.
    editor.goto(f"{live_server.url}/admin/pages/{newsroom.pk}/")
    expect(editor).to_have_title(re.compile("^Duyệt cây trang: Tin tức"))
    expect(editor.get_by_text("1-1 trong tổng số 1 trang")).to_be_visible()
    expect(editor.get_by_text("Vừa xong")).to_be_visible()
    expect(editor.get_by_text("Trang 1/1")).to_be_visible()
    assert english_in(editor) == []

    # The page editor, as the editor adds an article.
    editor.get_by_role("link", name="Thêm trang con").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Mới: Bài viết")
    expect(editor.get_by_role("button", name="Thu gọn tất cả")).to_be_visible()
    expect(editor.get_by_role("textbox", name="Tiêu đề*")).to_have_attribute("placeholder", "Tiêu đề trang*")
    expect(editor.get_by_text("Các thẻ, phân cách bằng dấu phẩy.")).to_be_visible()

    body = editor.get_by_role("region", name="Nội dung*")
    body.get_by_role("button", name="Chèn khối nội dung").first.click()
    expect(editor.get_by_role("combobox")).to_have_attribute("placeholder", "Tìm loại khối…")
    assert english_in(editor) == []
    editor.get_by_role("option", name="Đoạn văn").click()

    paragraph = body.get_by_role("region", name=re.compile("^Đoạn văn"))
    for action in ["Chuyển lên", "Chuyển xuống", "Nhân bản", "Xóa"]:
        expect(paragraph.get_by_role("button", name=action)).to_be_attached()
    expect(paragraph.get_by_role("button", name="Kéo để sắp xếp")).to_be_attached()
    assert "Viết nội dung hoặc gõ ‘/’ để chèn khối" in editor.content()  # the empty paragraph's placeholder

    # Submitting is worded like the portal's own "Gửi duyệt".
    editor.get_by_role("button", name="Thao tác khác").click()
    expect(editor.get_by_role("button", name="Gửi duyệt: Kiểm duyệt tin bài")).to_be_visible()
    assert english_in(editor) == []
