"""The edition's and agency's pages are kept per publish generation (`indexes.views.kept_key`): a second
view reads what the first built, and a correction, a new result or a publish shows on the next view."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indexes.models import Result
from tests.factories import publish_article
from tests.indexes.factories import add_result, make_agency, make_edition

pytestmark = pytest.mark.django_db

BASE = "/chi-so-cai-cach-hanh-chinh/"
EDITION = f"{BASE}chi-so-cchc-2023/"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def queries_of(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), text_of(response)


@pytest.fixture
def ranked(indexes_page):
    edition = make_edition(2023)
    a = add_result(edition, make_agency("Sở A"), "88", scores={"Cải cách thể chế": "30"})
    b = add_result(edition, make_agency("Sở B"), "85", scores={"Cải cách thể chế": "35"})
    return edition, a, b


def test_a_second_view_reads_what_the_first_built(client, ranked):
    _, a, _ = ranked
    for url in (EDITION, f"{BASE}co-quan/{a.agency.slug}/"):
        first, first_text = queries_of(client, url)
        second, second_text = queries_of(client, url)
        assert second < first
        assert second_text == first_text


def test_a_correction_shows_at_once_on_the_edition_and_agency_pages(client, ranked):
    _, _, b = ranked
    agency_url = f"{BASE}co-quan/{b.agency.slug}/"
    assert "85" in text_of(client.get(EDITION)) and "85" in text_of(client.get(agency_url))
    before = text_of(client.get(EDITION))
    assert before.index("Sở A") < before.index("Sở B")  # A ranks first
    # A moderator corrects B's published result: 85 → 92, now first.
    b.index_value = b.points = Decimal("92")
    b.save()
    assert b.corrections.exists()
    edition_text = text_of(client.get(EDITION))
    agency_text = text_of(client.get(agency_url))
    assert "92" in edition_text and "92" in agency_text
    assert edition_text.index("Sở B") < edition_text.index("Sở A")  # B now ranks first


def test_a_new_result_shows_at_once(client, ranked):
    edition, _, _ = ranked
    client.get(EDITION)
    add_result(edition, make_agency("Sở C"), "70")
    assert "Sở C" in text_of(client.get(EDITION))


def test_other_query_parameters_are_built_afresh_with_their_own_links(client, ranked):
    """A parameter the view does not read is not kept: its links carry it, and the next plain view's links do not."""
    tracked = client.get(f"{EDITION}?khac=thu").content.decode()
    plain = client.get(EDITION).content.decode()
    assert "khac=thu" in tracked
    assert "khac=" not in plain


def test_each_filter_is_kept_apart(client, ranked):
    by_name = text_of(client.get(f"{EDITION}?sap-xep=ten&thu-tu=giam"))
    by_rank = text_of(client.get(EDITION))
    assert by_name.index("Sở B") < by_name.index("Sở A")
    assert by_rank.index("Sở A") < by_rank.index("Sở B")


def test_results_unpublished_with_their_edition_leave_the_page(client, ranked):
    edition, _, _ = ranked
    assert client.get(EDITION).status_code == 200
    edition.unpublish()
    assert client.get(EDITION).status_code == 404
    assert Result.objects.filter(edition=edition).exists()


def test_a_correction_shows_at_once_on_the_comparison(client, ranked):
    _, a, b = ranked
    url = f"{BASE}so-sanh/?co-quan={a.agency.slug}&co-quan={b.agency.slug}"
    assert "85" in text_of(client.get(url))
    b.index_value = b.points = Decimal("93")
    b.save()
    assert "93" in text_of(client.get(url))


def forget_kept(*, containing: str, unless: str | None = None) -> int:
    """Drop the test cache's entries (Django's local-memory cache) whose key holds `containing`, as
    Redis evicts entries one by one under memory pressure; returns how many went."""
    from django.core.cache import cache

    keys = [key for key in list(cache._cache) if containing in key and (unless is None or unless not in key)]
    for key in keys:
        cache._cache.pop(key, None)
        cache._expire_info.pop(key, None)
    return len(keys)


def data_pages(agency) -> list[str]:
    return [
        BASE,
        f"{BASE}co-quan/",
        EDITION,
        f"{BASE}co-quan/{agency.slug}/",
        f"{BASE}so-sanh/?co-quan=so-a&co-quan=so-b",
    ]


def test_a_kept_page_reads_only_its_head_not_the_rows_it_was_built_from(client, ranked, monkeypatch):
    """The page's content is a kept fragment: the presentation behind it (rankings, tables, charts; the
    costliest entry to read) is not needed again, nor built again when evicted."""
    from indexes import views

    _, a, _ = ranked
    first = {url: text_of(client.get(url)) for url in data_pages(a.agency)}
    assert forget_kept(containing="indexes-view:", unless=":head") == len(first)
    for builder in views.KEPT_BUILDERS:
        monkeypatch.setattr(views, builder, lambda *args, **kwargs: pytest.fail("built again"))

    assert {url: text_of(client.get(url)) for url in first} == first


def test_a_page_whose_kept_content_was_evicted_is_whole_again(client, ranked):
    """The head kept, the content's fragment evicted (or also the presentation): the next view renders
    the whole page again, from the kept presentation or built afresh."""
    _, a, _ = ranked
    first = {url: client.get(url).content.decode() for url in data_pages(a.agency)}

    # One fragment a page; the agency's page has two, around its news (a fragment of its own).
    assert forget_kept(containing="indexes-content") == len(first) + 1
    assert {url: client.get(url).content.decode() for url in first} == first

    forget_kept(containing="indexes-content")
    forget_kept(containing="indexes-view:", unless=":head")
    assert {url: client.get(url).content.decode() for url in first} == first


def test_an_article_published_leaves_the_figures_kept_and_shows_on_its_agencys_page(
    client, ranked, news_index
):
    """The figures show no article: an article's publish leaves the edition's and the agency's figures
    kept, while the agency's news (a fragment of its own) shows the article at once, and its unpublish."""
    _, a, _ = ranked
    agency_url = f"{BASE}co-quan/{a.agency.slug}/"
    before = text_of(client.get(EDITION))
    client.get(agency_url)

    article = publish_article(news_index, title="Sở A công bố kết quả chỉ số năm 2023")
    article.agencies.add(a.agency)
    article.save_revision().publish()

    with CaptureQueriesContext(connection) as queries:
        assert text_of(client.get(EDITION)) == before
    assert not [query for query in queries if "indexes_result" in query["sql"]]  # not ranked again
    with CaptureQueriesContext(connection) as queries:
        agency_text = text_of(client.get(agency_url))
    assert "Sở A công bố kết quả chỉ số năm 2023" in agency_text
    assert not [query for query in queries if "indexes_result" in query["sql"]]
    article.unpublish()
    assert "Sở A công bố kết quả chỉ số năm 2023" not in text_of(client.get(agency_url))
