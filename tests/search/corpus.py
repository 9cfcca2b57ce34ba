"""A small, realistic corpus for the search tests, and what a reader expects to find first in it.

`build_corpus` loads the demo reform-index figures (18 departments over three published years, a
draft 2024 edition, another province's Sở Xây dựng) and sixteen short news articles written for these
tests, in Vietnamese, with categories, tags and the agencies they concern.

`RELEVANCE_CASES` are (query, group, expected first hit): the group is one of `portal.search.query.GROUPS`
and the expected hit is an article's title ("tin-tuc"), an agency's name ("co-quan") or an
(agency name, year) pair for a published score ("ket-qua"). They run unchanged on every engine.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from indexes.demo_content import load_indexes
from indexes.models import Agency
from news.models import ArticlePage, NewsCategory, NewsIndexPage
from portal.search import query as search_query
from portal.search import service as search_service
from tests.factories import ArticlePageFactory, NewsCategoryFactory, NewsIndexPageFactory, make_agency_site

KHCN = "Sở Khoa học và Công nghệ"
SXD_OTHER = "Sở Xây dựng (tỉnh khác)"

CATEGORIES = [
    ("Tin tức - Sự kiện", "tin-tuc-su-kien"),
    ("Cải cách hành chính", "cai-cach-hanh-chinh"),
    ("Thông báo", "thong-bao"),
    ("Dịch vụ công", "dich-vu-cong"),
    ("Chuyển đổi số", "chuyen-doi-so"),
]


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    lead: str
    body: str
    published: tuple[int, int, int]
    categories: tuple[str, ...]
    tags: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()


DONG_THAP = "Đồng Tháp dẫn đầu khu vực về cải cách hành chính nhờ một cửa liên thông"
SXD_SCORES = "Chỉ số CCHC năm 2023 của Sở Xây dựng: tổng điểm và điểm thành phần chênh nhau"
ONLINE_SERVICES = "Sở đưa dịch vụ công trực tuyến 19 trên 55 thủ tục lên Cổng Dịch vụ công"
SERVICE_INDEX = "Bộ chỉ số phục vụ người dân, doanh nghiệp: năm nhóm tiêu chí chấm hằng tháng"
NGHE_AN = "Nghệ An đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính"
ISO = "Sở áp dụng hệ thống quản lý chất lượng ISO 9001 cho mọi thủ tục"
CONFERENCE = "Hội nghị tổng kết cải cách hành chính năm 2023 của Sở Khoa học và Công nghệ"
CASHLESS = "Chuyển đổi số: thanh toán phí, lệ phí không dùng tiền mặt"
CONCLUSION = "Kết luận của Giám đốc Sở về công tác cải cách hành chính quý I năm 2024"
QR_SURVEY = "Người dân chấm điểm sự hài lòng bằng mã QR tại bộ phận một cửa"
TRAINING = "Tập huấn kỹ năng soạn thảo văn bản hành chính cho công chức trẻ"
SCIENCE_TASKS = "Hướng dẫn đăng ký đặt hàng nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2025"
DISCIPLINE = "Giữ vững kỷ cương hành chính, chấn chỉnh tác phong công vụ"
CITIZENS = "Thông báo lịch tiếp công dân tháng 7 năm 2024"
DIGITAL_PLAN = "Đề án xây dựng chính quyền số giai đoạn 2024–2025: những việc phải làm trước"
SIMPLIFY = "Rà soát, đơn giản hoá thủ tục hành chính: cắt giảm 30% thời gian xử lý"
# Decoys: the same folded words as a query, spelt otherwise ("số khoa học" beside "Sở Khoa học") or
# scattered through a short title the engines score high.
BULLETIN = "Bản tin nội bộ ra số khoa học đặc biệt"
SIGNING = "Số hoá chữ viết tay: ký nhận từng trang"

STORIES = [
    Story(
        "dong-thap-dan-dau-cai-cach-hanh-chinh",
        DONG_THAP,
        "Tỉnh Đồng Tháp giữ vị trí cao trong bảng xếp hạng nhờ bộ phận một cửa liên thông và tiếp nhận "
        "hồ sơ tận nhà cho người cao tuổi.",
        "Đoàn công tác của Sở đã đến Đồng Tháp tìm hiểu cách tổ chức bộ phận một cửa: mỗi hồ sơ có một "
        "người chịu trách nhiệm từ khi nhận đến khi trả kết quả.",
        (2024, 3, 5),
        ("cai-cach-hanh-chinh", "tin-tuc-su-kien"),
        ("Kinh nghiệm địa phương",),
    ),
    Story(
        "chi-so-cchc-2023-so-xay-dung",
        SXD_SCORES,
        "Thông báo 568/TB-SXD ghi tổng 72,32 điểm, xếp loại Khá, trong khi cộng các điểm thành phần được "
        "75,61 điểm.",
        "Bảng điểm gồm bảy lĩnh vực, từ công tác chỉ đạo điều hành đến chính quyền số; thông báo không "
        "giải thích vì sao hai con số khác nhau.",
        (2024, 3, 28),
        ("cai-cach-hanh-chinh",),
        ("Chỉ số CCHC",),
        (SXD_OTHER,),
    ),
    Story(
        "dich-vu-cong-truc-tuyen-19-tren-55-thu-tuc",
        ONLINE_SERVICES,
        "Đến cuối năm 2023, 19 trên 55 thủ tục hành chính của Sở được cung cấp trực tuyến; người dân nộp "
        "hồ sơ và nhận kết quả mà không phải đến trụ sở.",
        "Các thủ tục còn lại sẽ được đưa lên trong năm 2024, ưu tiên lĩnh vực tiêu chuẩn đo lường chất "
        "lượng và năng lượng nguyên tử.",
        (2024, 1, 18),
        ("dich-vu-cong",),
        ("Dịch vụ công trực tuyến",),
        (KHCN,),
    ),
    Story(
        "bo-chi-so-phuc-vu-nguoi-dan-doanh-nghiep",
        SERVICE_INDEX,
        "Bộ chỉ số theo Quyết định 766/QĐ-TTg đo mức công khai, tiến độ giải quyết, số hoá hồ sơ, dịch vụ "
        "trực tuyến và mức độ hài lòng.",
        "Điểm được cập nhật hằng tháng trên cổng quốc gia, nên mỗi con số trích dẫn cần ghi rõ thời điểm.",
        (2024, 6, 24),
        ("dich-vu-cong", "tin-tuc-su-kien"),
        ("Quyết định 766/QĐ-TTg",),
    ),
    Story(
        "nghe-an-day-manh-chuyen-doi-so",
        NGHE_AN,
        "Ở Nghệ An, hồ sơ giấy được số hoá ngay khi tiếp nhận và kết quả được trả qua bưu điện.",
        "Đoàn công tác ghi nhận phần mềm một cửa điện tử kết nối với kho dữ liệu dân cư, giảm giấy tờ phải "
        "nộp lại.",
        (2023, 10, 10),
        ("tin-tuc-su-kien", "chuyen-doi-so"),
        ("Kinh nghiệm địa phương",),
    ),
    Story(
        "ap-dung-iso-9001",
        ISO,
        "Từ tháng 5, mọi quy trình tiếp nhận và trả kết quả hồ sơ đều theo tiêu chuẩn ISO 9001, được đánh "
        "giá nội bộ sáu tháng một lần.",
        "Các phòng rà soát lại biểu mẫu, bỏ những bước trùng lặp và công bố quy trình tại bộ phận một cửa.",
        (2023, 5, 12),
        ("cai-cach-hanh-chinh",),
        ("ISO 9001",),
    ),
    Story(
        "hoi-nghi-tong-ket-cai-cach-hanh-chinh-2023",
        CONFERENCE,
        "Chỉ số CCHC năm 2023 của Sở đạt 83,45 điểm, xếp hạng 13/18; hội nghị đề ra sáu nhóm giải pháp để "
        "lấy lại thứ hạng.",
        "Ba lĩnh vực đạt điểm tối đa: cải cách thể chế, tổ chức bộ máy và chế độ công vụ. Giám đốc Sở yêu "
        "cầu mỗi phòng rút kinh nghiệm về tiêu chí bị trừ điểm.",
        (2024, 4, 15),
        ("cai-cach-hanh-chinh", "tin-tuc-su-kien"),
        ("Chỉ số CCHC", "Hội nghị"),
        (KHCN,),
    ),
    Story(
        "thanh-toan-khong-dung-tien-mat",
        CASHLESS,
        "Từ quý III, người nộp hồ sơ có thể trả phí thẩm định bằng chuyển khoản hoặc ví điện tử; biên lai "
        "điện tử được gửi qua thư.",
        "Bộ phận một cửa không còn giữ tiền mặt, sổ sách được đối chiếu tự động với ngân hàng mỗi tối.",
        (2023, 8, 21),
        ("chuyen-doi-so",),
        ("Chuyển đổi số",),
    ),
    Story(
        "ket-luan-giam-doc-quy-i-2024",
        CONCLUSION,
        "Giám đốc Sở yêu cầu các phòng rà soát thủ tục, cập nhật quy trình nội bộ và báo cáo trước ngày 15 "
        "hằng tháng.",
        "Những đơn vị để hồ sơ quá hạn phải giải trình bằng văn bản và xin lỗi người dân.",
        (2024, 4, 2),
        ("thong-bao", "cai-cach-hanh-chinh"),
        ("Thông báo kết luận",),
        (KHCN,),
    ),
    Story(
        "danh-gia-hai-long-bang-ma-qr",
        QR_SURVEY,
        "Mỗi bàn tiếp nhận có một mã QR; người dân quét mã để đánh giá thái độ và thời gian giải quyết hồ sơ.",
        "Cách làm này học theo kinh nghiệm của tỉnh Đồng Tháp và được triển khai thử từ tháng 9.",
        (2023, 9, 25),
        ("dich-vu-cong",),
        ("Một cửa",),
    ),
    Story(
        "tap-huan-soan-thao-van-ban",
        TRAINING,
        "Hơn 40 công chức dự lớp tập huấn hai ngày về thể thức, kỹ thuật trình bày và lỗi thường gặp khi "
        "soạn thảo văn bản.",
        "Giảng viên là chuyên viên Văn phòng UBND tỉnh, dùng chính các công văn của Sở làm ví dụ.",
        (2022, 11, 8),
        ("tin-tuc-su-kien",),
        ("Tập huấn",),
    ),
    Story(
        "huong-dan-dat-hang-nhiem-vu-khoa-hoc-2025",
        SCIENCE_TASKS,
        "Tổ chức, cá nhân gửi đề xuất đặt hàng trước ngày 30/9 theo mẫu đăng trên cổng; hồ sơ nộp trực "
        "tuyến hoặc qua bưu điện.",
        "Hội đồng tư vấn xác định nhiệm vụ họp trong tháng 10 và công bố danh mục trước ngày 15/11.",
        (2024, 7, 20),
        ("thong-bao",),
        ("Nhiệm vụ khoa học",),
    ),
    Story(
        "giu-vung-ky-cuong-hanh-chinh",
        DISCIPLINE,
        "Sở yêu cầu công chức đeo thẻ, đúng giờ và trả lời phản ánh của người dân trong ba ngày làm việc.",
        "Trưởng phòng chịu trách nhiệm nếu công chức của phòng bị phản ánh hai lần trong một quý.",
        (2022, 9, 14),
        ("thong-bao",),
        ("Kỷ cương",),
    ),
    Story(
        "lich-tiep-cong-dan-thang-7-2024",
        CITIZENS,
        "Lãnh đạo Sở tiếp công dân vào sáng thứ Năm tuần thứ hai và tuần thứ tư; người đến cần mang theo "
        "giấy tờ tùy thân.",
        "Đơn thư gửi qua bưu điện hoặc thư điện tử được trả lời trong mười ngày làm việc.",
        (2024, 6, 28),
        ("thong-bao",),
        ("Tiếp công dân",),
    ),
    Story(
        "de-an-chinh-quyen-so-2024-2025",
        DIGITAL_PLAN,
        "Đề án ưu tiên kho dữ liệu dùng chung, chữ ký số cho toàn bộ công chức và kết nối phần mềm một cửa "
        "với cổng quốc gia.",
        "Kinh phí được bố trí theo từng năm; phòng nào chậm tiến độ phải báo cáo lý do ngay trong tháng.",
        (2024, 2, 20),
        ("chuyen-doi-so",),
        ("Chuyển đổi số",),
    ),
    Story(
        "ra-soat-don-gian-hoa-thu-tuc",
        SIMPLIFY,
        "Sau rà soát, 12 thủ tục được rút ngắn thời hạn giải quyết và thành phần hồ sơ bớt bản sao chứng "
        "thực.",
        "Phương án đơn giản hoá được gửi UBND tỉnh phê duyệt trước khi công bố.",
        (2023, 3, 16),
        ("cai-cach-hanh-chinh",),
        ("Thủ tục hành chính",),
    ),
    Story(
        "ban-tin-so-dac-biet",
        BULLETIN,
        "Số đặc biệt giới thiệu mười sáng kiến cải tiến quy trình được công nhận trong năm.",
        "Mỗi sáng kiến có tên tác giả, thời gian áp dụng và số giờ làm việc tiết kiệm được.",
        (2024, 5, 6),
        ("tin-tuc-su-kien",),
    ),
    Story(
        "ky-quy-che-so-hoa",
        SIGNING,
        "Bản quét được lưu cùng bản giấy; người ký chịu trách nhiệm về nội dung.",
        "Văn thư kiểm tra từng trang trước khi lưu trữ.",
        (2024, 5, 20),
        ("thong-bao",),
    ),
]


def build_corpus(home_page) -> NewsIndexPage:
    """Load the demo figures and publish the sixteen articles under a news section; return the section."""
    load_indexes(home_page)
    categories = {
        slug: NewsCategoryFactory(name=name, slug=slug, sort_order=order)
        for order, (name, slug) in enumerate(CATEGORIES)
    }
    news_index = NewsIndexPage.objects.first() or NewsIndexPageFactory(parent=home_page)
    for story in STORIES:
        publish_story(news_index, story, categories)
    return news_index


def publish_story(news_index, story: Story, categories: dict[str, NewsCategory]) -> ArticlePage:
    """Create the article as an editor would, with its categories, tags and agencies, and publish it."""
    published = timezone.make_aware(datetime(*story.published, 9, 30))
    article = ArticlePageFactory.build(
        title=story.title,
        slug=story.slug,
        lead=story.lead,
        body=[{"type": "paragraph", "value": f"<p>{story.body}</p>"}],
        first_published_at=published,
        live=False,
    )
    news_index.add_child(instance=article)
    article.categories.set([categories[slug] for slug in story.categories])
    article.tags.set(list(story.tags))
    article.agencies.set(Agency.objects.filter(name__in=story.agencies))
    article.save_revision().publish()
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=published, last_published_at=published
    )
    article.refresh_from_db()
    return article


@contextmanager
def corpus_for_module(django_db_blocker):
    """The corpus built once for a test module, in a transaction rolled back when the module is done.

    Each test of the module still runs in its own savepoint (pytest-django's `db`), so what a test
    adds (a draft, an unpublished article) is gone before the next one starts.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            home_page = make_agency_site()
            yield build_corpus(home_page)
        finally:
            transaction.set_rollback(True)


def run_search(query: str, **params) -> search_service.SearchResults:
    """What /tim-kiem/?q=… finds, straight from `portal.search.service`."""
    return search_service.search(search_query.parse_request({"q": query, **params}))


def hits(results: search_service.SearchResults, group: str) -> list:
    """A group's hits as the relevance cases name them: titles, agency names, (agency name, year)."""
    if group == "tin-tuc":
        return [hit.article.title for hit in results.articles]
    if group == "co-quan":
        return [hit.agency.name for hit in results.agencies]
    return [(hit.row.agency.name, hit.row.edition.year) for hit in results.scores]


def case_id(case) -> str:
    query, group, _ = case
    return f"{group}:{query}"


# One letter wrong or missing, the other words right: every word finds nothing, any word finds it.
MISSPELT_CASES = [
    ("Nghệ An chuyn đổi số", "tin-tuc", NGHE_AN),
    ("bo chi so phuc vu nguoi dann", "tin-tuc", SERVICE_INDEX),
    ("dịch vụ công trực tuyếm 19 trên 55 thủ tục", "tin-tuc", ONLINE_SERVICES),
    ("giu vung ky cuon", "tin-tuc", DISCIPLINE),
    ("tap huan soan thao van banr", "tin-tuc", TRAINING),
    ("Đồng Tháp cải cách hành chín", "tin-tuc", DONG_THAP),
]

# (query, group, expected first hit of that group).
RELEVANCE_CASES = [
    # The same article whichever way the place is typed.
    ("Đồng Tháp", "tin-tuc", DONG_THAP),
    ("dong thap", "tin-tuc", DONG_THAP),
    ("ĐỒNG THÁP", "tin-tuc", DONG_THAP),
    ("cai cach hanh chinh dong thap", "tin-tuc", DONG_THAP),
    # Titles and leads, with and without diacritics, and in capitals.
    ("Chỉ số CCHC năm 2023 của Sở Xây dựng", "tin-tuc", SXD_SCORES),
    ("chi so cchc so xay dung", "tin-tuc", SXD_SCORES),
    ("dịch vụ công trực tuyến 19 trên 55 thủ tục", "tin-tuc", ONLINE_SERVICES),
    ("dich vu cong truc tuyen", "tin-tuc", ONLINE_SERVICES),
    ("DỊCH VỤ CÔNG TRỰC TUYẾN", "tin-tuc", ONLINE_SERVICES),
    ("Bộ chỉ số phục vụ người dân", "tin-tuc", SERVICE_INDEX),
    ("bo chi so phuc vu nguoi dan", "tin-tuc", SERVICE_INDEX),
    ("ISO 9001", "tin-tuc", ISO),
    ("Nghệ An", "tin-tuc", NGHE_AN),
    ("nghe an chuyen doi so", "tin-tuc", NGHE_AN),
    ("CHUYỂN ĐỔI SỐ thanh toán", "tin-tuc", CASHLESS),
    ("giữ vững kỷ cương", "tin-tuc", DISCIPLINE),
    ("giu vung ky cuong", "tin-tuc", DISCIPLINE),
    ("những việc phải làm trước", "tin-tuc", DIGITAL_PLAN),
    ("kết luận giám đốc quý I", "tin-tuc", CONCLUSION),
    # The spelling typed before another spelling of the same folded words: "Sở", not "số".
    ("Sở Khoa học", "tin-tuc", CONFERENCE),
    # The phrase before the same words scattered through a short title.
    ("chữ ký số", "tin-tuc", DIGITAL_PLAN),
    ("chu ky so", "tin-tuc", DIGITAL_PLAN),
    # Misspelt: one letter wrong or missing, the other words right; found by the any-word fallback.
    *MISSPELT_CASES,
    # Agencies.
    ("Sở Khoa học và Công nghệ", "co-quan", KHCN),
    ("so khoa hoc", "co-quan", KHCN),
    ("SỞ TƯ PHÁP", "co-quan", "Sở Tư pháp (giả định)"),
    ("so tai chinh", "co-quan", "Sở Tài chính (giả định)"),
    ("thanh tra tỉnh", "co-quan", "Thanh tra tỉnh (giả định)"),
    ("giao thong van tai", "co-quan", "Sở Giao thông vận tải (giả định)"),
    # Published scores: the agency's, in the year or at the rank named, newest first.
    ("sở xây dựng 2023", "ket-qua", (SXD_OTHER, 2023)),
    ("chi so cai cach so khoa hoc", "ket-qua", (KHCN, 2023)),
    ("xếp hạng 13/18", "ket-qua", (KHCN, 2023)),
    ("so khoa hoc 2022", "ket-qua", (KHCN, 2022)),
    ("SỞ KH&CN", "ket-qua", (KHCN, 2023)),
    ("xep hang 6/18 nam 2022", "ket-qua", (KHCN, 2022)),
    ("chỉ số cchc sở tư pháp năm 2021", "ket-qua", ("Sở Tư pháp (giả định)", 2021)),
    ("diem so y te 2022", "ket-qua", ("Sở Y tế (giả định)", 2022)),
]

# (query, kind and title of the page offered first above the groups); None: no best bet.
BEST_BET_CASES = [
    ("chi so cai cach hanh chinh", ("index", "Chỉ số cải cách hành chính")),
    ("Chỉ số cải cách hành chính", ("index", "Chỉ số cải cách hành chính")),
    ("chi so cai cach", ("index", "Chỉ số cải cách hành chính")),
    ("Chỉ số CCHC 2023", ("edition", "Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành")),
    ("xep hang 2023", ("edition", "Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành")),
    ("chỉ số cchc năm 2022", ("edition", "Chỉ số cải cách hành chính năm 2022 của các sở, ban, ngành")),
    ("So Khoa hoc", ("agency", KHCN)),
    ("sở tư pháp", ("agency", "Sở Tư pháp (giả định)")),
    ("cải cách hành chính", ("category", "Cải cách hành chính")),
    ("chuyen doi so", ("category", "Chuyển đổi số")),
    ("dong thap", None),
    ("so", None),
    ("xep hang 2024", None),  # the 2024 edition is still a draft
]

# Pairs typed with and without diacritics that must give the very same results.
FOLDING_PAIRS = [
    ("Đồng Tháp", "dong thap"),
    ("cải cách hành chính", "cai cach hanh chinh"),
    ("Sở Khoa học 2023", "so khoa hoc 2023"),
    ("chuyển đổi số", "chuyen doi so"),
    ("giữ vững kỷ cương", "GIU VUNG KY CUONG"),
    ("Sở Xây dựng", "so xay dung"),
]
