"""Playwright driving Debian's Chromium (/usr/bin/chromium), headless, with no background networking.

Without Chromium these tests skip with the reason; with REQUIRE_BROWSER=1 (as .ci/run sets) they fail.
"""

import os

import pytest

from tests.browser.helpers import (
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    USER_AGENTS,
    ConsoleErrors,
    require,
)
from tests.browser.tools import CHROMIUM, chromium_missing
from tests.factories import (
    EDITORS,
    MODERATORS,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    make_agency_site,
    member_of,
    publish_article,
)

# Playwright's sync API runs an event loop in the test's thread; the test's own database calls are
# still plain synchronous ones, so Django's guard against async misuse does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    require(chromium_missing())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def browser_page(request, browser):
    """A fresh page at a phone or desktop size, with its console errors in `page.console_errors`."""
    kind = "phone" if request.param is PHONE else "desktop"
    context = browser.new_context(viewport=request.param, locale="vi-VN", user_agent=USER_AGENTS[kind])
    page = context.new_page()
    errors = ConsoleErrors()
    errors.attach(page)
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def demo_site(live_db):
    """A home page with the agency identity, committed for the live server."""
    return make_agency_site()


@pytest.fixture
def open_page(browser):
    """Opens a page in a fresh browser context (its own cookies), as a person on a phone or a desktop.

    The page's console errors are in `page.console_errors`; every context is closed at the end, even
    when a step fails.
    """
    contexts = []

    def open_page(kind="desktop", **options):
        context = browser.new_context(
            viewport=PHONE if kind == "phone" else DESKTOP,
            user_agent=USER_AGENTS[kind],
            locale="vi-VN",
            **options,
        )
        contexts.append(context)
        page = context.new_page()
        page.console_errors = ConsoleErrors()
        page.console_errors.attach(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def newsroom(demo_site):
    """The news section with one published article, an editor and a moderator."""
    index = NewsIndexPageFactory(parent=demo_site)
    NewsCategoryFactory(name="Cải cách hành chính", slug="cai-cach-hanh-chinh")
    NewsCategoryFactory(name="Tin tức - Sự kiện", slug="tin-tuc-su-kien")
    publish_article(index, title="Kết luận về công tác CCHC 7 tháng")
    member_of(EDITORS, "bientap")
    member_of(MODERATORS, "kiemduyet")
    return index
