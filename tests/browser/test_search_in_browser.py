"""Searching in Chromium: the results are accessible and the header box suggests as one types.

Finding a score without diacritics, with and without JavaScript, is the journalist's journey in
test_journeys.py.
"""

import pytest
from playwright.sync_api import expect

from indexes.demo_content import load_indexes
from news.demo_content import load_news
from tests.browser.helpers import DESKTOP, USER_AGENTS, serious_violations


@pytest.fixture
def searchable_site(demo_site):
    load_news(demo_site)
    load_indexes(demo_site)
    return demo_site


@pytest.mark.parametrize("query", ["so khoa hoc 2023", "dich vu cong truc tuyen", "khong co gi ca xyz"])
def test_search_results_have_no_console_error_and_no_serious_axe_violation(
    live_server, searchable_site, browser_page, query
):
    response = browser_page.goto(f"{live_server.url}/tim-kiem/?q={query}")
    assert response.status == 200
    assert serious_violations(browser_page) == []
    assert browser_page.console_errors == []


def test_typing_offers_suggestions(live_server, searchable_site, browser):
    context = browser.new_context(viewport=DESKTOP, user_agent=USER_AGENTS["desktop"])
    page = context.new_page()
    page.goto(live_server.url + "/")
    box = page.get_by_label("Tìm kiếm trên cổng")  # a combobox now: JavaScript gave it a list
    expect(box).to_have_attribute("list", "search-suggestions-0")
    box.press_sequentially("dich vu", delay=50)
    options = page.locator("datalist option")
    expect(options.first).to_have_attribute(
        "value", "Dịch vụ công trực tuyến: 19 trên 55 thủ tục, toàn trình và một phần khác nhau thế nào?"
    )
    context.close()


def test_choosing_a_suggestion_opens_its_page(live_server, searchable_site, browser):
    context = browser.new_context(viewport=DESKTOP, user_agent=USER_AGENTS["desktop"])
    page = context.new_page()
    page.goto(live_server.url + "/")
    box = page.get_by_label("Tìm kiếm trên cổng")
    box.press_sequentially("so khoa h", delay=50)
    option = page.locator("datalist option").first
    expect(option).to_have_attribute("value", "Sở Khoa học và Công nghệ")
    expect(option).to_have_attribute("label", "Cơ quan")
    # What Chromium does when the reader picks an entry of the list: the value replaced at once.
    box.evaluate(
        """(box) => {
            box.value = "Sở Khoa học và Công nghệ";
            box.dispatchEvent(new InputEvent("input", {inputType: "insertReplacementText", bubbles: true}));
        }"""
    )
    page.wait_for_url("**/chi-so-cai-cach-hanh-chinh/co-quan/so-khoa-hoc-va-cong-nghe/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sở Khoa học và Công nghệ")
    context.close()
