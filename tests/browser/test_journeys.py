"""The journeys of issue #7 and of the citizens' issue, end to end in Chromium, checked by what the people
making them see.

- A citizen on a phone reads the news: home, the listing, an article, a related article, the print
  view; the visitor figures and the article's view count move as the pages are read (a page read
  again within 30 minutes counting once), and move again when someone else opens the article.
- An editor writes an article with an uploaded picture, a category and tags, and submits it; a
  moderator approves it from the dashboard; visitors then find it on the home page, in the RSS feed and
  in search.
- A journalist finds a published score by typing without diacritics, opens the agency, compares it
  with another one and downloads the figures, which are the ones on the page.
- A citizen sends a question from a phone and gets a tracking code; a moderator assigns and answers it in
  the admin; the citizen looks the code up and reads the answer, which does not name her.
"""

import csv
import io
import re
import xml.etree.ElementTree as ElementTree
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from indexes.demo_content import load_indexes
from news.models import ArticlePage
from portal.about.models import Unit
from tests.browser.helpers import log_in_to_the_admin
from tests.factories import (
    MODERATORS,
    ImageFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    member_of,
    publish_article,
)
from tests.questions.factories import QuestionFieldFactory, make_questions_page

# 1. A citizen on a phone --------------------------------------------------------------------------


@pytest.fixture
def news(demo_site):
    index = NewsIndexPageFactory(parent=demo_site)
    reform = NewsCategoryFactory(name="Cải cách hành chính", slug="cai-cach-hanh-chinh")
    events = NewsCategoryFactory(name="Tin tức - Sự kiện", slug="tin-tuc-su-kien")
    now = timezone.now()
    publish_article(
        index,
        title="Hội nghị cải cách hành chính năm 2024",
        lead="Sở tổng kết công tác cải cách hành chính năm 2024 và giao nhiệm vụ cho năm 2025.",
        categories=[reform],
        hero_image=ImageFactory(description="Đại biểu dự hội nghị"),
        hero_caption="Toàn cảnh hội nghị",
        tags=["Chỉ số CCHC"],
        first_published_at=now - timedelta(hours=1),
    )
    publish_article(
        index,
        title="Sở tổ chức ngày hội khoa học cho học sinh",
        categories=[events],
        first_published_at=now - timedelta(days=1),
    )
    publish_article(
        index,
        title="Kết luận về công tác CCHC 7 tháng",
        categories=[reform],
        first_published_at=now - timedelta(days=2),
    )
    return index


def visitor_figure(page, label):
    """A figure of the footer's visitor box, by the label a person reads next to it."""
    return page.get_by_role("region", name="Thống kê truy cập").locator(f"dt:text-is('{label}') + dd")


def view_count(page):
    return page.locator(".article__meta dt:text-is('Lượt xem') + dd")


@pytest.mark.parametrize("page_cache_seconds", [0, 300], ids=["page-cache-off", "page-cache-on"])
def test_a_citizen_reads_the_news_on_a_phone(live_server, news, open_page, settings, page_cache_seconds):
    # With the anonymous page cache on, pages come back as they were first rendered: the figures
    # below are then the ones the page's script fetches, and must be just as exact.
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    page = open_page("phone", device_scale_factor=1)

    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cổng thông tin điện tử Sở Khoa học và Công nghệ"
    )
    # The first page this person opens: one visit, one page view, and they are online.
    expect(visitor_figure(page, "Tổng lượt xem")).to_have_text("1")
    expect(visitor_figure(page, "Lượt truy cập hôm nay")).to_have_text("1")
    expect(visitor_figure(page, "Tổng lượt truy cập")).to_have_text("1")
    expect(visitor_figure(page, "Đang truy cập (5 phút qua)")).to_have_text("1")

    page.get_by_role("link", name="Xem tất cả tin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tin tức")
    expect(page.locator(".article-card__title")).to_have_text(
        [
            "Hội nghị cải cách hành chính năm 2024",
            "Sở tổ chức ngày hội khoa học cho học sinh",
            "Kết luận về công tác CCHC 7 tháng",
        ]
    )
    expect(visitor_figure(page, "Tổng lượt xem")).to_have_text("2")

    page.get_by_role("link", name="Hội nghị cải cách hành chính năm 2024").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hội nghị cải cách hành chính năm 2024")
    expect(view_count(page)).to_have_text("1")
    expect(visitor_figure(page, "Tổng lượt xem")).to_have_text("3")
    hero = page.get_by_role("img", name="Đại biểu dự hội nghị")
    expect(hero).to_be_visible()
    assert hero.evaluate("img => img.currentSrc").endswith(".width-480.webp")  # a phone gets the small one
    related = page.get_by_role("region", name="Tin liên quan")
    expect(related.get_by_role("link")).to_have_text(["Kết luận về công tác CCHC 7 tháng"])  # same category

    related.get_by_role("link", name="Kết luận về công tác CCHC 7 tháng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kết luận về công tác CCHC 7 tháng")
    expect(view_count(page)).to_have_text("1")
    expect(visitor_figure(page, "Tổng lượt xem")).to_have_text("4")

    # Back to the first article from the second one's related news: the same person read it a moment
    # ago, and a page viewed again within 30 minutes counts once.
    page.get_by_role("region", name="Tin liên quan").get_by_role(
        "link", name="Hội nghị cải cách hành chính năm 2024"
    ).click()
    expect(view_count(page)).to_have_text("1")
    expect(visitor_figure(page, "Tổng lượt xem")).to_have_text("4")
    expect(visitor_figure(page, "Lượt truy cập hôm nay")).to_have_text("1")  # still the same person
    expect(visitor_figure(page, "Tổng lượt truy cập")).to_have_text("1")

    page.get_by_role("link", name="In bài viết").click()
    expect(page).to_have_url(re.compile(r"/tin-tuc/[^/]+/ban-in/$"))
    expect(page).to_have_title("Hội nghị cải cách hành chính năm 2024 – Bản in")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hội nghị cải cách hành chính năm 2024")
    expect(page.get_by_text("Sở tổng kết công tác cải cách hành chính năm 2024")).to_be_visible()
    expect(page.get_by_role("img", name="Đại biểu dự hội nghị")).to_be_visible()
    # Only the article goes to paper: no menus, related news or visitor box.
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.get_by_role("region", name="Tin liên quan")).to_have_count(0)
    expect(page.get_by_role("region", name="Thống kê truy cập")).to_have_count(0)
    assert page.console_errors == []  # the print view included: it names its icon, so no /favicon.ico

    # Someone else opens it on a desktop: served from the page cache when it is on, and counted.
    first = ArticlePage.objects.get(title="Hội nghị cải cách hành chính năm 2024")
    other = open_page("desktop")
    response = other.goto(live_server.url + first.url)
    assert response.headers.get("x-page-cache") == ("hit" if page_cache_seconds else None)
    expect(view_count(other)).to_have_text("2")
    expect(visitor_figure(other, "Tổng lượt xem")).to_have_text("5")  # the print view counts no view
    expect(visitor_figure(other, "Tổng lượt truy cập")).to_have_text("2")


# 2. An editor, a moderator, then visitors ----------------------------------------------------------

TITLE = "Sở Khoa học và Công nghệ đón đoàn kiểm tra cải cách hành chính"


def png_photo() -> bytes:
    """A real PNG, as a camera's picture would be once exported."""
    image = Image.new("RGB", (1200, 675), "#1f5f8b")
    image.paste(Image.new("RGB", (400, 300), "#f2c14e"), (400, 180))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_an_editor_writes_a_moderator_approves_and_visitors_find_the_article(
    live_server, newsroom, open_page
):
    # The editor opens the news section in the page explorer and adds an article to it.
    editor = log_in_to_the_admin(open_page, live_server.url, "bientap")
    editor.goto(f"{live_server.url}/admin/pages/{newsroom.pk}/")
    editor.get_by_role("link", name="Thêm trang con").click()  # an article is the only kind allowed
    expect(editor.get_by_role("heading", level=1)).to_have_text("Mới: Bài viết")

    editor.get_by_role("textbox", name="Tiêu đề*").fill(TITLE)
    editor.get_by_role("textbox", name="Sapo*").fill(
        "Đoàn kiểm tra của tỉnh làm việc với Sở về kết quả cải cách hành chính năm 2024."
    )

    # The picture is uploaded from the image chooser, with its title and description.
    editor.get_by_role("button", name="Chọn một hình ảnh").click()
    chooser = editor.get_by_role("dialog")
    chooser.get_by_role("tab", name="Tải lên").click()
    chooser.get_by_role("textbox", name="Tiêu đề*").fill("Đoàn kiểm tra làm việc tại Sở")
    chooser.get_by_label("Tệp*").set_input_files(
        {"name": "doan-kiem-tra.png", "mimeType": "image/png", "buffer": png_photo()}
    )
    chooser.get_by_role("textbox", name="Mô tả").fill("Đoàn kiểm tra làm việc với lãnh đạo Sở")
    chooser.get_by_role("button", name="Tải lên").click()
    expect(chooser).to_be_hidden()
    hero_panel = editor.get_by_role("region", name="Ảnh đại diện")
    expect(hero_panel).to_contain_text("Đoàn kiểm tra làm việc tại Sở")  # chosen
    editor.get_by_role("textbox", name="Văn bản thay thế của ảnh đại diện").fill(
        "Trưởng đoàn kiểm tra phát biểu tại buổi làm việc"
    )
    editor.get_by_role("textbox", name="Chú thích ảnh đại diện").fill("Buổi làm việc sáng 12/6")

    # The body: one paragraph.
    body = editor.get_by_role("region", name="Nội dung*")
    body.get_by_role("button", name=re.compile("Insert a block|Chèn")).first.click()
    editor.get_by_role("option", name="Đoạn văn").click()
    paragraph = body.get_by_role("region", name=re.compile("^Đoạn văn")).get_by_role("textbox")
    paragraph.fill("Đoàn kiểm tra ghi nhận Sở đã giải quyết đúng hạn toàn bộ hồ sơ thủ tục hành chính.")

    editor.get_by_role("textbox", name="Tác giả*").fill("Trần Minh")
    editor.get_by_role("textbox", name="Nguồn tin*").fill("Văn phòng Sở")
    classification = editor.get_by_role("region", name="Chuyên mục, thẻ và cơ quan")
    classification.get_by_role("checkbox", name="Cải cách hành chính").check()
    tags = classification.get_by_role("list").get_by_role("textbox")
    for tag in ["Kiểm tra CCHC", "Năm 2024"]:
        tags.fill(tag)
        tags.press("Enter")
    expect(classification.get_by_role("listitem")).to_contain_text(['"Kiểm tra CCHC"', '"Năm 2024"'])

    # Submitting sends it to the moderation workflow ("Kiểm duyệt tin bài"); it is not public yet.
    editor.get_by_role("button", name="Thao tác khác").click()
    editor.get_by_role("button", name=re.compile("Kiểm duyệt tin bài")).click()
    expect(editor.get_by_text(f"Đã tạo trang “{TITLE}” và gửi duyệt.")).to_be_visible()
    expect(editor.get_by_role("row", name=re.compile(TITLE))).to_contain_text("đang chờ duyệt")

    visitor = open_page()
    visitor.goto(live_server.url + "/")
    expect(visitor.get_by_role("region", name="Tin mới")).to_contain_text("Kết luận về công tác CCHC")
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)

    # The moderator approves it from the dashboard's "awaiting your review" panel.
    moderator = log_in_to_the_admin(open_page, live_server.url, "kiemduyet")
    awaiting = moderator.get_by_role("region", name="Chờ bạn duyệt")
    row = awaiting.get_by_role("row", name=re.compile(TITLE))
    expect(row).to_contain_text("bientap")  # who submitted it
    row.get_by_role("button", name="Thao tác").click()
    row.get_by_role("button", name="Phê duyệt", exact=True).click()
    dialog = moderator.get_by_role("dialog")  # it asks first
    expect(dialog).to_contain_text(f"Phê duyệt “{TITLE}”? Bài sẽ được xuất bản ngay")
    dialog.get_by_role("button", name="Phê duyệt và xuất bản").click()
    expect(moderator.get_by_text(f"Đã phê duyệt và xuất bản “{TITLE}”.")).to_be_visible()
    expect(awaiting).to_have_count(0)  # nothing left to review

    # Visitors find it on the home page, with its picture and its alt text.
    visitor.goto(live_server.url + "/")
    visitor.get_by_role("region", name="Tin mới").get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    article_url = visitor.url
    expect(
        visitor.get_by_role("img", name="Trưởng đoàn kiểm tra phát biểu tại buổi làm việc")
    ).to_be_visible()
    expect(visitor.get_by_text("Buổi làm việc sáng 12/6")).to_be_visible()
    expect(visitor.get_by_text("Đoàn kiểm tra ghi nhận Sở đã giải quyết đúng hạn")).to_be_visible()
    expect(visitor.get_by_role("navigation", name="Đường dẫn")).to_contain_text("Cải cách hành chính")
    expect(visitor.get_by_role("link", name="Kiểm tra CCHC")).to_be_visible()
    expect(visitor.get_by_role("link", name="Năm 2024")).to_be_visible()

    # In the RSS feed that the news listing links to.
    visitor.goto(live_server.url + newsroom.url)
    feed_url = visitor.get_by_role("link", name="Nhận tin RSS").get_attribute("href")
    feed = visitor.request.get(live_server.url + feed_url if feed_url.startswith("/") else feed_url)
    assert feed.ok and "xml" in feed.headers["content-type"]
    items = ElementTree.fromstring(feed.body()).findall("./channel/item")
    assert [item.findtext("title") for item in items] == [TITLE, "Kết luận về công tác CCHC 7 tháng"]
    assert items[0].findtext("link") == article_url

    # And in search, typed without diacritics as many do on a phone.
    visitor.get_by_label("Tìm kiếm trên cổng").fill("doan kiem tra cai cach")
    visitor.get_by_role("search").get_by_role("button", name="Tìm kiếm").click()
    expect(visitor).to_have_url(re.compile(r"/tim-kiem/\?q=doan"))
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor).to_have_url(article_url)
    assert visitor.console_errors == []


# 3. A journalist -----------------------------------------------------------------------------------


@pytest.fixture
def published_figures(demo_site):
    """The demo's editions: Sở Khoa học và Công nghệ's published 83,45 in 2023, 13th of 18."""
    return load_indexes(demo_site)


def number(text: str) -> Decimal | None:
    """A figure as the page writes it ("83,45", "−1,92", "13/18" → 13) or as the CSV does ("83.45")."""
    text = text.strip().split("/")[0].removesuffix("%").strip()
    if text in ("", "–"):
        return None
    rank_change = re.fullmatch(r"(giảm|tăng) (\d+) bậc", text)
    if rank_change:
        return Decimal(rank_change[2]) * (-1 if rank_change[1] == "giảm" else 1)
    return Decimal(text.replace("−", "-").replace(",", "."))


def table_rows(table) -> list[list[str]]:
    """The text of a table's cells, row by row, headings included, as a person reads them."""
    expect(table).to_be_visible()
    return table.locator("tr").evaluate_all(
        "rows => rows.map(row => [...row.cells].map(cell => cell.innerText.trim()))"
    )


def download_csv(page, table_title) -> tuple[str, list[list[str]]]:
    """Click the CSV link under the table whose title starts with `table_title`: the file's name and rows."""
    downloads = page.get_by_role("region", name="Tải dữ liệu")
    link = downloads.get_by_role("listitem").filter(has_text=table_title).get_by_role("link", name="CSV")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    return download.suggested_filename, list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_journalist_finds_a_score_compares_agencies_and_downloads_the_figures(
    live_server, published_figures, open_page, javascript
):
    page = open_page(java_script_enabled=javascript, accept_downloads=True)
    page.goto(live_server.url + "/")
    page.get_by_label("Tìm kiếm trên cổng").fill("chi so cai cach so khoa hoc 2023")
    page.get_by_role("search").get_by_role("button", name="Tìm kiếm").click()
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=chi\+so\+cai\+cach"))

    # The published score, found without diacritics.
    scores = page.get_by_role("region", name=re.compile("^Điểm số đã công bố"))
    expect(scores.get_by_role("listitem").first).to_contain_text(
        "Sở Khoa học và Công nghệ: 83,45, xếp thứ 13/18"
    )
    expect(scores.get_by_role("listitem").first).to_contain_text("Chỉ số cải cách hành chính năm 2023")
    scores.get_by_role("link", name="Trang của cơ quan").first.click()

    # The agency's page: the latest result, and the CSV of its results across editions.
    expect(page.get_by_role("heading", level=1)).to_have_text("Sở Khoa học và Công nghệ")
    latest = page.get_by_role(
        "region", name=re.compile("^Kết quả mới nhất: Chỉ số cải cách hành chính năm 2023")
    )
    cards = latest.locator(".stat-cards__value")
    expect(cards).to_have_text(["83,45/100", "83,45 %", "13/18", "−1,92"])
    filename, rows = download_csv(page, "Sở Khoa học và Công nghệ qua các kỳ đánh giá")
    assert filename == "chi-so-cchc-so-khoa-hoc-va-cong-nghe-qua-cac-nam.csv"
    downloaded = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    newest = downloaded[0]
    assert (newest["Năm"], newest["Hạng"], newest["Số cơ quan xếp hạng"]) == ("2023", "13", "18")
    assert number(newest["Tổng điểm"]) == number(cards.nth(0).inner_text()) == Decimal("83.45")
    assert number(newest["Điểm tối đa"]) == Decimal("100")
    assert number(newest["Chỉ số (%)"]) == number(cards.nth(1).inner_text()) == Decimal("83.45")
    assert number(newest["Thay đổi chỉ số"]) == number(cards.nth(3).inner_text()) == Decimal("-1.92")
    assert newest["Thay đổi thứ hạng (bậc)"] == "-7"  # "giảm 7 bậc" on the page
    history = page.get_by_role("region", name="Chỉ số và thứ hạng qua các năm").get_by_role("table")
    shown = table_rows(history)[1:]
    assert len(shown) == len(downloaded) >= 2
    for on_page, in_file in zip(shown, downloaded, strict=True):
        edition, points, index, rank = on_page[:4]
        assert edition.startswith(in_file["Kỳ đánh giá"])
        assert number(points) == number(in_file["Tổng điểm"])
        assert number(index) == number(in_file["Chỉ số (%)"])
        assert rank == f"{in_file['Hạng']}/{in_file['Số cơ quan xếp hạng']}"

    # Compared with another agency, in the same edition.
    page.get_by_role("link", name="So sánh với cơ quan khác").click()
    expect(page.get_by_role("checkbox", name="Sở Khoa học và Công nghệ")).to_be_checked()
    page.get_by_role("checkbox", name="Sở Tài chính (giả định)").check()
    page.get_by_role("button", name="So sánh", exact=True).click()
    expect(page).to_have_url(re.compile(r"co-quan=so-khoa-hoc-va-cong-nghe&co-quan=so-tai-chinh-gia-dinh"))
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        "Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành"
    )
    comparison = page.get_by_role("region", name="Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành")
    shown = {row[0]: row[1:] for row in table_rows(comparison.get_by_role("table"))}
    assert shown["Số liệu"] == ["Sở Khoa học và Công nghệ", "Sở Tài chính (giả định)"]
    assert shown["Tổng điểm"] == ["83,45", "89,5"]
    assert shown["Chỉ số (%)"] == ["83,45", "89,5"]
    assert shown["Hạng"] == ["13", "4"]

    # The CSV under the comparison holds the same figures, row by row, in the same order.
    filename, rows = download_csv(page, "So sánh")
    assert filename.endswith(".csv")
    assert [row[0] for row in rows] == list(shown)
    for label, *cells in rows[1:]:
        if label == "Xếp loại":
            assert cells == shown[label]
        else:
            assert [number(cell) for cell in cells] == [number(cell) for cell in shown[label]], label
    assert page.console_errors == []


# 4. A citizen asks on a phone, a moderator answers in the admin, the citizen reads the answer ----------


QUESTION_TEXT = (
    "Tôi là Phạm Thu Trang, nhà ở thôn Bến Đò. Doanh nghiệp nhỏ của tôi muốn đăng ký nhãn hiệu "
    "cho sản phẩm mật ong. Hồ sơ nộp ở đâu và mất bao lâu?"
)


@pytest.fixture
def questions_desk(demo_site, settings):
    """/hoi-dap/ with its fields, a unit that answers, and a moderator; forms may be sent after a second."""
    settings.QUESTIONS_MIN_FILL_SECONDS = 1
    make_questions_page(demo_site)
    QuestionFieldFactory(name="Sở hữu trí tuệ", slug="so-huu-tri-tue")
    QuestionFieldFactory(name="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    Unit.objects.create(name="Phòng Quản lý công nghệ và Sở hữu trí tuệ")
    member_of(MODERATORS, "kiemduyet")


def no_wider_than_the_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_a_citizen_asks_on_a_phone_a_moderator_answers_and_the_citizen_reads_the_answer(
    live_server, questions_desk, open_page
):
    # The citizen, on a phone, finds the form from the questions page and fills it in.
    citizen = open_page("phone")
    citizen.goto(live_server.url + "/hoi-dap/")
    citizen.get_by_role("main").get_by_role("link", name="Gửi câu hỏi").first.click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Gửi câu hỏi, góp ý")
    no_wider_than_the_screen(citizen)
    citizen.get_by_label("Họ và tên").fill("Phạm Thu Trang")
    citizen.get_by_label("Thư điện tử (không bắt buộc)").fill("thutrang.nguoidan@example.vn")
    citizen.get_by_label("Lĩnh vực").select_option(label="Sở hữu trí tuệ")
    citizen.get_by_label("Tiêu đề").fill("Đăng ký nhãn hiệu cho mật ong")
    citizen.get_by_label("Nội dung câu hỏi, góp ý").fill(QUESTION_TEXT)
    citizen.get_by_role("checkbox", name="Tôi đồng ý").check()
    citizen.wait_for_timeout(1100)  # a person takes longer than the form's minimum fill time
    citizen.get_by_role("button", name="Gửi", exact=True).click()

    expect(citizen.get_by_role("heading", level=1)).to_have_text("Câu hỏi của bạn đã được tiếp nhận")
    code = citizen.locator(".tracking-code__value").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    no_wider_than_the_screen(citizen)

    # The moderator sees it counted on the dashboard, opens it from the queue, assigns and answers it.
    moderator = log_in_to_the_admin(open_page, live_server.url, "kiemduyet")
    panel = moderator.get_by_role("region", name="Hỏi đáp, góp ý")
    expect(panel.get_by_role("row", name=re.compile("Đã tiếp nhận"))).to_contain_text("1")
    panel.get_by_role("link", name="Đã tiếp nhận").click()
    moderator.get_by_role("link", name=re.compile("Đăng ký nhãn hiệu cho mật ong")).click()
    expect(moderator.get_by_text("thutrang.nguoidan@example.vn")).to_be_visible()  # moderators see the asker
    moderator.get_by_label("Giao cho").select_option(label="Phòng Quản lý công nghệ và Sở hữu trí tuệ")
    moderator.get_by_label("Tiêu đề công bố").fill("Đăng ký nhãn hiệu cho sản phẩm mật ong")
    moderator.get_by_label("Câu hỏi công bố").fill(
        "Doanh nghiệp nhỏ muốn đăng ký nhãn hiệu cho sản phẩm mật ong. Hồ sơ nộp ở đâu và mất bao lâu?"
    )
    answer = moderator.locator('[data-contentpath="answer"]').get_by_role("textbox")
    answer.click()
    moderator.keyboard.type(
        "Hồ sơ đăng ký nhãn hiệu nộp trực tuyến hoặc tại Cục Sở hữu trí tuệ; Sở hướng dẫn miễn phí tại Bộ phận một cửa."
    )
    expect(moderator.locator("#id_answer")).to_have_value(
        re.compile("Bộ phận một cửa")
    )  # the editor saved it
    moderator.get_by_role("button", name="Xuất bản câu trả lời").click()
    expect(moderator.get_by_text(re.compile(r"Đã xuất bản câu trả lời cho câu hỏi số \d+"))).to_be_visible()

    # Later, the citizen looks the code up and reads the answer, which does not name her.
    citizen.goto(live_server.url + "/hoi-dap/tra-cuu/")
    citizen.get_by_label("Mã tra cứu").fill(code.lower())
    citizen.get_by_role("button", name="Tra cứu").click()
    result = citizen.get_by_role("region", name=f"Câu hỏi {code}")
    expect(result).to_contain_text("Đã trả lời")
    result.get_by_role("link", name="Xem câu trả lời").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Đăng ký nhãn hiệu cho sản phẩm mật ong")
    expect(citizen.get_by_text("Sở hướng dẫn miễn phí tại Bộ phận một cửa")).to_be_visible()
    expect(citizen.get_by_role("main")).not_to_contain_text("Phạm Thu Trang")
    expect(citizen.get_by_role("main")).not_to_contain_text("Bến Đò")
    no_wider_than_the_screen(citizen)
    assert citizen.console_errors == [] and moderator.console_errors == []
