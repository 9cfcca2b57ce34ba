"""Rich text (and a table) that the editor's browser sent malformed (not Draftail's JSON, or JSON of the
wrong shape) is a form error in Vietnamese, not a server error: the editor gets the form back, and
nothing is saved.

The page editor posts each rich text as Draftail's "contentstate" JSON; a broken script, an extension or
a hand-made request can send anything there.
"""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from indexes.models import IndexEdition
from news.models import ArticlePage
from tests.factories import UserFactory
from tests.indexes.factories import IndexEditionFactory

pytestmark = pytest.mark.django_db

MESSAGE = (
    "Không đọc được nội dung văn bản định dạng do trình soạn thảo gửi lên. Hãy tải lại trang và nhập lại."
)
TABLE_MESSAGE = "Không đọc được bảng do trình soạn thảo gửi lên. Hãy tải lại trang và nhập lại."
VALID = rich_text("<p>Ba lĩnh vực đạt điểm tối đa.</p>")
MALFORMED = [
    "{không phải JSON",  # not JSON at all
    "[]",  # JSON, but not a Draftail document
    json.dumps({"blocks": 5}),
    json.dumps({"blocks": [{"text": 5}]}),
    json.dumps(
        {
            "blocks": [
                {
                    "key": "a",
                    "text": "Xin chào",
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 3, "key": 9}],  # no such entity
                }
            ],
            "entityMap": {},
        }
    ),
]


def shows_the_message(response, message=MESSAGE) -> bool:
    """The message is in the page: in the field's errors, or (StreamField) in the JSON its script draws."""
    html = response.content.decode()
    return message in html or json.dumps(message)[1:-1] in html


def member_of(group_name, username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def article_form(category, paragraph, **extra):
    data = nested_form_data(
        {
            "title": "Sở công bố kết quả Chỉ số CCHC năm 2023",
            "slug": "cong-bo-chi-so-cchc-2023",
            "lead": "Chỉ số CCHC năm 2023 đạt 83,45/100 điểm.",
            "author": "Nguyễn Bình",
            "source": "Văn phòng Sở",
            "hero_image": "",
            "hero_alt": "",
            "hero_caption": "",
            "body": streamfield([("paragraph", VALID), ("paragraph", paragraph)]),
            "tags": "",
            **extra,
        }
    )
    data["categories"] = [category.pk]
    return data


@pytest.fixture
def editor_client(client, db):
    client.force_login(member_of("Biên tập viên", "bientap"))
    return client


@pytest.mark.parametrize(
    "paragraph", MALFORMED, ids=["not-json", "a-list", "blocks-a-number", "text-a-number", "no-entity"]
)
def test_a_malformed_paragraph_in_a_new_article_is_a_form_error(
    editor_client, news_index, reform_category, paragraph
):
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])

    response = editor_client.post(url, article_form(reform_category, paragraph))

    assert response.status_code == 200
    assert shows_the_message(response)
    assert "Chưa tạo được trang vì có lỗi nhập liệu." in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_a_malformed_paragraph_in_an_article_being_edited_saves_nothing(
    editor_client, news_index, reform_category
):
    add = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
    assert editor_client.post(add, article_form(reform_category, VALID)).status_code == 302
    article = ArticlePage.objects.get()
    revisions = article.revisions.count()
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])

    response = editor_client.post(edit, article_form(reform_category, MALFORMED[0], title="Tiêu đề đã sửa"))

    assert response.status_code == 200
    assert shows_the_message(response)
    assert "Chưa lưu được trang vì có lỗi nhập liệu." in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Sở công bố kết quả Chỉ số CCHC năm 2023"
    assert article.revisions.count() == revisions
    assert editor_client.get(edit).status_code == 200  # and the article opens as before


def test_malformed_methodology_notes_of_an_edition_are_a_form_error(client, db):
    """A rich text field outside StreamField: the edition's methodology notes, in the snippet editor."""
    client.force_login(member_of("Kiểm duyệt viên", "kiemduyet"))
    edition = IndexEditionFactory(title="Chỉ số CCHC 2023", slug="chi-so-2023", year=2023, components=[])
    data = nested_form_data(
        {
            "title": "Chỉ số CCHC 2023 (đã sửa)",
            "slug": "chi-so-2023",
            "year": "2023",
            "series": edition.series_id,
            "framework_maximum": "",
            "decision_number": "",
            "decision_date": "",
            "decision_issuer": "",
            "decision_document": "",
            "methodology": "{không phải JSON",
            "components-TOTAL_FORMS": "0",
            "components-INITIAL_FORMS": "0",
            "components-MIN_NUM_FORMS": "0",
            "components-MAX_NUM_FORMS": "1000",
            "bands-TOTAL_FORMS": "0",
            "bands-INITIAL_FORMS": "0",
            "bands-MIN_NUM_FORMS": "0",
            "bands-MAX_NUM_FORMS": "1000",
        }
    )

    response = client.post(reverse("wagtailsnippets_indexes_indexedition:edit", args=[edition.pk]), data)

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()  # under the field, drawn by the server
    assert IndexEdition.objects.get(pk=edition.pk).title == "Chỉ số CCHC 2023"


@pytest.mark.parametrize(
    "table",
    [
        "{không phải JSON",
        "[]",
        json.dumps({"data": 5, "table_header_choice": "row"}),
        json.dumps({"data": [[{"a": 1}]]}),
    ],
    ids=["not-json", "a-list", "data-a-number", "cells-objects"],
)
def test_a_malformed_table_is_a_form_error_too(editor_client, news_index, reform_category, table):
    """The score table's JSON: malformed, it answered 500; of another shape, it was saved and broke the page."""
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
    data = article_form(reform_category, VALID)
    data.update(
        nested_form_data({"body": streamfield([("table", {"caption": "Điểm các lĩnh vực", "table": table})])})
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert shows_the_message(response, TABLE_MESSAGE)
    assert not ArticlePage.objects.exists()
