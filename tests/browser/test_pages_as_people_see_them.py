"""Every public page type in Chromium at 375 px and 1366 px, checked where people look (issue 15).

- no page is wider than the screen (its scroll width never exceeds the viewport);
- on the edition page the first row's rank, agency, index and change are inside the viewport without
  scrolling;
- the print view's print button is visible;
- every chart fits its container.

It also writes a full-page screenshot of every page type at both sizes to `screenshots/` (git-ignored;
`SCREENSHOTS_DIR` to put them elsewhere): open them with any image viewer after a run.
"""

import os
from pathlib import Path

import pytest

from tests.browser.helpers import USER_AGENTS
from tests.browser.test_page_checks import PAGE_TYPES, demo_portal, path_of, report  # noqa: F401

pytestmark = pytest.mark.rendering  # tests/conftest.py: on SQLite only

BASE_DIR = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR", BASE_DIR / "screenshots"))
SIZES = {"375": {"width": 375, "height": 740}, "1366": {"width": 1366, "height": 768}}
USER_AGENT = {"375": USER_AGENTS["phone"], "1366": USER_AGENTS["desktop"]}

CHARTS_OVERFLOWING = """() => [...document.querySelectorAll('main svg.chart')].filter((svg) => {
    const box = svg.getBoundingClientRect(), holder = svg.parentElement.getBoundingClientRect();
    return box.width < 1 || box.right > holder.right + 1 || box.left < holder.left - 1;
}).length"""

FIRST_ROW_OUTSIDE = """() => {
    const row = document.querySelector('.ranking-table tbody tr');
    const cells = [...row.children].slice(0, 5);
    const names = ['rank', 'agency', 'index', 'band', 'change'];
    return cells.map((cell, n) => [names[n], cell.getBoundingClientRect()])
        .filter(([name, box]) => name !== 'band' && (box.right > window.innerWidth || box.bottom > window.innerHeight || box.left < 0))
        .map(([name, box]) => name + ' ends at ' + Math.round(box.right) + ',' + Math.round(box.bottom));
}"""


@pytest.mark.parametrize("size", SIZES)
def test_every_page_type_fits_the_screen_and_shows_what_matters(live_server, demo_portal, browser, size):  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN", user_agent=USER_AGENT[size])
    page = context.new_page()
    failures = []
    for page_type in PAGE_TYPES:
        page.goto(live_server.url + path_of(page_type))
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        viewport = page.evaluate("document.documentElement.clientWidth")
        if width > viewport:
            failures.append(f"{page_type.name} at {size} px: scroll width {width} > {viewport}")
        if overflowing := page.evaluate(CHARTS_OVERFLOWING):
            failures.append(
                f"{page_type.name} at {size} px: {overflowing} chart(s) wider than their container"
            )
        if page_type.name == "edition":
            table = page.locator(".ranking-table")
            table.scroll_into_view_if_needed()
            page.evaluate(
                "window.scrollTo(0, document.querySelector('.ranking-table').getBoundingClientRect().top + window.scrollY - 8)"
            )
            outside = page.evaluate(FIRST_ROW_OUTSIDE)
            if outside:
                failures.append(f"edition at {size} px: first row outside the viewport: {outside}")
            page.evaluate("window.scrollTo(0, 0)")
        if page_type.name.endswith("print"):
            button = page.get_by_role("button", name="In")
            if not button.is_visible():
                failures.append(f"{page_type.name} at {size} px: the print button is not visible")
            box = button.bounding_box()
            if box and (
                box["y"] + box["height"] > SIZES[size]["height"] or box["x"] + box["width"] > viewport
            ):
                failures.append(f"{page_type.name} at {size} px: the print button is off the first screen")
        page.screenshot(path=str(SCREENSHOTS / f"{page_type.name}-{size}.png"), full_page=True)
    context.close()

    assert not failures, report(failures)


FOUR = "co-quan=so-khoa-hoc-va-cong-nghe&co-quan=so-noi-vu-gia-dinh&co-quan=so-tai-chinh-gia-dinh&co-quan=so-y-te-gia-dinh"
COMPARISON_READING = """() => {
    const region = document.querySelector('.compare-table').closest('.table-scroll');
    const cell = document.querySelector('.compare-table tbody td');
    return {
        scrolls: region.scrollWidth > region.clientWidth,
        named: getComputedStyle(cell, '::before').content,
    };
}"""


@pytest.mark.parametrize("size", SIZES)
def test_four_agencies_compared_read_without_sideways_scrolling(live_server, demo_portal, browser, size):  # noqa: F811
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN", user_agent=USER_AGENT[size])
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{live_server.url}/chi-so-cai-cach-hanh-chinh/so-sanh/?{FOUR}")
    reading = page.evaluate(COMPARISON_READING)
    page.screenshot(path=str(SCREENSHOTS / f"comparison-four-{size}.png"), full_page=True)
    context.close()

    assert reading["scrolls"] is False
    # On a phone each figure is named by its agency, the comparison read figure by figure.
    assert reading["named"] == ('"Sở Khoa học và Công nghệ"' if size == "375" else "none")
