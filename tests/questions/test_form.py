"""The question form: it refuses each kind of spam with a Vietnamese message and the form kept filled in,
and keeps each honest question exactly once."""

import time
from types import SimpleNamespace

import pytest
from django.core import signing

from portal import ratelimit
from portal.questions import codes
from portal.questions.forms import TOKEN_SALT, new_token
from portal.questions.models import Question, Status
from tests.questions.factories import ASK, QuestionFieldFactory, form_data, make_questions_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def field(home_page):
    make_questions_page(home_page)
    return QuestionFieldFactory()


def page_text(response) -> str:
    return response.content.decode()


def assert_kept_filled_in(response, data):
    """The form came back with what the person wrote, honeypot aside."""
    html = page_text(response)
    assert 'value="Nguyễn Thị Hồng Nhung"' in html
    assert 'value="hongnhung.nguoidan@example.vn"' in html
    assert data["text"] in html
    assert 'name="consent" checked' in html or "checked" in html.split('name="consent"')[1].split(">")[0]


def test_the_empty_form_works_without_javascript_and_sets_no_cookie(client, field):
    response = client.get(ASK)

    html = page_text(response)
    assert response.status_code == 200
    assert '<form class="question-form" method="post" action="/hoi-dap/gui-cau-hoi/"' in html
    assert "<script" not in html.split("<main")[1].split("</main>")[0]  # nothing the form needs
    assert not response.cookies
    assert "private" in response["Cache-Control"]  # each visitor gets a token of their own
    assert "Nghị định 13/2023/NĐ-CP" in html


def test_an_honest_question_is_kept_once_with_a_tracking_code_shown_once(client, field):
    data = form_data(field)

    response = client.post(ASK, data)

    html = page_text(response)
    assert response.status_code == 200
    assert "Câu hỏi của bạn đã được tiếp nhận" in html
    code = html.split('class="tracking-code__value" translate="no">')[1].split("<")[0]
    [question] = Question.objects.all()
    assert question.code_digest == codes.digest(codes.normalise(code))
    assert code.replace("-", "") not in question.__dict__.values()  # only its digest is stored
    assert (question.asker_name, question.asker_email, question.field) == (
        "Nguyễn Thị Hồng Nhung",
        "hongnhung.nguoidan@example.vn",
        field,
    )
    assert question.status == Status.RECEIVED and question.consented_at
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_the_same_form_sent_twice_keeps_one_question_and_shows_the_same_code(client, field):
    data = form_data(field)

    first = client.post(ASK, data)
    again = client.post(ASK, data)  # a double click, or a reload that posts again

    assert Question.objects.count() == 1
    code = page_text(first).split('translate="no">')[1].split("<")[0]
    assert again.status_code == 200 and code in page_text(again)


def test_the_same_form_sent_back_with_other_words_is_refused_then_taken_as_a_new_question(client, field):
    data = form_data(field)
    client.post(ASK, data)

    changed = client.post(ASK, {**data, "text": data["text"] + " Tôi ở huyện miền núi."})

    assert changed.status_code == 409
    assert "Biểu mẫu này đã được dùng để gửi một câu hỏi" in page_text(changed)
    assert Question.objects.count() == 1
    fresh_token = page_text(changed).split('name="token" value="')[1].split('"')[0]
    assert fresh_token != data["token"]
    # The person presses "Gửi" again a little later: it goes as a second question.
    later = signing.dumps(
        {"n": signing.loads(fresh_token, salt=TOKEN_SALT)["n"], "t": int(time.time()) - 30}, salt=TOKEN_SALT
    )
    assert (
        client.post(
            ASK, {**data, "text": data["text"] + " Tôi ở huyện miền núi.", "token": later}
        ).status_code
        == 200
    )
    assert Question.objects.count() == 2


def test_a_filled_in_honeypot_is_refused_with_the_form_kept(client, field):
    data = form_data(field, trang_web="http://spam.example/")

    response = client.post(ASK, data)

    assert response.status_code == 400
    assert "Một ô cần để trống" in page_text(response)
    assert_kept_filled_in(response, data)
    assert 'value="http://spam.example/"' not in page_text(response)
    assert not Question.objects.exists()


def test_a_form_sent_back_too_fast_is_refused_and_can_be_sent_again(client, field, settings):
    settings.QUESTIONS_MIN_FILL_SECONDS = 5
    data = form_data(field, token=new_token())  # made this instant

    response = client.post(ASK, data)

    assert response.status_code == 400
    assert "nhanh hơn thời gian một người cần để điền" in page_text(response)
    assert_kept_filled_in(response, data)
    assert f'value="{data["token"]}"' in page_text(response)  # the same token: its time runs on
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("not-a-token", "Không kiểm tra được biểu mẫu"),
        ("", "Không kiểm tra được biểu mẫu"),
        (signing.dumps({"n": "x", "t": 0}, salt="another-salt"), "Không kiểm tra được biểu mẫu"),
        (new_token(issued_at=time.time() - 3 * 24 * 3600), "Biểu mẫu đã mở quá lâu và hết hạn"),
    ],
    ids=["forged", "missing", "signed-for-something-else", "expired"],
)
def test_a_forged_missing_or_expired_token_is_refused_with_a_fresh_one(client, field, token, message):
    data = form_data(field, token=token)

    response = client.post(ASK, data)

    assert response.status_code == 400
    assert message in page_text(response)
    assert_kept_filled_in(response, data)
    fresh = page_text(response).split('name="token" value="')[1].split('"')[0]
    assert fresh != token and signing.loads(fresh, salt=TOKEN_SALT)
    assert not Question.objects.exists()


@pytest.fixture
def two_an_hour(settings, monkeypatch):
    settings.QUESTIONS_RATE_PER_HOUR = 2
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_700_000_000.0))


def test_the_third_question_in_an_hour_from_one_address_is_refused(client, field, two_an_hour):
    for number in range(2):
        assert client.post(ASK, form_data(field, subject=f"Câu hỏi số {number}")).status_code == 200

    data = form_data(field)
    refused = client.post(ASK, data)
    other_address = client.post(ASK, form_data(field), REMOTE_ADDR="192.0.2.44")

    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "Địa chỉ của bạn đã gửi nhiều câu hỏi trong một giờ qua" in page_text(refused)
    assert_kept_filled_in(refused, data)
    assert other_address.status_code == 200
    assert Question.objects.count() == 3


def test_an_oversized_request_is_refused_with_the_form_kept(client, field, settings):
    settings.QUESTIONS_MAX_REQUEST_BYTES = 4096
    data = form_data(field, text="Xin hỏi về thủ tục. " + "Nội dung dài. " * 400)

    response = client.post(ASK, data)

    assert response.status_code == 413
    assert "vượt quá dung lượng cho phép" in page_text(response)
    assert "Nội dung dài. Nội dung dài." in page_text(response)
    assert not Question.objects.exists()


def test_a_text_longer_than_allowed_is_refused_by_its_field(client, field, settings):
    settings.QUESTIONS_MAX_CHARACTERS = 200
    data = form_data(field, text="Xin hỏi " + "rất dài " * 40)

    response = client.post(ASK, data)

    assert response.status_code == 400
    assert "vượt quá giới hạn 200 ký tự" in page_text(response)
    assert_kept_filled_in(response, data)
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "Trường này là bắt buộc."),
        ({"consent": ""}, "Chúng tôi không thể tiếp nhận câu hỏi nếu bạn chưa đồng ý."),
        ({"email": "khong-phai-thu"}, "Viết đầy đủ địa chỉ thư điện tử, ví dụ ten@example.vn."),
        ({"phone": "goi-cho-toi"}, "Viết số điện thoại bằng chữ số"),
        ({"text": "Hỏi?"}, "Hãy viết câu hỏi ít nhất bằng vài từ."),
        ({"kind": "quang-cao"}, "Hãy chọn một lựa chọn hợp lệ. quang-cao không phải"),
    ],
    ids=["no-name", "no-consent", "bad-email", "bad-phone", "too-short", "unknown-kind"],
)
def test_each_wrong_answer_gets_its_message_and_nothing_is_kept(client, field, change, message):
    response = client.post(ASK, form_data(field, **change))

    html = page_text(response)
    assert response.status_code == 400
    assert "Một số ô cần sửa" in html
    assert message in html
    assert not Question.objects.exists()


def test_the_field_must_be_chosen_when_the_agency_has_fields(client, field):
    response = client.post(ASK, form_data(None))

    assert response.status_code == 400
    assert not Question.objects.exists()


def test_the_form_works_in_english_too_and_keeps_the_language_for_the_emails(client, field):
    response = client.post("/en" + ASK, form_data(field))

    assert response.status_code == 200
    assert "Your question has been received" in page_text(response)
    assert Question.objects.get().language == "en"


def test_get_and_post_are_the_only_methods(client, field):
    assert client.put(ASK).status_code == 405
