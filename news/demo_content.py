"""Demo news: the news section, its categories and original articles about the reference events.

The facts and figures come from the public sources in shared/reference; the wording is the project's own.
Every function adds what is missing and leaves the rest alone, so the demo can be loaded repeatedly.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from indexes.demo_content import KHCN, OTHER_PROVINCE_AGENCY
from indexes.models import Agency
from news.demo_images import make_image
from news.models import ArticlePage, NewsCategory, NewsIndexPage
from portal.models import AgencySettings, HomePage

CATEGORIES = [
    ("Tin tức - Sự kiện", "tin-tuc-su-kien", "Hoạt động của Sở và của ngành."),
    ("Cải cách hành chính", "cai-cach-hanh-chinh", "Kế hoạch, kết quả và Chỉ số cải cách hành chính."),
    ("Thông báo", "thong-bao", "Thông báo kết luận, lịch làm việc và các văn bản cần biết."),
    ("Dịch vụ công", "dich-vu-cong", "Thủ tục hành chính và dịch vụ công trực tuyến."),
]


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def heading(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def table(caption: str, rows: list[list[str]]) -> dict:
    return {
        "type": "table",
        "value": {"caption": caption, "table": {"first_row_is_table_header": True, "data": rows}},
    }


def quote(text: str, attribution: str) -> dict:
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


ARTICLES = [
    {
        "slug": "hoi-nghi-cai-cach-hanh-chinh-nam-2024",
        "title": "Hội nghị cải cách hành chính năm 2024: nhìn thẳng vào điểm số để cải thiện thứ hạng",
        "date": (2024, 4, 15, 16, 12),
        "categories": ["cai-cach-hanh-chinh", "tin-tuc-su-kien"],
        "tags": ["Chỉ số CCHC", "Hội nghị", "Dịch vụ công trực tuyến"],
        "author": "Nguyễn Bình",
        "source": "Văn phòng Sở",
        "lead": (
            "Chỉ số CCHC năm 2023 của Sở đạt 83,45/100 điểm, thấp hơn năm trước 1,92 điểm và tụt 7 bậc, "
            "xuống vị trí 13/18. Hội nghị ngày 12/4 bàn cách lấy lại vị trí đã mất."
        ),
        "image": (
            "Hội nghị cải cách hành chính năm 2024",
            "Lãnh đạo Sở và đại biểu ngồi quanh bàn họp",
            "meeting",
            1,
        ),
        "caption": "Giám đốc Sở chủ trì hội nghị cải cách hành chính năm 2024.",
        "body": [
            paragraph(
                "<p>Chiều 12/4/2024, Sở Khoa học và Công nghệ họp toàn thể lãnh đạo các phòng, đơn vị và "
                "công chức làm công tác cải cách hành chính (CCHC) để tổng kết năm 2023 và giao việc cho "
                "năm 2024.</p>"
            ),
            heading("Ba lĩnh vực đạt điểm tuyệt đối"),
            paragraph(
                "<p>Theo Quyết định số 57/QĐ-UBND ngày 25/01/2024 của UBND tỉnh, Sở đạt điểm tối đa ở ba "
                "lĩnh vực: cải cách thể chế (6,5/6,5 điểm), cải cách tổ chức bộ máy hành chính (7/7 điểm) "
                "và cải cách chế độ công vụ (10/10 điểm).</p>"
            ),
            table(
                "Các lĩnh vực đạt điểm tối đa trong Chỉ số CCHC năm 2023",
                [
                    ["Lĩnh vực", "Điểm đạt", "Điểm tối đa"],
                    ["Cải cách thể chế", "6,5", "6,5"],
                    ["Cải cách tổ chức bộ máy hành chính", "7", "7"],
                    ["Cải cách chế độ công vụ", "10", "10"],
                ],
            ),
            heading("Tổng điểm giảm, thứ hạng tụt"),
            paragraph(
                "<p>Dù vậy, tổng điểm chỉ đạt 83,45/100, giảm 1,92 điểm so với năm 2022; Sở xếp thứ 13 trong "
                "18 sở, ban, ngành cấp tỉnh, giảm 7 bậc. Về dịch vụ công, Sở đã đưa 19 trong số 55 thủ tục "
                "hành chính lên cung cấp trực tuyến và trong năm không nhận đơn thư phản ánh nào về thủ tục "
                "thuộc thẩm quyền.</p>"
            ),
            paragraph(
                "<p>Năm phòng, đơn vị trình bày tham luận, từ rà soát cắt giảm thời gian xử lý hồ sơ đến hiệu "
                "quả dịch vụ công trực tuyến trong lĩnh vực tiêu chuẩn đo lường chất lượng.</p>"
            ),
            quote(
                "Mỗi phòng phải họp ngay để rút kinh nghiệm về những tiêu chí mình phụ trách bị trừ điểm.",
                "Giám đốc Sở, kết luận hội nghị",
            ),
            paragraph(
                "<p>Các nhiệm vụ năm 2024 bám theo Kế hoạch số 2554/KH-SKHCN ngày 30/12/2023, với mục tiêu "
                "hoàn thành 100% nội dung được giao.</p>"
            ),
        ],
    },
    {
        "slug": "ket-luan-cong-tac-cchc-7-thang-dau-nam-2024",
        "title": "Kết luận về công tác cải cách hành chính 7 tháng đầu năm 2024: sáu việc, sáu hạn chót",
        "date": (2024, 8, 22, 9, 30),
        "categories": ["thong-bao", "cai-cach-hanh-chinh"],
        "tags": ["Chỉ số CCHC", "Thông báo kết luận"],
        "author": "Văn phòng Sở",
        "source": "Thông báo kết luận của Phó Giám đốc Sở",
        "lead": (
            "Sau buổi làm việc ngày 15/8/2024, Phó Giám đốc Sở giao sáu nhóm nhiệm vụ, mỗi nhóm có đơn vị "
            "chủ trì và thời hạn, để chỉ số CCHC năm 2024 cao hơn năm 2023."
        ),
        "image": (
            "Buổi làm việc về công tác CCHC 7 tháng",
            "Cuộc họp giao ban của các phòng, đơn vị",
            "meeting",
            2,
        ),
        "caption": "Buổi làm việc ngày 15/8/2024 với các phòng, đơn vị thuộc Sở.",
        "body": [
            paragraph(
                "<p>Căn cứ bộ tiêu chí chấm điểm mới ban hành tại Quyết định số 1820/QĐ-UBND ngày 24/7/2024 "
                "cho giai đoạn 2024–2025, Phó Giám đốc Sở, Tổ trưởng Tổ giúp việc về CCHC, yêu cầu các đơn vị "
                "giữ vững kết quả đã đạt và hoàn thành các việc sau.</p>"
            ),
            table(
                "Nhiệm vụ và thời hạn",
                [
                    ["Nhiệm vụ", "Đơn vị", "Hạn"],
                    ["Rà soát, đơn giản hóa từ 3–4 thủ tục hành chính", "Các phòng quản lý", "26/8/2024"],
                    ["Kiểm tra công tác CCHC tại các phòng, đơn vị", "Văn phòng Sở", "Tháng 9/2024"],
                    ["Báo cáo áp dụng sáng kiến về CCHC", "Bốn phòng, đơn vị", "10/11/2024"],
                    ["Đăng 04 tin, bài về CCHC", "Trung tâm Nghiên cứu, chuyển giao", "15/11/2024"],
                    ["Báo cáo kiểm tra định kỳ về cấp phép X-quang", "Phòng Quản lý Công nghệ", "15/11/2024"],
                ],
            ),
            paragraph(
                "<p>Thông báo nhắc lại các kế hoạch khắc phục tồn tại của năm 2023 và đề nghị các đơn vị chủ "
                "động báo cáo tiến độ về Văn phòng Sở.</p>"
            ),
            paragraph(
                "<p>Việc kiểm tra tại các phòng, đơn vị làm theo Kế hoạch số 75/KH-SKHCN ngày 31/7/2024; các "
                "nhiệm vụ còn lại của năm bám theo Kế hoạch số 97/KH-SKHCN ngày 28/12/2023. Báo cáo kiểm tra "
                "định kỳ về cấp phép X-quang thực hiện theo Công văn số 2731/UBND-KGVX ngày 06/6/2023 của "
                "UBND tỉnh.</p>"
            ),
        ],
    },
    {
        "slug": "so-xay-dung-chi-so-cchc-2023-dat-72-32-diem",
        "title": "Sở Xây dựng: Chỉ số CCHC năm 2023 đạt 72,32 điểm, xếp loại Khá",
        "date": (2024, 3, 26, 10, 0),
        "categories": ["cai-cach-hanh-chinh"],
        "tags": ["Chỉ số CCHC", "Sở Xây dựng", "Kết quả chấm điểm"],
        "author": "Văn phòng Sở Xây dựng",
        "source": "Thông báo số 568/TB-SXD ngày 26/03/2024",
        "lead": (
            "Chỉ số CCHC năm 2023 của Sở Xây dựng đạt 72,32 điểm, xếp loại Khá, tăng hơn 3 điểm so với "
            "năm 2022. Bảng điểm từng lĩnh vực cho thấy cải cách tài chính công và thủ tục hành chính còn thấp."
        ),
        "image": ("Bảng điểm Chỉ số CCHC Sở Xây dựng 2023", "Biểu đồ cột điểm các lĩnh vực", "chart", 3),
        "caption": "Điểm thẩm định theo từng lĩnh vực (minh hoạ).",
        "body": [
            paragraph(
                "<p>Ngày 18/3/2024 Sở Xây dựng họp rút kinh nghiệm về kết quả chấm điểm và ngày 26/3 ban hành "
                "thông báo kết luận. Bảng dưới đây ghi điểm tối đa và điểm Hội đồng thẩm định của từng "
                "lĩnh vực.</p>"
            ),
            table(
                "Điểm Chỉ số CCHC năm 2023 của Sở Xây dựng theo lĩnh vực",
                [
                    ["Lĩnh vực", "Điểm tối đa", "Điểm thẩm định"],
                    ["Công tác chỉ đạo điều hành CCHC", "15,5", "12,23"],
                    ["Cải cách thể chế", "14", "10"],
                    ["Cải cách thủ tục hành chính", "17,5", "10,86"],
                    ["Cải cách tổ chức bộ máy hành chính nhà nước", "10", "9"],
                    ["Cải cách chế độ công vụ", "12", "11"],
                    ["Cải cách tài chính công", "11", "7,41"],
                    ["Xây dựng và phát triển chính quyền điện tử, chính quyền số", "20", "15,11"],
                    ["Tổng cộng", "100", "75,61"],
                ],
            ),
            paragraph(
                "<p>Cộng điểm các lĩnh vực được 75,61, trong khi chỉ số công bố là 72,32 điểm: người đọc nên "
                "đối chiếu với quyết định công bố kết quả của UBND tỉnh trước khi trích dẫn.</p>"
            ),
            heading("Việc phải làm"),
            paragraph(
                "<ul><li>Văn phòng: kế hoạch CCHC hằng năm, sáng kiến mới, báo cáo chuyển đổi số đúng hạn.</li>"
                "<li>Thanh tra: kế hoạch và báo cáo xây dựng văn bản quy phạm pháp luật đúng thời gian.</li>"
                "<li>Các phòng chuyên môn: quy trình điện tử trong giải quyết thủ tục, xin lỗi khi trễ hạn, "
                "số hóa kết quả giải quyết.</li></ul>"
            ),
        ],
    },
    {
        "slug": "trien-khai-ke-hoach-cai-cach-hanh-chinh-nam-2020",
        "title": "Triển khai kế hoạch cải cách hành chính năm 2020: đơn giản hóa 30% thủ tục",
        "date": (2020, 1, 15, 11, 0),
        "categories": ["cai-cach-hanh-chinh", "tin-tuc-su-kien"],
        "tags": ["Kế hoạch CCHC", "ISO 9001", "Đồng Tháp"],
        "author": "Phòng Quản lý Khoa học",
        "source": "Sở Khoa học và Công nghệ tỉnh Đồng Tháp",
        "lead": (
            "Sáng 15/01/2020, Sở Khoa học và Công nghệ tỉnh Đồng Tháp phổ biến kế hoạch CCHC năm 2020, "
            "đặt chỉ tiêu đề xuất đơn giản hóa 30% tổng số thủ tục hành chính."
        ),
        "image": (
            "Triển khai kế hoạch CCHC 2020",
            "Cán bộ, công chức dự hội nghị triển khai kế hoạch",
            "meeting",
            4,
        ),
        "caption": "Hội nghị triển khai kế hoạch cải cách hành chính năm 2020.",
        "body": [
            paragraph(
                "<p>Kế hoạch hướng tới hai mục tiêu: một chính quyền phục vụ, hiệu lực, chuyên nghiệp với hệ "
                "thống văn bản khoa học và công nghệ hoàn chỉnh; và ứng dụng công nghệ thông tin mạnh hơn để "
                "nâng chất lượng dịch vụ hành chính công.</p>"
            ),
            paragraph(
                "<p>Các việc trọng tâm gồm tuyên truyền về CCHC, rà soát thủ tục, nghiên cứu nâng một số dịch "
                "vụ công từ mức 3 lên mức 4, và duy trì hệ thống quản lý chất lượng TCVN ISO 9001:2015.</p>"
            ),
            paragraph(
                "<p>Giám đốc Sở yêu cầu mọi phòng, đơn vị phấn đấu để Chỉ số CCHC của Sở đạt từ 80% số điểm "
                "trở lên.</p>"
            ),
        ],
    },
    {
        "slug": "145-xa-phuong-ap-dung-iso-9001-2015",
        "title": "145 xã, phường, thị trấn công bố áp dụng TCVN ISO 9001:2015",
        "date": (2018, 1, 3, 8, 15),
        "categories": ["tin-tuc-su-kien"],
        "tags": ["ISO 9001", "Thái Nguyên", "Dịch vụ công trực tuyến"],
        "author": "Phạm Thị Hiền",
        "source": "Đảng ủy Sở Khoa học và Công nghệ tỉnh Thái Nguyên",
        "lead": (
            "Đến ngày 18/12/2017, 145 xã, phường, thị trấn của tỉnh Thái Nguyên đã công bố áp dụng hệ thống "
            "quản lý chất lượng TCVN ISO 9001:2015; Sở cũng nâng 33 thủ tục từ mức độ 2 lên mức độ 3."
        ),
        "image": ("ISO 9001 tại cấp xã", "Biểu đồ số xã áp dụng hệ thống quản lý chất lượng", "chart", 5),
        "caption": "Tiến độ áp dụng ISO 9001:2015 ở cấp xã (minh hoạ).",
        "body": [
            paragraph(
                "<p>Sở Khoa học và Công nghệ tham mưu cho UBND tỉnh kế hoạch đưa hệ thống quản lý chất lượng "
                "vào các cơ quan hành chính cấp xã và phối hợp với các huyện, thành phố, thị xã triển khai. "
                "Hệ thống giúp người đứng đầu kiểm soát quy trình giải quyết công việc và thủ tục.</p>"
            ),
            paragraph(
                "<p>Trong năm 2017, Sở xây dựng mới một và sửa đổi ba văn bản quy phạm pháp luật, đồng thời "
                "đưa toàn bộ 33 thủ tục thuộc thẩm quyền lên mức độ 3 trên cổng dịch vụ công của tỉnh.</p>"
            ),
        ],
    },
    {
        "slug": "dich-vu-cong-truc-tuyen-19-tren-55-thu-tuc",
        "title": "Dịch vụ công trực tuyến: 19 trên 55 thủ tục, toàn trình và một phần khác nhau thế nào?",
        "date": (2024, 5, 6, 14, 0),
        "categories": ["dich-vu-cong"],
        "tags": ["Dịch vụ công trực tuyến", "Nghị định 42/2022"],
        "author": "Ban biên tập",
        "source": "Tổng hợp theo Nghị định 42/2022/NĐ-CP",
        "lead": (
            "Sở đang cung cấp trực tuyến 19 trong số 55 thủ tục hành chính, tức 34,5%. Bài viết giải thích "
            "cách phân loại dịch vụ công trực tuyến hiện hành."
        ),
        "image": ("Dịch vụ công trực tuyến", "Biểu đồ tỷ lệ thủ tục được cung cấp trực tuyến", "chart", 6),
        "caption": "Tỷ lệ thủ tục hành chính được cung cấp trực tuyến (minh hoạ).",
        "body": [
            paragraph(
                "<p>Trước đây, dịch vụ công được chia thành bốn mức độ, từ mức 1 (chỉ cung cấp thông tin) đến "
                "mức 4 (nộp hồ sơ, thanh toán và nhận kết quả trực tuyến). Từ Nghị định 42/2022/NĐ-CP, dịch "
                "vụ công trực tuyến chỉ còn hai loại: <b>toàn trình</b> và <b>một phần</b>.</p>"
            ),
            paragraph(
                "<p>Dịch vụ toàn trình cho phép làm mọi bước trên mạng; dịch vụ một phần vẫn cần người dân "
                "đến nộp bản gốc, nộp phí hoặc nhận kết quả trực tiếp.</p>"
            ),
            table(
                "Thủ tục hành chính của Sở",
                [["Chỉ tiêu", "Số thủ tục"], ["Tổng số thủ tục", "55"], ["Cung cấp trực tuyến", "19"]],
            ),
        ],
    },
    {
        "slug": "chi-so-cchc-duoc-cham-diem-nhu-the-nao",
        "title": "Chỉ số cải cách hành chính được chấm điểm như thế nào?",
        "date": (2023, 11, 20, 9, 0),
        "categories": ["cai-cach-hanh-chinh"],
        "tags": ["Chỉ số CCHC", "Phương pháp đánh giá"],
        "author": "Ban biên tập",
        "source": "Tổng hợp theo Quyết định 876/QĐ-BNV",
        "lead": (
            "Chỉ số CCHC được tính trên thang 100 điểm, kết hợp tự đánh giá có tài liệu kiểm chứng, thẩm định "
            "của hội đồng và điều tra xã hội học."
        ),
        "image": ("Phương pháp chấm Chỉ số CCHC", "Biểu đồ cột minh hoạ các lĩnh vực chấm điểm", "chart", 7),
        "caption": "Các lĩnh vực của bộ chỉ số (minh hoạ).",
        "body": [
            paragraph(
                "<p>Quyết định 876/QĐ-BNV, có hiệu lực từ 10/11/2022 cho giai đoạn 2022–2030, quy định chỉ "
                "số là tỷ lệ giữa điểm đạt được và điểm tối đa áp dụng; chỉ số của mỗi lĩnh vực cũng tính "
                "theo cách đó.</p>"
            ),
            paragraph(
                "<p>Cơ quan tự chấm điểm kèm tài liệu kiểm chứng; hội đồng thẩm định chấp nhận hoặc điều "
                "chỉnh từng điểm. Vì vậy một cơ quan có thể có điểm tự đánh giá khác điểm thẩm định. Ở cấp "
                "bộ, điều tra xã hội học chiếm 31,5 trên 100 điểm.</p>"
            ),
            paragraph(
                "<p>Mỗi tỉnh có thể đặt thang xếp loại riêng (chẳng hạn Tốt từ 80 đến dưới 90 điểm, Khá từ "
                "70 đến dưới 80), nên khi so sánh cần xem bảng xếp loại đi kèm quyết định công bố.</p>"
            ),
        ],
    },
    {
        "slug": "bo-chi-so-phuc-vu-nguoi-dan-doanh-nghiep",
        "title": "Bộ chỉ số phục vụ người dân, doanh nghiệp: năm nhóm tiêu chí, cập nhật hằng tuần",
        "date": (2024, 6, 24, 15, 30),
        "categories": ["dich-vu-cong", "tin-tuc-su-kien"],
        "tags": ["Dịch vụ công trực tuyến", "Quyết định 766/QĐ-TTg"],
        "author": "Ban biên tập",
        "source": "Tổng hợp theo Quyết định 766/QĐ-TTg ngày 23/6/2022",
        "lead": (
            "Bộ chỉ số theo Quyết định 766/QĐ-TTg được công khai trên Cổng Dịch vụ công quốc gia và cập nhật "
            "theo tuần, theo tháng, nên mỗi con số cần ghi rõ thời điểm."
        ),
        "image": ("Bộ chỉ số phục vụ người dân", "Biểu đồ năm nhóm tiêu chí phục vụ", "chart", 8),
        "caption": "Năm nhóm tiêu chí của bộ chỉ số (minh hoạ).",
        "body": [
            table(
                "Nhóm tiêu chí và điểm tối đa",
                [
                    ["Nhóm tiêu chí", "Điểm tối đa"],
                    ["Công khai, minh bạch", "18"],
                    ["Tiến độ, kết quả giải quyết", "20"],
                    ["Số hóa hồ sơ", "22"],
                    ["Cung cấp dịch vụ trực tuyến", "22"],
                    ["Mức độ hài lòng", "18"],
                ],
            ),
            paragraph(
                "<p>Từ năm 2024, nhóm cung cấp dịch vụ trực tuyến được tách thành dịch vụ công trực tuyến "
                "(12 điểm) và thanh toán trực tuyến (10 điểm).</p>"
            ),
        ],
    },
]


@transaction.atomic
def ensure_news_index(home: HomePage) -> NewsIndexPage:
    """The news section under the home page, with its categories."""
    for order, (name, slug, description) in enumerate(CATEGORIES):
        NewsCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
    index = NewsIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=NewsIndexPage(
                title="Tin tức",
                slug="tin-tuc",
                intro="Tin hoạt động, kết quả cải cách hành chính và thông báo của Sở.",
            )
        )
        index.save_revision().publish()
    return index


@transaction.atomic
def ensure_article(index: NewsIndexPage, spec: dict) -> ArticlePage:
    """Create and publish one demo article unless an article with its slug exists."""
    existing = ArticlePage.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    title, alt, kind, seed = spec["image"]
    published = timezone.make_aware(datetime(*spec["date"]))
    article = ArticlePage(
        title=spec["title"],
        slug=spec["slug"],
        lead=spec["lead"],
        author=spec["author"],
        source=spec["source"],
        hero_image=make_image(title=title, description=alt, kind=kind, seed=seed),
        hero_caption=spec["caption"],
        body=spec["body"],
        first_published_at=published,
    )
    index.add_child(instance=article)
    article.categories.set(NewsCategory.objects.filter(slug__in=spec["categories"]))
    article.tags.set(spec["tags"])
    article.save_revision().publish()
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=published)
    return article


def load_news(home: HomePage) -> int:
    """Load the demo news; return how many demo articles exist."""
    index = ensure_news_index(home)
    return len([ensure_article(index, spec) for spec in ARTICLES])


# Demo articles about an agency's figures, by a part of their title, and the demo agency they concern.
ARTICLES_ABOUT_AGENCIES = [
    ("Hội nghị cải cách hành chính năm 2024", KHCN["name"]),
    ("Kết luận về công tác cải cách hành chính", KHCN["name"]),
    ("19 trên 55 thủ tục", KHCN["name"]),
    ("Sở Xây dựng: Chỉ số CCHC", OTHER_PROVINCE_AGENCY),
]


def link_articles_to_agencies() -> int:
    """Mark the demo articles about an agency's figures as concerning it, so the agency's page lists them.

    Run after both `load_news` and the reform-index demo (`indexes.demo_content.load_indexes`), which
    creates the agencies; returns how many links were added.
    """
    linked = 0
    with transaction.atomic():
        for title_part, agency_name in ARTICLES_ABOUT_AGENCIES:
            agency = Agency.objects.filter(name=agency_name).first()
            if agency is None:
                continue
            articles = ArticlePage.objects.live().filter(title__contains=title_part).exclude(agencies=agency)
            for article in articles:
                article.agencies.add(agency)
                article.save_revision().publish()
                linked += 1
    return linked


def set_own_agency(site) -> bool:
    """Make the demo's Sở Khoa học và Công nghệ the site's agency, unless an administrator chose one."""
    settings = AgencySettings.for_site(site)
    agency = Agency.objects.filter(name=KHCN["name"]).first()
    if settings.agency_id or agency is None:
        return False
    settings.agency = agency
    settings.save()
    return True
