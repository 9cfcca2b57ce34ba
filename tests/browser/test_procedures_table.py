"""The procedures behind an online count and the series lists, in Chromium at phone and desktop sizes."""

import io
import os

import pytest
from django.core.management import call_command

from indexes.models import Agency
from tests.browser.helpers import DESKTOP, PHONE, USER_AGENTS, ConsoleErrors, serious_violations

pytestmark = pytest.mark.slow

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")  # set it to keep the screenshots for a look


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_a_reader_filters_an_agencys_procedures_without_javascript(live_server, live_db, browser, kind):
    call_command("load_demo", "--no-admin", stdout=io.StringIO())
    agency = Agency.objects.get(name="Sở Tư pháp (giả định)")
    viewport = PHONE if kind == "phone" else DESKTOP
    context = browser.new_context(
        viewport=viewport, locale="vi-VN", user_agent=USER_AGENTS[kind], java_script_enabled=False
    )
    page = context.new_page()
    errors = ConsoleErrors()
    errors.attach(page)
    address = f"{live_server.url}/chi-so-cai-cach-hanh-chinh/co-quan/{agency.slug}/"

    page.goto(address)

    assert "7/10 (70 %)" in page.inner_text("#services-heading + p")
    assert page.locator("table:has(caption:text('Thủ tục hành chính')) tbody tr").count() == 10
    page.select_option("#filter-level", "toan-trinh")
    page.click("form.filters button[type=submit]")
    assert page.url.endswith("?linh-vuc=&muc-do=toan-trinh")
    assert page.locator("table:has(caption:text('Thủ tục hành chính')) tbody tr").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/thu-tuc-{kind}.png", full_page=True)
    context.close()

    with_script = browser.new_context(viewport=viewport, locale="vi-VN", user_agent=USER_AGENTS[kind])
    page = with_script.new_page()
    errors = ConsoleErrors()
    errors.attach(page)
    page.goto(address)
    assert serious_violations(page) == []
    page.goto(f"{live_server.url}/chi-so-cai-cach-hanh-chinh/")
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/tong-quan-{kind}.png", full_page=True)
    assert list(errors) == []
