"""Demo questions and answers on the reform themes of the reference pages, in the project's own words.

The published ones carry no asker (their askers' data is shown as already erased); one question waits
in the moderators' queue with an illustrative asker. Each function adds what is missing.
"""

import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from portal.about.models import Unit
from portal.models import HomePage
from portal.questions import codes
from portal.questions.models import Kind, Question, QuestionField, QuestionsPage, Status

FIELDS = [
    ("Cải cách hành chính", "cai-cach-hanh-chinh"),
    ("Thủ tục hành chính, dịch vụ công", "thu-tuc-hanh-chinh"),
    ("Tiêu chuẩn, đo lường, chất lượng", "tieu-chuan-do-luong-chat-luong"),
    ("Khoa học và công nghệ", "khoa-hoc-va-cong-nghe"),
]

ANSWERED = [
    {
        "title": "Vì sao Chỉ số cải cách hành chính năm 2023 của Sở giảm?",
        "field": "cai-cach-hanh-chinh",
        "kind": Kind.QUESTION,
        "unit": "Văn phòng Sở",
        "received": (2024, 2, 19),
        "published": (2024, 3, 4),
        "text": (
            "Tôi đọc tin Chỉ số cải cách hành chính năm 2023 của Sở thấp hơn năm trước. Sở giảm bao nhiêu "
            "điểm, đứng thứ mấy và sẽ làm gì để cải thiện?"
        ),
        "answer": (
            "<p>Theo Quyết định số 57/QĐ-UBND ngày 25/01/2024 của UBND tỉnh, Chỉ số cải cách hành chính năm "
            "2023 của Sở đạt 83,45/100 điểm, giảm 1,92 điểm so với năm 2022 và xếp thứ 13/18 sở, ban, ngành "
            "(giảm 7 bậc).</p>"
            "<p>Ba lĩnh vực đạt điểm tối đa: cải cách thể chế (6,5/6,5), tổ chức bộ máy (7/7) và chế độ công "
            "vụ (10/10). Điểm bị trừ chủ yếu ở cải cách thủ tục hành chính và chính quyền số. Năm 2024, Sở "
            "giao từng phòng rà soát các tiêu chí bị trừ điểm, tăng số thủ tục cung cấp trực tuyến và báo "
            "cáo tiến độ hằng quý tại cuộc họp giao ban.</p>"
        ),
    },
    {
        "title": "Những thủ tục nào của Sở có thể nộp hồ sơ trực tuyến?",
        "field": "thu-tuc-hanh-chinh",
        "kind": Kind.QUESTION,
        "unit": "Văn phòng Sở",
        "received": (2024, 3, 11),
        "published": (2024, 3, 20),
        "text": (
            "Doanh nghiệp chúng tôi ở xa trung tâm tỉnh. Thủ tục nào của Sở làm được trên mạng mà không phải "
            "đến nộp giấy tờ?"
        ),
        "answer": (
            "<p>Sở đang cung cấp dịch vụ công trực tuyến cho 19 trên 55 thủ tục hành chính thuộc thẩm quyền. "
            "Với thủ tục trực tuyến toàn trình, doanh nghiệp nộp hồ sơ, nộp phí và nhận kết quả hoàn toàn "
            "trên mạng; với thủ tục một phần, hồ sơ nộp trực tuyến nhưng kết quả nhận tại Bộ phận một cửa hoặc "
            "qua bưu chính.</p>"
            "<p>Danh sách thủ tục và đường dẫn nộp hồ sơ có trên Cổng Dịch vụ công quốc gia "
            "(dichvucong.gov.vn), mục cơ quan Sở Khoa học và Công nghệ.</p>"
        ),
    },
    {
        "title": "Ai chấm điểm Chỉ số cải cách hành chính và theo thang điểm nào?",
        "field": "cai-cach-hanh-chinh",
        "kind": Kind.QUESTION,
        "unit": "Văn phòng Sở",
        "received": (2024, 4, 2),
        "published": (2024, 4, 10),
        "text": "Điểm Chỉ số cải cách hành chính do ai chấm, theo thang điểm nào và người dân có được góp ý không?",
        "answer": (
            "<p>Phương pháp chấm theo Quyết định số 876/QĐ-BNV của Bộ Nội vụ, áp dụng cho giai đoạn 2022–2030. "
            "Thang điểm tối đa là 100; chỉ số là tỷ lệ phần trăm giữa điểm đạt được và điểm tối đa áp dụng.</p>"
            "<p>Điểm gồm hai phần: phần cơ quan tự đánh giá kèm tài liệu kiểm chứng, được hội đồng thẩm định "
            "chấp nhận hoặc điều chỉnh; và phần điều tra xã hội học, trong đó ý kiến của người dân, doanh "
            "nghiệp về chất lượng phục vụ được tính điểm.</p>"
        ),
    },
    {
        "title": "Góp ý: nhận hồ sơ vào sáng Thứ Bảy",
        "field": "thu-tuc-hanh-chinh",
        "kind": Kind.FEEDBACK,
        "unit": "Văn phòng Sở",
        "received": (2024, 5, 6),
        "published": (2024, 5, 15),
        "text": (
            "Người lao động khó xin nghỉ trong giờ hành chính để nộp hồ sơ. Đề nghị Bộ phận một cửa nhận hồ sơ "
            "cả sáng Thứ Bảy."
        ),
        "answer": (
            "<p>Sở cảm ơn góp ý. Từ tháng 6/2024, Bộ phận một cửa của Sở tiếp nhận và trả kết quả hồ sơ vào "
            "sáng Thứ Bảy hằng tuần, từ 7:30 đến 11:30. Người dân cũng có thể nộp hồ sơ các thủ tục trực "
            "tuyến vào bất kỳ lúc nào trên Cổng Dịch vụ công quốc gia.</p>"
        ),
    },
    {
        "title": "Ủy ban nhân dân xã áp dụng ISO 9001 có bắt buộc không?",
        "field": "tieu-chuan-do-luong-chat-luong",
        "kind": Kind.QUESTION,
        "unit": "Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "received": (2024, 5, 20),
        "published": (2024, 6, 3),
        "text": "Xã tôi được hướng dẫn xây dựng hệ thống quản lý chất lượng theo ISO 9001. Việc này có bắt buộc với cấp xã không?",
        "answer": (
            "<p>Có. Cơ quan hành chính nhà nước các cấp, kể cả Ủy ban nhân dân cấp xã, phải xây dựng và áp dụng "
            "hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001 cho các thủ tục hành chính mình giải "
            "quyết. Chi cục Tiêu chuẩn Đo lường Chất lượng hướng dẫn, kiểm tra việc áp dụng và tổ chức tập "
            "huấn cho công chức xã; kết quả áp dụng cũng là một tiêu chí của Chỉ số cải cách hành chính.</p>"
        ),
    },
]

WAITING = {
    "subject": "Hỏi về hồ sơ đăng ký xét tặng giải thưởng khoa học và công nghệ cấp tỉnh",
    "field": "khoa-hoc-va-cong-nghe",
    "text": (
        "Nhóm nghiên cứu của chúng tôi muốn đăng ký xét tặng giải thưởng khoa học và công nghệ cấp tỉnh năm nay. "
        "Hồ sơ gồm những gì và hạn nộp khi nào?"
    ),
    "asker_name": "Người hỏi minh hoạ",
    "asker_email": "nguoihoi.minhhoa@example.vn",
}


def local(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=timezone.get_current_timezone())


def new_code_digest() -> str:
    return codes.digest(codes.code_for(secrets.token_urlsafe(16)))


@transaction.atomic
def load_questions(home: HomePage) -> list:
    """The /hoi-dap/ page, the fields, the demo answers and one waiting question; returns new pages."""
    for order, (name, slug) in enumerate(FIELDS):
        QuestionField.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    created = []
    if not QuestionsPage.objects.exists():
        page = QuestionsPage(
            title="Hỏi đáp",
            slug="hoi-dap",
            intro=(
                "Câu hỏi, góp ý của người dân, doanh nghiệp về chính sách, pháp luật, thủ tục hành chính trong "
                "lĩnh vực của Sở và câu trả lời của Sở. Câu trả lời được công bố không kèm tên, địa chỉ của người hỏi."
            ),
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        created.append(page)
    for spec in ANSWERED:
        if Question.objects.filter(title=spec["title"]).exists():
            continue
        published = local(*spec["published"])
        question = Question.objects.create(
            kind=spec["kind"],
            field=QuestionField.objects.get(slug=spec["field"]),
            unit=Unit.objects.filter(name=spec["unit"]).first(),
            title=spec["title"],
            public_text=spec["text"],
            answer=spec["answer"],
            status=Status.ANSWERED,
            published_at=published,
            closed_at=published,
            personal_data_erased_at=published + timedelta(days=90),
            code_digest=new_code_digest(),
        )
        Question.objects.filter(pk=question.pk).update(received_at=local(*spec["received"]))
    if not Question.objects.filter(subject=WAITING["subject"]).exists():
        Question.objects.create(
            kind=Kind.QUESTION,
            field=QuestionField.objects.get(slug=WAITING["field"]),
            subject=WAITING["subject"],
            text=WAITING["text"],
            asker_name=WAITING["asker_name"],
            asker_email=WAITING["asker_email"],
            consented_at=timezone.now(),
            code_digest=new_code_digest(),
        )
    return created
