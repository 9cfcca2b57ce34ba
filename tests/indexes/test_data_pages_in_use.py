"""The reform-index pages as readers use them (issue 15): the ranking leads with what matters, empty
component columns are dropped, charts scale and say where their figures come from."""

import re
from datetime import date

import pytest

from tests.indexes.factories import add_result, make_agency, make_edition

pytestmark = pytest.mark.django_db
BASE = "/chi-so-cai-cach-hanh-chinh/"


@pytest.fixture
def edition(indexes_page):
    """2023: three agencies, only one with component scores, and only for one of two components."""
    older = make_edition(2022, decision_number="12/QĐ-UBND", decision_date=date(2023, 1, 20))
    newer = make_edition(2023, decision_number="57/QĐ-UBND", decision_date=date(2024, 1, 25))
    khcn = make_agency("Sở Khoa học và Công nghệ", short_name="Sở KH&CN")
    for name, before, after in [("Sở Nội vụ", "90", "91.5"), ("Sở Tài chính", "70", "88")]:
        agency = make_agency(name)
        add_result(older, agency, before)
        add_result(newer, agency, after)
    add_result(older, khcn, "95")
    add_result(newer, khcn, "83.45", scores={"Cải cách thể chế": "40"})
    return newer


def header_cells(html: str, table_class: str) -> list[str]:
    table = re.search(rf'<table class="data-table {table_class}">.*?</table>', html, re.S).group(0)
    head = re.search(r"<thead>.*?</thead>", table, re.S).group(0)
    return [
        re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)
    ]


def test_the_ranking_leads_with_rank_agency_index_band_and_change(client, edition):
    html = client.get(f"{BASE}{edition.slug}/").content.decode()

    assert header_cells(html, "ranking-table") == [
        "Hạng",
        "Cơ quan",
        "Chỉ số (%)",
        "Xếp loại",
        "Tăng, giảm",
        "Tổng điểm",
    ]
    first_row = re.search(
        r'<table class="data-table ranking-table">.*?<tbody>\s*<tr>(.*?)</tr>', html, re.S
    ).group(1)
    assert "Sở Nội vụ" in first_row and "91,5" in first_row and "Tốt" in first_row and "+1,5" in first_row
    # A fall is marked by an arrow and a sign as well as by its colour, and a legend says what each means.
    khcn_row = re.search(r"<tr>(?:(?!</tr>).)*Sở Khoa học và Công nghệ.*?</tr>", html, re.S).group(0)
    assert "▼" in khcn_row and "\u221211,55" in khcn_row and "giảm 2 bậc" in khcn_row
    assert 'class="legend"' in html and "giảm: chỉ số hoặc thứ hạng thấp hơn kỳ trước" in html


def test_component_scores_are_a_second_table_without_empty_columns_or_rows(client, edition):
    html = client.get(f"{BASE}{edition.slug}/").content.decode()

    components = header_cells(html, "components-table")
    assert components[:2] == ["Hạng", "Cơ quan"]
    assert [cell.split(" (")[0].strip() for cell in components[2:]] == ["Cải cách thể chế"]
    assert "Cải cách thủ tục hành chính" not in components[2]  # nobody has a figure for it
    assert (
        "Không hiển thị các lĩnh vực chưa cơ quan nào được công bố điểm: Cải cách thủ tục hành chính." in html
    )
    table = re.search(r'<table class="data-table components-table">.*?</table>', html, re.S).group(0)
    assert "Sở Khoa học và Công nghệ" in table and "Sở Nội vụ" not in table
    assert "★" in table  # 40 of 40: full marks, marked by a sign, not only by colour


def test_charts_scale_to_their_container_with_full_labels_values_and_a_source(client, edition):
    edition_html = client.get(f"{BASE}{edition.slug}/").content.decode()
    agency_html = client.get(f"{BASE}co-quan/so-khoa-hoc-va-cong-nghe/").content.decode()

    for html in (edition_html, agency_html):
        for svg in re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="chart[^"]*"[^>]*>', html):
            assert "viewBox=" in svg and " width=" not in svg and " height=" not in svg
        assert "Nguồn: Quyết định 57/QĐ-UBND ngày 25/01/2024. Số liệu năm 2023." in html
    assert "Sở Khoa học và Công nghệ</tspan>" in edition_html  # written out, not "Sở KH&CN"
    assert ">83,45 %</text>" in edition_html
    # The history chart shows each year's index and rank.
    assert ">83,45</text>" in agency_html and ">xếp thứ 3/3</text>" in agency_html
    assert ">xếp thứ 1/3</text>" in agency_html
    # The component chart writes each score against its maximum.
    assert ">40/40</text>" in agency_html
