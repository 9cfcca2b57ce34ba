"""/tim-kiem/ and /api/v1/search: groups, highlighting, filters, paging, bad and hostile input,
unpublished data, the rate limit and suggestions, on the corpus of tests/search/corpus.py."""

import re
import time
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indexes.models import Agency
from news.models import ArticlePage
from portal import ratelimit
from portal.caching.generation import purge
from tests.factories import ArticlePageFactory
from tests.indexes.factories import AgencyFactory, IndexEditionFactory, ResultFactory
from tests.search.corpus import (
    CONCLUSION,
    CONFERENCE,
    DONG_THAP,
    ISO,
    KHCN,
    ONLINE_SERVICES,
    STORIES,
    SXD_OTHER,
    hits,
)

PAGE = "/tim-kiem/"
API = "/api/v1/search"
SUGGEST = "/api/v1/search/suggest"


@pytest.fixture
def news_index(corpus, db):
    return corpus


def page(client, **params):
    response = client.get(PAGE, params)
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def api(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content.decode()[:500]
    return response.json()


def heading_count(html: str, group_id: str) -> int | None:
    """The count shown beside a group's heading, or None when the group is not shown."""
    match = re.search(rf'id="{group_id}">[^<]*<span class="muted">\((\d+)\)</span>', html)
    return int(match.group(1)) if match else None


def article_titles(response) -> list[str]:
    return hits(response.context["results"], "tin-tuc")


# Groups, counts and highlighting ------------------------------------------------------------------


def test_results_come_in_groups_with_their_counts(client, news_index):
    response = page(client, q="so khoa hoc")
    html = response.content.decode()
    results = response.context["results"]

    assert results.score_count == 3
    assert results.agency_count == 1
    assert results.article_count >= 2
    assert heading_count(html, "scores-heading") == 3
    assert heading_count(html, "agencies-heading") == 1
    assert heading_count(html, "news-heading") == results.article_count
    # Scores first, then agencies, then news.
    assert (
        html.index('id="scores-heading"')
        < html.index('id="agencies-heading"')
        < html.index('id="news-heading"')
    )
    assert str(results.total) in html.split('class="search-summary"')[1].split("</p>")[0]


def test_a_query_naming_the_index_leads_to_it_above_the_groups(client, news_index):
    html = page(client, q="chi so cai cach hanh chinh").content.decode()
    best = html.split('id="best-bets-heading"')[1].split("</section>")[0]
    link = re.search(r'<a href="([^"]+)">([^<]+)</a>', best)

    assert html.index('id="best-bets-heading"') < html.index('id="news-heading"')
    assert link.group(2) == "Chỉ số cải cách hành chính"
    assert client.get(link.group(1)).status_code == 200
    edition = api(client, q="xep hang 2023")["best_bets"][0]
    assert edition["kind"] == "edition"
    assert client.get(edition["url"]).status_code == 200
    assert "best-bets-heading" not in page(client, q="dong thap").content.decode()


def test_a_query_that_finds_nothing_says_so(client, news_index):
    response = page(client, q="zzqx wqvv")

    assert response.context["results"].total == 0
    assert "Không tìm thấy kết quả cho “zzqx wqvv”" in response.content.decode()


def test_matching_words_are_marked_with_or_without_diacritics(client, news_index):
    for query in ("dong thap", "Đồng Tháp"):
        html = page(client, q=query).content.decode()

        assert "<mark>Đồng Tháp</mark> dẫn đầu khu vực" in html  # the phrase, as one
    html = page(client, q="so khoa hoc").content.decode()
    assert "<mark>Sở Khoa học</mark> và Công nghệ" in html


def test_a_hostile_query_is_shown_escaped(client, news_index):
    hostile = "<script>alert(1)</script>"

    html = page(client, q=hostile).content.decode()
    body = api(client, q=hostile)

    assert hostile not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert body["query"] == hostile
    assert body["total"] == 0


def test_markup_in_titles_is_escaped_around_the_marks(client, news_index):
    article = ArticlePageFactory.build(
        title="Tiêu chuẩn <b>ISO</b> & “chất lượng” mới", slug="tieu-chuan-iso-moi", live=False
    )
    news_index.add_child(instance=article)
    article.save_revision().publish()

    html = page(client, q="tieu chuan iso", **{"sap-xep": "moi-nhat"}).content.decode()
    body = api(client, q="tieu chuan iso", **{"sap-xep": "moi-nhat"})

    marked = "<mark>Tiêu</mark> <mark>chuẩn</mark> &lt;b&gt;<mark>ISO</mark>&lt;/b&gt; &amp; “chất lượng” mới"
    assert marked in html
    assert "<b>ISO</b>" not in html
    assert body["news"]["results"][0]["title_html"] == marked


def test_search_pages_are_not_for_search_engines(client, news_index):
    response = page(client, q="dong thap")

    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex' in response.content.decode()
    assert page(client)["X-Robots-Tag"] == "noindex"


# Filters, sorting and paging ----------------------------------------------------------------------


def test_the_year_filter_keeps_that_years_articles_and_scores(client, news_index):
    results = page(client, q="so", nam="2023").context["results"]

    assert results.articles
    assert {hit.article.first_published_at.year for hit in results.articles} == {2023}
    assert results.scores
    assert {hit.row.edition.year for hit in results.scores} == {2023}


def test_the_agency_filter_keeps_what_concerns_the_agency(client, news_index):
    results = page(client, **{"co-quan": "so-khoa-hoc-va-cong-nghe"}).context["results"]

    assert sorted(hits(results, "tin-tuc")) == sorted([ONLINE_SERVICES, CONFERENCE, CONCLUSION])
    assert hits(results, "co-quan") == [KHCN]
    assert hits(results, "ket-qua") == [(KHCN, 2023), (KHCN, 2022), (KHCN, 2021)]


def test_the_agency_kind_filter(client, news_index):
    departments = page(client, **{"loai-co-quan": "department"}).context["results"]
    communes = page(client, q="so", **{"loai-co-quan": "commune"}).context["results"]

    assert departments.agency_count == Agency.objects.filter(results__edition__live=True).distinct().count()
    assert communes.total == 0


def test_the_category_and_tag_filters(client, news_index):
    digital = page(client, **{"chuyen-muc": "chuyen-doi-so"}).context["results"]
    tagged = page(client, the="iso-9001").context["results"]

    expected = [story.title for story in STORIES if "chuyen-doi-so" in story.categories]
    assert sorted(hits(digital, "tin-tuc")) == sorted(expected)
    assert hits(tagged, "tin-tuc") == [ISO]


def test_one_group_at_a_time(client, news_index):
    agencies = page(client, q="so khoa hoc", nhom="co-quan")
    scores = page(client, q="so khoa hoc", nhom="ket-qua").context["results"]
    news = page(client, q="so khoa hoc", nhom="tin-tuc").context["results"]

    assert hits(agencies.context["results"], "co-quan") == [KHCN]
    assert agencies.context["results"].articles == [] and agencies.context["results"].scores == []
    assert heading_count(agencies.content.decode(), "news-heading") is None
    assert scores.score_count == 3 and scores.agency_count == 0 and scores.article_count == 0
    assert news.article_count >= 2 and news.agency_count == 0 and news.score_count == 0


def test_newest_first(client, news_index):
    results = page(client, q="so", **{"sap-xep": "moi-nhat"}).context["results"]
    dates = [hit.article.first_published_at for hit in results.articles]

    assert len(dates) == 10
    assert dates == sorted(dates, reverse=True)
    assert results.article_count == page(client, q="so").context["results"].article_count


def test_very_many_matches_are_listed_newest_first_instead_of_ranked(client, news_index, settings):
    ranked = page(client, q="so").context["results"]
    settings.SEARCH_RANK_LIMIT = ranked.article_count - 1
    capped = page(client, q="so").context["results"]
    dates = [hit.article.first_published_at for hit in capped.articles]

    assert dates == sorted(dates, reverse=True)
    assert [hit.article.pk for hit in capped.articles] != [hit.article.pk for hit in ranked.articles]


def test_counting_stops_past_the_limit_and_says_more_than(client, news_index, settings):
    exact = page(client, q="so").context["results"]
    assert not exact.articles_more and exact.article_count > 10
    settings.SEARCH_RANK_LIMIT = 10

    response = page(client, q="so", nhom="tin-tuc")
    results, html = response.context["results"], response.content.decode()
    answer = api(client, q="so", nhom="tin-tuc")

    assert (results.article_count, results.articles_more, results.page_count) == (10, True, 1)
    assert "Hơn 10 kết quả cho “so”" in html and "(hơn 10)" in html
    assert (answer["news"]["count"], answer["news"]["more"], answer["news"]["pages"]) == (10, True, 1)
    assert client.get(PAGE, {"q": "so", "trang": "2"}).status_code == 400
    settings.SEARCH_RANK_LIMIT = exact.article_count
    assert page(client, q="so").context["results"].articles_more is False


def test_page_links_keep_the_query_and_filters(client, news_index):
    first = page(client, q="so", **{"sap-xep": "moi-nhat"})
    html = first.content.decode()
    assert first.context["results"].page_count == 2
    assert 'href="?q=so&amp;sap-xep=moi-nhat&amp;trang=2" rel="next"' in html

    second = page(client, q="so", **{"sap-xep": "moi-nhat"}, trang="2")
    html = second.content.decode()
    assert 'href="?q=so&amp;sap-xep=moi-nhat&amp;trang=1" rel="prev"' in html
    seen = article_titles(first) + article_titles(second)
    assert len(seen) == len(set(seen)) == second.context["results"].article_count


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "so", "nam": "abc"}, "“abc” không phải giá trị hợp lệ của “nam”."),
        ({"q": "so", "nam": "3000"}, "“3000” không phải giá trị hợp lệ của “nam”."),
        ({"q": "so", "co-quan": "khong-co"}, "Không có cơ quan nào có mã “khong-co”."),
        ({"q": "so", "loai-co-quan": "bo"}, "“bo” không phải là loại cơ quan."),
        ({"q": "so", "chuyen-muc": "khong-co"}, "khong-co"),
        ({"q": "so", "the": "khong-co"}, "khong-co"),
        ({"q": "so", "nhom": "x"}, "“x” không phải là nhóm kết quả."),
        ({"q": "so", "sap-xep": "ngau-nhien"}, "ngau-nhien"),
        ({"q": "so", "trang": "0"}, "“0” không phải giá trị hợp lệ của “trang”."),
        ({"q": "so", "trang": "-1"}, "“-1” không phải giá trị hợp lệ của “trang”."),
        ({"q": "so", "trang": "3"}, "Không có trang 3: kết quả chỉ có 2 trang."),
        ({"q": "dong thap", "trang": "2"}, "Không có trang 2: kết quả chỉ có 1 trang."),
    ],
)
def test_bad_parameters_get_a_400_that_says_why_in_vietnamese(client, news_index, params, message):
    response = client.get(PAGE, params)
    api_response = client.get(API, params)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert api_response.status_code == 400
    assert api_response.json()["detail"]


def test_the_api_says_why_in_vietnamese_too(client, news_index):
    response = client.get(API, {"q": "so", "co-quan": "khong-co"})

    assert response.status_code == 400
    assert response.json()["detail"] == "Không có cơ quan nào có mã “khong-co”."


# Hostile input -------------------------------------------------------------------------------------

HOSTILE_QUERIES = {
    "10,000 characters": "Đồng Tháp cải cách " * 527,
    "one 10,000-letter word": "a" * 10_000,
    "punctuation only": "!@#$%^&*()_+-=[]{};:'\",.<>/?\\|`~…“”–",
    "search syntax": 'title:x AND (y OR "z"~2)^3',
    "a star": "*",
    "a question mark": "?",
    "sql": "' OR 1=1; DROP TABLE wagtailcore_page; --",
    "fts5 syntax": 'NEAR("dong" "thap", 2) OR dong* -thap ^so',
    "null and control characters": "dong\x00thap\x1b[31m\u202e",
    "other scripts": "中文 العربية 🙂 Ω≈ç√",
}


@pytest.mark.parametrize("query", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_hostile_queries_answer_quickly_and_never_fail(client, news_index, query):
    page(client, q="dong thap")  # templates compiled, connections open
    for url in (PAGE, API, SUGGEST):
        started = time.perf_counter()
        response = client.get(url, {"q": query})
        elapsed = time.perf_counter() - started

        assert response.status_code == 200, (url, response.content[:300])
        assert elapsed < 1, (url, elapsed)
    assert ArticlePage.objects.live().count() == len(STORIES)


@pytest.mark.parametrize("raw", ["q=%ff%fe%fd", "q=%C3%28dong+thap", "q=dong%ED%A0%80thap", "q=%", "q=%%%zz"])
def test_invalid_utf8_in_the_query_string_never_fails(client, news_index, raw):
    for url in (PAGE, API, SUGGEST):
        started = time.perf_counter()
        response = client.get(url, QUERY_STRING=raw)

        assert response.status_code == 200, (url, response.content[:300])
        assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    "name", ["q", "nam", "co-quan", "loai-co-quan", "chuyen-muc", "the", "nhom", "sap-xep", "trang"]
)
def test_a_nul_byte_in_any_parameter_gets_an_answer_not_an_error(client, news_index, name):
    # PostgreSQL refuses NUL bytes in query parameters; no slug lookup may send one.
    for url in (PAGE, API):
        response = client.get(url, {"q": "so", name: "so\x00khoa"})

        assert response.status_code == (200 if name == "q" else 400), (url, response.content[:300])


# Unpublished data -----------------------------------------------------------------------------------


def test_a_draft_editions_results_are_never_shown(client, news_index):
    # load_indexes left Sở KH&CN's 2024 result (86,20) in an edition still being entered.
    html = page(client, q="so khoa hoc 2024").content.decode()
    body = api(client, q="so khoa hoc", nam="2024")

    assert "86,2" not in html
    assert hits(page(client, q="so khoa hoc 2024").context["results"], "ket-qua") == []
    assert body["scores"]["count"] == 0
    assert all(row["year"] != 2024 for row in api(client, q="so khoa hoc")["scores"]["results"])


def test_an_unpublished_article_is_never_shown(client, news_index):
    draft = ArticlePageFactory.build(title="Khánh thành cầu Rạch Miễu", slug="cau-rach-mieu", live=False)
    news_index.add_child(instance=draft)
    withdrawn = ArticlePage.objects.get(title=ISO)
    withdrawn.unpublish()

    assert page(client, q="rach mieu").context["results"].total == 0
    assert api(client, q="rach mieu")["total"] == 0
    assert page(client, q="iso 9001").context["results"].article_count == 0
    assert api(client, q="iso 9001")["news"]["count"] == 0
    assert client.get(SUGGEST, {"q": "rach mi"}).json() == {"suggestions": []}


def test_an_agency_with_only_draft_figures_is_never_shown(client, news_index):
    agency = AgencyFactory(name="Sở Ngoại vụ", short_name="SNgV", slug="so-ngoai-vu")
    edition = IndexEditionFactory(
        title="Chỉ số CCHC năm 2024 (nháp)", slug="chi-so-cchc-2024-nhap", year=2024, live=False
    )
    ResultFactory(edition=edition, agency=agency, points=Decimal("91.5"), index_value=Decimal("91.5"))

    response = page(client, q="so ngoai vu")
    body = api(client, q="so ngoai vu 2024")

    assert response.context["results"].agency_count == 0
    assert response.context["results"].score_count == 0
    assert "so-ngoai-vu" not in response.content.decode()  # not even among the filter's choices
    assert body["agencies"]["count"] == body["scores"]["count"] == 0
    assert client.get(SUGGEST, {"q": "ngoai v"}).json() == {"suggestions": []}
    assert api(client, **{"co-quan": "so-ngoai-vu"})["total"] == 0


# Rate limit --------------------------------------------------------------------------------------------


@pytest.fixture
def three_a_minute(settings, monkeypatch):
    """Three searches a minute on the page and in the API, five suggestions: each its own bucket."""
    settings.SEARCH_RATE_PER_MINUTE = 3
    settings.SEARCH_API_RATE_PER_MINUTE = 3
    settings.SEARCH_SUGGEST_RATE_PER_MINUTE = 5
    # One fixed minute, so the count cannot start again halfway through a test.
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_700_000_000.0))


def test_the_fourth_search_in_a_minute_gets_429(client, news_index, three_a_minute):
    for _ in range(3):
        assert client.get(PAGE, {"q": "dong thap"}).status_code == 200

    refused = client.get(PAGE, {"q": "dong thap"})
    other_address = client.get(PAGE, {"q": "dong thap"}, REMOTE_ADDR="192.0.2.7")

    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Địa chỉ của bạn tìm kiếm quá nhiều lần; hãy đợi một phút rồi thử lại." in refused.content.decode()
    assert other_address.status_code == 200


def test_typing_in_the_box_does_not_spend_the_search_pages_allowance(client, news_index, three_a_minute):
    for prefix in ["d", "do", "don", "dong", "dong "]:  # the suggestions while typing "dong thap"
        assert client.get(SUGGEST, {"q": prefix}).status_code == 200

    for _ in range(3):
        assert client.get(PAGE, {"q": "dong thap"}).status_code == 200
    assert client.get(SUGGEST, {"q": "dong t"}).status_code == 429
    assert client.get(PAGE, {"q": "dong thap"}).status_code == 429


def test_the_api_has_its_own_limit_and_answers_429_in_json(client, news_index, three_a_minute):
    for _ in range(3):
        assert client.get(PAGE, {"q": "dong thap"}).status_code == 200
    assert client.get(PAGE, {"q": "dong thap"}).status_code == 429

    for _ in range(3):
        assert client.get(API, {"q": "dong thap"}).status_code == 200
    refused = client.get(API, {"q": "dong thap"})

    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    assert refused["Retry-After"] == "60"
    assert refused.json()["detail"]
    assert client.get(SUGGEST, {"q": "dong"}).status_code == 200  # the suggestions' bucket is untouched


def test_the_suggestions_answer_429_with_retry_after_past_their_own_limit(client, news_index, three_a_minute):
    for _ in range(5):
        assert client.get(SUGGEST, {"q": "dong"}).status_code == 200

    refused = client.get(SUGGEST, {"q": "dong"})

    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert client.get(API, {"q": "dong thap"}).status_code == 200
    assert client.get(PAGE, {"q": "dong thap"}).status_code == 200


def test_the_api_names_unknown_parameters_by_the_names_readers_type(client, news_index):
    response = client.get(API, {"q": "dong thap", "co_quan": "so-noi-vu"})

    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "Unknown parameters: co_quan." in detail
    assert "co-quan" in detail and "chuyen-muc" in detail  # the aliases, as in the page's address
    assert (
        client.get(API, {"q": "dong thap", "co-quan": "khong-co"}).status_code == 400
    )  # known, but no such agency


# Suggestions ---------------------------------------------------------------------------------------------


def test_suggestions_match_a_prefix_typed_without_diacritics(client, news_index):
    def labels(query):
        response = client.get(SUGGEST, {"q": query})
        assert response.status_code == 200
        return [suggestion["label"] for suggestion in response.json()["suggestions"]]

    assert labels("dich vu") == [ONLINE_SERVICES]
    assert DONG_THAP in labels("dong th")
    assert KHCN in labels("so khoa h")
    assert labels("d") == []
    assert labels("") == []
    suggestion = client.get(SUGGEST, {"q": "dich vu"}).json()["suggestions"][0]
    assert suggestion == {
        "label": ONLINE_SERVICES,
        "kind": "article",
        "kind_label": "Tin tức",
        "url": suggestion["url"],
    }
    assert suggestion["url"].startswith("http://testserver/")
    assert client.get(suggestion["url"]).status_code == 200


def suggested(client, query: str) -> list[tuple[str, str, str]]:
    """(kind, label, path) of each suggestion for `query`."""
    response = client.get(SUGGEST, {"q": query})
    assert response.status_code == 200
    return [
        (item["kind"], item["label"], item["url"].removeprefix("http://testserver"))
        for item in response.json()["suggestions"]
    ]


def test_suggestions_offer_agencies_and_rankings_each_opening_its_page(client, news_index):
    agency = suggested(client, "so khoa h")[0]
    rankings = [item for item in suggested(client, "chi so cchc 20") if item[0] == "edition"]

    assert agency == ("agency", KHCN, "/chi-so-cai-cach-hanh-chinh/co-quan/so-khoa-hoc-va-cong-nghe/")
    assert client.get(agency[2]).status_code == 200
    # The two newest rankings of this province; another province's 2023 ranking is not offered.
    assert [label for _, label, _ in rankings] == [
        "Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành",
        "Chỉ số cải cách hành chính năm 2022 của các sở, ban, ngành",
    ]
    assert all(client.get(path).status_code == 200 for _, _, path in rankings)
    assert not any("tỉnh khác" in label for _, label, _ in suggested(client, "chi so cchc 2023"))
    # This province's Sở Xây dựng before another province's of the same name.
    agencies = [label for kind, label, _ in suggested(client, "so xay d") if kind == "agency"]
    assert agencies == ["Sở Xây dựng (giả định)", SXD_OTHER]


def test_suggestions_refuse_unknown_parameters(client, news_index):
    response = client.get(SUGGEST, {"q": "dich vu", "limit": "50"})

    assert response.status_code == 400
    assert "limit" in response.json()["detail"]


# The API -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["dong thap", "so khoa hoc", "xếp hạng 13/18", "giu vung ky cuon", "SỞ KH&CN", "so"]
)
def test_the_api_returns_what_the_page_shows(client, news_index, query):
    results = page(client, q=query).context["results"]
    body = api(client, q=query)

    assert body["total"] == results.total
    assert body["news"]["count"] == results.article_count
    assert body["news"]["pages"] == results.page_count
    assert [row["title"] for row in body["news"]["results"]] == hits(results, "tin-tuc")
    assert body["agencies"]["count"] == results.agency_count
    assert [row["name"] for row in body["agencies"]["results"]] == hits(results, "co-quan")
    assert body["scores"]["count"] == results.score_count
    assert [(row["agency"], row["year"]) for row in body["scores"]["results"]] == hits(results, "ket-qua")


def test_the_api_describes_a_score(client, news_index):
    row = api(client, q="xếp hạng 13/18")["scores"]["results"][0]

    assert row["agency"] == KHCN
    assert (row["year"], row["rank"], row["ranked_count"], row["index"]) == (2023, 13, 18, 83.45)
    assert row["edition"] == "chi-so-cchc-2023"


def test_the_api_refuses_unknown_parameters(client, news_index):
    response = client.get(API, {"q": "so", "page": "2"})

    assert response.status_code == 400
    assert "page" in response.json()["detail"]


def test_the_openapi_schema_lists_search(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert "/api/v1/search" in paths
    assert "/api/v1/search/suggest" in paths
    parameters = {parameter["name"] for parameter in paths["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "nam", "co-quan", "nhom", "sap-xep", "trang"} <= parameters


# Cost ---------------------------------------------------------------------------------------------

# (query, {database: (statements first after a publish, statements again)}). PostgreSQL adds those that
# plan the article passes for its full-text index (`portal.search.postgres_index.planned_for_search`:
# a savepoint here, inside the test's transaction, its release, the planner set and set back) and the
# page's articles read apart from their ranking. A score search also reads the rankings it quotes.
SEARCH_QUERY_BUDGETS = [
    ({"q": "dich vu cong truc tuyen"}, {"sqlite": (11, 6), "postgresql": (16, 11)}),
    ({"q": "sở xây dựng 2023"}, {"sqlite": (14, 9), "postgresql": (19, 14)}),
]


@pytest.mark.parametrize(("params", "budgets"), SEARCH_QUERY_BUDGETS)
def test_a_search_costs_a_bounded_number_of_queries(client, news_index, params, budgets):
    """Its engine's passes, not one query per result (a score's band), nor the site's sections, the
    agencies with figures and the filter choices every time (those are kept until the next publish)."""
    page(client, **params)  # a server that has answered before: Django's own caches are filled
    purge()
    client.get("/thong-ke-truy-cap/")  # what every page shares (the site, its menus) read again
    with CaptureQueriesContext(connection) as cold:
        page(client, **params)
    with CaptureQueriesContext(connection) as warm:
        page(client, **params)

    cold_budget, warm_budget = budgets[connection.vendor]
    assert len(cold) <= cold_budget, [query["sql"][:120] for query in cold.captured_queries]
    assert len(warm) <= warm_budget, [query["sql"][:120] for query in warm.captured_queries]
