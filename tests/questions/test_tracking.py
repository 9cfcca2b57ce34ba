"""/hoi-dap/tra-cuu/: a tracking code shows its question's status, and nothing else about it."""

from types import SimpleNamespace

import pytest

from portal import ratelimit
from portal.questions import codes
from portal.questions.models import Status
from tests.questions.factories import LOOKUP, make_question, make_questions_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions_page(home_page):
    return make_questions_page(home_page)


def look_up(client, code: str, **extra):
    return client.post(LOOKUP, {"code": code}, **extra)


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (Status.RECEIVED, "Đã tiếp nhận"),
        (Status.IN_PROGRESS, "Đang trả lời"),
        (Status.ANSWERED, "Đã trả lời"),
        (Status.DECLINED, "Từ chối trả lời"),
    ],
)
def test_a_code_shows_its_status_and_nothing_else(client, questions_page, status, shown):
    question, code = make_question(status)

    response = look_up(client, codes.display(code))

    html = response.content.decode()
    assert response.status_code == 200
    assert f"Trạng thái: <strong>{shown}</strong>" in html
    for private in (
        question.asker_name,
        question.asker_email,
        question.asker_phone,
        question.subject,
        question.text,
    ):
        assert private not in html
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_a_declined_question_shows_its_reason_and_an_answered_one_links_to_its_answer(client, questions_page):
    declined, declined_code = make_question(
        Status.DECLINED, decline_reason="Câu hỏi thuộc thẩm quyền của Sở Y tế."
    )
    answered, answered_code = make_question(Status.ANSWERED)

    reason = look_up(client, declined_code).content.decode()
    answer = look_up(client, answered_code).content.decode()

    assert "Câu hỏi thuộc thẩm quyền của Sở Y tế." in reason
    assert f'href="/hoi-dap/{answered.pk}/"' in answer
    assert f"/hoi-dap/{declined.pk}/" not in reason


def test_codes_are_read_as_people_type_them(client, questions_page):
    _, code = make_question()
    typed = " " + "-".join([code[:4], code[4:8], code[8:]]).lower().replace("0", "o").replace("1", "l") + " "

    assert look_up(client, typed).status_code == 200


@pytest.mark.parametrize("typed", ["", "123", "ABCD-EFGH-IJKU", "x" * 40, "ABCD EFGH JKMN PQRS"])
def test_something_that_is_not_a_code_gets_a_400_with_the_form_kept(client, questions_page, typed):
    response = look_up(client, typed)

    assert response.status_code == 400
    assert "Mã tra cứu gồm 12 chữ cái và chữ số" in response.content.decode()


def test_an_unknown_code_gets_a_404_that_reveals_nothing(client, questions_page):
    make_question()

    response = look_up(client, codes.code_for("a nonce no form ever had"))

    assert response.status_code == 404
    assert "Không có câu hỏi nào mang mã tra cứu này" in response.content.decode()


def test_look_ups_are_limited_per_address(client, questions_page, settings, monkeypatch):
    settings.QUESTIONS_LOOKUP_RATE_PER_MINUTE = 3
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_700_000_000.0))
    _, code = make_question()
    for _attempt in range(3):
        look_up(client, "AAAA-AAAA-AAAA")

    refused = look_up(client, code)  # even the right code, once the guesses are used up

    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Đã tiếp nhận" not in refused.content.decode()
    assert look_up(client, code, REMOTE_ADDR="192.0.2.9").status_code == 200


def test_the_look_up_page_works_without_a_question_page_and_in_english(client, home_page):
    assert client.get(LOOKUP).status_code == 200
    _, code = make_question(Status.IN_PROGRESS)
    response = client.post("/en" + LOOKUP, {"code": code})
    assert "Being answered" in response.content.decode()


def test_codes_are_twelve_characters_from_an_unambiguous_alphabet_and_differ_per_form():
    made = {codes.code_for(str(number)) for number in range(2000)}

    assert len(made) == 2000
    assert all(len(code) == 12 and set(code) <= set(codes.ALPHABET) for code in made)
    assert not set("ILOU") & set(codes.ALPHABET)
