"""Kiểm duyệt viên answer questions in the admin: the queue, publishing, declining, withdrawing; the
dashboard's counts; published answers at /hoi-dap/ by field and in site search, without the asker."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from portal.about.models import Unit
from portal.questions.models import Question, Status
from tests.factories import UserFactory
from tests.helpers import sitemap_text
from tests.questions.factories import QuestionFieldFactory, make_question, make_questions_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client, home_page):
    make_questions_page(home_page)
    user = UserFactory(username="kiemduyet")
    user.groups.add(Group.objects.get(name="Kiểm duyệt viên"))
    client.force_login(user)
    return user


def edit_url(question) -> str:
    return reverse("question_queue:edit", args=[question.pk])


def moderation_form(question, action: str, **fields) -> dict:
    data = {
        "field": question.field_id or "",
        "unit": question.unit_id or "",
        "title": question.title,
        "public_text": question.public_text,
        "answer": rich_text(question.answer or ""),
        "decline_reason": question.decline_reason,
        f"action-{action}": "1",
    }
    data.update(fields)
    if "answer" in fields:
        data["answer"] = rich_text(fields["answer"])
    return data


def test_the_queue_is_in_vietnamese_lists_questions_and_offers_no_way_to_add_one(client, moderator):
    question, _ = make_question(field=QuestionFieldFactory())

    response = client.get(reverse("question_queue:index"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hỏi về lệ phí thẩm định công nghệ" in html
    assert "Đã tiếp nhận" in html
    assert reverse("question_queue:edit", args=[question.pk]) in html
    assert client.get(reverse("question_queue:add")).status_code in (302, 403)
    assert "Trần Văn Bình" not in html  # the asker's name stays on the question's own screen


def test_the_dashboard_counts_waiting_questions_for_moderators(client, moderator):
    make_question()
    make_question()
    make_question(Status.IN_PROGRESS)
    make_question(Status.ANSWERED)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    panel = html.split('id="questions-panel-title"')[1].split("</section>")[0]
    assert "Hỏi đáp, góp ý" in html
    assert '?status=received">Đã tiếp nhận</a></td><td>2</td>' in panel
    assert '?status=in_progress">Đang trả lời</a></td><td>1</td>' in panel


def test_editors_do_not_see_the_queue(client, home_page):
    editor = UserFactory(username="bientap")
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    client.force_login(editor)

    assert client.get(reverse("question_queue:index")).status_code in (302, 403)
    assert "questions-panel-title" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_moderator_assigns_then_publishes_an_answer_that_shows_without_the_asker(client, moderator):
    field = QuestionFieldFactory()
    unit = Unit.objects.create(name="Phòng Quản lý công nghệ")
    question, _ = make_question(field=field)
    edit_page = client.get(edit_url(question)).content.decode()
    assert (
        "Trần Văn Bình" in edit_page and "tranvanbinh.nguoidan@example.vn" in edit_page
    )  # moderators see it

    client.post(edit_url(question), moderation_form(question, "edit", unit=unit.pk))
    question.refresh_from_db()
    assert (question.status, question.unit) == (Status.IN_PROGRESS, unit)

    response = client.post(
        edit_url(question),
        moderation_form(
            question,
            "publish",
            title="Lệ phí thẩm định công nghệ dự án đầu tư",
            public_text="Lệ phí thẩm định công nghệ của dự án đầu tư là bao nhiêu?",
            answer="<p>Lệ phí tính theo tổng vốn đầu tư của dự án.</p>",
        ),
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Status.ANSWERED and question.published_at and question.closed_at
    listing = client.get("/hoi-dap/").content.decode()
    by_field = client.get("/hoi-dap/linh-vuc/thu-tuc-hanh-chinh/").content.decode()
    answer = client.get(f"/hoi-dap/{question.pk}/").content.decode()
    for html in (listing, by_field, answer):
        assert "Lệ phí thẩm định công nghệ dự án đầu tư" in html
        assert "Trần Văn Bình" not in html and "tranvanbinh" not in html and "0987 654 321" not in html
    assert "Lệ phí tính theo tổng vốn đầu tư của dự án." in answer
    assert "Phòng Quản lý công nghệ" in answer


def test_publishing_needs_a_title_a_public_question_and_an_answer(client, moderator):
    question, _ = make_question(subject="", text="")

    response = client.post(edit_url(question), moderation_form(question, "publish", title="", answer=""))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Đặt tiêu đề cho câu hỏi trên trang công khai." in html
    assert "Viết câu trả lời." in html
    question.refresh_from_db()
    assert question.status == Status.RECEIVED


def test_declining_needs_a_reason_and_keeps_the_question_off_the_portal(client, moderator):
    question, _ = make_question()

    refused = client.post(edit_url(question), moderation_form(question, "decline"))
    assert "Ghi lý do từ chối" in refused.content.decode()

    client.post(
        edit_url(question), moderation_form(question, "decline", decline_reason="Trùng câu hỏi số 3.")
    )

    question.refresh_from_db()
    assert (question.status, question.decline_reason) == (Status.DECLINED, "Trùng câu hỏi số 3.")
    assert client.get(f"/hoi-dap/{question.pk}/").status_code == 404


def test_a_withdrawn_answer_leaves_the_pages_and_search(client, moderator):
    question, _ = make_question(Status.ANSWERED)
    link = f'href="/hoi-dap/{question.pk}/"'
    assert link in client.get("/tim-kiem/", {"q": "le phi tham dinh"}).content.decode()

    client.post(edit_url(question), moderation_form(question, "withdraw"))

    question.refresh_from_db()
    assert question.status == Status.IN_PROGRESS
    assert client.get(f"/hoi-dap/{question.pk}/").status_code == 404
    assert link not in client.get("/tim-kiem/", {"q": "le phi tham dinh"}).content.decode()


def test_answers_are_searchable_in_their_own_group_without_diacritics(client, home_page):
    make_questions_page(home_page)
    answered, _ = make_question(Status.ANSWERED)
    make_question(subject="Hỏi về lệ phí đo lường", text="Lệ phí kiểm định đo lường là bao nhiêu?")

    page = client.get("/tim-kiem/", {"q": "le phi"}).content.decode()
    only_answers = client.get("/tim-kiem/", {"q": "le phi", "nhom": "hoi-dap"}).content.decode()
    api = client.get("/api/v1/search", {"q": "le phi"}).json()

    assert 'id="questions-heading">Hỏi đáp <span class="muted">(1)</span>' in page
    assert f'href="/hoi-dap/{answered.pk}/"' in only_answers
    assert "đo lường" not in page  # not answered: not public
    assert api["questions"]["count"] == 1
    assert api["questions"]["results"][0]["url"].endswith(f"/hoi-dap/{answered.pk}/")
    assert "Trần Văn Bình" not in str(api) and "tranvanbinh" not in str(api)


def test_the_listing_checks_its_parameters(client, home_page):
    make_questions_page(home_page)
    make_question(Status.ANSWERED)

    assert client.get("/hoi-dap/", {"page": "x"}).status_code == 400
    assert client.get("/hoi-dap/", {"page": "9"}).status_code == 404
    assert client.get("/hoi-dap/linh-vuc/khong-co/").status_code == 404
    assert client.get("/hoi-dap/999999/").status_code == 404


def test_the_history_names_questions_by_number_only(client, moderator):
    from wagtail.models import ModelLogEntry

    question, _ = make_question()
    client.post(edit_url(question), moderation_form(question, "edit"))

    labels = list(ModelLogEntry.objects.values_list("label", flat=True))
    assert labels == [f"Câu hỏi số {question.pk}"] or all("Trần Văn Bình" not in label for label in labels)
    assert all(question.subject not in label for label in labels)


def test_questions_never_appear_in_the_sitemap_until_answered(client, home_page):
    make_questions_page(home_page)
    waiting, _ = make_question()
    answered, _ = make_question(Status.ANSWERED)

    sitemap = sitemap_text(client)

    assert f"/hoi-dap/{answered.pk}/" in sitemap
    assert f"/hoi-dap/{waiting.pk}/" not in sitemap


@pytest.fixture
def unit():
    return Unit.objects.create(name="Văn phòng Sở")


def test_a_question_in_the_database_only_needs_the_queue_to_be_answered(unit):
    question, _ = make_question(unit=unit)
    assert Question.objects.get(pk=question.pk).unit == unit
