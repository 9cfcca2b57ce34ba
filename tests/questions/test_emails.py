"""The asker's e-mails: the tracking code when the question arrives, the link when the answer is published.

Queued by the request, sent by the background worker (`db_worker`) to a real SMTP server (aiosmtpd).
"""

import pytest
from django.core.management import call_command

from portal.questions import moderation
from portal.questions.models import Question
from tests.factories import make_agency_site
from tests.questions.factories import ASK, QuestionFieldFactory, form_data, make_questions_page


def run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--queue-name", "default", "--backend", "background"
    )


@pytest.fixture
def site(live_db):
    home = make_agency_site()
    make_questions_page(home)
    return home


def test_the_asker_gets_the_code_then_the_answer_by_email_from_the_worker(client, site, smtp_server):
    response = client.post(ASK, form_data(QuestionFieldFactory()))
    code = response.content.decode().split('translate="no">')[1].split("<")[0]
    assert smtp_server.inbox.messages == []  # the request only queued it

    run_worker()

    [received] = smtp_server.inbox.messages
    assert received["To"] == "hongnhung.nguoidan@example.vn"
    assert received["Subject"].strip() == "Câu hỏi của bạn đã được tiếp nhận"
    body = received.get_content()
    assert code in body
    assert "http://testserver/hoi-dap/tra-cuu/" in body
    assert "Nguyễn Thị Hồng Nhung" not in body  # no greeting by name, no copy of the question

    question = Question.objects.get()
    question.title = "Hồ sơ cấp giấy phép tiến hành công việc bức xạ"
    question.public_text = "Hồ sơ cấp giấy phép tiến hành công việc bức xạ gồm những gì?"
    question.answer = (
        "<p>Hồ sơ gồm đơn đề nghị, báo cáo đánh giá an toàn và bản sao chứng chỉ nhân viên bức xạ.</p>"
    )
    moderation.publish(question)
    run_worker()

    answered = smtp_server.inbox.messages[1]
    assert answered["To"] == "hongnhung.nguoidan@example.vn"
    assert answered["Subject"].strip() == "Câu hỏi của bạn đã được trả lời"
    assert f"/hoi-dap/{question.pk}/" in answered.get_content()

    # Published again after an edit: no second message.
    question.answer += "<p>Nộp tại Bộ phận một cửa.</p>"
    moderation.publish(question)
    run_worker()
    assert len(smtp_server.inbox.messages) == 2


def test_a_declined_question_tells_the_asker_why_and_no_address_means_no_message(client, site, smtp_server):
    field = QuestionFieldFactory()
    client.post(ASK, form_data(field, email=""))
    client.post(ASK, form_data(field, subject="Câu hỏi thứ hai"))
    run_worker()
    assert len(smtp_server.inbox.messages) == 1  # only the asker who gave an address

    question = Question.objects.get(subject="Câu hỏi thứ hai")
    question.decline_reason = "Câu hỏi thuộc thẩm quyền của Sở Y tế."
    moderation.decline(question)
    run_worker()

    declined = smtp_server.inbox.messages[1]
    assert declined["Subject"].strip() == "Về câu hỏi của bạn"
    assert "Câu hỏi thuộc thẩm quyền của Sở Y tế." in declined.get_content()


def test_an_english_asker_gets_english_messages(client, site, smtp_server):
    client.post("/en" + ASK, form_data(QuestionFieldFactory()))
    run_worker()

    [received] = smtp_server.inbox.messages
    assert received["Subject"].strip() == "Your question has been received"
    assert "http://testserver/en/hoi-dap/tra-cuu/" in received.get_content()
