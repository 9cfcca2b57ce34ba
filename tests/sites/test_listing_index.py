"""A department's news listing reads its own section through an index, however many sites share the table.

Every department's articles live in Wagtail's one page table. The listing finds a section's articles by
their parent's path, which the index `news_page_children_by_date` holds with the date (migration
`news.0006`): the database reads a page of the listing from the start of the section's range instead of
reading every article of the section, or of every site, and sorting them. If the query's expression and
the index's ever drift apart (a Django or Wagtail upgrade that writes them differently), the database
silently stops using the index and listings slow down with the size of the province: the plan test
below fails first.
"""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from news.indexes import CHILDREN_BY_DATE_INDEX
from news.models import ArticlePage, NewsIndexPage
from tests.factories import publish_article
from tests.sites.conftest import KHCN_HOST, XD_HOST

pytestmark = pytest.mark.django_db


def news_of(site) -> NewsIndexPage:
    return NewsIndexPage.objects.child_of(site.home).get()


def dated(news, title: str, when: datetime) -> ArticlePage:
    return publish_article(news, title=title, first_published_at=when)


def query_plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        # A test database's few rows are cheaper to read whole than through any index: forbid the
        # plans that read a whole table or sort, and see whether the listing's index can serve instead.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_sections_listing_holds_its_own_articles_newest_first(khcn, xd):
    start = timezone.now() - timedelta(days=30)
    khcn_news, xd_news = news_of(khcn), news_of(xd)
    older = dated(khcn_news, "Sở KH&CN sơ kết cải cách hành chính quý I", start)
    newer = dated(khcn_news, "Sở KH&CN công bố chỉ số cải cách hành chính", start + timedelta(days=2))
    dated(xd_news, "Sở Xây dựng triển khai dịch vụ công trực tuyến", start + timedelta(days=1))

    assert list(khcn_news.articles()) == [newer, older]
    assert [article.title for article in xd_news.articles()] == [
        "Sở Xây dựng triển khai dịch vụ công trực tuyến"
    ]


def test_the_listing_page_reads_its_section_through_the_index(client, khcn, xd):
    dated(news_of(khcn), "Sở KH&CN họp về chỉ số cải cách hành chính", timezone.now())
    dated(news_of(xd), "Sở Xây dựng họp về chỉ số cải cách hành chính", timezone.now())

    newest_ten = news_of(khcn).articles().values("pk")[:10]

    assert CHILDREN_BY_DATE_INDEX in query_plan(newest_ten)
    response = client.get("/tin-tuc/", HTTP_HOST=KHCN_HOST)
    assert "Sở KH&amp;CN họp về chỉ số cải cách hành chính" in response.content.decode()
    assert "Sở Xây dựng họp" not in response.content.decode()
    assert client.get("/tin-tuc/", HTTP_HOST=XD_HOST).status_code == 200
