"""Helpers for the legal documents library's tests: a library, documents published as editors do."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from portal.legal.models import (
    DocumentField,
    DocumentFile,
    DocumentForm,
    Issuer,
    LegalDocumentPage,
    LegalLibraryPage,
)


def make_library(home) -> LegalLibraryPage:
    library = home.add_child(instance=LegalLibraryPage(title="Hệ thống văn bản", slug="van-ban"))
    library.save_revision().publish()
    return library


def form(name="Quyết định", slug="quyet-dinh", abbreviation="QĐ") -> DocumentForm:
    return DocumentForm.objects.get_or_create(
        slug=slug, defaults={"name": name, "abbreviation": abbreviation}
    )[0]


def issuer(name="Ủy ban nhân dân tỉnh", slug="ubnd-tinh") -> Issuer:
    return Issuer.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def field(name="Cải cách hành chính", slug="cai-cach-hanh-chinh") -> DocumentField:
    return DocumentField.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def wagtail_file(name="van-ban.pdf", content=b"%PDF-1.4 demo") -> object:
    document = get_document_model()(title=name, file_size=len(content))
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def add_document(library, *, publish=True, files=(), relations=(), **fields) -> LegalDocumentPage:
    """Add a document to the library (published through a revision unless `publish=False`)."""
    values = {
        "number": "57/QĐ-UBND",
        "form": form(),
        "issuer": issuer(),
        "issued_on": datetime.date(2024, 1, 25),
        "abstract": "Công bố kết quả Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành.",
        **fields,
    }
    document = LegalDocumentPage(**values)
    document.files = [DocumentFile(document=item) for item in files]
    document.relations = list(relations)
    library.add_child(instance=document)
    if publish:
        document.save_revision().publish()
    else:
        document.live = False
        document.save_revision()
        LegalDocumentPage.objects.filter(pk=document.pk).update(live=False)
    document.refresh_from_db()
    return document
