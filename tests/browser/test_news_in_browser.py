"""The news pages in Chromium: accessible, text size, readable without JavaScript.

The citizen's whole journey (home to print view, with the visitor figures) is in test_journeys.py.
"""

import pytest

from tests.browser.helpers import PHONE, serious_violations
from tests.factories import ImageFactory, NewsCategoryFactory, NewsIndexPageFactory, publish_article


@pytest.fixture
def news_site(demo_site):
    index = NewsIndexPageFactory(parent=demo_site)
    category = NewsCategoryFactory(name="Cải cách hành chính", slug="cai-cach-hanh-chinh")
    image = ImageFactory(description="Đại biểu dự hội nghị")
    first = publish_article(
        index,
        title="Hội nghị cải cách hành chính năm 2024",
        categories=[category],
        hero_image=image,
        hero_caption="Toàn cảnh hội nghị",
        tags=["Chỉ số CCHC"],
    )
    second = publish_article(index, title="Kết luận về công tác CCHC 7 tháng", categories=[category])
    return {"index": index, "first": first, "second": second}


# A 404 answer is itself logged by the browser as a failed resource; that line is expected there.
PAGES = [
    ("/tin-tuc/", 200),
    ("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/", 200),
    ("ARTICLE", 200),
    ("ARTICLE_PRINT", 200),
    ("/thong-ke-truy-cap/", 200),
    ("/khong-co-trang-nay/", 404),
]


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_pages_have_no_console_error_and_no_serious_axe_violation(
    live_server, news_site, browser_page, path, status
):
    article_url = news_site["first"].url
    path = {"ARTICLE": article_url, "ARTICLE_PRINT": article_url + "ban-in/"}.get(path, path)

    response = browser_page.goto(live_server.url + path)

    assert response.status == status
    expected = (
        ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
        if status == 404
        else []
    )
    assert browser_page.console_errors == expected
    assert serious_violations(browser_page) == []


def test_text_size_buttons_appear_with_javascript_and_remember_the_choice(
    live_server, news_site, browser_page
):
    browser_page.goto(live_server.url + news_site["first"].url)

    browser_page.get_by_role("button", name="A+").click()
    size_after_click = browser_page.evaluate(
        "getComputedStyle(document.querySelector('.article__body')).fontSize"
    )
    browser_page.reload()

    assert size_after_click == "19.2px"
    assert browser_page.evaluate("document.documentElement.className") == "text-size-large"


def test_article_reads_without_javascript(live_server, news_site, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()

    page.goto(live_server.url + news_site["first"].url)

    assert page.locator("h1").inner_text() == "Hội nghị cải cách hành chính năm 2024"
    assert not page.get_by_role("button", name="A+").is_visible()  # hidden, not broken
    assert page.get_by_role("link", name="In bài viết").is_visible()
    page.get_by_role("link", name="Kết luận về công tác CCHC 7 tháng").click()
    assert page.locator("h1").inner_text() == "Kết luận về công tác CCHC 7 tháng"
    context.close()
