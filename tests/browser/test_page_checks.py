"""Every public page type, on the demo site, against the page checks of the browser issue.

- axe-core finds no serious or critical violation, and no page is wider than the screen, on a phone and
  on a desktop;
- each page works with JavaScript disabled: its main content, the menu, the header search box, and
  the charts, which the server draws as inline SVG;
- the W3C Nu HTML checker finds no error in the HTML as served (nor in the CSS and the SVG emblem);
- Lighthouse (mobile) scores home, article, edition and agency pages at least 95 for accessibility,
  best practices and SEO. Its performance score is a timing, which a busy machine lowers: the page
  benchmark (tests/benchmarks/pages_benchmark.py) holds it, on a quiet one.

The site is built once per test with `load_demo`, and each test walks every page type and reports
every failure at once, so that one run shows all there is to fix.
"""

import io
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest
from django.core.management import call_command

from tests.browser.helpers import (
    DESKTOP,
    PHONE,
    USER_AGENTS,
    ConsoleErrors,
    is_csp_violation,
    require,
    serious_violations,
)
from tests.browser.tools import (
    failing_audits,
    lighthouse_missing,
    lighthouse_report,
    score,
    vnu_errors,
    vnu_missing,
)

pytestmark = pytest.mark.rendering  # tests/conftest.py: on SQLite only

ARTICLE = "/tin-tuc/hoi-nghi-cai-cach-hanh-chinh-nam-2024/"
ARTICLE_TITLE = "Hội nghị cải cách hành chính năm 2024: nhìn thẳng vào điểm số để cải thiện thứ hạng"
INDEXES = "/chi-so-cai-cach-hanh-chinh/"
LIBRARY = "/van-ban/"
HOME_TITLE = "Cổng thông tin điện tử Sở Khoa học và Công nghệ"
ANSWER_TITLE = "Vì sao Chỉ số cải cách hành chính năm 2023 của Sở giảm?"
# The main menu that load_demo sets up; every page with the site header shows it.
MENU = {
    "/": "Trang chủ",
    "/gioi-thieu/": "Giới thiệu",
    "/tin-tuc/": "Tin tức",
    INDEXES: "Chỉ số cải cách hành chính",
    LIBRARY: "Hệ thống văn bản",
    "/lich-cong-tac/": "Lịch công tác tuần",
    "/hoi-dap/": "Hỏi đáp",
    "/lien-he/": "Liên hệ",
}
MENU_HEADINGS = {**MENU, "/": HOME_TITLE}


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    heading: str  # the page's <h1>
    content: str  # text of the main content, drawn by the server
    status: int = 200
    site_header: bool = True  # the menu and the search box (the print view has neither)
    charts: int = 0  # charts drawn by the server as inline SVG
    lighthouse: bool = False


PAGE_TYPES = [
    PageType("home", "/", HOME_TITLE, "19 trên 55 thủ tục hành chính", lighthouse=True),
    PageType("news-listing", "/tin-tuc/", "Tin tức", ARTICLE_TITLE),
    PageType("article", ARTICLE, ARTICLE_TITLE, "83,45/100 điểm", lighthouse=True),
    PageType("article-print", ARTICLE + "ban-in/", ARTICLE_TITLE, "83,45/100 điểm", site_header=False),
    PageType("tag", "/tin-tuc/the/chi-so-cchc/", "Thẻ: Chỉ số CCHC", ARTICLE_TITLE),
    PageType("archive", "/tin-tuc/luu-tru/2024/", "Lưu trữ: năm 2024", ARTICLE_TITLE),
    PageType("indexes", INDEXES, "Chỉ số cải cách hành chính", "Chỉ số cải cách hành chính năm 2023"),
    PageType("agency-list", INDEXES + "co-quan/", "Cơ quan", "Sở Khoa học và Công nghệ"),
    PageType(
        "edition",
        INDEXES + "chi-so-cchc-2023/",
        "Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành",
        "83,45",
        charts=1,
        lighthouse=True,
    ),
    PageType(
        "agency",
        INDEXES + "co-quan/so-khoa-hoc-va-cong-nghe/",
        "Sở Khoa học và Công nghệ",
        "83,45/100",
        charts=2,
        lighthouse=True,
    ),
    PageType(
        "comparison",
        INDEXES + "so-sanh/?co-quan=so-khoa-hoc-va-cong-nghe&co-quan=so-noi-vu-gia-dinh",
        "So sánh các cơ quan",
        "83,45",
        charts=1,
    ),
    PageType("library", LIBRARY, "Hệ thống văn bản", "Quyết định 57/QĐ-UBND"),
    PageType(
        "library-filtered",
        LIBRARY + "?hinh-thuc=ke-hoach&hieu-luc=het-hieu-luc&sap-xep=cu-nhat",
        "Hệ thống văn bản",
        "Kế hoạch 97/KH-SKHCN",
    ),
    PageType(
        "document",
        LIBRARY + "57-qd-ubnd-2024/",
        "Quyết định 57/QĐ-UBND",
        "Công bố kết quả Chỉ số cải cách hành chính năm 2023",
    ),
    PageType(
        "document-amended", LIBRARY + "97-kh-skhcn-2023/", "Kế hoạch 97/KH-SKHCN", "Được sửa đổi, bổ sung bởi"
    ),
    PageType("search", "/tim-kiem/?q=cai+cach", "Tìm kiếm", ARTICLE_TITLE),
    PageType("search-documents", "/tim-kiem/?q=57%2FQD-UBND", "Tìm kiếm", "Quyết định 57/QĐ-UBND"),
    PageType("statistics", "/thong-ke-truy-cap/", "Thống kê truy cập", "tổng lượt xem", charts=2),
    PageType("about", "/gioi-thieu/", "Giới thiệu", "Nhiệm vụ và quyền hạn"),
    PageType("organisation", "/gioi-thieu/co-cau-to-chuc/", "Cơ cấu tổ chức", "Chánh Văn phòng"),
    PageType("leadership", "/gioi-thieu/lanh-dao/", "Lãnh đạo Sở", "Phó Giám đốc Sở"),
    PageType("contact", "/lien-he/", "Liên hệ", "Gửi câu hỏi, góp ý"),
    PageType("questions", "/hoi-dap/", "Hỏi đáp", ANSWER_TITLE),
    PageType("answer", "/hoi-dap/{answer}/", ANSWER_TITLE, "83,45/100 điểm"),
    PageType("ask", "/hoi-dap/gui-cau-hoi/", "Gửi câu hỏi, góp ý", "Nghị định 13/2023/NĐ-CP"),
    PageType("lookup", "/hoi-dap/tra-cuu/", "Tra cứu câu hỏi", "Nhập mã tra cứu"),
    PageType("schedule", "/lich-cong-tac/", "Lịch công tác tuần", "Họp giao ban Ban Giám đốc Sở"),
    PageType(
        "schedule-print",
        "/lich-cong-tac/ban-in/",
        "Lịch công tác tuần",
        "Họp giao ban Ban Giám đốc Sở",
        site_header=False,
    ),
    PageType("not-found", "/khong-co-trang-nay/", "Không tìm thấy trang", "Về trang chủ", status=404),
]
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
# Pages known to be wider than a phone, with the reason; the check holds every other page to the screen.
# The browser logs the 404 answer itself as a failed resource: expected there, and only there.
NOT_FOUND_CONSOLE = "Failed to load resource: the server responded with a status of 404 (Not Found)"
MIN_SCORES = {"accessibility": 0.95, "best-practices": 0.95, "seo": 0.95}


@pytest.fixture
def demo_portal(live_db):
    """The demo site of `manage.py load_demo`: articles with pictures, tags, editions, agencies."""
    call_command("load_demo", "--no-admin", stdout=io.StringIO())


def path_of(page_type: PageType) -> str:
    """The page type's address; the demo answer's number is the database's."""
    if "{answer}" not in page_type.path:
        return page_type.path
    from portal.questions.models import Question

    return page_type.path.format(answer=Question.objects.get(title=ANSWER_TITLE).pk)


@pytest.fixture(scope="session")
def vnu():
    """Java and vnu-jar, checked before the site is built."""
    require(vnu_missing())


@pytest.fixture(scope="session")
def lighthouse():
    """Node.js, Lighthouse and Chromium, checked before the site is built."""
    require(lighthouse_missing())


def report(failures: list[str]) -> str:
    return f"{len(failures)} failure(s):\n  " + "\n  ".join(failures)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_type_passes_axe_and_works_without_javascript(live_server, demo_portal, browser, viewport):
    failures = []
    options = {"viewport": VIEWPORTS[viewport], "locale": "vi-VN", "user_agent": USER_AGENTS[viewport]}

    # With JavaScript, as most readers see the pages: axe-core and the console (errors and any
    # Content-Security-Policy violation).
    context = browser.new_context(**options)
    page = context.new_page()
    console = ConsoleErrors()
    console.attach(page)
    for page_type in PAGE_TYPES:
        console.clear()
        response = page.goto(live_server.url + path_of(page_type))
        if response.status != page_type.status:
            failures.append(f"{page_type.name}: status {response.status}, expected {page_type.status}")
        failures += [f"{page_type.name}: axe {violation}" for violation in serious_violations(page)]
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            failures.append(f"{page_type.name}: {overflow} px wider than the {viewport} screen")
        expected_console = [NOT_FOUND_CONSOLE] if page_type.status == 404 else []
        if console != expected_console:
            failures.append(f"{page_type.name}: console errors {console}")
    context.close()

    # Without JavaScript: the content, the menu, the search box and the charts are all there.
    context = browser.new_context(java_script_enabled=False, **options)
    page = context.new_page()
    for page_type in PAGE_TYPES:
        failures += check_without_javascript(page, live_server.url, page_type)
    page.goto(live_server.url + "/")
    for href, heading in MENU_HEADINGS.items():
        page.locator(".main-nav").get_by_role("link", name=MENU[href], exact=True).click()
        arrived = page.locator("h1").inner_text()
        if page.url != live_server.url + href or arrived != heading:
            failures.append(f"menu link {MENU[href]!r} led to {page.url} ({arrived!r})")
    context.close()

    assert not failures, report(failures)


# What else a reader's browser may open at the portal's addresses, beside its pages: the sitemap and the
# feeds (which browsers show in a viewer of their own, styled inline), robots.txt, a static file.
OTHER_DOCUMENTS = [
    "/sitemap.xml",
    "/sitemap-trang.xml",
    "/tin-tuc/rss/",
    "/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/rss/",
    "/robots.txt",
    "/static/img/emblem.svg",
]


def test_no_page_or_document_breaks_the_content_security_policy(live_server, demo_portal, browser):
    """A violation is a console error on a page (the test above); the sitemap and feeds are checked here."""
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", user_agent=USER_AGENTS["desktop"])
    page = context.new_page()
    console = ConsoleErrors()
    console.attach(page)
    failures = []
    for path in [path_of(page_type) for page_type in PAGE_TYPES] + OTHER_DOCUMENTS:
        console.clear()
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        failures += [f"{path}: {text}" for text in console if is_csp_violation(text)]
    context.close()

    assert not failures, report(failures)


def check_without_javascript(page, base_url: str, page_type: PageType) -> list[str]:
    name = page_type.name
    response = page.goto(base_url + path_of(page_type))
    failures = [] if response.status == page_type.status else [f"{name} (no JS): status {response.status}"]
    main = page.locator("main")
    headings = main.locator("h1").all_inner_texts()
    if headings != [page_type.heading]:
        failures.append(f"{name} (no JS): h1 {headings}, expected [{page_type.heading!r}]")
    if page_type.content not in main.inner_text():
        failures.append(f"{name} (no JS): {page_type.content!r} missing from the main content")
    charts = main.locator("figure svg")
    visible_charts = [chart for chart in charts.all() if chart.is_visible()]
    if len(visible_charts) < page_type.charts:
        failures.append(
            f"{name} (no JS): {len(visible_charts)} inline SVG chart(s), expected {page_type.charts}"
        )
    if not page_type.site_header:
        return failures

    menu = page.locator(".main-nav a")
    links = {link.get_attribute("href"): link.inner_text() for link in menu.all() if link.is_visible()}
    if links != MENU:
        failures.append(f"{name} (no JS): visible menu {links}, expected {MENU}")
    search = page.get_by_role("banner").get_by_role("search")
    search.get_by_role("searchbox", name="Tìm kiếm trên cổng").fill("cai cach")
    search.get_by_role("button", name="Tìm kiếm").click()
    # The results read once the page has loaded, not as soon as its address changed (a loaded machine
    # let the check read the page before its results were there).
    page.wait_for_load_state("load")
    if (
        page.url != base_url + "/tim-kiem/?q=cai+cach"
        or ARTICLE_TITLE not in page.locator("main").inner_text()
    ):
        failures.append(f"{name} (no JS): the header search led to {page.url} without the expected result")
    return failures


def fetch(url: str) -> bytes:
    """The body as served, whatever the status (the 404 page is checked too)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()


@pytest.mark.slow
def test_every_page_type_is_valid_html(vnu, live_server, demo_portal, tmp_path):
    files = []
    for page_type in PAGE_TYPES:
        files.append(tmp_path / f"{page_type.name}.html")
        files[-1].write_bytes(fetch(live_server.url + path_of(page_type)))
    for asset in (
        "css/portal.css",
        "css/print.css",
        "css/print-screen.css",
        "css/print-landscape.css",
        "img/emblem.svg",
    ):
        files.append(tmp_path / asset.replace("/", "-"))
        files[-1].write_bytes(fetch(f"{live_server.url}/static/{asset}"))

    errors = vnu_errors(files)

    failures = [
        f"{error['url'].rsplit('/', 1)[-1]} line {error.get('lastLine', '?')}: {error['message']}"
        + (f" [{error['extract'].strip()}]" if error.get("extract") else "")
        for error in errors
    ]
    assert not failures, report(failures)


@pytest.mark.slow
def test_lighthouse_scores_on_home_article_edition_and_agency(lighthouse, live_server, demo_portal, tmp_path):
    failures, scores = [], []
    for page_type in (page_type for page_type in PAGE_TYPES if page_type.lighthouse):
        url = live_server.url + page_type.path
        result = lighthouse_report(url, tmp_path / f"{page_type.name}.json", tuple(MIN_SCORES))
        if result.get("runtimeError"):
            failures.append(f"{page_type.name}: Lighthouse error {result['runtimeError']}")
        for category, minimum in MIN_SCORES.items():
            found = score(result, category)
            scores.append(f"{page_type.name} {category} {found}")
            if found is None or found < minimum:
                audits = "\n      ".join(failing_audits(result, category)) or "(none listed)"
                failures.append(
                    f"{page_type.name}: {category} {found}, below {minimum}; failing audits:\n      {audits}"
                )
    print("Lighthouse scores:", ", ".join(scores))
    assert not failures, report(failures)
