"""Two department sites and the province's hub on one live server, each on its own `*.localhost` host
(Chromium sends every `*.localhost` name to 127.0.0.1, so no /etc/hosts is needed), as a citizen uses
them in Chromium at 375 px and 1366 px (issue 20's "browser journeys on two sites at once"):

- on Sở Xây dựng's site a citizen sees its news, its identity and its row marked in the province's
  ranking; on Sở Nội vụ's, that department's;
- the hub lists both departments' news, each linking to its own host, and the directory of the sites;
- an article published on one department shows on its site and on the hub, never on the other's;
- no page is wider than the screen, none has a serious axe-core violation or a console error.

Full-page screenshots go to `screenshots/` (git-ignored; `SCREENSHOTS_DIR` to put them elsewhere).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from news.models import NewsIndexPage
from portal.management.department_sites import create_department_site
from portal.models import AgencySettings
from tests.browser.helpers import USER_AGENTS, serious_violations
from tests.factories import publish_article
from tests.indexes.factories import add_result, make_agency, make_edition

BASE_DIR = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR", BASE_DIR / "screenshots"))
SIZES = {"375": {"width": 375, "height": 740}, "1366": {"width": 1366, "height": 768}}
USER_AGENT = {"375": USER_AGENTS["phone"], "1366": USER_AGENTS["desktop"]}
EDITION = "/chi-so-cai-cach-hanh-chinh/chi-so-cchc-2023/"
XD_NEWS = "Sở Xây dựng rà soát thủ tục cấp phép xây dựng trực tuyến"
NV_NEWS = "Sở Nội vụ hướng dẫn chấm điểm Chỉ số CCHC năm 2023"


@pytest.fixture
def province(live_server, live_db):
    """The figures published once by the province, two departments and the hub, on the live server's port."""
    port = urlsplit(live_server.url).port
    edition = make_edition(2023)
    for name, index in [
        ("Sở Tư pháp", "91.20"),
        ("Sở Nội vụ", "88.75"),
        ("Sở Tài chính", "86.10"),
        ("Sở Xây dựng", "84.30"),
        ("Sở Y tế", "80.05"),
    ]:
        add_result(edition, make_agency(name), index)
    make_agency("UBND tỉnh", kind="other")
    xd = create_department_site(host=f"soxd.localhost:{port}", agency="Sở Xây dựng", name="Sở Xây dựng")
    nv = create_department_site(host=f"sonv.localhost:{port}", agency="Sở Nội vụ", name="Sở Nội vụ")
    hub = create_department_site(host=f"tinh.localhost:{port}", agency="UBND tỉnh", name="Tỉnh", is_hub=True)
    settings = AgencySettings.for_site(xd.site)
    settings.address = "Số 2 Hùng Vương, phường Đông Hà, tỉnh Quảng Trị"
    settings.phone = "0233 3852 000"
    settings.save()
    publish_article(NewsIndexPage.objects.child_of(xd.home).get(), title=XD_NEWS)
    publish_article(NewsIndexPage.objects.child_of(nv.home).get(), title=NV_NEWS)
    return {
        "xd": xd,
        "nv": nv,
        "hub": hub,
        "urls": {
            "xd": f"http://soxd.localhost:{port}",
            "nv": f"http://sonv.localhost:{port}",
            "hub": f"http://tinh.localhost:{port}",
        },
    }


def looks_right(page, failures: list[str], name: str, size: str) -> None:
    """No sideways scrolling, no serious axe violation, no console error; a screenshot to look at."""
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("document.documentElement.clientWidth")
    if width > viewport:
        failures.append(f"{name} at {size} px: scroll width {width} > {viewport}")
    failures.extend(f"{name} at {size} px: {violation}" for violation in serious_violations(page))
    failures.extend(f"{name} at {size} px: console: {error}" for error in page.console_errors)
    page.console_errors.clear()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"sites-{name}-{size}.png"), full_page=True)


@pytest.fixture(params=list(SIZES), ids=[f"{size}px" for size in SIZES])
def citizen(request, open_page):
    size = request.param
    page = open_page("phone" if size == "375" else "desktop")
    page.set_viewport_size(SIZES[size])
    page.size = size
    return page


@pytest.mark.parametrize(
    ("own", "other", "agency", "own_news", "other_news"),
    [
        ("xd", "nv", "Sở Xây dựng", XD_NEWS, NV_NEWS),
        ("nv", "xd", "Sở Nội vụ", NV_NEWS, XD_NEWS),
    ],
    ids=["so-xay-dung", "so-noi-vu"],
)
def test_each_department_site_shows_its_own_news_identity_and_ranking_row(
    province, citizen, own, other, agency, own_news, other_news
):
    failures: list[str] = []
    base = province["urls"][own]
    page = citizen

    assert page.goto(base + "/").status == 200
    expect(page.locator("h1")).to_have_text(f"Cổng thông tin điện tử {agency}")
    expect(page.locator("header").first).to_contain_text(agency)
    expect(page.get_by_role("link", name=own_news)).to_be_visible()
    expect(page.get_by_role("link", name=other_news)).to_have_count(0)
    # The home page's score card is the site's own agency's, from the province's one edition.
    expect(page.locator(".score-card").first).to_contain_text(agency)
    looks_right(page, failures, f"{own}-home", page.size)

    page.get_by_role("link", name=own_news).click()
    expect(page.locator("h1")).to_have_text(own_news)
    assert page.url.startswith(base + "/tin-tuc/")
    looks_right(page, failures, f"{own}-article", page.size)

    assert page.goto(base + EDITION).status == 200
    own_row = page.locator(".ranking-table tbody tr.is-own")
    expect(own_row).to_have_count(1)
    expect(own_row.locator("th")).to_contain_text(agency)
    expect(own_row.locator("th")).to_contain_text("cơ quan của trang này")
    expect(page.locator(".ranking-table tbody tr")).to_have_count(5)  # the same figures on every site
    looks_right(page, failures, f"{own}-ranking", page.size)

    page.goto(province["urls"][other] + EDITION)
    expect(page.locator(".ranking-table tbody tr.is-own th")).not_to_contain_text(agency)

    assert not failures, "\n".join(failures)


def test_the_hub_lists_both_departments_news_each_on_its_own_host_and_their_directory(province, citizen):
    failures: list[str] = []
    urls = province["urls"]
    page = citizen

    assert page.goto(urls["hub"] + "/").status == 200
    for key, title in (("xd", XD_NEWS), ("nv", NV_NEWS)):
        link = page.get_by_role("link", name=title)
        expect(link).to_be_visible()
        assert link.get_attribute("href").startswith(urls[key] + "/tin-tuc/")
    directory = page.locator(".department-directory")
    expect(directory.get_by_role("heading", name="Các sở, ban, ngành")).to_be_visible()
    expect(directory.get_by_role("link", name=urlsplit(urls["xd"]).netloc)).to_have_attribute(
        "href", urls["xd"] + "/"
    )
    expect(directory.get_by_role("link", name=urlsplit(urls["nv"]).netloc)).to_have_attribute(
        "href", urls["nv"] + "/"
    )
    expect(directory).to_contain_text("Số 2 Hùng Vương, phường Đông Hà")
    looks_right(page, failures, "hub-home", page.size)

    page.get_by_role("link", name=NV_NEWS).click()
    expect(page.locator("h1")).to_have_text(NV_NEWS)
    assert page.url.startswith(urls["nv"] + "/tin-tuc/")

    page.goto(urls["hub"] + EDITION)
    expect(page.locator(".ranking-table tbody tr")).to_have_count(5)
    expect(page.locator(".ranking-table tbody tr.is-own")).to_have_count(
        0
    )  # the province's own agency is not ranked
    looks_right(page, failures, "hub-ranking", page.size)

    assert not failures, "\n".join(failures)


def test_publishing_on_one_department_shows_there_and_on_the_hub_not_on_the_other(
    province, citizen, settings
):
    settings.PAGE_CACHE_SECONDS = 300  # as in production: the publish must purge the pages kept
    urls = province["urls"]
    page = citizen
    for key in ("xd", "nv", "hub"):  # every home page seen (and kept) before the publish
        page.goto(urls[key] + "/")
        assert page.goto(urls[key] + "/").headers.get("x-page-cache") == "hit"

    title = "Sở Xây dựng công bố danh mục thủ tục trực tuyến toàn trình"
    publish_article(NewsIndexPage.objects.child_of(province["xd"].home).get(), title=title)

    page.goto(urls["xd"] + "/")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    page.goto(urls["hub"] + "/")
    expect(page.get_by_role("link", name=title)).to_have_attribute(
        "href", f"{urls['xd']}/tin-tuc/{slug_of(title)}/"
    )
    page.goto(urls["nv"] + "/")
    expect(page.get_by_role("link", name=title)).to_have_count(0)
    expect(page.get_by_role("link", name=NV_NEWS)).to_be_visible()


def slug_of(title: str) -> str:
    from news.models import ArticlePage

    return ArticlePage.objects.get(title=title).slug
