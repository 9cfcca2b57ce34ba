"""Numbers in news and figures become links to published documents, and documents list who cites them.

Links are added when pages render (never written into what editors wrote), only to published
documents, and only when the number (with its date or year) names exactly one.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indexes.models import IndexEdition, IndexesPage
from news.models import ArticlePage
from portal.legal.citations import link_citations
from portal.legal.models import Citation, LegalDocumentPage
from tests.factories import publish_article
from tests.indexes.factories import IndexEditionFactory
from tests.legal.helpers import add_document, issuer

pytestmark = pytest.mark.django_db

BODY = "<p>Theo Quyết định số 57/QĐ-UBND ngày 25/01/2024, Sở xếp thứ 13/18 với 83,45/100 điểm.</p>"


def paragraph(html: str) -> list[dict]:
    return [{"type": "paragraph", "value": html}]


def test_a_number_of_a_published_document_becomes_a_link(library):
    document = add_document(library)
    html = str(link_citations(BODY))
    assert html.count("<a ") == 1
    assert (
        f'<a class="citation" href="{document.url}" title="Quyết định 57/QĐ-UBND, Ủy ban nhân dân tỉnh, ngày 25/01/2024 – còn hiệu lực">57/QĐ-UBND</a> ngày 25/01/2024'
        in html
    )
    # Spelling variants in the text name the same document.
    assert document.url in str(link_citations("<p>Quyết định 57/QD-UBND ngày 25/01/2024</p>"))


def test_drafts_and_unknown_numbers_stay_text(library):
    add_document(library, publish=False)
    assert str(link_citations(BODY)) == BODY
    assert str(link_citations("<p>Kế hoạch 97/KH-SKHCN</p>")) == "<p>Kế hoạch 97/KH-SKHCN</p>"


def test_existing_links_scripts_and_attributes_are_left_alone(library):
    add_document(library)
    html = (
        '<p><a href="/x/">Quyết định 57/QĐ-UBND</a> <img alt="57/QĐ-UBND" src="a.png">'
        "<script>var n = '57/QĐ-UBND';</script></p>"
    )
    assert str(link_citations(html)) == html


def test_a_date_or_year_tells_documents_with_the_same_number_apart(library):
    this_year = add_document(library)
    last_year = add_document(library, issued_on=datetime.date(2023, 2, 10))
    assert this_year.url in str(link_citations("<p>57/QĐ-UBND ngày 25/01/2024</p>"))
    assert last_year.url in str(link_citations("<p>57/QĐ-UBND ngày 10/02/2023</p>"))
    assert "<a" not in str(link_citations("<p>Quyết định 57/QĐ-UBND</p>"))  # which one?
    decree = add_document(library, number="42/2022/NĐ-CP", issued_on=datetime.date(2022, 6, 24))
    assert decree.url in str(link_citations("<p>Nghị định 42/2022/NĐ-CP</p>"))


def test_a_document_does_not_link_to_itself(library):
    document = add_document(library)
    assert "<a" not in str(link_citations(BODY, exclude=document.pk))


def test_an_expired_document_is_still_linked_and_marked(library):
    add_document(library, expires_on=datetime.date(2024, 12, 31))
    html = str(link_citations(BODY))
    assert 'class="citation citation--expired"' in html and "hết hiệu lực" in html


def test_an_article_links_its_citations_and_is_never_rewritten(client, library, news_index):
    add_document(library)
    article = publish_article(
        news_index, body=paragraph(BODY), source="Quyết định 57/QĐ-UBND ngày 25/01/2024"
    )
    html = client.get(article.url).content.decode()
    assert html.count('href="/van-ban/57-qd-ubnd-2024/"') == 3  # the source, the body and the byline
    stored = ArticlePage.objects.get(pk=article.pk)
    assert stored.body.raw_data[0]["value"] == BODY
    assert stored.source == "Quyết định 57/QĐ-UBND ngày 25/01/2024"


def test_publishing_or_unpublishing_a_document_changes_the_links_of_cached_articles(
    client, library, news_index
):
    article = publish_article(news_index, body=paragraph(BODY))
    assert "/van-ban/" not in client.get(article.url).content.decode()  # kept in the fragment cache

    document = add_document(library)
    assert 'href="/van-ban/57-qd-ubnd-2024/"' in client.get(article.url).content.decode()

    document.unpublish()
    assert "/van-ban/" not in client.get(article.url).content.decode()


def test_a_document_lists_the_published_news_and_editions_that_cite_it(
    client, library, news_index, home_page
):
    document = add_document(library)
    older = add_document(library, issued_on=datetime.date(2023, 1, 20))
    # Published before the document it cites: the citation is found all the same.
    article = publish_article(news_index, title="Hội nghị CCHC 2024", body=paragraph(BODY))
    draft = publish_article(news_index, title="Bài chưa duyệt", body=paragraph(BODY))
    draft.unpublish()
    section = home_page.add_child(instance=IndexesPage(title="Chỉ số cải cách hành chính", slug="chi-so"))
    section.save_revision().publish()
    edition = IndexEditionFactory(
        title="Chỉ số CCHC năm 2023", slug="chi-so-cchc-2023", year=2023, live=False
    )
    edition.decision_legal_document = document
    edition.save_revision().publish()

    html = client.get(document.url).content.decode()
    assert "Được trích dẫn trong" in html
    assert f'<a href="{article.url}">Hội nghị CCHC 2024</a>' in html
    assert '<a href="/chi-so/chi-so-cchc-2023/">Chỉ số CCHC năm 2023</a>' in html
    assert "Bài chưa duyệt" not in html
    assert "Hội nghị CCHC 2024" not in client.get(older.url).content.decode()  # another year's decision

    IndexEdition.objects.get(pk=edition.pk).unpublish()
    assert "Chỉ số CCHC năm 2023" not in client.get(document.url).content.decode()
    ArticlePage.objects.get(pk=article.pk).delete()
    assert not Citation.objects.exists()


def test_a_documents_cited_in_list_follows_each_change_of_a_citation_and_is_kept_through_other_edits(
    client, library, news_index, django_capture_on_commit_callbacks
):
    def publish(article):
        with django_capture_on_commit_callbacks(execute=True):  # what a publish does once committed
            article.save_revision().publish()

    document = add_document(library)
    article = publish_article(news_index, title="Hội nghị CCHC 2024", body=paragraph(BODY))
    assert f'<a href="{article.url}">Hội nghị CCHC 2024</a>' in client.get(document.url).content.decode()
    recorded = list(Citation.objects.values_list("pk", flat=True))

    # The common edit: a paragraph added, the same document cited. Nothing is written again, and the
    # document's page shows its list as kept, without reading who cites it.
    article.body = paragraph(BODY + "<p>Các phòng chuyên môn triển khai ngay trong quý I.</p>")
    publish(article)
    assert list(Citation.objects.values_list("pk", flat=True)) == recorded
    with CaptureQueriesContext(connection) as queries:
        html = client.get(document.url).content.decode()
    assert f'<a href="{article.url}">Hội nghị CCHC 2024</a>' in html
    assert not [query for query in queries if Citation._meta.db_table in query["sql"]]

    article.title = "Tổng kết cải cách hành chính năm 2024"
    publish(article)
    assert "Tổng kết cải cách hành chính năm 2024" in client.get(document.url).content.decode()

    article.body = paragraph("<p>Sở tổ chức hội nghị tổng kết, không nêu văn bản nào.</p>")
    publish(article)
    assert "Tổng kết cải cách hành chính năm 2024" not in client.get(document.url).content.decode()

    article.body = paragraph(BODY)
    publish(article)
    assert "Tổng kết cải cách hành chính năm 2024" in client.get(document.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=article.pk).unpublish()
    assert "Tổng kết cải cách hành chính năm 2024" not in client.get(document.url).content.decode()


def test_an_edition_links_its_decision_from_the_library_and_its_methodology(client, library, home_page):
    decision = add_document(library)
    method = add_document(
        library,
        number="876/QĐ-BNV",
        issuer=issuer("Bộ Nội vụ", "bo-noi-vu"),
        issued_on=datetime.date(2022, 11, 10),
        abstract="Phương pháp xác định Chỉ số CCHC.",
    )
    section = home_page.add_child(instance=IndexesPage(title="Chỉ số cải cách hành chính", slug="chi-so"))
    section.save_revision().publish()
    edition = IndexEditionFactory(
        slug="chi-so-cchc-2023",
        year=2023,
        decision_number="57/QĐ-UBND",
        decision_date=datetime.date(2024, 1, 25),
        methodology="<p>Chấm theo Quyết định 876/QĐ-BNV.</p>",
    )
    edition.full_clean()  # as the admin does on saving: the typed number is found in the library
    edition.save()
    assert edition.decision_legal_document_id == decision.pk
    assert edition.decision_issuer == "Ủy ban nhân dân tỉnh"

    html = client.get("/chi-so/chi-so-cchc-2023/").content.decode()
    assert f'<dd><a href="{decision.url}">57/QĐ-UBND</a>, ngày 25/01/2024, Ủy ban nhân dân tỉnh</dd>' in html
    assert f'<a class="citation" href="{method.url}"' in html


def test_an_edition_decision_not_in_the_library_stays_text(client, library, home_page):
    section = home_page.add_child(instance=IndexesPage(title="Chỉ số cải cách hành chính", slug="chi-so"))
    section.save_revision().publish()
    edition = IndexEditionFactory(slug="chi-so-cchc-2022", decision_number="Quyết định năm 2023 (giả định)")
    edition.full_clean()
    assert edition.decision_legal_document is None
    edition.save()
    assert "<dd>Quyết định năm 2023 (giả định)" in client.get("/chi-so/chi-so-cchc-2022/").content.decode()


def test_the_editor_sees_which_numbers_of_a_draft_match_a_document(admin_client, library, news_index):
    add_document(library)
    add_document(library, number="97/KH-SKHCN", publish=False)
    article = publish_article(
        news_index,
        body=paragraph(BODY + "<p>Kế hoạch 97/KH-SKHCN và Công văn 2731/UBND-KGVX.</p>"),
    )
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "Văn bản được trích dẫn" in html
    assert "sẽ thành liên kết tới" in html and "Quyết định 57/QĐ-UBND" in html
    assert "có trong Hệ thống văn bản nhưng chưa xuất bản" in html
    assert "chưa có trong Hệ thống văn bản" in html
    draft = LegalDocumentPage.objects.get(number_key="97/kh-skhcn")
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in html


def test_the_edition_editor_sees_the_numbers_too(admin_client, library):
    add_document(library)
    edition = IndexEditionFactory(decision_number="57/QĐ-UBND", decision_date=datetime.date(2024, 1, 25))
    html = admin_client.get(
        reverse("wagtailsnippets_indexes_indexedition:edit", args=[edition.pk])
    ).content.decode()
    assert "Văn bản được trích dẫn" in html and "sẽ thành liên kết tới" in html


def test_record_citations_finds_what_was_published_before_the_library(library, news_index):
    article = publish_article(news_index, body=paragraph(BODY))
    Citation.objects.all().delete()
    call_command("record_citations", stdout=io.StringIO())
    assert list(Citation.objects.values_list("object_id", "number", "cited_year")) == [
        (article.pk, "57/QĐ-UBND", 2024)
    ]
    assert IndexEdition.objects.count() == 0
