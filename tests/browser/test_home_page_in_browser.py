"""The home page in a real browser: no console error and no serious accessibility violation."""

from tests.browser.helpers import serious_violations


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
