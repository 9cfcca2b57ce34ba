"""Playwright driving Debian's Chromium (/usr/bin/chromium), headless, with no background networking.

Without Chromium these tests skip with the reason; with REQUIRE_BROWSER=1 (as .ci/run sets) they fail.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import make_agency_site

# Playwright's sync API runs an event loop in the test's thread; the test's own database calls are
# still plain synchronous ones, so Django's guard against async misuse does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Headless Chromium says "HeadlessChrome", which the visitor counter rightly takes for a bot; the
# journeys play people, so they present the browsers people use.
USER_AGENTS = {
    "phone": "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
    "desktop": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        reason = f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium when it can)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Each Content-Security-Policy violation, reported in the console by the page itself as well as by the
# browser (whose own message varies between versions, and is only a warning for a report-only policy).
CSP_VIOLATION_REPORTER = """
document.addEventListener("securitypolicyviolation", (event) => console.error(
    `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`
    + ` in ${event.sourceFile || document.location.href}:${event.lineNumber}`
));
"""


def is_csp_violation(text: str) -> bool:
    return text.startswith("CSP violation") or "Content Security Policy" in text


class ConsoleErrors(list):
    """Errors the page logged or threw, and any Content-Security-Policy violation, while it was open."""

    def attach(self, page):
        page.add_init_script(CSP_VIOLATION_REPORTER)
        page.on(
            "console",
            lambda message: (
                (message.type == "error" or is_csp_violation(message.text)) and self.append(message.text)
            ),
        )
        page.on("pageerror", lambda error: self.append(str(error)))
        return page


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


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + ", ".join(str(node["target"][0]) for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
