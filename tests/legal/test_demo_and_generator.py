"""The demo library that `load_demo` loads (safe to run again) and `generate_documents N` for load tests."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.models import Page

from indexes.models import IndexEdition
from portal.legal.models import Citation, DocumentRelation, LegalDocumentPage

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # the demo loads whole; generating writes pages
SEED_NUMBERS = {"57/QĐ-UBND", "97/KH-SKHCN", "2554/KH-SKHCN", "75/KH-SKHCN", "568/TB-SXD", "876/QĐ-BNV"}


def test_the_demo_library_holds_the_documents_the_seed_pages_cite_and_loads_again_safely(client):
    call_command("load_demo", "--no-admin", stdout=io.StringIO())
    documents = LegalDocumentPage.objects.live()
    assert set(documents.values_list("number", flat=True)) >= SEED_NUMBERS
    assert all(document.files.filter(document__file__endswith=".pdf").exists() for document in documents)
    assert DocumentRelation.objects.filter(page__number="30/KH-SKHCN", target__number="97/KH-SKHCN").exists()

    # The edition's decision is the library's document, and the demo articles link theirs.
    decision = documents.get(number="57/QĐ-UBND")
    assert IndexEdition.objects.get(slug="chi-so-cchc-2023").decision_legal_document == decision
    edition = client.get("/chi-so-cai-cach-hanh-chinh/chi-so-cchc-2023/").content.decode()
    assert f'<a href="{decision.url}">57/QĐ-UBND</a>' in edition
    article = client.get("/tin-tuc/ket-luan-cong-tac-cchc-7-thang-dau-nam-2024/").content.decode()
    for number in ("97/KH-SKHCN", "75/KH-SKHCN", "2731/UBND-KGVX"):
        assert f"{number}</a>" in article, number
    page = client.get(decision.url).content.decode()
    assert "Hội nghị cải cách hành chính năm 2024" in page and "Chỉ số cải cách hành chính năm 2023" in page
    assert client.get("/van-ban/").status_code == 200

    counts = (
        LegalDocumentPage.objects.count(),
        get_document_model().objects.count(),
        Citation.objects.count(),
    )
    call_command("load_demo", "--no-admin", stdout=io.StringIO())
    assert (
        LegalDocumentPage.objects.count(),
        get_document_model().objects.count(),
        Citation.objects.count(),
    ) == counts


def test_generated_documents_are_published_well_formed_pages(client, library):
    out = io.StringIO()
    call_command("generate_documents", "40", stdout=out)
    assert "Created 40 documents" in out.getvalue()
    documents = LegalDocumentPage.objects.live().child_of(library)
    assert documents.count() == 40
    assert all(problems == [] for problems in Page.find_problems())
    assert not documents.filter(files__isnull=True).exists()
    assert len(set(documents.values_list("number_key", "issuer_id", "issued_on__year"))) == 40
    listing = client.get("/van-ban/")
    assert "40 văn bản" in listing.content.decode()
    assert client.get(documents.first().url).status_code == 200
    call_command("generate_documents", "5", stdout=io.StringIO())  # again: no number is taken twice
    assert LegalDocumentPage.objects.count() == 45


def test_generate_documents_needs_a_library_and_a_positive_count(db):
    with pytest.raises(CommandError):
        call_command("generate_documents", "10", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("generate_documents", "0", stdout=io.StringIO())
