"""What the browser tests share besides their fixtures (tests/browser/conftest.py): screen sizes, the
browsers people use, console errors, axe-core's verdict, the admin login, and skipping without a tool."""

import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

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
PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's


def require(missing: str | None) -> None:
    """Skip the test when a tool is missing (`missing` says why), or fail it when the run requires the
    browser tests (REQUIRE_BROWSER=1, as .ci/run sets)."""
    if missing is None:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(missing)
    pytest.skip(missing)


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


# Wagtail 8 autosaves an open page editor every half second (`WAGTAIL_AUTOSAVE_INTERVAL`) by posting the
# form for JSON; while required fields are empty the editor answers 400 with the errors, which Wagtail's
# script expects and shows, and Chromium logs as a failed load. The form itself answers 200 with its
# errors, so a 400 from an editor's own address is always such an autosave.
AUTOSAVE_REJECTION = re.compile(r"/admin/pages/(add/[^/]+/[^/]+/\d+|\d+/edit)/$")


def is_autosave_rejection(message) -> bool:
    url = (message.location or {}).get("url", "").split("?")[0]
    return "status of 400" in message.text and bool(AUTOSAVE_REJECTION.search(url))


class ConsoleErrors(list):
    """Errors the page logged or threw, and any Content-Security-Policy violation, while it was open
    (not the page editor's autosaves of a form that is not yet valid)."""

    def attach(self, page):
        page.add_init_script(CSP_VIOLATION_REPORTER)
        page.on(
            "console",
            lambda message: (
                (message.type == "error" or is_csp_violation(message.text))
                and not is_autosave_rejection(message)
                and self.append(message.text)
            ),
        )
        page.on("pageerror", lambda error: self.append(str(error)))
        return page


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + ", ".join(str(node["target"][0]) for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def log_in_to_the_admin(open_page, base_url, username):
    """A fresh browser signs in through the admin's login form."""
    page = open_page()
    page.goto(base_url + "/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập trang quản trị")
    page.get_by_role("textbox", name="Tên đăng nhập").fill(username)
    page.get_by_role("textbox", name="Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(base_url + "/admin/")
    return page
