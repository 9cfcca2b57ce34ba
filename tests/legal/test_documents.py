"""Documents: title and address from the number, duplicates refused, files checked, status derived."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from portal.legal.models import (
    DocumentFile,
    DocumentRelation,
    LegalDocumentPage,
    RelationKind,
    Status,
    Validity,
)
from tests.legal.helpers import add_document, issuer, wagtail_file

pytestmark = pytest.mark.django_db


def test_a_document_is_titled_and_addressed_by_its_form_and_number(library):
    document = add_document(library, number="57 / QD - ubnd")
    assert document.number == "57/QD-UBND"
    assert document.number_key == "57/qd-ubnd"
    assert document.title == "Quyết định 57/QD-UBND"
    assert document.url == "/van-ban/57-qd-ubnd-2024/"


@pytest.mark.parametrize("typed", ["57/QĐ-UBND", "57 / QĐ - UBND", "57/QD-UBND"])
def test_the_same_number_from_the_same_issuer_in_the_same_year_is_refused(library, typed):
    add_document(library, number="57/QĐ-UBND")
    duplicate = LegalDocumentPage(
        number=typed,
        form=library.get_children().first().specific.form,
        issuer=issuer(),
        issued_on=datetime.date(2024, 6, 1),
        abstract="Bản trùng.",
    )
    with pytest.raises(ValidationError) as refused:
        library.add_child(instance=duplicate)
    message = refused.value.message_dict["number"][0]
    assert "Hệ thống đã có văn bản số 57/QĐ-UBND do Ủy ban nhân dân tỉnh ban hành năm 2024" in message


def test_a_duplicate_draft_is_refused_too(library):
    add_document(library, number="57/QĐ-UBND", publish=False)
    with pytest.raises(ValidationError):
        add_document(library, number="57/QD-UBND")


def test_the_same_number_is_allowed_from_another_issuer_or_in_another_year(library):
    add_document(library, number="57/QĐ-UBND")
    add_document(library, number="57/QĐ-UBND", issued_on=datetime.date(2023, 1, 20))
    add_document(library, number="57/QĐ-UBND", issuer=issuer("Sở Xây dựng", "so-xay-dung"))
    assert LegalDocumentPage.objects.filter(number_key="57/qd-ubnd").count() == 3


def test_a_number_that_is_not_one_is_refused_with_an_example(library):
    with pytest.raises(ValidationError) as refused:
        add_document(library, number="Quyết định năm 2023")
    assert "ví dụ 57/QĐ-UBND" in refused.value.message_dict["number"][0]


def test_only_pdf_word_and_excel_files_are_attached():
    for name in ("van-ban.pdf", "phu-luc.docx", "bang.xlsx", "cu.doc", "cu.xls"):
        DocumentFile(document=wagtail_file(name)).clean()
    with pytest.raises(ValidationError) as refused:
        DocumentFile(document=wagtail_file("anh.zip")).clean()
    assert "PDF, DOC, DOCX, XLS hoặc XLSX" in str(refused.value)


def test_a_document_cannot_replace_itself(library):
    document = add_document(library)
    with pytest.raises(ValidationError):
        DocumentRelation(page=document, target=document, kind=RelationKind.REPLACES).clean()


@time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_status_follows_the_dates_the_validity_and_replacements_the_same_in_sql_and_python(library):
    day = datetime.date(2025, 6, 1)
    cases = {
        "in-force": add_document(library, number="1/QĐ-UBND"),
        "partly": add_document(library, number="2/QĐ-UBND", validity=Validity.PARTLY_EXPIRED),
        "expired-by-choice": add_document(library, number="3/QĐ-UBND", validity=Validity.EXPIRED),
        "expired-by-date": add_document(library, number="4/QĐ-UBND", expires_on=day),
        "expires-tomorrow": add_document(library, number="5/QĐ-UBND", expires_on=day + datetime.timedelta(1)),
        "not-yet": add_document(library, number="6/QĐ-UBND", effective_from=day + datetime.timedelta(1)),
        "replaced": add_document(library, number="7/QĐ-UBND"),
        "replaced-later": add_document(library, number="8/QĐ-UBND"),
        "replaced-by-draft": add_document(library, number="9/QĐ-UBND"),
    }
    add_document(
        library,
        number="10/QĐ-UBND",
        relations=[DocumentRelation(kind=RelationKind.REPLACES, target=cases["replaced"])],
    )
    add_document(
        library,
        number="11/QĐ-UBND",
        effective_from=day + datetime.timedelta(30),
        relations=[DocumentRelation(kind=RelationKind.REPLACES, target=cases["replaced-later"])],
    )
    add_document(
        library,
        number="12/QĐ-UBND",
        publish=False,
        relations=[DocumentRelation(kind=RelationKind.REPLACES, target=cases["replaced-by-draft"])],
    )
    expected = {
        "in-force": Status.IN_FORCE,
        "partly": Status.PARTLY_EXPIRED,
        "expired-by-choice": Status.EXPIRED,
        "expired-by-date": Status.EXPIRED,
        "expires-tomorrow": Status.IN_FORCE,
        "not-yet": Status.NOT_YET,
        "replaced": Status.EXPIRED,
        "replaced-later": Status.IN_FORCE,
        "replaced-by-draft": Status.IN_FORCE,
    }
    annotated = {row.pk: row.current_status for row in LegalDocumentPage.objects.with_status()}
    for name, document in cases.items():
        fresh = LegalDocumentPage.objects.get(pk=document.pk)
        assert (name, fresh.status_on(day)) == (name, expected[name])
        assert (name, annotated[document.pk]) == (name, expected[name])
