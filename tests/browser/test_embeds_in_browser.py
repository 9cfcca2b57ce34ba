"""An embed page inside a newspaper's page on another origin, in Chromium, under the site's real headers."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from indexes.demo_content import load_indexes
from tests.browser.helpers import DESKTOP, PHONE, USER_AGENTS

BASE = "/chi-so-cai-cach-hanh-chinh/"
SCREENSHOTS = "/tmp/citable-screens"


@pytest.fixture
def newspaper(live_server, demo_site):
    """A newspaper's site on another origin (another port) whose article frames two pages of the portal:
    an embed page, and an ordinary page, which must stay refused."""
    load_indexes(demo_site)
    embed = f"{live_server.url}{BASE}chi-so-cchc-2023/nhung/chi-so/"
    ordinary = f"{live_server.url}{BASE}chi-so-cchc-2023/"
    html = (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Báo tỉnh</title>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'></head><body>"
        "<h1>Báo tỉnh: chỉ số cải cách hành chính 2023</h1>"
        f"<iframe id='embed' src='{embed}' title='Biểu đồ' width='100%' height='640'></iframe>"
        f"<iframe id='ordinary' src='{ordinary}' title='Trang thường' width='100%' height='200'></iframe>"
        "</body></html>"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_a_newspaper_on_another_origin_shows_the_embed_page_and_not_the_ordinary_page(
    browser, newspaper, kind
):
    context = browser.new_context(
        viewport=PHONE if kind == "phone" else DESKTOP, user_agent=USER_AGENTS[kind]
    )
    page = context.new_page()
    page.goto(newspaper)
    embedded = page.frame_locator("#embed")
    embedded.locator("svg").first.wait_for()
    assert "Sở Khoa học và Công nghệ" in embedded.locator("table").inner_text()
    assert "Nguồn: Quyết định 57/QĐ-UBND" in embedded.locator(".embed__source").inner_text()
    link = embedded.get_by_role("link", name="Xem số liệu này trên cổng thông tin")
    assert link.get_attribute("href").endswith(f"{BASE}chi-so-cchc-2023/")
    # Chromium refuses the ordinary page (X-Frame-Options: DENY, frame-ancestors 'self'): its error page.
    ordinary = page.locator("#ordinary").element_handle().content_frame()
    assert ordinary.url.startswith("chrome-error://")
    assert page.frame_locator("#ordinary").locator("text=Chỉ số CCHC năm 2023").count() == 0
    # The embed page fits its frame: only its table scrolls sideways, inside its own box.
    embed_frame = page.locator("#embed").element_handle().content_frame()
    assert (
        embed_frame.evaluate("document.documentElement.scrollWidth")
        <= page.locator("#embed").bounding_box()["width"]
    )
    assert context.cookies() == []  # neither page set a cookie
    page.screenshot(path=f"{SCREENSHOTS}-{kind}.png", full_page=True)
    context.close()
