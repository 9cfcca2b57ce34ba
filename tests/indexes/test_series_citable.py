"""Series in the citable views: as of a day, embeds, the feed and the methodology page each keep one
publisher's ranking of one group apart from another's with the same group name."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import timezone

from indexes.models import Correction, IndexEdition
from tests.indexes.factories import add_result, make_agency, make_edition

pytestmark = pytest.mark.django_db

BASE = "/chi-so-cai-cach-hanh-chinh/"
ATOM = "{http://www.w3.org/2005/Atom}"
QUANG_TRI = "UBND tỉnh Quảng Trị — Sở, ban, ngành cấp tỉnh"
OTHER = "UBND một tỉnh khác — Sở, ban, ngành cấp tỉnh"


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(10)))


@pytest.fixture
def two_provinces(indexes_page):
    """Quảng Trị ranks Sở Y tế 80 (2021) then 85 (2023); another province, same group name, 95 in 2022.
    On 10/03/2024 Quảng Trị's 2023 figure for Sở Y tế is corrected from 85 to 87."""
    health, finance = make_agency("Sở Y tế"), make_agency("Sở Tài chính")
    quang_tri_2021 = make_edition(2021, slug="quang-tri-2021", publisher="UBND tỉnh Quảng Trị")
    add_result(quang_tri_2021, health, "80")
    add_result(quang_tri_2021, finance, "90")
    other_2022 = make_edition(2022, slug="tinh-khac-2022", publisher="UBND một tỉnh khác")
    add_result(other_2022, health, "95")
    add_result(other_2022, finance, "70")
    quang_tri_2023 = make_edition(2023, slug="quang-tri-2023", publisher="UBND tỉnh Quảng Trị")
    result = add_result(quang_tri_2023, health, "85")
    add_result(quang_tri_2023, finance, "84")
    result.index_value = result.points = Decimal("87")
    result.save()
    Correction.objects.update(corrected_at=at("2024-03-10"))
    return health


def test_an_edition_as_of_a_day_compares_with_its_own_series_only(client, two_provinces):
    before = client.get(f"{BASE}quang-tri-2023/tai-ve/xep-hang/json/?ngay=2024-02-01").json()["rows"]
    now = client.get(f"{BASE}quang-tri-2023/tai-ve/xep-hang/json/").json()["rows"]
    health_then = next(row for row in before if row["agency"] == "Sở Y tế")
    health_now = next(row for row in now if row["agency"] == "Sở Y tế")
    # Against Quảng Trị's 2021 (80, 2nd), never the other province's 2022 (95, 1st).
    assert (health_then["index"], health_then["rank"], health_then["index_change"]) == (85, 1, 5)
    assert (health_now["index"], health_now["index_change"], health_now["rank_change"]) == (87, 7, 1)

    page = client.get(f"{BASE}quang-tri-2023/?ngay=2024-02-01").content.decode()
    assert "Sau ngày đó có 1 lần đính chính." in page
    assert "tinh-khac-2022" not in page
    # The citation names the series' publisher and keeps the day.
    assert "UBND tỉnh Quảng Trị. Chỉ số CCHC năm 2023. Số liệu tại ngày 01/02/2024." in page

    # The embed page of the chart, pinned to the day, carries the same table.
    embed = client.get(f"{BASE}quang-tri-2023/nhung/chi-so/?ngay=2024-02-01").content.decode()
    assert "85" in embed and "87" not in embed and "tinh-khac-2022" not in embed


def test_an_agency_as_of_a_day_keeps_each_series_history_apart(client, two_provinces):
    rows = client.get(f"{BASE}co-quan/{two_provinces.slug}/tai-ve/qua-cac-nam/json/?ngay=2024-02-01").json()
    assert [(row["year"], row["series"], row["index"], row["index_change"]) for row in rows["rows"]] == [
        (2023, QUANG_TRI, 85, 5),
        (2022, OTHER, 95, None),
        (2021, QUANG_TRI, 80, None),
    ]


def test_the_feed_names_each_editions_series(client, two_provinces):
    IndexEdition.objects.update(first_published_at=at("2024-01-25"))
    feed = ET.fromstring(client.get(f"{BASE}thay-doi/atom/").content)
    summaries = [entry.findtext(f"{ATOM}summary") or "" for entry in feed.iter(f"{ATOM}entry")]
    assert any(f"Chỉ số CCHC năm 2022 ({OTHER})" in summary for summary in summaries)
    assert any(f"Chỉ số CCHC năm 2023 ({QUANG_TRI})" in summary for summary in summaries)


def test_each_series_has_its_methodology_page_linked_from_the_overview(client, two_provinces):
    overview = client.get(BASE).content.decode()
    for series_slug in (
        "ubnd-tinh-quang-tri-so-ban-nganh-cap-tinh",
        "ubnd-mot-tinh-khac-so-ban-nganh-cap-tinh",
    ):
        assert f'href="{BASE}phuong-phap/{series_slug}/"' in overview
    other = client.get(f"{BASE}phuong-phap/ubnd-mot-tinh-khac-so-ban-nganh-cap-tinh/").content.decode()
    assert f"Phương pháp đánh giá: {OTHER}" in other
    assert "tinh-khac-2022" in other and "quang-tri-2021" not in other and "quang-tri-2023" not in other
