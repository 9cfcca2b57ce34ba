"""The home page in a real browser: no console error and no serious accessibility violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from wagtail.models import Site

from tests.factories import fill_agency_settings, make_default_site_home

SERIOUS = {"serious", "critical"}


@pytest.fixture
def demo_site(live_db):
    home = make_default_site_home()
    fill_agency_settings(Site.objects.get(is_default_site=True))
    return home


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + ", ".join(node["target"][0] for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def test_home_page_has_no_console_error_and_no_serious_axe_violation(live_server, demo_site, browser_page):
    response = browser_page.goto(live_server.url + "/")

    assert response.status == 200
    assert browser_page.locator("html").get_attribute("lang") == "vi"
    assert browser_page.locator("h1").inner_text() == demo_site.title
    assert browser_page.console_errors == []
    assert serious_violations(browser_page) == []


def test_skip_link_is_the_first_stop_for_keyboard_users(live_server, demo_site, browser_page):
    browser_page.goto(live_server.url + "/")

    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent")
    browser_page.keyboard.press("Enter")

    assert focused == "Chuyển đến nội dung chính"
    assert browser_page.evaluate("location.hash") == "#main"


def test_language_switch_leads_to_the_english_interface(live_server, demo_site, browser_page):
    browser_page.goto(live_server.url + "/")

    browser_page.get_by_role("link", name="English").click()

    assert browser_page.locator("html").get_attribute("lang") == "en"
    assert browser_page.url == live_server.url + "/en/"
    assert browser_page.console_errors == []
