"""The agency's previous result in the same group: decided in one place, so every view agrees on it."""

import pytest

from indexes.rankings import agency_history, edition_ranking
from tests.indexes.factories import add_result, make_agency, make_edition, make_section, ranking

pytestmark = pytest.mark.django_db


@pytest.fixture
def gap_year(home_page):
    """Sở Nội vụ: 70,00 in 2021, a result without an index in 2022 (components only), 80,00 in 2023."""
    make_section(home_page)
    editions = {year: make_edition(year) for year in (2021, 2022, 2023)}
    ranking(editions[2021], ["90"])
    ranking(editions[2023], ["90", "85"])
    agency = make_agency("Sở Nội vụ")
    add_result(editions[2021], agency, "70")  # 2nd of 2
    add_result(editions[2022], agency, None, scores={"Cải cách thể chế": "30"})  # unranked
    add_result(editions[2023], agency, "80")  # 3rd of 3
    return editions, agency


def test_an_unranked_result_is_skipped_and_the_last_ranked_one_compared(client, gap_year):
    editions, agency = gap_year
    expected = (editions[2021].slug, 10, -1)

    in_edition = next(row for row in edition_ranking(editions[2023]) if row.agency == agency)
    in_history = agency_history(agency)[0]
    api = client.get("/api/v1/results", {"agency": agency.slug, "edition": editions[2023].slug}).json()
    api_history = client.get(f"/api/v1/agencies/{agency.slug}").json()["history"][0]

    for row in (in_edition, in_history):
        assert (row.previous_edition.slug, row.index_change, row.rank_change) == expected
    for row in (api["results"][0], api_history):
        assert (row["previous_edition"], row["index_change"], row["rank_change"]) == expected
    agency_page = client.get(f"/chi-so-cai-cach-hanh-chinh/co-quan/{agency.slug}/").content.decode()
    assert "giảm 1 bậc" in agency_page
