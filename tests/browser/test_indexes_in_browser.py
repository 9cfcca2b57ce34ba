"""The reform-index pages in Chromium: accessible, usable without JavaScript, charts and downloads that work."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from indexes.demo_content import load_indexes
from tests.browser.helpers import DESKTOP, USER_AGENTS, serious_violations

BASE = "/chi-so-cai-cach-hanh-chinh/"
KHCN = f"{BASE}co-quan/so-khoa-hoc-va-cong-nghe/"
COMPARISON = f"{BASE}so-sanh/?co-quan=so-khoa-hoc-va-cong-nghe&co-quan=so-noi-vu-gia-dinh"


@pytest.fixture
def figures_site(demo_site):
    return load_indexes(demo_site)


@pytest.mark.parametrize("path", [BASE, f"{BASE}chi-so-cchc-2023/", f"{BASE}co-quan/", KHCN, COMPARISON])
def test_index_pages_have_no_console_error_and_no_serious_axe_violation(
    live_server, figures_site, browser_page, path
):
    response = browser_page.goto(live_server.url + path)
    assert response.status == 200
    assert serious_violations(browser_page) == []
    assert browser_page.console_errors == []


def test_sorting_and_filtering_work_without_javascript_and_keep_the_address(
    live_server, figures_site, browser
):
    context = browser.new_context(
        java_script_enabled=False, viewport=DESKTOP, user_agent=USER_AGENTS["desktop"]
    )
    page = context.new_page()
    page.goto(live_server.url + f"{BASE}chi-so-cchc-2023/")
    rows = page.locator(".ranking-table tbody tr")
    expect(rows).to_have_count(18)
    expect(page.locator("figure svg").first).to_be_visible()  # the chart is drawn by the server
    expect(page.get_by_role("button", name="Tải biểu đồ (PNG)")).to_be_hidden()  # needs JavaScript

    page.get_by_label("Xếp loại").select_option("Khá")
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(f"{live_server.url}{BASE}chi-so-cchc-2023/?xep-loai=Kh%C3%A1&sap-xep=hang")
    expect(rows).to_have_count(3)  # 79,85, 77,42 and 74,18 are "Khá" (70 ≤ index < 80)

    page.get_by_role("link", name="Cơ quan", exact=True).click()
    names = rows.locator("th").all_inner_texts()
    assert names == sorted(names, key=str.casefold)
    assert "sap-xep=ten" in page.url and "xep-loai=Kh%C3%A1" in page.url
    context.close()


def test_a_chart_downloads_as_png_with_javascript(live_server, figures_site, browser):
    context = browser.new_context(accept_downloads=True, viewport=DESKTOP, user_agent=USER_AGENTS["desktop"])
    page = context.new_page()
    page.goto(live_server.url + KHCN)
    button = page.get_by_role("button", name="Tải biểu đồ (PNG)").first
    expect(button).to_be_visible()
    with page.expect_download() as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".png")
    assert Path(download.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    context.close()
