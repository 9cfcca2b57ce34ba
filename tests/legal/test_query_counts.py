"""The library's pages cost the same number of queries with 10 documents as with 5,000.

Counted as `tests/news/test_query_counts.py` counts the news: cold (the first view since a publish,
once another page has read what all pages share) and warm (the next view).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.caching.generation import purge
from portal.legal.models import DocumentRelation, LegalDocumentPage, RelationKind
from portal.legal.synthetic import generate_documents
from tests.factories import publish_article
from tests.legal.helpers import add_document, wagtail_file

pytestmark = pytest.mark.django_db

# README, "Performance": every page type under 15 queries, even cold.
BUDGET = {"list": 12, "filtered": 12, "document": 10, "synthetic document": 10}
WARM_BUDGET = {"list": 4, "filtered": 4, "document": 1, "synthetic document": 1}


def count_queries(client, path) -> tuple[int, int]:
    client.get(path)
    purge()
    client.get("/thong-ke-truy-cap/")  # reads the site, its identity and menus again
    with CaptureQueriesContext(connection) as cold:
        client.get(path)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(cold), len(warm)


def page_costs(client, cited):
    synthetic = LegalDocumentPage.objects.live().exclude(pk=cited.pk).order_by("pk").first()
    return {
        "list": count_queries(client, "/van-ban/"),
        "filtered": count_queries(client, "/van-ban/?hieu-luc=con-hieu-luc&sap-xep=cu-nhat&page=1"),
        "document": count_queries(client, cited.url),
        "synthetic document": count_queries(client, synthetic.url),
    }


@pytest.mark.slow  # writes 5,000 documents
def test_query_counts_do_not_grow_with_the_number_of_documents(client, library, news_index, settings):
    # The visitor box is kept for VISITS_SUMMARY_SECONDS whatever is published: when writing 4,990
    # documents takes about that long on a busy machine, its expiry would land in one measurement.
    settings.VISITS_SUMMARY_SECONDS = 3600
    cited = add_document(library, files=[wagtail_file("a.pdf"), wagtail_file("b.xlsx")])
    add_document(
        library,
        number="58/QĐ-UBND",
        issued_on=datetime.date(2024, 2, 1),
        relations=[DocumentRelation(kind=RelationKind.AMENDS, target=cited)],
    )
    publish_article(
        news_index, body=[{"type": "paragraph", "value": "<p>Theo 57/QĐ-UBND ngày 25/01/2024.</p>"}]
    )
    generate_documents(count=10, library=library)
    with_10 = page_costs(client, cited)

    generate_documents(count=4990, library=library, seed=7)
    assert LegalDocumentPage.objects.live().count() == 5002
    with_5000 = page_costs(client, cited)

    assert with_5000 == with_10
    assert all(with_5000[page][0] <= BUDGET[page] for page in BUDGET), with_5000
    assert all(with_5000[page][1] <= WARM_BUDGET[page] for page in BUDGET), with_5000
