"""The asker's personal data: seen by moderators only, never in an API, feed, log or search index, and
erased by `manage.py purge_questions` once the question has been closed for QUESTIONS_PURGE_DAYS."""

import io
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from portal.questions import codes, moderation
from portal.questions.models import Question, Status
from tests.factories import make_agency_site
from tests.processes import run_python
from tests.questions.factories import (
    ASK,
    LOOKUP,
    QuestionFieldFactory,
    form_data,
    make_question,
    make_questions_page,
)

NAME, EMAIL, PHONE = "Nguyễn Thị Hồng Nhung", "hongnhung.nguoidan@example.vn", "0912 345 678"
SENT_TEXT = "Tôi là Hồng Nhung, ở xóm Đồng Lầy: hồ sơ cấp giấy phép bức xạ gồm những gì?"


def every_table_holding(*needles: str) -> dict[str, list[str]]:
    """The tables (search index included) where any of these strings still appears, by raw SQL."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # the table names come from the database itself
            text = "\n".join(str(row) for row in cursor.fetchall())
            hits = [needle for needle in needles if needle in text or needle.lower() in text.lower()]
            if hits:
                found[table] = hits
    return found


def run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--queue-name", "default", "--backend", "background"
    )


@pytest.fixture
def answered_question(live_db, client, smtp_server):
    """A question sent through the form with every personal detail, answered in public and e-mailed."""
    home = make_agency_site()
    make_questions_page(home)
    response = client.post(ASK, form_data(QuestionFieldFactory(), text=SENT_TEXT))
    code = response.content.decode().split('translate="no">')[1].split("<")[0]
    question = Question.objects.get()
    question.title = "Hồ sơ cấp giấy phép tiến hành công việc bức xạ"
    question.public_text = "Hồ sơ cấp giấy phép tiến hành công việc bức xạ gồm những gì?"
    question.answer = "<p>Hồ sơ gồm đơn đề nghị và báo cáo đánh giá an toàn bức xạ.</p>"
    moderation.publish(question)
    run_worker()
    assert len(smtp_server.inbox.messages) == 2
    return question, code


def test_personal_data_is_gone_from_every_table_and_the_search_index_after_the_purge(
    answered_question, client, settings
):
    question, code = answered_question
    settings.QUESTIONS_PURGE_DAYS = 90
    holding = set(every_table_holding(NAME, EMAIL))
    assert "questions_question" in holding
    assert any("task" in table for table in holding)  # the worker's record of the e-mails it sent
    for words in ("hongnhung nguoidan", "dong lay"):  # never indexed, even before
        assert client.get("/api/v1/search", {"q": words}).json()["questions"]["count"] == 0, words
    Question.objects.filter(pk=question.pk).update(closed_at=timezone.now() - timedelta(days=91))

    out = io.StringIO()
    call_command("purge_questions", stdout=out)

    assert "Erased personal data from 1 question(s)" in out.getvalue()
    assert every_table_holding(NAME, EMAIL, PHONE, "Hồng Nhung", "Đồng Lầy", code.replace("-", "")) == {}
    question.refresh_from_db()
    assert (question.asker_name, question.asker_email, question.asker_phone, question.text) == (
        "",
        "",
        "",
        "",
    )
    assert question.personal_data_erased_at
    # What the public sees stays, and so does the status behind the code.
    answer = client.get(f"/hoi-dap/{question.pk}/").content.decode()
    assert "báo cáo đánh giá an toàn bức xạ" in answer
    assert "Đã trả lời" in client.post(LOOKUP, {"code": code}).content.decode()
    for words in ("hongnhung nguoidan", "dong lay"):  # her e-mail, her hamlet
        assert client.get("/api/v1/search", {"q": words}).json()["questions"]["count"] == 0, words
    assert client.get("/api/v1/search", {"q": "giay phep buc xa"}).json()["questions"]["count"] == 1


@pytest.mark.django_db
def test_only_questions_closed_long_enough_are_purged(settings):
    settings.QUESTIONS_PURGE_DAYS = 30
    old, _ = make_question(Status.DECLINED, closed_at=timezone.now() - timedelta(days=31))
    recent, _ = make_question(Status.ANSWERED, closed_at=timezone.now() - timedelta(days=29))
    open_for_long, _ = make_question(Status.IN_PROGRESS)
    Question.objects.filter(pk=open_for_long.pk).update(received_at=timezone.now() - timedelta(days=400))

    call_command("purge_questions", verbosity=0)

    assert Question.objects.get(pk=old.pk).asker_name == ""
    assert Question.objects.get(pk=recent.pk).asker_name == "Trần Văn Bình"
    assert Question.objects.get(pk=open_for_long.pk).asker_name == "Trần Văn Bình"  # still being answered
    call_command("purge_questions", "--days", "0", verbosity=0)
    assert Question.objects.get(pk=recent.pk).asker_email == ""


@pytest.mark.django_db
def test_purge_refuses_a_negative_number_of_days():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("purge_questions", "--days", "-1")


def test_the_number_of_days_comes_from_the_environment():
    code = "import django; django.setup(); from django.conf import settings; print(settings.QUESTIONS_PURGE_DAYS)"

    result = run_python(code, {"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "QUESTIONS_PURGE_DAYS": "45"})

    assert result.stdout.strip() == "45", result.stderr


@pytest.mark.django_db
def test_the_asker_never_shows_in_public_pages_feeds_apis_or_logs(client, home_page, caplog):
    make_questions_page(home_page)
    caplog.set_level(logging.DEBUG)
    field = QuestionFieldFactory()
    client.post(ASK, form_data(field, text=SENT_TEXT))
    question = Question.objects.get()
    question.title, question.public_text = "Hồ sơ giấy phép bức xạ", "Hồ sơ giấy phép bức xạ gồm những gì?"
    question.answer = "<p>Gồm đơn đề nghị.</p>"
    moderation.publish(question)

    pages = [
        client.get(path).content.decode()
        for path in (
            "/hoi-dap/",
            f"/hoi-dap/{question.pk}/",
            "/hoi-dap/linh-vuc/thu-tuc-hanh-chinh/",
            "/sitemap.xml",
            "/sitemap-trang.xml",
        )
    ]
    pages.append(str(client.get("/api/v1/search", {"q": "nhung"}).json()))
    pages.append(str(client.get("/api/v1/search/suggest", {"q": "nhung"}).json()))
    pages.append(client.get("/api/v1/openapi.json").content.decode())
    pages.append(caplog.text)

    for text in pages:
        for private in (NAME, EMAIL, PHONE, "Đồng Lầy"):
            assert private not in text


@pytest.mark.django_db
def test_the_code_is_not_kept_anywhere_but_as_a_digest(client, home_page):
    make_questions_page(home_page)
    response = client.post(ASK, form_data(QuestionFieldFactory()))
    code = codes.normalise(response.content.decode().split('translate="no">')[1].split("<")[0])

    assert every_table_holding(code) == {}
    assert Question.objects.get().code_digest == codes.digest(code)
