"""What the questions' tests build on: the /hoi-dap/ page, fields, a filled-in form, questions in each state."""

import secrets
import time

import factory
from django.utils import timezone

from portal.questions import codes
from portal.questions.forms import new_token
from portal.questions.models import Question, QuestionField, QuestionsPage, Status

ASK = "/hoi-dap/gui-cau-hoi/"
LOOKUP = "/hoi-dap/tra-cuu/"


def make_questions_page(home) -> QuestionsPage:
    page = QuestionsPage(
        title="Hỏi đáp", slug="hoi-dap", intro="Câu hỏi của người dân và câu trả lời của Sở."
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


class QuestionFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionField
        django_get_or_create = ("slug",)

    name = "Thủ tục hành chính"
    slug = "thu-tuc-hanh-chinh"


def form_data(field=None, *, token: str | None = None, **overrides) -> dict:
    """What a person sends: a form they opened a minute ago and filled in honestly."""
    data = {
        "kind": "question",
        "name": "Nguyễn Thị Hồng Nhung",
        "email": "hongnhung.nguoidan@example.vn",
        "phone": "0912 345 678",
        "field": str(field.pk) if field else "",
        "subject": "Hồ sơ cấp giấy phép tiến hành công việc bức xạ",
        "text": "Xin hỏi hồ sơ cấp giấy phép tiến hành công việc bức xạ gồm những giấy tờ gì và nộp ở đâu?",
        "consent": "on",
        "token": new_token(issued_at=time.time() - 60) if token is None else token,
        "trang_web": "",
    }
    data.update(overrides)
    return data


def make_question(status=Status.RECEIVED, *, code: str | None = None, **fields) -> tuple[Question, str]:
    """A question as the form would have kept it, with its tracking code."""
    code = code or codes.code_for(secrets.token_urlsafe(16))
    values = {
        "asker_name": "Trần Văn Bình",
        "asker_email": "tranvanbinh.nguoidan@example.vn",
        "asker_phone": "0987 654 321",
        "subject": "Hỏi về lệ phí thẩm định công nghệ",
        "text": "Lệ phí thẩm định công nghệ của dự án đầu tư là bao nhiêu?",
        "consented_at": timezone.now(),
        "code_digest": codes.digest(code),
        "status": status,
    }
    if status == Status.ANSWERED:
        values.update(
            title="Lệ phí thẩm định công nghệ dự án đầu tư",
            public_text="Lệ phí thẩm định công nghệ của dự án đầu tư là bao nhiêu?",
            answer="<p>Lệ phí được tính theo tổng vốn đầu tư của dự án, theo biểu phí hiện hành.</p>",
            published_at=timezone.now(),
            closed_at=timezone.now(),
        )
    if status == Status.DECLINED:
        values.update(decline_reason="Câu hỏi không thuộc lĩnh vực của Sở.", closed_at=timezone.now())
    values.update(fields)
    return Question.objects.create(**values), code
