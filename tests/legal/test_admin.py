"""Editors write documents in the admin as they write articles: drafts, moderation, then public.

The title and address are made from the number; a duplicate or malformed number, and a file of
another kind, are refused with a Vietnamese message. The lists (forms, issuing bodies, fields) are
snippets: moderators manage them all, editors may add issuing bodies and fields.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from portal.legal.models import DocumentForm, Issuer, LegalDocumentPage
from tests.factories import UserFactory
from tests.legal.helpers import add_document, field, form, issuer, wagtail_file

pytestmark = pytest.mark.django_db
EDITORS, MODERATORS = "Biên tập viên", "Kiểm duyệt viên"


def member_of(group_name, username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def document_form(files=(), **extra):
    return nested_form_data(
        {
            "number": "57 / QD - ubnd",
            "form": form().pk,
            "issuer": issuer().pk,
            "signer": "Chủ tịch UBND tỉnh",
            "field": field().pk,
            "abstract": "Công bố kết quả Chỉ số cải cách hành chính năm 2023.",
            "issued_on": "2024-01-25",
            "effective_from": "",
            "expires_on": "",
            "validity": "con-hieu-luc",
            "files": inline_formset([{"document": item.pk, "label": ""} for item in files]),
            "relations": inline_formset([]),
            "full_text": rich_text(""),
            "slug": "",
            **extra,
        }
    )


def add_url(library):
    return reverse("wagtailadmin_pages:add", args=["legal", "legaldocumentpage", library.pk])


def test_an_editor_submits_a_document_and_a_moderator_publishes_it(client, library):
    client.force_login(member_of(EDITORS, "bientap"))
    response = client.post(
        add_url(library), document_form([wagtail_file("57.pdf")], **{"action-submit": "submit"})
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""

    document = LegalDocumentPage.objects.get()
    assert (document.title, document.slug, document.number) == (
        "Quyết định 57/QD-UBND",
        "57-qd-ubnd-2024",
        "57/QD-UBND",
    )
    assert not document.live and document.current_workflow_state.status == "in_progress"
    client.logout()
    assert client.get("/van-ban/57-qd-ubnd-2024/").status_code == 404
    assert "57/QD-UBND" not in client.get("/van-ban/").content.decode()

    client.force_login(member_of(MODERATORS, "kiemduyet"))
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[document.pk, "approve", document.current_workflow_task_state.pk],
        ),
        {"comment": ""},
    )
    client.logout()
    assert LegalDocumentPage.objects.get().live
    assert "Quyết định 57/QD-UBND" in client.get("/van-ban/").content.decode()
    assert client.get("/van-ban/57-qd-ubnd-2024/").status_code == 200


def test_an_editor_cannot_publish_a_document_directly(client, library):
    client.force_login(member_of(EDITORS, "bientap"))
    client.post(add_url(library), document_form(**{"action-publish": "publish"}))
    assert not LegalDocumentPage.objects.get().live


def test_the_admin_refuses_a_duplicate_number_in_vietnamese(client, library):
    add_document(library)
    client.force_login(member_of(MODERATORS, "kiemduyet"))
    response = client.post(add_url(library), document_form(**{"action-publish": "publish"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hệ thống đã có văn bản số 57/QĐ-UBND do Ủy ban nhân dân tỉnh ban hành năm 2024" in html
    assert LegalDocumentPage.objects.count() == 1


def test_the_admin_refuses_a_malformed_number_and_other_kinds_of_files(client, library):
    client.force_login(member_of(MODERATORS, "kiemduyet"))
    response = client.post(
        add_url(library), document_form(number="QĐ năm 2024", **{"action-publish": "publish"})
    )
    assert "không phải là số, ký hiệu văn bản" in response.content.decode()
    response = client.post(
        add_url(library), document_form([wagtail_file("anh.zip")], **{"action-publish": "publish"})
    )
    assert "Chỉ đính kèm tệp PDF, DOC, DOCX, XLS hoặc XLSX." in response.content.decode()
    assert not LegalDocumentPage.objects.exists()


def test_the_document_editor_is_in_vietnamese(client, library):
    client.force_login(member_of(EDITORS, "bientap"))
    html = client.get(add_url(library)).content.decode()
    for label in [
        "Số, ký hiệu",
        "Cơ quan ban hành",
        "Trích yếu",
        "Ngày ban hành",
        "Tình trạng hiệu lực",
        "Toàn văn",
    ]:
        assert label in html, label


def test_moderators_manage_the_lists_and_editors_add_issuing_bodies(client):
    client.force_login(member_of(EDITORS, "bientap"))
    assert client.get(reverse("wagtailsnippets_legal_issuer:add")).status_code == 200
    assert client.get(reverse("wagtailsnippets_legal_documentform:add")).status_code in (302, 403)
    client.post(
        reverse("wagtailsnippets_legal_issuer:add"), {"name": "Sở Tư pháp", "slug": "", "sort_order": "0"}
    )
    assert Issuer.objects.get(name="Sở Tư pháp").slug == "so-tu-phap"

    client.force_login(member_of(MODERATORS, "kiemduyet"))
    client.post(
        reverse("wagtailsnippets_legal_documentform:add"),
        {"name": "Quy chế", "abbreviation": "QC", "slug": "", "sort_order": "20"},
    )
    assert DocumentForm.objects.filter(slug="quy-che").exists()
    # The starting list of forms, from the migration.
    assert {
        "Luật",
        "Nghị định",
        "Thông tư",
        "Quyết định",
        "Kế hoạch",
        "Công văn",
        "Thông báo",
        "Báo cáo",
    } <= set(DocumentForm.objects.values_list("name", flat=True))


def test_the_all_documents_menu_item_opens_the_library_in_the_explorer(admin_client, library):
    response = admin_client.get(reverse("legal_documents"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[library.pk])
    sidebar = admin_client.get(reverse("wagtailadmin_home")).content.decode()  # the menu, as JSON
    assert reverse("legal_documents") in sidebar and "T\\u1ea5t c\\u1ea3 v\\u0103n b\\u1ea3n" in sidebar


def test_a_copied_document_leaves_its_number_for_the_editor_to_write(library):
    document = add_document(library)
    copy = document.copy(update_attrs={"slug": "ban-sao"}, keep_live=False)
    assert (copy.number, copy.number_key, copy.title) == ("", "", "Quyết định")
    assert LegalDocumentPage.objects.get(pk=document.pk).number == "57/QĐ-UBND"
