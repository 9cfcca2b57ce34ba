"""On PostgreSQL, the news search reads the matching articles from the GIN index of `title || body`.

`portal.search.postgres_index` finds the matches through that index and scores them there, instead
of through Wagtail's backend, which tests every article's entry row by row (60-90 ms at 10,000
articles). It must find, count and order exactly what the backend would; and if the planner ever stops
reading the index (an upgrade that writes the expression differently), the plan test fails first.
Skipped on SQLite, whose FTS5 search this module does not touch.
"""

import pytest
from django.db import connection, transaction

from portal.search import postgres_index
from portal.search import query as search_query
from portal.search.service import article_queryset
from portal.transliteration import words
from tests.search.corpus import run_search

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's full-text index (the default SQLite has FTS5)"
)

# (what the reader types, filters): common words, a rare one, a misspelling, a category, a year.
SEARCHES = [
    ("cải cách hành chính", {}),
    ("thu tuc", {}),
    ("Đồng Tháp", {}),
    ("cai cahc hanh chin", {}),
    ("thủ tục", {"chuyen-muc": "dich-vu-cong"}),
    ("chuyển đổi số", {"nam": "2024"}),
]


def articles_for(text: str, filters: dict):
    request = search_query.parse_request({"q": text, **filters})
    return article_queryset(request), " ".join(words(text))


@pytest.mark.parametrize("operator", ["and", "or"])
@pytest.mark.parametrize(("text", "filters"), SEARCHES)
def test_the_index_finds_what_the_backend_finds(corpus, db, text, filters, operator):
    articles, query = articles_for(text, filters)

    backend = {article.pk for article in articles.search(query, operator=operator)}
    with postgres_index.planned_for_search():
        indexed = set(postgres_index.matching(articles, query, operator).values_list("pk", flat=True))

    assert indexed == backend
    if operator == "or" and text != "cai cahc hanh chin":
        assert indexed, f"{text!r} finds nothing: the comparison would prove nothing"


@pytest.mark.parametrize(("text", "filters"), SEARCHES)
def test_the_index_scores_them_in_the_backends_order(corpus, db, text, filters):
    # Any word: the backend's own score. (Every word: the body is scored by how often it holds each
    # word, not how close they stand; `test_relevance` holds what a reader then sees first.)
    articles, query = articles_for(text, filters)

    backend = [article.pk for article in articles.search(query, operator="or", order_by_relevance=True)]
    with postgres_index.planned_for_search():
        ranked = postgres_index.RankedMatches(articles, query, "or", count=len(backend))
        first, rest = ranked[:3], ranked[3:]

    assert [article.pk for article in first + rest] == backend
    assert len(ranked) == len(backend)


def test_a_category_search_reads_the_gin_index_not_every_entry(corpus, db):
    articles, query = articles_for("thủ tục", {"chuyen-muc": "dich-vu-cong"})
    counted = postgres_index.matching(articles, query, "and").order_by()[:2001]
    sql, params = counted.query.sql_with_params()

    with postgres_index.planned_for_search(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN SELECT COUNT(*) FROM ({sql}) counted", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "portal_search_title_body_gin" in plan
    assert "Seq Scan on wagtailsearch_indexentry" not in plan


def test_the_planner_settings_end_with_the_search(db):
    def planner() -> tuple[str, str]:
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            seqscan = cursor.fetchone()[0]
            cursor.execute("SHOW max_parallel_workers_per_gather")
            return seqscan, cursor.fetchone()[0]

    before = planner()
    with transaction.atomic():  # a request already in a transaction keeps its planner as it was
        with postgres_index.planned_for_search():
            assert planner() == ("off", "0")
        assert planner() == before
    with postgres_index.planned_for_search():
        pass
    assert planner() == before


def test_the_search_page_finds_and_counts_through_the_index(corpus, db, client):
    results = run_search("thủ tục", **{"chuyen-muc": "dich-vu-cong"})
    response = client.get("/tim-kiem/", {"q": "thủ tục", "chuyen-muc": "dich-vu-cong"})

    assert results.article_count == len(results.articles) > 0
    assert all(
        "dich-vu-cong" in {category.slug for category in hit.article.categories.all()}
        for hit in results.articles
    )
    page = response.content.decode()
    assert all(hit.article.slug in page for hit in results.articles)  # each found article linked
