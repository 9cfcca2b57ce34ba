"""The relevance cases on OpenSearch: Wagtail's opensearch3 backend talking HTTP to osmem-server.

osmem-server (a test requirement) is an in-memory, OpenSearch-compatible server: its pytest plugin
starts one per session (`osmem_server`) and this module works in a clone of it. The backend gets the
INDEX_SETTINGS portal/settings/base.py gives external engines (read from the settings file itself, with
SEARCH_URL set), the corpus is indexed by the save signals and then rebuilt with `update_index`, and
every search below goes over HTTP to the server. Should the server fail to start, these tests fail:
only a missing package skips them.
"""

import importlib.util
import os
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from indexes.models import Agency
from news.models import ArticlePage
from portal.search import service as search_service
from portal.settings import base as base_settings
from portal.transliteration import words
from tests.factories import ArticlePageFactory
from tests.search.corpus import (
    BEST_BET_CASES,
    DONG_THAP,
    FOLDING_PAIRS,
    MISSPELT_CASES,
    ONLINE_SERVICES,
    RELEVANCE_CASES,
    STORIES,
    case_id,
    corpus_for_module,
    hits,
    run_search,
)

pytest.importorskip(
    "osmem_server", reason="osmem-server is not installed (pip install -r requirements-test.txt)"
)

pytestmark = pytest.mark.slow  # an OpenSearch-compatible server, and the corpus indexed into it


def external_engine_settings() -> dict:
    """WAGTAILSEARCH_BACKENDS["default"] as portal/settings/base.py builds it when SEARCH_URL is set."""
    spec = importlib.util.spec_from_file_location("_settings_with_search_url", base_settings.__file__)
    module = importlib.util.module_from_spec(spec)
    with mock.patch.dict(
        os.environ, {"SEARCH_URL": "http://opensearch:9200", "SEARCH_BACKEND": "opensearch"}
    ):
        spec.loader.exec_module(module)
    return module.WAGTAILSEARCH_BACKENDS["default"]


@pytest.fixture(scope="module")
def opensearch(osmem_server):
    """A clone of the session's server, for this module alone."""
    clone = osmem_server.clone()
    yield clone
    clone.close()


@pytest.fixture(scope="module")
def corpus(opensearch, django_db_setup, django_db_blocker):
    """The corpus, indexed in OpenSearch; Wagtail's search backend points at the server meanwhile.

    Wagtail does not keep backend instances: `get_search_backend` reads WAGTAILSEARCH_BACKENDS and
    builds a new backend on each call, so overriding the setting is all it takes, here and for the save
    signals that index each object.
    """
    production = external_engine_settings()
    backend = {
        "BACKEND": production["BACKEND"],
        "URLS": [opensearch.url],
        "INDEX_PREFIX": "test_",
        "TIMEOUT": 10,
        "ATOMIC_REBUILD": production.get("ATOMIC_REBUILD", True),
        "INDEX_SETTINGS": production["INDEX_SETTINGS"],
    }
    with (
        override_settings(WAGTAILSEARCH_BACKENDS={"default": backend}),
        corpus_for_module(django_db_blocker) as news_index,
    ):
        call_command("update_index", verbosity=0)
        yield news_index


def test_the_settings_give_opensearch_the_folding_analyser():
    production = external_engine_settings()

    assert production["BACKEND"] == "wagtail.search.backends.opensearch3"
    analysis = production["INDEX_SETTINGS"]["settings"]["index"]["analysis"]
    assert "asciifolding" in analysis["analyzer"]["default"]["filter"]


def test_searches_go_to_the_opensearch_server(corpus, db, opensearch):
    backend = get_search_backend()
    es = backend.es

    assert type(backend).__module__ == "modelsearch.backends.opensearch3"
    assert [host["port"] for host in backend.hosts] == [int(opensearch.url.rsplit(":", 1)[1])]
    assert es.info()["version"]["distribution"] == "opensearch"
    # update_index rebuilt each index under an alias; every article and agency is in it.
    assert es.indices.exists_alias(name="test_wagtailcore_page")
    assert es.count(index="test_indexes_agency")["count"] == Agency.objects.count()
    assert es.count(index="test_wagtailcore_page")["count"] == Page.objects.count() > len(STORIES)
    assert run_search("dong thap").article_count == 2


@pytest.mark.parametrize(("query", "group", "expected"), RELEVANCE_CASES, ids=map(case_id, RELEVANCE_CASES))
def test_the_expected_result_comes_first(corpus, db, query, group, expected):
    found = hits(run_search(query), group)

    assert found, f"{query!r} found nothing in {group}"
    assert found[0] == expected, f"{query!r}: {found[:5]}"


@pytest.mark.parametrize(("query", "expected"), BEST_BET_CASES, ids=[case[0] for case in BEST_BET_CASES])
def test_a_query_naming_a_page_offers_it_first(corpus, db, query, expected):
    bets = run_search(query).best_bets

    assert [(bet.kind, bet.title) for bet in bets][:1] == ([expected] if expected else [])


@pytest.mark.parametrize(("query", "group", "expected"), MISSPELT_CASES, ids=map(case_id, MISSPELT_CASES))
def test_misspelt_queries_are_found_by_the_any_word_fallback(corpus, db, query, group, expected):
    every_word = ArticlePage.objects.live().search(" ".join(words(query)), operator="and")

    assert every_word.count() == 0
    assert hits(run_search(query), group)[0] == expected


@pytest.mark.parametrize(("accented", "plain"), FOLDING_PAIRS)
def test_diacritics_and_case_make_no_difference(corpus, db, accented, plain):
    with_marks, without = run_search(accented), run_search(plain)

    for group in ("tin-tuc", "co-quan", "ket-qua"):
        assert hits(with_marks, group) == hits(without, group), group
    assert with_marks.total == without.total > 0


def test_suggestions_need_every_word(corpus, db):
    labels = [suggestion["label"] for suggestion in search_service.suggestions("dich vu")]

    assert labels == [ONLINE_SERVICES]  # not "Sở Nội vụ", which has only "vụ"
    assert DONG_THAP in [suggestion["label"] for suggestion in search_service.suggestions("Đồng Th")]


def test_newest_first_keeps_every_word_and_sorts_by_date(corpus, db):
    results = run_search("chuyen doi so", **{"sap-xep": "moi-nhat"})
    dates = [hit.article.first_published_at for hit in results.articles]

    assert results.article_count == run_search("chuyen doi so").article_count
    assert dates == sorted(dates, reverse=True)
    assert len(dates) >= 3


def test_filters_narrow_the_engine_results(corpus, db):
    in_2023 = run_search("ho so", nam="2023")
    reform = run_search("ho so", **{"chuyen-muc": "cai-cach-hanh-chinh"})

    assert in_2023.articles
    assert all(hit.article.first_published_at.year == 2023 for hit in in_2023.articles)
    assert reform.articles
    assert all(hit.article.categories.filter(slug="cai-cach-hanh-chinh").exists() for hit in reform.articles)


def test_an_unpublished_article_is_indexed_but_never_found(corpus, db):
    draft = ArticlePageFactory.build(
        title="Bản nháp: khánh thành cầu Rạch Miễu",
        slug="ban-nhap-rach-mieu",
        lead="Cầu Rạch Miễu",
        live=False,
    )
    corpus.add_child(instance=draft)
    try:
        indexed = ArticlePage.objects.search("rach mieu", operator="and")
        assert [article.pk for article in indexed] == [draft.pk]  # in the index, as editors search drafts
        assert run_search("rach mieu").article_count == 0
        assert search_service.suggestions("rach mi") == []
    finally:
        ArticlePage.objects.get(pk=draft.pk).delete()  # the signal takes it out of the index too
    assert list(ArticlePage.objects.search("rach mieu", operator="and")) == []
